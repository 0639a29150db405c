import { startTestApp, TestApp } from './support/app';
import { ExplainingGraph } from './support/explaining-graph';
import { Loaders } from '../src/db/loaders';
import { PathRepository } from '../src/paths/path.repository';
import { StatsRepository } from '../src/stats/stats.repository';
import { ExportRepository } from '../src/export/export.repository';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

/** Runs a repository call against EXPLAIN; the call itself may stumble over the empty answer. */
async function plansOf(call: (graph: ExplainingGraph) => Promise<unknown>) {
  const graph = new ExplainingGraph(app.driver, app.graph.database);
  await call(graph).catch(() => undefined);
  expect(graph.plans.length).toBeGreaterThan(0);
  return graph.plans;
}

const seeks = (operators: string[]) => operators.filter((op) => /^Node(Unique)?IndexSeek/.test(op)).length;
const scans = (operators: string[]) => operators.filter((op) => /NodeByLabelScan|AllNodesScan/.test(op));

describe('paths, neighborhoods and counts start from the id index', () => {
  it('shortestPath seeks both ends by id and scans no label', async () => {
    const [plan] = await plansOf((graph) => new PathRepository(graph, new Loaders()).shortestPath('person-he-tingting', 'org-acwf', 6));
    expect(plan.operators).toContain('ShortestPath');
    expect(seeks(plan.operators)).toBe(2);
    expect(scans(plan.operators)).toEqual([]);
  });

  it('neighborhood seeks its center and expands from it, three rings deep, without a scan', async () => {
    const [plan] = await plansOf((graph) => new PathRepository(graph, new Loaders()).neighborhood('org-huainan-wf', 3, 200));
    expect(seeks(plan.operators)).toBeGreaterThanOrEqual(1);
    expect(scans(plan.operators)).toEqual([]);
  });

  it('honoreeCount seeks the organization, then walks PART_OF and MEMBER_OF', async () => {
    const [plan] = await plansOf((graph) => new StatsRepository(graph, new Loaders()).honoreeCount('org-acwf', true));
    expect(seeks(plan.operators)).toBeGreaterThanOrEqual(1);
    expect(scans(plan.operators)).toEqual([]);
  });

  it('a subgraph export seeks its root', async () => {
    const [plan] = await plansOf((graph) => new ExportRepository(graph).read({ root: 'org-huainan-wf', hops: 2 }));
    expect(seeks(plan.operators)).toBe(1);
    expect(scans(plan.operators)).toEqual([]);
  });
});
