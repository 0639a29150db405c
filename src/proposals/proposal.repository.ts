import neo4j from 'neo4j-driver';
import { Graph, Row, Transaction } from '../db/graph';
import { integer } from '../db/temporal';
import { Repository } from '../query/repository';

/** A proposal as stored: one `(:Proposal)` node, apart from the graph (no Entity label). */
export interface ProposalRow {
  id: string;
  status: 'OPEN' | 'COMMITTED';
  contentHash: string;
  fileName: string | null;
  format: string;
  mediaType: string | null;
  title: string | null;
  createdAt: string;
  createdBy: string;
  text: string;
  repairsJson: string;
  contextJson: string;
  itemsJson: string;
  itemCount: number;
  duplicateOfId: string | null;
  /** The Source the commit cites instead of creating one (the earlier ingest's of the same bytes). */
  sourceId: string | null;
  revisionId: string | null;
  committedAt: string | null;
  committedBy: string | null;
  resultJson: string | null;
  updatedAt: string | null;
}

/** An existing node as a check needs it: its labels, name, and the node it was merged into when it is gone. */
export interface ExistingNode {
  id: string;
  labels: string[];
  name: string | null;
}

/** One fact to look for between existing nodes. */
export type FactCheck =
  | { item: string; type: 'RECEIVED'; from: string; to: string; key: string }
  | { item: string; type: 'MEMBER_OF'; from: string; to: string; key: string }
  | { item: string; type: 'PART_OF'; from: string; to: string }
  | { item: string; type: 'ORGANIZED' | 'PARTNERED'; from: string; to: string }
  | { item: string; type: 'FIGURE'; subjectId: string; value: number; unit: string; year: number | null };

const fields = 'p {.*, createdAt: toString(p.createdAt), committedAt: toString(p.committedAt), updatedAt: toString(p.updatedAt)} AS p';

/** The Cypher of proposals, and the reads of the graph a proposal needs (what exists already). */
export class ProposalRepository extends Repository {
  async create(props: Record<string, unknown>): Promise<void> {
    await this.graph.write('CREATE (p:Proposal) SET p = $props, p.createdAt = datetime()', { props });
  }

  async byId(id: string): Promise<ProposalRow | null> {
    const [row] = await this.graph.read(`MATCH (p:Proposal {id: $id}) RETURN ${fields}`, { id });
    return row ? (row.p as ProposalRow) : null;
  }

  /** The latest proposal of the same bytes, other than `exceptId`, committed ones first. */
  async sameContent(contentHash: string, exceptId: string | null = null): Promise<ProposalRow | null> {
    const [row] = await this.graph.read(
      `MATCH (p:Proposal {contentHash: $contentHash}) WHERE $exceptId IS NULL OR p.id <> $exceptId
       RETURN ${fields} ORDER BY p.status = 'COMMITTED' DESC, p.createdAt DESC, p.id DESC LIMIT 1`,
      { contentHash, exceptId },
    );
    return row ? (row.p as ProposalRow) : null;
  }

  /** A page of proposals, newest first, keyed by (createdAt, id); `more` when others follow. */
  async page(status: string | null, limit: number, after: [string, string] | null): Promise<{ rows: ProposalRow[]; more: boolean }> {
    const rows = await this.graph.read(
      `MATCH (p:Proposal) WHERE ($status IS NULL OR p.status = $status)
         AND ($after IS NULL OR p.createdAt < datetime($after[0]) OR (p.createdAt = datetime($after[0]) AND p.id < $after[1]))
       RETURN ${fields} ORDER BY p.createdAt DESC, p.id DESC LIMIT $limit`,
      { status, after, limit: neo4j.int(limit + 1) },
    );
    return { rows: rows.slice(0, limit).map((r) => r.p as ProposalRow), more: rows.length > limit };
  }

  async count(status: string | null): Promise<number> {
    const [row] = await this.graph.read('MATCH (p:Proposal) WHERE $status IS NULL OR p.status = $status RETURN count(p) AS count', { status });
    return Number(row.count);
  }

  // ---- inside a write transaction ----

