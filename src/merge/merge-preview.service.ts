import { ENTITY_LABELS } from '../api/entity-type';
import { badInput } from '../api/errors';
import { EntityRow } from '../api/node.type';
import { Graph, Row, Transaction } from '../db/graph';
import { QUALIFIER_NAMES } from '../graph/model';
import { boundAliases } from '../graph/alias-context';
import { project } from '../query/cypher';
import { toEntity } from '../query/entity';
import { namedProperties } from '../text/normalize';
import { requireEntity, uniteCitations } from '../editing/write';
import { unitedExternalIds } from '../identifiers/external-id';
import { MergeConflictKind, MergeMoveOutcome } from './merge-preview.type';

const ANY_ENTITY = 'a person, organization, honor, program or source';

/**
 * Properties a preview does not compare one by one: names (the kept name stays, the other becomes
 * an alias), citations (united), derived keys and bookkeeping.
 */
const NOT_COMPARED = new Set([
  'id', 'name', 'title', 'aliases', 'contextAliases', 'aliasContexts', 'aliasText', 'contextAliasText', 'contextSearchText', 'searchText',
  'nameKey', 'nameSkeleton', 'mergedIds', 'sourceIds', 'locators', 'createdAt', 'updatedAt', 'createdBy', 'distinctFrom', 'distinctNotes',
  // United, not one kept over the other (unitedExternalIds): what the kept node gains is listed below.
  'externalIds', 'externalIdSourceIds', 'externalIdLocators', 'externalIdText',
]);

/** Qualifiers (and the note) of a statement two nodes both hold, compared when they are united. */
const STATEMENT_VALUES = [...QUALIFIER_NAMES, 'note'];

const text = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
const nameOf = (row: Record<string, any>): string => row.name ?? row.title ?? row.id;

export interface MoveRow {
  relationship: string;
  outgoing: boolean;
  other: EntityRow;
  key: string;
  outcome: MergeMoveOutcome;
}

export interface ConflictRow {
  kind: MergeConflictKind;
  property: string | null;
  kept: string | null;
  merged: string | null;
  message: string;
}

/**
 * What mergeEntities (merge.service.ts) would do, by the same rules, in reads only: which
 * relationships move, unite or drop, the aliases and citations the kept node gains, the
 * properties it fills or keeps against the merged one's, and whether the merge would be refused.
 */
export class MergePreviewService {
  constructor(private readonly graph: Graph) {}

