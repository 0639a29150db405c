import neo4j, { Driver } from 'neo4j-driver';
import type { EdgeRow, Row } from './generate';

/**
 * The bulk loader's Cypher (the bench's own repository): CREATE, not MERGE, because it only ever
 * writes into an empty database whose ids it generated itself; one transaction per batch.
 */
export class BulkRepository {
  constructor(
    private readonly driver: Driver,
    private readonly database: string,
  ) {}

  private async write<T>(cypher: string, params: Record<string, unknown>, column = 'written'): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(async (tx) => {
        const result = await tx.run(cypher, params);
        return result.records[0]?.get(column) as T;
      });
    } finally {
      await session.close();
    }
  }

  /**
   * Every node is an :Entity beside its own label, as the app's seed loader writes it. Returns
   * the new nodes' element ids in row order, so relationships can find their ends by element id
   * (a direct record seek) instead of an index seek per end.
   */
  createNodes(label: string, rows: Row[]): Promise<string[]> {
    return this.write(
      `UNWIND $rows AS row
       CREATE (n:Entity:${label})
       SET n = row, n.createdAt = datetime()
       RETURN collect(elementId(n)) AS elementIds`,
      { rows },
      'elementIds',
    );
  }

  /** `from` and `to` are element ids returned by createNodes. */
  async createRelationships(type: string, rows: EdgeRow[]): Promise<number> {
    const written = await this.write<number>(
      `UNWIND $rows AS row
       MATCH (a) WHERE elementId(a) = row.from
       MATCH (b) WHERE elementId(b) = row.to
       CREATE (a)-[r:${type}]->(b)
       SET r = row.props
       SET r.id = coalesce(r.id, 'st-' + randomUUID())
       RETURN count(r) AS written`,
      { rows },
    );
    if (written !== rows.length) throw new Error(`${type}: ${rows.length - written} of ${rows.length} rows name a missing node`);
    return written;
  }

  async counts(): Promise<{ nodes: number; relationships: number }> {
    const { records } = await this.driver.executeQuery(
      'CALL { MATCH (n) RETURN count(n) AS nodes } CALL { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
      {},
      { database: this.database },
    );
    return { nodes: records[0].get('nodes'), relationships: records[0].get('relationships') };
  }
}
