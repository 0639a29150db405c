import { parse as parseCsv } from 'csv-parse/sync';
import { bearer, startTestApp, TestApp } from './support/app';
import { removeEditingFixtures } from './support/editing';
import { convertValueTypes, migrateValueTypes, VALUE_TYPES_VERSION } from '../src/db/migrations';
import { fromGraphml } from '../src/export/graphml';

/**
 * Years are Neo4j INTEGERs and dates DATEs with their precision, whoever wrote them (the seed,
 * an editor, an undo, a merge, an import), and every export shows them as written: 2024, not
 * 2024.0; "2024-09", not a day.
 */
let app: TestApp;
let base: string;
const admin = bearer('admin', 'test-vt-admin');
const SEED_SOURCE = 'src-huainan-wf-2024-report';
const HONOR = 'honor-national-sanba-collective';

beforeAll(async () => {
  app = await startTestApp();
  base = `http://127.0.0.1:${app.server.port}`;
  await removeEditingFixtures(app);
});
afterAll(async () => {
  await app.graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-vt-' DETACH DELETE n");
  await removeEditingFixtures(app);
  await app.close();
});

const ok = <T>(response: { data?: T | null; errors?: unknown[] }): T => {
  expect(response.errors).toBeUndefined();
  return response.data!;
};

/** valueType() of a node property (NOT NULL dropped), its precision sibling, and the raw value as read. */
async function stored(id: string, name: string) {
  const [row] = await app.graph.read(
    `MATCH (n:Entity {id: $id}) RETURN replace(valueType(n[$name]), ' NOT NULL', '') AS type, toString(n[$name]) AS text, n[$name + 'Precision'] AS precision`,
    { id, name },
  );
  return row;
}

describe('the seeded graph stores years as INTEGER and dates as DATE', () => {
  it('every year of an award, program or figure is an INTEGER; no FLOAT is left', async () => {
    const rows = await app.graph.read(
      `CALL () { MATCH (:Entity)-[r:RECEIVED]->(:Entity) WHERE r.year IS NOT NULL RETURN 'RECEIVED' AS place, valueType(r.year) AS type
                 UNION ALL MATCH (n:Entity) WHERE n.year IS NOT NULL RETURN labels(n)[1] AS place, valueType(n.year) AS type }
       RETURN place, collect(DISTINCT type) AS types, count(*) AS count`,
    );
    expect(rows.find((r) => r.place === 'RECEIVED')?.count).toBeGreaterThanOrEqual(4);
    for (const row of rows) expect([row.place, row.types]).toEqual([row.place, ['INTEGER NOT NULL']]);
  });

  it("the report's publication date is a DATE of year precision, answered as the source gives it", async () => {
    expect(await stored(SEED_SOURCE, 'published')).toEqual({ type: 'DATE', text: '2025-01-01', precision: 'YEAR' });
    const data = ok(await app.raw('query($id: ID!) { source(id: $id) { published } }', { id: SEED_SOURCE }));
    expect(data.source.published).toBe('2025');
    const dates = await app.graph.read(
      `MATCH (n:Entity) WHERE n.published IS NOT NULL OR n.startDate IS NOT NULL
       RETURN collect(DISTINCT valueType(coalesce(n.published, n.startDate))) AS types`,
    );
    expect(dates[0].types).toEqual(['DATE NOT NULL']);
  });
});

