import { Graph, Params, Row } from '../../src/db/graph';

/** The real graph, but every read first waits or fails as a test wants (the database is still real). */
export class FaultyGraph extends Graph {
  constructor(
    inner: Graph,
    private readonly fault: (cypher: string) => Promise<void>,
  ) {
    super(inner.driver, inner.database, inner.stats, inner.options);
  }

  override async read(cypher: string, params?: Params): Promise<Row[]> {
    await this.fault(cypher);
    return super.read(cypher, params);
  }
}
