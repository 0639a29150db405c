import { Driver } from 'neo4j-driver';
import { Graph, Params, Row } from '../../src/db/graph';

/**
 * A graph that EXPLAINs what a repository sends instead of running it, keeping each plan's
 * operators, so tests can check which indexes the real statements use.
 */
export class ExplainingGraph extends Graph {
  readonly plans: { cypher: string; operators: string[] }[] = [];

  constructor(driver: Driver, database: string) {
    super(driver, database);
  }

  async read(cypher: string, params: Params = {}): Promise<Row[]> {
    const result = await this.driver.executeQuery(`EXPLAIN ${cypher}`, params, { database: this.database });
    const operators: string[] = [];
    const walk = (plan: any) => {
      operators.push(String(plan.operatorType).replace(/@.*$/, ''));
      (plan.children ?? []).forEach(walk);
    };
    walk(result.summary.plan);
    this.plans.push({ cypher, operators });
    return [];
  }
}
