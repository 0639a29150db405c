import neo4j from 'neo4j-driver';
import { Viewer } from '../auth/viewer';
import { conflict, notFound } from '../api/errors';
import { Transaction } from '../db/graph';
import { Recorder, recorderFor } from '../editing/recorder';
import { Snapshot, citedIds, referencedIds, relId, withMergedSourcesReplaced } from '../editing/snapshot';
import { NODE_PROPERTIES, safeLabel } from '../graph/model';
import { storedProps } from '../db/temporal';
import { CONSTRAINT_FAILED, missingSources } from '../editing/write';
import { Repository } from '../query/repository';
import { cycleThrough, lockHierarchy } from '../organizations/hierarchy';
import { nameKey, nameSkeleton } from '../text/normalize';
import { storedDateText } from '../graph/partial-date';
import { firstHeldElsewhere, lockExternalIds } from '../identifiers/holders';

import type { RevisionRow } from './revision.type';

export type { RevisionRow };

const DATED = new Set(['MEMBER_OF', 'PART_OF']);

/** Which revisions `recentChanges` lists: those of these operations, by this actor (null: any). */
export interface RecentFilter {
  operations: string[] | null;
  actor: string | null;
}

const filterParams = (filter: RecentFilter) => ({ operations: filter.operations?.length ? filter.operations : null, actor: filter.actor });

/**
 * A revision as GraphQL shows it: bitemporal, its transaction time (recordedAt) beside the valid
 * time of every dated statement it changed, read from its before and after snapshots.
 */
export function withValidTime<T extends { at: string; before: string; after: string }>(row: T) {
  const before = JSON.parse(row.before) as Snapshot;
  const after = JSON.parse(row.after) as Snapshot;
  const statements = new Map<string, { before?: Record<string, any> | null; after?: Record<string, any> | null; rel: Snapshot['rels'][number] }>();
  for (const [side, snapshot] of [['before', before], ['after', after]] as const) {
    for (const rel of snapshot.rels ?? []) {
      if (!DATED.has(rel.type)) continue;
      const entry = statements.get(relId(rel)) ?? { rel };
      entry[side] = rel.props;
      statements.set(relId(rel), entry);
    }
  }
  const validTime = [...statements.values()].map(({ rel, before: was, after: is }) => ({
    relationship: rel.type,
    fromId: rel.from,
    toId: rel.to,
    key: rel.key,
    existedBefore: was != null,
    existsAfter: is != null,
    sinceBefore: storedDateText(was, 'since'),
    untilBefore: storedDateText(was, 'until'),
    sinceAfter: storedDateText(is, 'since'),
    untilAfter: storedDateText(is, 'until'),
  }));
  return { ...row, recordedAt: row.at, validTime };
}

/**
 * Writes `recorded` over what `current` describes: recreates nodes, restores properties and
 * relationships, then removes what did not exist in `recorded`. Citations of sources merged
 * away since are written as citations of the sources kept.
 */