  async preview(keepId: string, mergeId: string) {
    if (keepId === mergeId) throw badInput('mergeId', 'cannot merge a node with itself');
    const read: Transaction = { run: (cypher, params) => this.graph.read(cypher, params) };
    const labels = Object.values(ENTITY_LABELS);
    const keep = await requireEntity(read, 'keepId', keepId, labels, ANY_ENTITY);
    const merged = await requireEntity(read, 'mergeId', mergeId, labels, ANY_ENTITY);
    const keepLabel = labels.find((l) => keep.labels.includes(l))!;
    if (!merged.labels.includes(keepLabel)) {
      throw badInput('mergeId', `cannot merge a ${merged.labels.filter((l) => l !== 'Entity').join('/')} into a ${keepLabel}`);
    }
    const isOrganization = keepLabel === 'Organization';

    // Every relationship of the merged node, as merge.service.ts reads it (loops aside).
    const rels = (
      await this.graph.read(
        `MATCH (n:Entity {id: $id})-[r]-(o:Entity)
         RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, coalesce(r.key, '') AS key, properties(r) AS props, ${project('o')} AS other
         ORDER BY type, other.name, other.id, key`,
        { id: mergeId },
      )
    ).filter((rel) => rel.from !== rel.to);
    const retarget = (id: string) => (id === mergeId ? keepId : id);
    // The kept organization's parents but the merged one (organizations.otherParentCount's count, by name).
    const keptParents = isOrganization
      ? await this.graph.read('MATCH (:Organization {id: $keepId})-[:PART_OF]->(p:Organization) WHERE p.id <> $mergeId RETURN p.id AS id, p.name AS name', { keepId, mergeId })
      : [];
    const targets: Row[] = rels.map((rel) => ({ ...rel, from: retarget(rel.from), to: retarget(rel.to) }));
    const existing = await this.graph.read(
      `UNWIND $rels AS rel
       MATCH (:Entity {id: rel.from})-[r {key: rel.key}]->(:Entity {id: rel.to}) WHERE type(r) = rel.type
       RETURN rel.i AS i, properties(r) AS props`,
      { rels: targets.map((rel, i) => ({ i, type: rel.type, from: rel.from, to: rel.to, key: rel.key })).filter((rel) => rel.from !== rel.to) },
    );
    const held = new Map(existing.map((row) => [Number(row.i), row.props as Record<string, any>]));

    const moves: MoveRow[] = [];
    const conflicts: ConflictRow[] = [];
    targets.forEach((rel, i) => {
      const outgoing = rels[i].from === mergeId;
      const other = toEntity(rels[i].other)!;
      const move = { relationship: rel.type, outgoing, other, key: rel.key };
      if (rel.from === rel.to) {
        moves.push({ ...move, outcome: MergeMoveOutcome.DROPPED });
      } else if (isOrganization && keptParents.length > 0 && rel.type === 'PART_OF' && rel.from === keepId) {
        // An organization has one parent: the kept one's own stays, the merged one's is dropped.
        moves.push({ ...move, outcome: MergeMoveOutcome.DROPPED });
        if (!keptParents.some((p) => p.id === rel.to)) {
          conflicts.push({
            kind: MergeConflictKind.PARENT,
            property: 'PART_OF',
            kept: keptParents.map((p) => p.name).join(', '),
            merged: nameOf(other),
            message: `the two have different parents: ${nameOf(keep)} stays under ${keptParents.map((p) => p.name).join(', ')}; its link to ${nameOf(other)} is dropped`,
          });
        }
      } else if (held.has(i)) {
        moves.push({ ...move, outcome: MergeMoveOutcome.UNITED });
        const kept = held.get(i)!;
        const differ = STATEMENT_VALUES.filter((q) => rel.props[q] != null && kept[q] != null && text(kept[q]) !== text(rel.props[q]));
        conflicts.push({
          kind: MergeConflictKind.SHARED_STATEMENT,
          property: rel.type,
          kept: differ.length ? differ.map((q) => `${q}: ${text(kept[q])}`).join('; ') : null,
          merged: differ.length ? differ.map((q) => `${q}: ${text(rel.props[q])}`).join('; ') : null,
          message: `both hold ${rel.type} ${outgoing ? '→' : '←'} ${nameOf(other)}${rel.key ? ` (${rel.key})` : ''}: united into one, citations united${differ.length ? `, the kept ${differ.join(', ')} stay` : ''}`,
        });
      } else {
        moves.push({ ...move, outcome: MergeMoveOutcome.MOVED });
      }
    });

    // Names: the kept name stays; the merged name and aliases become aliases (merge.service.ts).
    const naming = namedProperties({
      name: keep.name ?? keep.title,
      aliases: [...(keep.aliases ?? []), merged.name ?? merged.title, ...(merged.aliases ?? [])].filter((a) => a && a !== (keep.name ?? keep.title)),
      nameEn: keep.nameEn ?? merged.nameEn ?? null,
      contextAliases: [...boundAliases(keep), ...boundAliases(merged)],
    });
    const keptAliases = new Set(keep.aliases ?? []);
    const aliasesAdded = naming.aliases.filter((a) => !keptAliases.has(a));
    const keptBound = new Set(boundAliases(keep).map((b) => `${b.alias}\n${b.context}`));
    const contextAliasesAdded = naming.contextAliases
      .map((alias, i) => ({ alias, context: naming.aliasContexts[i] }))
      .filter((b) => !keptBound.has(`${b.alias}\n${b.context}`))
      .map((b) => `${b.alias} (${b.context})`);

    const keptCitations = new Set((keep.sourceIds ?? []).map((id: string, i: number) => `${id}\n${keep.locators?.[i] ?? ''}`));
    const united = uniteCitations(keep, merged);
    const citationsMoved = united.sourceIds
      .map((sourceId, i) => ({ sourceId, locator: united.locators[i] }))
      .filter((c) => !keptCitations.has(`${c.sourceId}\n${c.locator}`));

    const filled: { property: string; value: string }[] = [];
    for (const [property, value] of Object.entries(merged)) {
      if (NOT_COMPARED.has(property) || property.startsWith('__') || property.endsWith('Precision') || value == null) continue;
      if (keep[property] == null) filled.push({ property, value: text(value) });
      else if (text(keep[property]) !== text(value)) {
        conflicts.push({
          kind: MergeConflictKind.PROPERTY,
          property,
          kept: text(keep[property]),
          merged: text(value),
          message: `${property} differs: ${text(keep[property])} stays, ${text(value)} is lost`,
        });
      }
    }

    // The merged node's external identifiers join the kept one's (merge.service.ts), with their citations.
    const keptIds: string[] = keep.externalIds ?? [];
    const gained = ((unitedExternalIds(keep, merged).externalIds ?? []) as string[]).filter((stored) => !keptIds.includes(stored));
    if (gained.length) filled.push({ property: 'externalIds', value: gained.join(', ') });

    const citingFacts = keepLabel === 'Source' ? await this.citingCount(mergeId) : 0;
    const cycle = isOrganization ? await this.cycle(keepId, mergeId, keptParents.length > 0) : null;
    if (cycle) conflicts.push({ kind: MergeConflictKind.CYCLE, property: null, kept: null, merged: null, message: cycle });
    return {
      keep: toEntity({ ...keep, __labels: keep.labels }) ?? keep,
      merge: toEntity({ ...merged, __labels: merged.labels }) ?? merged,
      moves,
      aliasesAdded,
      contextAliasesAdded,
      citationsMoved,
      citingFacts,
      filled,
      conflicts,
      refused: cycle,
    };
  }