describe('an editor writes years and dates through the API', () => {
  let sourceId: string;
  let programId: string;

  it('a source published in a month is stored as that month and answered "2024-09"', async () => {
    const created = ok(
      await app.raw(
        'mutation($input: CreateSourceInput!) { createSource(input: $input) { id published } }',
        { input: { title: '测试编辑类型月报', kind: 'NEWS_REPORT', published: '2024-09', allowDuplicate: false } },
        admin,
      ),
    );
    sourceId = created.createSource.id;
    expect(created.createSource.published).toBe('2024-09');
    expect(await stored(sourceId, 'published')).toEqual({ type: 'DATE', text: '2024-09-01', precision: 'MONTH' });

    const updated = ok(await app.raw('mutation($id: ID!) { updateSource(id: $id, input: { published: "2024-09-15" }) { published } }', { id: sourceId }, admin));
    expect(updated.updateSource.published).toBe('2024-09-15');
    expect(await stored(sourceId, 'published')).toEqual({ type: 'DATE', text: '2024-09-15', precision: 'DAY' });
  });

  it('undo gives back the DATE and its precision, not text', async () => {
    const history = ok(await app.raw('query($id: ID!) { history(id: $id, first: 1) { edges { node { id operation } } } }', { id: sourceId }));
    const [latest] = history.history.edges;
    expect(latest.node.operation).toBe('updateSource');
    ok(await app.raw('mutation($id: ID!) { undo(revisionId: $id) { id } }', { id: latest.node.id }, admin));
    expect(await stored(sourceId, 'published')).toEqual({ type: 'DATE', text: '2024-09-01', precision: 'MONTH' });
    const data = ok(await app.raw('query($id: ID!) { source(id: $id) { published } }', { id: sourceId }));
    expect(data.source.published).toBe('2024-09');
  });

  it('clearing a date removes it with its precision', async () => {
    const cleared = await app.raw('mutation($id: ID!) { updateSource(id: $id, input: { published: null }) { published } }', { id: sourceId }, admin);
    expect(ok(cleared).updateSource.published).toBeNull();
    expect(await stored(sourceId, 'published')).toEqual({ type: 'NULL', text: null, precision: null });
  });

  it('a bad date is refused with BAD_USER_INPUT and writes nothing', async () => {
    for (const published of ['2024-13', '2024-02-30', '24', '2024/09']) {
      const response = await app.raw(
        'mutation($input: CreateSourceInput!) { createSource(input: $input) { id } }',
        { input: { title: '测试编辑类型坏日期', kind: 'NEWS_REPORT', published, allowDuplicate: false } },
        admin,
      );
      expect([published, response.errors?.[0]?.extensions?.code]).toEqual([published, 'BAD_USER_INPUT']);
    }
    const [row] = await app.graph.read("MATCH (s:Source) WHERE s.title = '测试编辑类型坏日期' RETURN count(s) AS count");
    expect(row.count).toBe(0);
  });

  it('a program has an INTEGER year and a DATE start; a merge and its undo keep both typed', async () => {
    const create = 'mutation($input: CreateProgramInput!) { createProgram(input: $input) { id year startDate } }';
    const kept = ok(await app.raw(create, { input: { name: '测试编辑类型活动', kind: 'EVENT', allowDuplicate: false } }, admin));
    const merged = ok(await app.raw(create, { input: { name: '测试编辑类型活动乙', kind: 'EVENT', year: 2021, startDate: '2021-05', allowDuplicate: false } }, admin));
    expect(merged.createProgram).toMatchObject({ year: 2021, startDate: '2021-05' });
    expect(await stored(merged.createProgram.id, 'year')).toMatchObject({ type: 'INTEGER', text: '2021' });
    expect(await stored(merged.createProgram.id, 'startDate')).toEqual({ type: 'DATE', text: '2021-05-01', precision: 'MONTH' });

    programId = kept.createProgram.id;
    const mergedId = merged.createProgram.id;
    ok(await app.raw('mutation($keepId: ID!, $mergeId: ID!) { mergeEntities(keepId: $keepId, mergeId: $mergeId) { id } }', { keepId: programId, mergeId: mergedId }, admin));
    expect(await stored(programId, 'year')).toMatchObject({ type: 'INTEGER', text: '2021' });
    expect(await stored(programId, 'startDate')).toEqual({ type: 'DATE', text: '2021-05-01', precision: 'MONTH' });

    const history = ok(await app.raw('query($id: ID!) { history(id: $id, first: 1) { edges { node { id operation } } } }', { id: programId }));
    expect(history.history.edges[0].node.operation).toBe('mergeEntities');
    ok(await app.raw('mutation($id: ID!) { undo(revisionId: $id) { id } }', { id: history.history.edges[0].node.id }, admin));
    // The merged program is back as it was: typed again, not as the text and numbers of the revision.
    expect(await stored(mergedId, 'year')).toMatchObject({ type: 'INTEGER', text: '2021' });
    expect(await stored(mergedId, 'startDate')).toEqual({ type: 'DATE', text: '2021-05-01', precision: 'MONTH' });
    expect(await stored(programId, 'year')).toMatchObject({ type: 'NULL' });

    const updated = ok(await app.raw('mutation($id: ID!) { updateProgram(id: $id, input: { year: 2020, startDate: "2020" }) { year startDate } }', { id: programId }, admin));
    expect(updated.updateProgram).toEqual({ year: 2020, startDate: '2020' });
    expect(await stored(programId, 'startDate')).toEqual({ type: 'DATE', text: '2020-01-01', precision: 'YEAR' });
  });

  it('awards by mutation and by import store INTEGER years, and revoking one by its year still finds it', async () => {
    const person = ok(await app.raw('mutation { createPerson(input: { name: "测试编辑类型获奖人", allowDuplicate: false }) { id } }', {}, admin)).createPerson.id;
    const award = ok(
      await app.raw(
        'mutation($r: ID!, $h: ID!) { awardHonor(recipientId: $r, honorId: $h, year: 2022, sourceIds: ["src-huainan-wf-2024-report"]) { year } }',
        { r: person, h: HONOR },
        admin,
      ),
    );
    expect(award.awardHonor.year).toBe(2022);
    const report = ok(
      await app.raw('mutation($rows: [HonoreeRowInput!]!) { importHonorees(rows: $rows) { committed rejected } }', { rows: [{ name: '测试编辑类型导入人', honor: HONOR, year: 2023 }] }, admin),
    );
    expect(report.importHonorees).toEqual({ committed: true, rejected: 0 });
    const rows = await app.graph.read(
      `MATCH (p:Person)-[r:RECEIVED]->(:Honor {id: $honor}) WHERE p.name IN ['测试编辑类型获奖人', '测试编辑类型导入人']
       RETURN p.name AS name, valueType(r.year) AS type, r.year AS year ORDER BY year`,
      { honor: HONOR },
    );
    expect(rows).toEqual([
      { name: '测试编辑类型获奖人', type: 'INTEGER NOT NULL', year: 2022 },
      { name: '测试编辑类型导入人', type: 'INTEGER NOT NULL', year: 2023 },
    ]);
    // The year filter and the award key see the INTEGER year as the number it is.
    const filtered = ok(await app.raw('query($id: ID!) { person(id: $id) { awardsConnection(where: { year: { eq: 2022 } }) { totalCount } } }', { id: person }));
    expect(filtered.person.awardsConnection.totalCount).toBe(1);
    expect(ok(await app.raw('mutation($r: ID!, $h: ID!) { revokeAward(recipientId: $r, honorId: $h, year: 2022) { awardId year } }', { r: person, h: HONOR }, admin))).toBeTruthy();
  });
});