async function restore(rec: Recorder, recorded: Snapshot, current: Snapshot): Promise<void> {
  const missing = await missingSources(rec.tx, referencedIds(recorded));
  const kept = new Map([...missing].filter((entry): entry is [string, string] => entry[1] !== null));
  // A citation is written only of a source that exists, as every citing write checks.
  const gone = citedIds(recorded).filter((id) => missing.has(id) && !kept.has(id));
  if (gone.length) throw conflict(`revisionId: the state to restore cites ${gone.map((id) => `"${id}"`).join(', ')}, which no longer exist`, { missingSources: gone });
  const target = withMergedSourcesReplaced(recorded, kept);
  for (const [id, state] of Object.entries(target.nodes)) {
    if (!state) continue;
    const now = current.nodes[id];
    // Years and dates travel in snapshots as numbers and text; storedProps types them again.
    // createdAt travels in snapshots as text; it is written back as a datetime, and only when
    // the node is recreated (revisions older than this rule lack it: the node is new then).
    const { createdAt, ...props } = withCurrentNameKeys(id, state.props);
    if (!now) {
      const labels = state.labels.map(safeLabel).join(':');
      await rec.tx.run(`CREATE (n:${labels}) SET n = $props, n.createdAt = coalesce(datetime($createdAt), datetime())`, {
        props: storedProps(props, NODE_PROPERTIES),
        createdAt: createdAt ?? null,
      });
      // Its earlier revisions point at it again, as they did before it was deleted.
      await rec.tx.run('MATCH (n:Entity {id: $id}) MATCH (r:Revision) WHERE $id IN r.entityIds CREATE (r)-[:CHANGED]->(n)', { id });
    } else {
      const removed = Object.fromEntries(Object.keys(now.props).filter((k) => !(k in props) && k !== 'createdAt').map((k) => [k, null]));
      await rec.tx.run('MATCH (n:Entity {id: $id}) SET n += $props', { id, props: storedProps({ ...props, ...removed }, NODE_PROPERTIES) });
    }
  }
  const targetRels = new Map(target.rels.map((rel) => [relId(rel), rel]));
  for (const rel of current.rels) if (!targetRels.has(relId(rel))) targetRels.set(relId(rel), { ...rel, props: null });
  for (const rel of targetRels.values()) await rec.writeRel(rel);
  const deletedSources: string[] = [];
  for (const [id, state] of Object.entries(current.nodes)) {
    if (state && !target.nodes[id]) {
      await rec.tx.run('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id });
      if (state.labels.includes('Source')) deletedSources.push(id);
    }
  }
  // A source is deleted only when nothing cites it any more, or those facts would cite nothing.
  // Citing writes lock the source first, so none can slip in before this commits.
  if (deletedSources.length) {
    const citing = await rec.tx.run(
      `CALL () { MATCH (n:Entity) WHERE any(id IN n.sourceIds WHERE id IN $ids) RETURN n.id AS fact
                 UNION ALL
                 MATCH (n:Entity) WHERE any(id IN n.externalIdSourceIds WHERE id IN $ids) RETURN n.id + ' externalIds' AS fact
                 UNION ALL
                 MATCH (a:Entity)-[r]->(b:Entity) WHERE any(id IN r.sourceIds WHERE id IN $ids) RETURN a.id + ' ' + type(r) + ' ' + b.id AS fact }
       RETURN fact ORDER BY fact LIMIT 5`,
      { ids: deletedSources },
    );
    if (citing.length) {
      throw conflict(`revisionId: undoing would delete ${deletedSources.join(', ')}, which is still cited (${citing.map((row) => row.fact).join('; ')}); remove or move those citations first`, {
        citedBy: citing.map((row) => row.fact),
      });
    }
  }
}

/**
 * A recorded node's properties with nameKey and nameSkeleton as the current normalization
 * computes them from its name: a revision written before a change of normalization restores
 * keys the duplicate check would no longer find. An explicit duplicate keeps its own key.
 */
function withCurrentNameKeys(id: string, props: Record<string, any>): Record<string, any> {
  if (typeof props.nameKey !== 'string' || typeof props.name !== 'string') return props;
  const key = nameKey(props.name);
  return { ...props, nameKey: props.nameKey.endsWith(`#${id}`) ? `${key}#${id}` : key, nameSkeleton: nameSkeleton(props.name) };
}

/** The external identifiers each node of a snapshot holds in it (graph/model.ts `externalIds`). */
function identifiersOf(snapshot: Snapshot): Map<string, string[]> {
  const held = new Map<string, string[]>();
  for (const [id, state] of Object.entries(snapshot.nodes)) {
    const stored: string[] = state?.props.externalIds ?? [];
    if (stored.length) held.set(id, stored);
  }
  return held;
}

/**
 * Locks the existing entities among `ids`: sources first, then the others, each group in id
 * order, as citing writes lock their sources before the entity they change.
 */
async function lockEntities(tx: Transaction, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)].sort();
  if (!unique.length) return;
  await tx.run(
    `UNWIND $ids AS id MATCH (s:Source {id: id}) WITH s ORDER BY s.id SET s._lock = true REMOVE s._lock
     WITH count(*) AS sources
     UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE NOT n:Source WITH n ORDER BY n.id SET n._lock = true REMOVE n._lock`,
    { ids: unique },
  );
}

