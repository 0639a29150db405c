import type { Viewer } from '../auth/viewer';
import { unitedExternalIds } from '../identifiers/external-id';
import { ENTITY_LABELS } from '../api/entity-type';
import { badInput } from '../api/errors';
import { EntityRow } from '../api/node.type';
import { Graph, Transaction } from '../db/graph';
import { storedProps } from '../db/temporal';
import { NODE_PROPERTIES, QUALIFIER_NAMES } from '../graph/model';
import { FigureRepository } from '../figures/figure.repository';
import { awardKey } from '../honors/award-key';
import { NodeRepository } from '../nodes/node.repository';
import { cycleThrough, lockHierarchy } from '../organizations/hierarchy';
import { OrganizationRepository } from '../organizations/organization.repository';
import { namedProperties } from '../text/normalize';
import { boundAliases } from '../graph/alias-context';
import { Tracked } from '../editing/recorder';
import { lock, lockAll, mutate, requireEntity, uniteCitations } from '../editing/write';

const ANY_ENTITY = 'a person, organization, honor, program or source';

/**
 * Merging a duplicate into the node kept (admin). Generic over every label and relationship
 * type, so the Cypher that moves relationships and rewrites citations is here, not in a feature.
 */
/** Qualifiers that may cite sources of their own (graph/model.ts). */
const CITATION_LISTS = QUALIFIER_NAMES;

/**
 * The nodes either was judged not the same as (dismissDuplicate), with their notes: the kept
 * node's first, each once, neither of the two merged. Empty lists stay absent.
 */
function unitedDistinctions(keep: Record<string, any>, merged: Record<string, any>, exclude: string[]) {
  const ids: string[] = [];
  const notes: string[] = [];
  for (const props of [keep, merged]) {
    (props.distinctFrom ?? []).forEach((id: string, i: number) => {
      if (exclude.includes(id) || ids.includes(id)) return;
      ids.push(id);
      notes.push(props.distinctNotes?.[i] ?? '');
    });
  }
  return ids.length || keep.distinctFrom != null ? { distinctFrom: ids.length ? ids : null, distinctNotes: ids.length ? notes : null } : {};
}

export class MergeService {
  constructor(
    private readonly graph: Graph,
    private readonly nodes: NodeRepository,
    private readonly organizations: OrganizationRepository,
    private readonly figures: FigureRepository,
  ) {}

  /**
   * Moves every relationship and property of `mergeId` onto `keepId` and deletes it: the kept
   * node's values win, the other's fill its gaps, its name becomes an alias and citations are
   * united. Parallel relationships (same type, other end and key) are united, not doubled.
   */
  async merge(viewer: Viewer, keepId: string, mergeId: string): Promise<EntityRow> {
    if (keepId === mergeId) throw badInput('mergeId', 'cannot merge a node with itself');
    const labels = Object.values(ENTITY_LABELS);
    await mutate(this.graph, viewer, async (rec) => {
      const first = await requireEntity(rec.tx, 'keepId', keepId, labels, ANY_ENTITY);
      const keepLabel = labels.find((l) => first.labels.includes(l))!;
      // Organizations: their PART_OF edges move, so the merge queues with every hierarchy change.
      if (keepLabel === 'Organization') await lockHierarchy(rec.tx);
      for (const id of [keepId, mergeId].sort()) await lock(rec.tx, id);
      // Read again under the locks: the kept name, aliases and citations are rewritten from these.
      const keep = await requireEntity(rec.tx, 'keepId', keepId, labels, ANY_ENTITY);
      const merged = await requireEntity(rec.tx, 'mergeId', mergeId, labels, ANY_ENTITY);
      if (!merged.labels.includes(keepLabel)) {
        throw badInput('mergeId', `cannot merge a ${merged.labels.filter((l) => l !== 'Entity').join('/')} into a ${keepLabel}`);
      }
      const moved = (await rec.relsOf(mergeId)).filter((rel) => rel.from !== rel.to);
      const retarget = (id: string) => (id === mergeId ? keepId : id);
      let targets = moved
        .map((rel) => ({ ...rel, from: retarget(rel.from), to: retarget(rel.to) }))
        .filter((rel) => rel.from !== rel.to);
      if (keepLabel === 'Organization') {
        // An organization has one parent: the kept one's, else the merged one's.
        // (Its edge to the merged one does not count: that one disappears.)
        const parents = await this.organizations.otherParentCount(rec.tx, keepId, mergeId);
        if (parents > 0) targets = targets.filter((rel) => !(rel.type === 'PART_OF' && rel.from === keepId));
      }
      const figures = await this.figures.idsAbout(rec.tx, mergeId);
      const tracked: Tracked = {
        nodes: [keepId, mergeId, ...figures],
        rels: [...moved, ...targets].map(({ type, from, to, key }) => ({ type, from, to, key })),
      };
      // A merged source is cited by facts anywhere in the graph: they cite the kept one instead,
      // recorded in the revision so that an undo gives them their citation back.
      const citing = keepLabel === 'Source' ? await this.citing(rec.tx, mergeId) : { nodes: [], rels: [] };
      tracked.nodes.push(...citing.nodes.filter((id) => !tracked.nodes.includes(id)));
      tracked.rels.push(...citing.rels);
      // Their owners are locked as editors adding a citation lock them, so no union is lost.
      const owners = [...new Set([...citing.nodes, ...citing.rels.flatMap((r) => [r.from, r.to])])].filter((id) => id !== keepId && id !== mergeId).sort();
      if (owners.length) await lockAll(rec.tx, owners);
      await rec.tracked('mergeEntities', tracked, async () => {
        for (const rel of targets) {
          const current = await rec.rel(rel.type, rel.from, rel.to, rel.key);
          const props: Record<string, any> = current.props ? { ...rel.props, ...current.props, ...uniteCitations(current.props, rel.props) } : { ...rel.props };
          if (rel.type === 'RECEIVED') props.awardKey = awardKey(rel.from, rel.to, props.year ?? null);
          await rec.writeRel({ ...rel, props: { ...props, key: rel.key } });
        }
        await this.figures.moveSubject(rec.tx, mergeId, keepId);
        const mergedProps = (await rec.node(mergeId))!.props;
        const keepProps = (await rec.node(keepId))!.props;
        const naming = namedProperties({
          name: keep.name,
          aliases: [...(keep.aliases ?? []), mergedProps.name, ...(mergedProps.aliases ?? [])].filter((a) => a && a !== keep.name),
          nameEn: keep.nameEn ?? mergedProps.nameEn ?? null,
          // Bound aliases stay bound to their contexts, the kept node's first.
          contextAliases: [...boundAliases(keepProps), ...boundAliases(mergedProps)],
        });
        naming.nameKey = keepProps.nameKey ?? naming.nameKey;
        const filled = Object.fromEntries(Object.entries(mergedProps).filter(([k, v]) => v != null && keepProps[k] == null && k !== 'createdAt'));
        // Nodes merged into the merged one earlier stay findable in the kept one's history.
        const mergedIds = [...new Set([...(keepProps.mergedIds ?? []), mergeId, ...(mergedProps.mergedIds ?? [])])];
        const props = {
          ...filled,
          ...naming,
          ...uniteCitations(keepProps, mergedProps),
          mergedIds,
          ...unitedDistinctions(keepProps, mergedProps, [keepId, mergeId]),
          // Both nodes' external identifiers, each with its citation.
          ...unitedExternalIds(keepProps, mergedProps),
        };
        if (keepLabel === 'Source') (props as any).title = naming.name;
        delete (props as any).id;
        await rec.tx.run('MATCH (n:Entity {id: $mergeId}) DETACH DELETE n', { mergeId });
        await rec.tx.run('MATCH (n:Entity {id: $keepId}) SET n += $props, n.updatedAt = datetime()', { keepId, props: storedProps(props, NODE_PROPERTIES) });
        if (keepLabel === 'Source') await this.recite(rec.tx, mergeId, keepId);
      });
      if (keepLabel === 'Organization') {
        const cycle = await cycleThrough(rec.tx, [keepId]);
        if (cycle) throw badInput('mergeId', `merging ${mergeId} into ${keepId} would make a cycle: ${cycle.join(' → ')}`);
      }
    });
    return this.nodes.byIdFresh(keepId);
  }