describe('exports carry years as integers and dates as written', () => {
  beforeAll(async () => {
    await app.graph.write(
      `CREATE (:Entity:Program {id: 'test-vt-export-program', name: '测试类型导出活动', aliases: [], kind: 'EVENT', year: 2019, startDate: date('2019-03-01'), startDatePrecision: 'MONTH',
                                sourceIds: [], locators: []})
       WITH 1 AS one MATCH (o:Organization {id: 'org-huainan-wf'}), (h:Honor {id: $honor})
       CREATE (o)-[:RECEIVED {key: 'year:1999', year: 1999, awardKey: 'test-vt|1999', sourceIds: [], locators: []}]->(h)`,
      { honor: HONOR },
    );
  });
  afterAll(async () => {
    await app.graph.write("MATCH ()-[r:RECEIVED {awardKey: 'test-vt|1999'}]->() DELETE r");
  });

  const download = async (query: string) => (await fetch(`${base}/export?${query}`)).text();

  it('CSV: 2019, never 2019.0; dates as "2019-03" and "2025"', async () => {
    const nodes = await download('format=csv&part=nodes');
    const edges = await download('format=csv&part=edges');
    for (const body of [nodes, edges]) expect(body).not.toMatch(/\b(19|20)\d\d\.0\b/);
    const nodeRows = parseCsv(nodes, { columns: true });
    expect(nodeRows.find((r: any) => r.id === 'test-vt-export-program')).toMatchObject({ year: '2019', startDate: '2019-03', startDatePrecision: 'MONTH' });
    expect(nodeRows.find((r: any) => r.id === SEED_SOURCE)).toMatchObject({ published: '2025', publishedPrecision: 'YEAR' });
    const award = parseCsv(edges, { columns: true }).find((r: any) => r.awardKey === 'test-vt|1999');
    expect(award).toMatchObject({ type: 'RECEIVED', year: '1999' });
  });

  it('JSON-LD: years typed xsd:gYear, dates typed xsd:gYear, xsd:gYearMonth or xsd:date by precision', async () => {
    const document = JSON.parse(await download('format=jsonld'));
    expect(document['@context'].xsd).toBe('http://www.w3.org/2001/XMLSchema#');
    const byId = (id: string) => document['@graph'].find((d: any) => d.identifier === id);
    expect(byId('test-vt-export-program')).toMatchObject({ 'hg:year': [{ '@value': '2019', '@type': 'xsd:gYear' }], startDate: [{ '@value': '2019-03', '@type': 'xsd:gYearMonth' }] });
    expect(byId(SEED_SOURCE).datePublished).toEqual([{ '@value': '2025', '@type': 'xsd:gYear' }]);
    // Each award is a statement whose year is an xsd:gYear of the INTEGER stored, never 1999.0.
    const statements = document['@graph'].filter((d: any) => Array.isArray(d['@type']) && d['@type'].includes('hg:Award') && d['rdf:subject']['@id'].endsWith(':org-huainan-wf'));
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((r: any) => r['hg:year'] === undefined || /^\d{4}$/.test(r['hg:year']['@value']))).toBe(true);
    expect(statements.map((r: any) => r['hg:year']?.['@value'])).toContain('1999');
  });

  it('GraphML: years are int attributes, dates string attributes holding the partial date; read back as INTEGER and DATE', async () => {
    const xml = await download('format=graphml');
    const keyType = (domain: string, name: string) => new RegExp(`<key id="[^"]+" for="${domain}" attr.name="${name}" attr.type="([a-z]+)"/>`).exec(xml)?.[1];
    expect(keyType('node', 'year')).toBe('int');
    expect(keyType('edge', 'year')).toBe('int');
    expect(keyType('node', 'published')).toBe('string');
    expect(keyType('node', 'startDate')).toBe('string');
    expect(xml).not.toMatch(/>(19|20)\d\d\.0</);
    const snapshot = fromGraphml(xml);
    const program = snapshot.nodes.find((n) => n.id === 'test-vt-export-program')!;
    expect(program.properties).toMatchObject({ year: 2019, startDate: '2019-03', startDatePrecision: 'MONTH' });
    expect(program.types).toMatchObject({ year: 'INTEGER', startDate: 'DATE', startDatePrecision: 'STRING' });
    const source = snapshot.nodes.find((n) => n.id === SEED_SOURCE)!;
    expect([source.properties.published, source.types.published]).toEqual(['2025', 'DATE']);
    // An import rebuilds a partial date with Cypher date(), which reads the short forms.
    const [row] = await app.graph.read("RETURN toString(date('2025')) AS year, toString(date('2019-03')) AS month");
    expect(row).toEqual({ year: '2025-01-01', month: '2019-03-01' });
  });
});