export class HistoryRepository extends Repository {
  /** An entity's revisions, newest first, keyed by (at, seq, id) for paging. */
  async history(entityId: string, first: number, after: { at: string; seq: number; id: string } | null): Promise<(RevisionRow & { seq: number })[]> {
    const rows = await this.graph.read(
      `OPTIONAL MATCH (e:Entity {id: $id})
       WITH [$id] + coalesce(e.mergedIds, []) AS ids
       MATCH (r:Revision) WHERE any(x IN r.entityIds WHERE x IN ids)
         AND ($after IS NULL OR r.at < datetime($after.at)
              OR (r.at = datetime($after.at) AND (r.seq < $after.seq OR (r.seq = $after.seq AND r.id < $after.id))))
       RETURN r {.*} AS r ORDER BY r.at DESC, r.seq DESC, r.id DESC LIMIT $limit`,
      { id: entityId, after: after ? { ...after, seq: neo4j.int(after.seq) } : null, limit: neo4j.int(first + 1) },
    );
    return rows.map((row) => ({ undoneBy: null, undoes: null, ...row.r }));
  }

  /**
   * Revisions across the graph, newest first, keyed by (at, seq, id) as `history` pages them;
   * only those of `operations` and by `actor` when given. Uses the index on Revision.at.
   */
  async recent(first: number, after: { at: string; seq: number; id: string } | null, filter: RecentFilter): Promise<(RevisionRow & { seq: number })[]> {
    const rows = await this.graph.read(
      `MATCH (r:Revision) WHERE r.at IS NOT NULL
         AND ($operations IS NULL OR r.operation IN $operations)
         AND ($actor IS NULL OR r.actor = $actor)
         AND ($after IS NULL OR r.at < datetime($after.at)
              OR (r.at = datetime($after.at) AND (r.seq < $after.seq OR (r.seq = $after.seq AND r.id < $after.id))))
       RETURN r {.*} AS r ORDER BY r.at DESC, r.seq DESC, r.id DESC LIMIT $limit`,
      { ...filterParams(filter), after: after ? { ...after, seq: neo4j.int(after.seq) } : null, limit: neo4j.int(first + 1) },
    );
    return rows.map((row) => ({ undoneBy: null, undoes: null, ...row.r }));
  }

  async recentCount(filter: RecentFilter): Promise<number> {
    const [row] = await this.graph.read(
      `MATCH (r:Revision) WHERE ($operations IS NULL OR r.operation IN $operations) AND ($actor IS NULL OR r.actor = $actor)
       RETURN count(r) AS count`,
      filterParams(filter),
    );
    return row.count;
  }

  /** The entities of `ids` that exist now: their name (a source's title) and most specific label. */
  async names(ids: readonly string[]): Promise<Map<string, { name: string | null; type: string | null }>> {
    if (!ids.length) return new Map();
    const rows = await this.graph.read(
      `UNWIND $ids AS id MATCH (n:Entity {id: id})
       RETURN id, coalesce(n.name, n.title) AS name, [l IN labels(n) WHERE NOT l IN ['Entity', 'Organization']] + [l IN labels(n) WHERE l = 'Organization'] AS labels`,
      { ids: [...new Set(ids)] },
    );
    return new Map(rows.map((row) => [row.id as string, { name: (row.name as string | null) ?? null, type: (row.labels as string[])[0] ?? null }]));
  }

  async count(entityId: string): Promise<number> {
    const [row] = await this.graph.read(
      `OPTIONAL MATCH (e:Entity {id: $id})
       WITH [$id] + coalesce(e.mergedIds, []) AS ids
       MATCH (r:Revision) WHERE any(x IN r.entityIds WHERE x IN ids)
       RETURN count(r) AS count`,
      { id: entityId },
    );
    return row.count;
  }

  /** Reverts a revision when no later, still standing revision touches the same entities. */
  async undo(revisionId: string, viewer: Viewer): Promise<RevisionRow & ReturnType<typeof withValidTime>> {
    try {
      return await this.undoIn(revisionId, viewer);
    } catch (error: any) {
      // Something written since (outside the revisions' reach, e.g. a graph import) holds a key
      // the restored state needs: the graph has moved on, which is a conflict, not a crash.
      if (error?.code === CONSTRAINT_FAILED) {
        throw conflict(`revisionId: undoing ${revisionId} collides with a record made since: ${String(error.message).split('\n')[0]}`);
      }
      throw error;
    }
  }

