import { startTestApp, TestApp } from './support/app';
import { ExplainingGraph } from './support/explaining-graph';
import { Loaders } from '../src/db/loaders';
import { EntityType } from '../src/api/entity-type';
import { DuplicateRepository } from '../src/duplicates/duplicate.repository';
import { ImportRepository } from '../src/import/import.repository';
import { namedProperties } from '../src/text/normalize';

/**
 * The editors' duplicate check (also the reconciliation service's and the ingest matcher's
 * candidates) and the import's exact match start every branch from an index: nameKey,
 * nameSkeleton, the name index, and the keyword full-text index entity_alias_exact for exact
 * aliases. No branch scans the label, so their cost does not grow with the number of nodes.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-dp-' DETACH DELETE n");
  await app.close();
});

const SCANS = /NodeByLabelScan|AllNodesScan/;
const TYPES = [EntityType.PERSON, EntityType.ORGANIZATION, EntityType.HONOR, EntityType.PROGRAM, EntityType.SOURCE];

const explainCandidates = async (name: string, type: EntityType) => {
  const graph = new ExplainingGraph(app.driver, app.graph.database);
  await new DuplicateRepository(graph, new Loaders()).candidates(name, type);
  expect(graph.plans).toHaveLength(1);
  return graph.plans[0];
};

describe('the duplicate check seeks indexes, never scanning a label', () => {
  it.each(TYPES)('for %s: nameKey and nameSkeleton seek their indexes, aliases the exact full-text index', async (type) => {
    const plan = await explainCandidates('市妇联', type);
    expect(plan.operators.filter((op) => SCANS.test(op))).toEqual([]);
    // nameKey: its unique constraint; nameSkeleton: its range index.
    expect(plan.operators).toContain('NodeUniqueIndexSeek');
    expect(plan.operators).toContain('NodeIndexSeek');
    // entity_search, entity_context_search and entity_alias_exact.
    expect(plan.operators.filter((op) => op === 'ProcedureCall')).toHaveLength(3);
    expect(plan.cypher).toContain("db.index.fulltext.queryNodes('entity_alias_exact'");
  });

  it('the import exact match seeks too (id, nameKey, name, aliases)', async () => {
    for (const type of TYPES) {
      const graph = new ExplainingGraph(app.driver, app.graph.database);
      await new ImportRepository(graph, new Loaders()).findExact({ run: (cypher, params) => graph.read(cypher, params) }, type, '市妇联');
      const [plan] = graph.plans;
      expect(plan.operators.filter((op) => SCANS.test(op))).toEqual([]);
      expect(plan.operators).toEqual(expect.arrayContaining(['NodeUniqueIndexSeek', 'NodeUniqueIndexSeekByRange', 'NodeIndexSeek', 'ProcedureCall']));
    }
  });
});

describe('exact alias hits come from the index, as the scan found them', () => {
  // The import's match finds an alias only through entity_alias_exact, so it shows what the
  // index answers: the whole alias, in its own case, quotes and backslashes included.
  const props = (id: string, name: string, aliases: string[], contextAliases: { alias: string; context: string }[] = []) => ({
    id,
    ...namedProperties({ name, aliases, contextAliases }),
  });
  const ODD = 'Say "hi" \\ now*';

  beforeAll(async () => {
    await app.graph.write('UNWIND $rows AS row CREATE (n:Person:Entity) SET n = row, n.createdAt = datetime()', {
      rows: [
        props('test-dp-1', '测试甲', ['To Be', ODD]),
        props('test-dp-2', '测试乙', [], [{ alias: 'Or Not', context: 'org:org-huainan-wf' }]),
      ],
    });
  });
  afterAll(() => app.graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-dp-' DETACH DELETE n"));

  const exact = async (text: string, type = EntityType.PERSON) =>
    (await app.graph.writeTransaction((tx) => new ImportRepository(app.graph, new Loaders()).findExact(tx, type, text))).map((n) => n.id);

  it('the import finds a global or context alias whole and exactly, of its own type only', async () => {
    expect(await exact('To Be')).toEqual(['test-dp-1']);
    expect(await exact(ODD)).toEqual(['test-dp-1']);
    expect(await exact('Or Not')).toEqual(['test-dp-2']);
    expect(await exact('to be')).toEqual([]);
    expect(await exact('To')).toEqual([]);
    expect(await exact('Say "hi"')).toEqual([]);
    expect(await exact('To Be', EntityType.ORGANIZATION)).toEqual([]);
  });

  const repo = () => new DuplicateRepository(app.graph, new Loaders());

  it('the duplicate check finds a global alias', async () => {
    expect((await repo().candidates('To Be', EntityType.PERSON)).map((c) => c.node.id)).toEqual(['test-dp-1']);
    expect((await repo().candidates(ODD, EntityType.PERSON)).map((c) => c.node.id)).toEqual(['test-dp-1']);
    expect((await repo().candidates('To Be', EntityType.ORGANIZATION)).map((c) => c.node.id)).toEqual([]);
  });

  it('the duplicate check finds a context alias only in its context', async () => {
    const inHuainan = await repo().candidates('Or Not', EntityType.PERSON, undefined, 10, { organizationIds: ['org-huainan-wf'] });
    expect(inHuainan.map((c) => c.node.id)).toEqual(['test-dp-2']);
    const elsewhere = await repo().candidates('Or Not', EntityType.PERSON, undefined, 10, { organizationIds: ['org-acwf'] });
    expect(elsewhere).toEqual([]);
  });

  it('inside a write transaction, sees an alias written earlier in it', async () => {
    const found = await app.graph.writeTransaction(async (tx) => {
      await tx.run("MATCH (n:Person {id: 'test-dp-1'}) SET n.aliases = n.aliases + 'Not Yet'");
      const hits = await repo().candidates('Not Yet', EntityType.PERSON, (cypher, params) => tx.run(cypher, params));
      const imported = await new ImportRepository(app.graph, new Loaders()).findExact(tx, EntityType.PERSON, 'Not Yet');
      await tx.run("MATCH (n:Person {id: 'test-dp-1'}) SET n.aliases = [a IN n.aliases WHERE a <> 'Not Yet']");
      return { hits: hits.map((c) => c.node.id), imported: imported.map((n) => n.id) };
    });
    expect(found).toEqual({ hits: ['test-dp-1'], imported: ['test-dp-1'] });
  });
});
