import { startTestApp, TestApp } from './support/app';
import { ExplainingGraph } from './support/explaining-graph';
import { Loaders } from '../src/db/loaders';
import { ReconcileRepository } from '../src/reconcile/reconcile.repository';
import { ReconcileService } from '../src/reconcile/reconcile.service';
import { parseBatch02 } from '../src/reconcile/reconcile.input';

/** The reconciliation service's statements start from indexes (the id constraint, the full-text indexes), never a scan of all nodes. */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const seeks = (operators: string[]) => operators.filter((op) => /^Node(Unique)?IndexSeek/.test(op)).length;

describe('reconciliation reads are bounded by indexes', () => {
  it('reads entities by id through the id index, without a scan', async () => {
    const graph = new ExplainingGraph(app.driver, app.graph.database);
    await new ReconcileRepository(graph, new Loaders()).details(['org-huainan-wf', 'person-he-tingting']);
    const [plan] = graph.plans;
    expect(seeks(plan.operators)).toBeGreaterThanOrEqual(1);
    expect(plan.operators.filter((op) => /NodeByLabelScan|AllNodesScan/.test(op))).toEqual([]);
  });

  it('finds candidates through the full-text indexes and scans no whole graph', async () => {
    const graph = new ExplainingGraph(app.driver, app.graph.database);
    await new ReconcileService(graph).match(parseBatch02({ q0: { query: '淮南市妇联', properties: [{ pid: 'place', v: '淮南' }] } }));
    const ops = graph.plans.flatMap((p) => p.operators);
    expect(ops.filter((op) => /ProcedureCall/.test(op)).length).toBeGreaterThanOrEqual(4);
    expect(ops).not.toContain('AllNodesScan');
    // Known: the editors' duplicate check (reused as is) scans its label for exact alias hits
    // ($name IN node.aliases); no other statement of the service scans (docs/reconciliation.md).
    const scanning = graph.plans.filter((p) => p.operators.includes('NodeByLabelScan'));
    expect(scanning.length).toBeGreaterThan(0);
    for (const plan of scanning) expect(plan.cypher).toContain('$name IN node.aliases');
  });
});