  /** Facts elsewhere that cite the source (nodes, their external identifiers, relationships, qualifiers' own citations). */
  private async citingCount(sourceId: string): Promise<number> {
    const [row] = await this.graph.read(
      `CALL () { MATCH (n:Entity) WHERE ($sourceId IN n.sourceIds OR $sourceId IN n.externalIdSourceIds) AND n.id <> $sourceId RETURN count(n) AS nodes }
       CALL () { MATCH (a:Entity)-[r]->(b:Entity) WHERE ($sourceId IN r.sourceIds OR ${QUALIFIER_NAMES.map((q) => `$sourceId IN r.${q}SourceIds`).join(' OR ')})
                   AND a.id <> $sourceId AND b.id <> $sourceId RETURN count(r) AS rels }
       RETURN nodes + rels AS count`,
      { sourceId },
    );
    return Number(row?.count ?? 0);
  }

  /**
   * The cycle the merge would make, in words, or null: the kept organization lies two or more
   * levels under the merged one (a child of the merged one, above the kept one, would become its
   * child), or the merged one lies two or more levels under the kept one while the kept one has
   * no parent of its own (it would take the merged one's parent, which is under it).
   */
  private async cycle(keepId: string, mergeId: string, keptHasParent: boolean): Promise<string | null> {
    const [row] = await this.graph.read(
      `MATCH (k:Organization {id: $keepId}), (m:Organization {id: $mergeId})
       OPTIONAL MATCH down = (k)-[:PART_OF*2..]->(m)
       WITH k, m, down LIMIT 1
       OPTIONAL MATCH up = (m)-[:PART_OF*2..]->(k) WHERE NOT $keptHasParent
       RETURN [n IN nodes(down) | n.id] AS down, [n IN nodes(up) | n.id] AS up LIMIT 1`,
      { keepId, mergeId, keptHasParent },
    );
    const path: string[] | null = row?.down ?? row?.up ?? null;
    if (!path) return null;
    const after = path.map((id) => (id === mergeId ? keepId : id));
    return `merging ${mergeId} into ${keepId} would make a cycle: ${after.join(' → ')}`;
  }
}