  /** Nodes and relationships whose citations name `sourceId`, apart from the source's own relationships. */
  private async citing(tx: Transaction, sourceId: string): Promise<Tracked> {
    // No index covers list membership: a scan, acceptable for a rare admin operation.
    // A node cites it for its own facts or for one of its external identifiers.
    const nodes = await tx.run(
      'MATCH (n:Entity) WHERE ($sourceId IN n.sourceIds OR $sourceId IN n.externalIdSourceIds) AND n.id <> $sourceId RETURN n.id AS id ORDER BY id',
      { sourceId },
    );
    const rels = await tx.run(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE ($sourceId IN r.sourceIds OR ${CITATION_LISTS.map((q) => `$sourceId IN r.${q}SourceIds`).join(' OR ')}) AND a.id <> $sourceId AND b.id <> $sourceId
       RETURN type(r) AS type, a.id AS from, b.id AS to, r.key AS key`,
      { sourceId },
    );
    return { nodes: nodes.map((row) => row.id), rels: rels.map((row) => ({ type: row.type, from: row.from, to: row.to, key: row.key ?? '' })) };
  }

  /** Every citation of `fromId` now names `toId`, at the same locator; a pair cited twice is kept once. */
  private async recite(tx: Transaction, fromId: string, toId: string): Promise<void> {
    const rewrite = (v: string, ids = 'sourceIds', locators = 'locators') => `
      WITH ${v}, [i IN range(0, size(${v}.${ids}) - 1) |
                  [CASE ${v}.${ids}[i] WHEN $fromId THEN $toId ELSE ${v}.${ids}[i] END, coalesce(${v}.${locators}[i], '')]] AS pairs
      WITH ${v}, reduce(kept = [], pair IN pairs | CASE WHEN pair IN kept THEN kept ELSE kept + [pair] END) AS pairs
      SET ${v}.${ids} = [pair IN pairs | pair[0]], ${v}.${locators} = [pair IN pairs | pair[1]]`;
    await tx.run(`MATCH (n:Entity) WHERE $fromId IN n.sourceIds ${rewrite('n')}`, { fromId, toId });
    await tx.run(`MATCH (:Entity)-[r]->(:Entity) WHERE $fromId IN r.sourceIds ${rewrite('r')}`, { fromId, toId });
    // A qualifier's own citations (an award year's sources, say) follow the source too.
    for (const q of CITATION_LISTS) {
      await tx.run(`MATCH (:Entity)-[r]->(:Entity) WHERE $fromId IN r.${q}SourceIds ${rewrite('r', `${q}SourceIds`, `${q}Locators`)}`, { fromId, toId });
    }
    // An identifier's citation stays aligned with its identifier: rewritten in place, none removed.
    await tx.run(
      `MATCH (n:Entity) WHERE $fromId IN n.externalIdSourceIds
       SET n.externalIdSourceIds = [id IN n.externalIdSourceIds | CASE id WHEN $fromId THEN $toId ELSE id END]`,
      { fromId, toId },
    );
  }
}