  private async undoIn(revisionId: string, viewer: Viewer): Promise<RevisionRow & ReturnType<typeof withValidTime>> {
    return this.graph.writeTransaction(async (tx) => {
      const recorder = recorderFor(tx, viewer);
      // Locking the revision makes two undos of it queue; the second then sees undoneBy.
      const [row] = await tx.run('MATCH (r:Revision {id: $id}) SET r._lock = true REMOVE r._lock RETURN r {.*} AS r', { id: revisionId });
      if (!row) throw notFound('revisionId', revisionId);
      const revision = row.r as RevisionRow & { seq: number };
      if (revision.undoneBy) throw conflict(`revisionId: revision ${revisionId} was already undone by ${revision.undoneBy}`, { undoneBy: revision.undoneBy });
      if (revision.operation === 'undo') throw conflict(`revisionId: ${revisionId} is itself an undo; undo cannot be undone`);
      const before = JSON.parse(revision.before) as Snapshot;
      const after = JSON.parse(revision.after) as Snapshot;
      // Every entity the undo writes is locked before the check for later revisions, as every
      // editing write locks what it changes before reading it: a write that committed first is
      // seen below and blocks the undo; one that comes later queues and then reads the restored
      // state. Without the locks an update committing between the check and the restore was
      // silently overwritten. Same order as the editing writes: hierarchy, sources, the rest.
      if ([...before.rels, ...after.rels].some((rel) => rel.type === 'PART_OF')) await lockHierarchy(tx);
      // Restoring identifiers can give one to a second node: checked as addExternalId checks,
      // under the same lock, taken where it takes it (after the hierarchy, before any entity).
      const restoredIds = identifiersOf(before);
      if (restoredIds.size) await lockExternalIds(tx);
      await lockEntities(tx, [...revision.entityIds, ...referencedIds(before)]);
      const blockers = await tx.run(
        `MATCH (r:Revision {id: $id}), (later:Revision)
         WHERE later.id <> r.id AND later.undoneBy IS NULL AND later.operation <> 'undo'
           AND (later.at > r.at OR (later.at = r.at AND later.seq > r.seq))
           AND any(e IN later.entityIds WHERE e IN r.entityIds)
         RETURN later.id AS id, later.operation AS operation ORDER BY later.at, later.seq`,
        { id: revisionId },
      );
      if (blockers.length) {
        throw conflict(
          `revisionId: later changes depend on revision ${revisionId} (${blockers.map((b) => `${b.operation} ${b.id}`).join(', ')}); undo those first`,
          { dependents: blockers.map((b) => b.id) },
        );
      }
      // The nodes of the revision get their recorded identifiers back (or are deleted), so only a
      // holder elsewhere can collide: one given an identifier since the revision took it away.
      const held = await firstHeldElsewhere(tx, restoredIds, new Set([...Object.keys(before.nodes), ...Object.keys(after.nodes)]));
      if (held) {
        throw conflict(
          `revisionId: undoing ${revisionId} would give ${held.stored} back to "${held.wantedBy}", but "${held.holderId}" holds it now; an identifier names one node (remove it there first, or merge the two)`,
          { externalId: held.stored, holderId: held.holderId, entityId: held.wantedBy },
        );
      }
      // Restoring a parent can close a cycle through changes made since to other organizations
      // (they do not block the undo, as they touch other entities): checked as setOrganizationParent
      // checks, under the same lock.
      const restoredParents = before.rels.filter((rel) => rel.type === 'PART_OF' && rel.props).map((rel) => rel.from);
      await restore(recorder, before, after);
      const cycle = await cycleThrough(tx, restoredParents);
      if (cycle) throw conflict(`revisionId: undoing ${revisionId} would now make a cycle: ${cycle.join(' → ')}; move one of these first`, { cycle });
      const undoId = await recorder.record('undo', after, before, { undoes: revisionId });
      await tx.run('MATCH (r:Revision {id: $id}) SET r.undoneBy = $undoId', { id: revisionId, undoId });
      const [undone] = await tx.run('MATCH (r:Revision {id: $id}) RETURN r {.*} AS r', { id: undoId });
      return withValidTime({ undoneBy: null, ...undone.r });
    });
  }
}
