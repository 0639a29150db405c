import { createHash } from 'node:crypto';
import { Graph, Transaction } from '../db/graph';

export type Rows = Record<string, unknown>[];

/**
 * The seed's writes. Every statement MERGEs by id (or by both ends and a key for
 * relationships) and sets the same values again, so loading twice changes nothing.
 */
export class SeedRepository {
  constructor(private readonly tx: Transaction) {}

  async nodes(label: string, rows: Rows): Promise<number> {
    if (!rows.length) return 0;
    await this.tx.run(
      `UNWIND $rows AS row
       MERGE (n:Entity {id: row.id})
       ON CREATE SET n.createdAt = datetime()
       SET n:${label}, n += row.props`,
      { rows },
    );
    return rows.length;
  }

  /**
   * Relationships between existing nodes; `key` tells apart parallel edges of one type. Each gets
   * the statement id its type, ends and key determine (so a reseed gives the same ids); one that
   * has an id keeps it.
   */
  async relationships(type: string, rows: Rows): Promise<number> {
    if (!rows.length) return 0;
    const withIds = rows.map((row) => ({ ...row, id: seedStatementId(type, String(row.from), String(row.to), String(row.key)) }));
    const result = await this.tx.run(
      `UNWIND $rows AS row
       MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
       MERGE (a)-[r:${type} {key: row.key}]->(b)
       SET r += row.props, r.id = coalesce(r.id, row.id)
       RETURN count(r) AS written`,
      { rows: withIds },
    );
    const written = result[0]?.written ?? 0;
    if (written !== rows.length) {
      throw new Error(`${type}: ${rows.length - written} of ${rows.length} rows name an id that is not in the seed`);
    }
    return written;
  }

  async counts(): Promise<{ nodes: number; relationships: number }> {
    const [nodes] = await this.tx.run('MATCH (n) RETURN count(n) AS count');
    const [relationships] = await this.tx.run('MATCH ()-[r]->() RETURN count(r) AS count');
    return { nodes: nodes.count, relationships: relationships.count };
  }
}

export async function isGraphEmpty(graph: Graph): Promise<boolean> {
  const [row] = await graph.read('MATCH (n:Entity) RETURN count(n) = 0 AS empty');
  return row.empty;
}

/** The seed's statement id of a relationship: `st-` and a hash of its type, ends and key. */
export function seedStatementId(type: string, from: string, to: string, key: string): string {
  return `st-${createHash('sha256').update([type, from, to, key].join('\u0000')).digest('hex').slice(0, 32)}`;
}
