import { randomUUID } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { Viewer } from '../auth/viewer';
import { Transaction } from '../db/graph';
import { NodeState, RelState, Snapshot, entityIdsOf, stripUntracked } from './snapshot';
import { RELATIONSHIPS, RelationshipTypeName, safeRelType } from '../graph/model';
import { storedProps } from '../db/temporal';

export type RelKey = Pick<RelState, 'type' | 'from' | 'to' | 'key'>;

/** What one write changes: the nodes and relationships its revision holds before and after. */
export interface Tracked {
  nodes: string[];
  rels: RelKey[];
}

/**
 * The revision recording of one write transaction: reads nodes and relationships as snapshots
 * hold them, and writes `(:Revision)` nodes, numbered so their order survives equal timestamps
 * (`seq`, within the transaction) and by one global, commit-ordered `position` (the revision log).
 */
export class Recorder {
  private seq = 0;
  /** While `batched` runs: what its one revision covers, and the state before each part was first touched. */
  private batch: { before: Snapshot; tracked: Tracked; seen: Set<string> } | null = null;
  /** The id of the last revision this transaction recorded, for a mutation's payload. */
  lastRevisionId: string | null = null;

  constructor(
    readonly tx: Transaction,
    readonly actor: { sub: string; role: string },
  ) {}

  async record(operation: string, before: Snapshot, after: Snapshot, extra: { undoes?: string } = {}): Promise<string> {
    const id = `rev-${randomUUID()}`;
    const entityIds = entityIdsOf(before, after);
    // The log's counter is taken in this transaction and held to its commit: the next write waits
    // for it, so positions are gap-free in commit order (src/live/ follows the log by them).
    await this.tx.run(
      `MERGE (log:RevisionLog {name: 'revisions'})
       SET log.position = coalesce(log.position, 0) + 1
       CREATE (r:Revision {id: $id, at: datetime(), seq: $seq, position: log.position, actor: $actor, role: $role, operation: $operation,
                           entityIds: $entityIds, before: $before, after: $after, undoes: $undoes})
       WITH r
       UNWIND $entityIds AS entityId
       MATCH (e:Entity {id: entityId})
       CREATE (r)-[:CHANGED]->(e)`,
      {
        id,
        seq: neo4j.int(this.seq++),
        actor: this.actor.sub,
        role: this.actor.role,
        operation,
        entityIds,
        before: JSON.stringify(before),
        after: JSON.stringify(after),
        undoes: extra.undoes ?? null,
      },
    );
    this.lastRevisionId = id;
    return id;
  }

  /**
   * Runs `work`, whose writes (each a `tracked` change) are recorded as ONE revision named
   * `operation`: the state before holds each node and relationship as it was when first touched,
   * the state after as `work` left it. Nothing changed: no revision. One undo reverts it all.
   */
  async batched<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (this.batch) throw new Error('Recorder.batched does not nest');
    const batch = (this.batch = { before: { nodes: {}, rels: [] } as Snapshot, tracked: { nodes: [], rels: [] } as Tracked, seen: new Set<string>() });
    let result: T;
    try {
      result = await work();
    } finally {
      this.batch = null;
    }
    const after = await this.snapshot(batch.tracked);
    if (JSON.stringify(batch.before) !== JSON.stringify(after)) await this.record(operation, batch.before, after);
    return result;
  }

  /** Runs `change` between two snapshots of `tracked` and records the revision when anything changed. */
  async tracked<T>(operation: string, tracked: Tracked, change: () => Promise<T>): Promise<T> {
    if (this.batch) {
      const batch = this.batch;
      for (const id of tracked.nodes) {
        if (batch.seen.has(`node ${id}`)) continue;
        batch.seen.add(`node ${id}`);
        batch.tracked.nodes.push(id);
        batch.before.nodes[id] = await this.node(id);
      }
      for (const rel of tracked.rels) {
        const key = `rel ${rel.type} ${rel.from} ${rel.to} ${rel.key}`;
        if (batch.seen.has(key)) continue;
        batch.seen.add(key);
        batch.tracked.rels.push({ type: rel.type, from: rel.from, to: rel.to, key: rel.key });
        batch.before.rels.push(await this.rel(rel.type, rel.from, rel.to, rel.key));
      }
      return change();
    }
    const before = await this.snapshot(tracked);
    const result = await change();
    const after = await this.snapshot(tracked);
    if (JSON.stringify(before) !== JSON.stringify(after)) await this.record(operation, before, after);
    return result;
  }

  async snapshot(tracked: Tracked): Promise<Snapshot> {
    const snapshot: Snapshot = { nodes: {}, rels: [] };
    for (const id of tracked.nodes) snapshot.nodes[id] = await this.node(id);
    for (const rel of tracked.rels) snapshot.rels.push(await this.rel(rel.type, rel.from, rel.to, rel.key));
    return snapshot;
  }

  /** A node as a snapshot holds it, or null when it does not exist. */
  async node(id: string): Promise<NodeState | null> {
    const [row] = await this.tx.run('MATCH (n:Entity {id: $id}) RETURN labels(n) AS labels, properties(n) AS props', { id });
    return row ? { labels: [...row.labels].sort(), props: stripUntracked(row.props) } : null;
  }

  async rel(type: string, from: string, to: string, key: string): Promise<RelState> {
    const [row] = await this.tx.run(
      `MATCH (:Entity {id: $from})-[r:${safeRelType(type)} {key: $key}]->(:Entity {id: $to}) RETURN properties(r) AS props`,
      { from, to, key },
    );
    return { type, from, to, key, props: row ? row.props : null };
  }

  /** Every relationship of a node, both directions. */
  async relsOf(id: string): Promise<RelState[]> {
    const rows = await this.tx.run(
      `MATCH (n:Entity {id: $id})-[r]-(o:Entity)
       RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, r.key AS key, properties(r) AS props`,
      { id },
    );
    return rows.map((row) => ({ type: row.type, from: row.from, to: row.to, key: row.key ?? '', props: row.props }));
  }

  /**
   * Writes a relationship as a snapshot holds it: its properties replaced, or deleted when they are
   * null. The statement id comes back with them (an undo restores the old one); props without one
   * (a snapshot from before ids) keep the edge's id or get a new one.
   */
  async writeRel(rel: RelState): Promise<void> {
    const type = safeRelType(rel.type);
    if (rel.props) {
      await this.tx.run(
        `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
         MERGE (a)-[r:${type} {key: $key}]->(b)
         WITH r, coalesce($props.id, r.id, 'st-' + randomUUID()) AS id
         SET r = $props, r.id = id`,
        { from: rel.from, to: rel.to, key: rel.key, props: storedProps(rel.props, RELATIONSHIPS[type as RelationshipTypeName].properties) },
      );
    } else {
      await this.tx.run(`MATCH (:Entity {id: $from})-[r:${type} {key: $key}]->(:Entity {id: $to}) DELETE r`, { ...rel });
    }
  }
}

/** The recorder of a write the viewer makes; every write has a user, as @Authorized guarantees. */
export function recorderFor(tx: Transaction, viewer: Viewer): Recorder {
  if (!viewer.user) throw new Error('a mutation ran without a user; @Authorized is missing');
  return new Recorder(tx, viewer.user);
}