  /** The proposal, locked: two reviews or commits of one proposal queue. Null when none has the id. */
  async lockIn(tx: Transaction, id: string): Promise<ProposalRow | null> {
    const [row] = await tx.run(`MATCH (p:Proposal {id: $id}) SET p._lock = true REMOVE p._lock RETURN ${fields}`, { id });
    return row ? (row.p as ProposalRow) : null;
  }

  async saveIn(tx: Transaction, id: string, props: Record<string, unknown>, committed = false): Promise<void> {
    await tx.run(
      `MATCH (p:Proposal {id: $id}) SET p += $props, p.updatedAt = datetime() ${committed ? ', p.committedAt = datetime()' : ''}`,
      { id, props },
    );
  }

  // ---- the graph as a proposal sees it ----

  /** The nodes of these ids that exist, with their labels; and for the others, the node each was merged into. */
  async nodes(run: Graph | Transaction, ids: readonly string[]): Promise<{ found: Map<string, ExistingNode>; mergedInto: Map<string, string> }> {
    const asked = [...new Set(ids)];
    const exec = (cypher: string, params: Record<string, unknown>): Promise<Row[]> => (run instanceof Graph ? run.read(cypher, params) : run.run(cypher, params));
    const found = new Map<string, ExistingNode>();
    const mergedInto = new Map<string, string>();
    if (!asked.length) return { found, mergedInto };
    const rows = await exec(
      `UNWIND $ids AS id MATCH (n:Entity {id: id})
       RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'] AS labels, coalesce(n.name, n.title) AS name`,
      { ids: asked },
    );
    for (const row of rows) found.set(row.id, { id: row.id, labels: row.labels, name: row.name ?? null });
    const missing = asked.filter((id) => !found.has(id));
    if (missing.length) {
      const kept = await exec('UNWIND $ids AS id MATCH (k:Entity) WHERE id IN k.mergedIds RETURN id, k.id AS keptId ORDER BY keptId', { ids: missing });
      for (const row of kept) if (!mergedInto.has(row.id)) mergedInto.set(row.id, row.keptId);
    }
    return { found, mergedInto };
  }

  /** Of the checks, the ones the graph holds already, by item id, with the statement or figure id. */
  async factsPresent(checks: FactCheck[]): Promise<Map<string, string>> {
    const present = new Map<string, string>();
    if (!checks.length) return present;
    const keyed = checks.filter((c) => c.type === 'RECEIVED' || c.type === 'MEMBER_OF') as Extract<FactCheck, { key: string }>[];
    const linked = checks.filter((c) => c.type === 'PART_OF' || c.type === 'ORGANIZED' || c.type === 'PARTNERED') as Extract<FactCheck, { type: 'PART_OF' | 'ORGANIZED' | 'PARTNERED' }>[];
    const figures = checks.filter((c) => c.type === 'FIGURE') as Extract<FactCheck, { type: 'FIGURE' }>[];
    const rows = await this.graph.read(
      `CALL () {
         UNWIND $keyed AS c
         MATCH (:Entity {id: c.from})-[r {key: c.key}]->(:Entity {id: c.to}) WHERE type(r) = c.type
         RETURN c.item AS item, r.id AS id
         UNION ALL
         UNWIND $linked AS c
         MATCH (:Entity {id: c.from})-[r]->(:Entity {id: c.to}) WHERE type(r) = c.type AND (c.type <> 'PART_OF' OR r.until IS NULL)
         RETURN c.item AS item, r.id AS id
         UNION ALL
         UNWIND $figures AS c
         MATCH (f:Figure {subjectId: c.subjectId}) WHERE f.value = c.value AND f.unit = c.unit AND (f.year = c.year OR (c.year IS NULL AND f.year IS NULL))
         RETURN c.item AS item, f.id AS id
       }
       RETURN item, min(id) AS id`,
      {
        keyed,
        linked,
        figures: figures.map((f) => ({ ...f, value: f.value, year: integer(f.year) })),
      },
    );
    for (const row of rows) present.set(row.item, row.id ?? '');
    return present;
  }

  /** The current parents of an organization (open PART_OF links), as a transaction sees them. */
  async parentsIn(tx: Transaction, id: string): Promise<string[]> {
    const rows = await tx.run('MATCH (:Organization {id: $id})-[r:PART_OF]->(p:Organization) WHERE r.until IS NULL RETURN p.id AS id ORDER BY id', { id });
    return rows.map((row) => row.id);
  }
}