describe('the value-types migration converts data older versions wrote', () => {
  const OLD = `
    CREATE (p:Entity:Program {id: 'test-vt-old-program', name: '测试类型旧活动', aliases: [], kind: 'EVENT', year: 2019.0, startDate: '2019-03', sourceIds: [], locators: []})
    CREATE (q:Entity:Program {id: 'test-vt-old-fraction', name: '测试类型旧活动乙', aliases: [], kind: 'EVENT', year: 2019.5, sourceIds: [], locators: []})
    CREATE (s:Entity:Source {id: 'test-vt-old-source', name: '测试类型旧报', title: '测试类型旧报', aliases: [], kind: 'NEWS_REPORT', published: '2020', sourceIds: [], locators: []})
    CREATE (b:Entity:Source {id: 'test-vt-old-bad', name: '测试类型旧报乙', title: '测试类型旧报乙', aliases: [], kind: 'NEWS_REPORT', published: '2020年', sourceIds: [], locators: []})
    CREATE (f:Entity:Figure {id: 'test-vt-old-figure', name: '测试类型数字', label: '测试', metric: 'COUNT', value: 3.0, unit: 'count', year: 2018.0, sourceIds: [], locators: []})
    CREATE (o:Entity:Organization {id: 'test-vt-old-org', name: '测试类型旧会', aliases: [], kind: 'ASSOCIATION'})
    CREATE (c:Entity:Organization {id: 'test-vt-old-child', name: '测试类型旧分会', aliases: [], kind: 'ASSOCIATION'})
    CREATE (m:Entity:Person {id: 'test-vt-old-person', name: '测试类型旧人', aliases: []})
    CREATE (h:Entity:Honor {id: 'test-vt-old-honor', name: '测试类型旧荣誉', aliases: []})
    CREATE (o)-[:RECEIVED {key: 'year:2017', year: 2017.0, awardKey: 'test-vt-old-org|test-vt-old-honor|2017', sourceIds: [], locators: []}]->(h)
    CREATE (m)-[:MEMBER_OF {key: 'role:会长', role: '会长', since: '2015', until: '2019-06-30'}]->(o)
    CREATE (m)-[:MEMBER_OF {key: 'role:理事', role: '理事', since: 2012}]->(o)
    CREATE (c)-[:PART_OF {key: 'parent', since: '2010-02'}]->(o)`;

  const relationshipValues = () =>
    app.graph.read(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id STARTS WITH 'test-vt-old-'
       RETURN type(r) + coalesce(':' + r.role, '') AS rel, valueType(r.year) AS year, toString(r.since) AS since, r.sincePrecision AS sincePrecision,
              valueType(r.since) AS sinceType, toString(r.until) AS until, r.untilPrecision AS untilPrecision ORDER BY rel`,
    );

  it('turns FLOAT years into INTEGERs and ISO date text into DATE with precision, once, and the API answers the same values', async () => {
    await app.graph.write(OLD);
    const before = ok(await app.raw('query { program(id: "test-vt-old-program") { year startDate } source(id: "test-vt-old-source") { published } }'));
    expect(before).toEqual({ program: { year: 2019, startDate: '2019-03' }, source: { published: '2020' } });

    // The start already ran this migration (global setup): the marker says so, and it does nothing.
    expect(await migrateValueTypes(app.graph)).toBeNull();
    await app.graph.write("MATCH (l:GraphLock {name: 'value-types'}) DELETE l");
    const lines: string[] = [];
    const report = (await migrateValueTypes(app.graph, (line) => lines.push(line)))!;
    expect(report.converted).toMatchObject({ 'node.year': 2, 'node.published': 1, 'node.startDate': 1, 'RECEIVED.year': 1, 'MEMBER_OF.since': 2, 'MEMBER_OF.until': 1, 'PART_OF.since': 1 });
    // A fractional year and a date of another shape are kept as they are, and said.
    expect(report.kept).toMatchObject({ 'node.year': 1, 'node.published': 1 });
    expect(lines).toContainEqual(expect.stringMatching(/^value types: node\.year: 1 kept as they are/));
    const [marker] = await app.graph.read("MATCH (l:GraphLock {name: 'value-types'}) RETURN l.version AS version, valueType(l.version) AS type");
    expect(marker).toEqual({ version: VALUE_TYPES_VERSION, type: 'INTEGER NOT NULL' });

    expect(await stored('test-vt-old-program', 'year')).toMatchObject({ type: 'INTEGER', text: '2019' });
    expect(await stored('test-vt-old-program', 'startDate')).toEqual({ type: 'DATE', text: '2019-03-01', precision: 'MONTH' });
    expect(await stored('test-vt-old-source', 'published')).toEqual({ type: 'DATE', text: '2020-01-01', precision: 'YEAR' });
    expect(await stored('test-vt-old-figure', 'year')).toMatchObject({ type: 'INTEGER', text: '2018' });
    expect(await stored('test-vt-old-figure', 'value')).toMatchObject({ type: 'FLOAT' });
    expect(await stored('test-vt-old-fraction', 'year')).toMatchObject({ type: 'FLOAT', text: '2019.5' });
    expect(await stored('test-vt-old-bad', 'published')).toEqual({ type: 'STRING', text: '2020年', precision: null });
    expect(await relationshipValues()).toEqual([
      { rel: 'MEMBER_OF:会长', year: 'NULL', since: '2015-01-01', sincePrecision: 'YEAR', sinceType: 'DATE NOT NULL', until: '2019-06-30', untilPrecision: 'DAY' },
      { rel: 'MEMBER_OF:理事', year: 'NULL', since: '2012-01-01', sincePrecision: 'YEAR', sinceType: 'DATE NOT NULL', until: null, untilPrecision: null },
      { rel: 'PART_OF', year: 'NULL', since: '2010-02-01', sincePrecision: 'MONTH', sinceType: 'DATE NOT NULL', until: null, untilPrecision: null },
      { rel: 'RECEIVED', year: 'INTEGER NOT NULL', since: null, sincePrecision: null, sinceType: 'NULL', until: null, untilPrecision: null },
    ]);

    // The API answers what it answered before.
    const after = ok(await app.raw('query { program(id: "test-vt-old-program") { year startDate } source(id: "test-vt-old-source") { published } }'));
    expect(after).toEqual(before);
  });

  it('a path shows a relationship date as the partial date it stands for', async () => {
    const data = ok(
      await app.raw('query { shortestPath(fromId: "test-vt-old-child", toId: "test-vt-old-org", via: [PART_OF]) { relationships { type properties } } }'),
    );
    expect(data.shortestPath.relationships).toEqual([{ type: 'PART_OF', properties: { since: '2010-02', sincePrecision: 'MONTH' } }]);
  });

  it('run twice, it changes nothing the second time', async () => {
    const digest = () =>
      app.graph.read(
        `MATCH (n:Entity) WHERE n.id STARTS WITH 'test-vt-old-'
         RETURN n.id AS id, properties(n) AS props, [k IN keys(n) | [k, valueType(n[k])]] AS types ORDER BY id`,
      );
    const nodesBefore = await digest();
    const relsBefore = await relationshipValues();
    expect(await convertValueTypes(app.graph)).toEqual({ converted: {}, kept: { 'node.year': 1, 'node.published': 1 } });
    expect(await digest()).toEqual(nodesBefore);
    expect(await relationshipValues()).toEqual(relsBefore);
    expect(await migrateValueTypes(app.graph)).toBeNull();
  });
});
