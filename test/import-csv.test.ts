import { startTestApp, TestApp, bearer } from './support/app';
import { databaseState, removeEditingFixtures } from './support/editing';
import { HistoryDocument, ImportHonoreesCsvDocument, PersonAwardsDocument, UndoDocument } from './__generated__/graphql';

/** importHonoreesCsv: the CSV read on the server by the parser `npm run import` uses, then importHonorees. */
let app: TestApp;
const editor = bearer('editor', 'test-ed-csv');
const admin = bearer('admin', 'test-ed-csv-chief');
const LIST = '测试编辑2025年CSV名单';

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
});
afterAll(async () => {
  await removeEditingFixtures(app);
  await app.close();
});

const codeOf = (response: { errors?: { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions?.code;
const people = async (prefix: string) =>
  (await app.graph.read('MATCH (p:Person) WHERE p.name STARTS WITH $prefix RETURN count(p) AS count', { prefix }))[0].count as number;

describe('importing a CSV text', () => {
  const good = `姓名,单位,荣誉称号,年份,来源,类型\n测试编辑CSV甲,测试编辑CSV医院,三八红旗手,2025,${LIST},\n测试编辑CSV乙,市妇联,三八红旗手,2025,${LIST},\n`;

  it('a dry run reads Chinese headers and reports per row, a refused row with its reason, and writes nothing', async () => {
    const before = await databaseState(app);
    const csv = `${good}测试编辑CSV丙,,三八红旗手,20x5,${LIST},\n测试编辑CSV丁,,三八红旗手,2025,${LIST},CLUB\n`;
    const response = await app.request(ImportHonoreesCsvDocument, { csv, dryRun: true }, editor);
    expect(response.errors).toBeUndefined();
    const report = response.data!.importHonoreesCsv;
    expect(report).toMatchObject({ dryRun: true, committed: false, created: 2, matched: 0, rejected: 2, revisionId: null });
    expect(report.rows.map((r) => [r.row, r.status, r.name])).toEqual([
      [1, 'CREATED', '测试编辑CSV甲'],
      [2, 'CREATED', '测试编辑CSV乙'],
      [3, 'REJECTED', '测试编辑CSV丙'],
      [4, 'REJECTED', '测试编辑CSV丁'],
    ]);
    expect(report.rows[0].actions).toEqual(expect.arrayContaining([expect.stringMatching(/^person 测试编辑CSV甲 created/), 'award 三八红旗手 2025 created']));
    expect(report.rows[2].reason).toMatch(/^year: must be a whole year/);
    expect(report.rows[3].reason).toMatch(/^kind: must be one of .*got "CLUB"/);
    expect(await databaseState(app)).toEqual(before);
  });

  it('a real run writes every row as one revision, which one undo reverts', async () => {
    const response = await app.request(ImportHonoreesCsvDocument, { csv: good }, editor);
    expect(response.errors).toBeUndefined();
    const report = response.data!.importHonoreesCsv;
    expect(report).toMatchObject({ dryRun: false, committed: true, created: 2, rejected: 0 });
    expect(report.revisionId).toMatch(/^rev-/);
    const first = report.rows[0].recipientId!;
    const awards = await app.request(PersonAwardsDocument, { id: first });
    expect(awards.data!.person!.awards).toEqual([{ year: 2025, honor: { id: 'honor-sanba-pacesetter' } }]);
    expect(await people('测试编辑CSV')).toBe(2);
    const history = await app.request(HistoryDocument, { id: first }, editor);
    expect(history.data!.history.edges.map((e) => [e.node.id, e.node.operation])).toEqual([[report.revisionId, 'importHonorees']]);

    const undone = await app.request(UndoDocument, { revisionId: report.revisionId! }, admin);
    expect(undone.errors).toBeUndefined();
    expect(await people('测试编辑CSV')).toBe(0);
    const [sources] = await app.graph.read('MATCH (s:Source {title: $title}) RETURN count(s) AS count', { title: LIST });
    expect(sources.count).toBe(0);
  });

  it('a real run with a refused row writes nothing and carries the report', async () => {
    const before = await databaseState(app);
    const response = await app.request(ImportHonoreesCsvDocument, { csv: `${good}测试编辑CSV丙,,不存在的荣誉测试编辑,2025,,\n` }, editor);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(/^rows\[2\]\.honor: no honor is named/);
    expect(response.errors![0].extensions!.report.rows.map((r: any) => r.status)).toEqual(['CREATED', 'CREATED', 'REJECTED']);
    expect(await databaseState(app)).toEqual(before);
  });

  it('refuses what it cannot read, naming csv', async () => {
    const cases: [string, RegExp][] = [
      ['name,organization\n测试编辑某,某单位\n', /^csv: the file has no column honor, year/],
      ['name,honor,year\n', /^csv: holds no rows/],
      ['name,honor,year\n测试编辑某,三八红旗手,2025,extra\n', /^csv: .*(Invalid Record Length|record length)/i],
      ['name,honor,year,year_inferred\n测试编辑某,三八红旗手,2025,perhaps\n', /^csv: row 1: year_inferred must be true or false/],
      [`name,honor,year\n${Array.from({ length: 5001 }, (_, i) => `测试编辑${i},三八红旗手,2025`).join('\n')}\n`, /^csv: the file holds more than 5000 rows/],
      ['name,honor,year\n' + 'a'.repeat(1_000_000), /^csv: must be at most 1000000 characters/],
    ];
    for (const [csv, message] of cases) {
      const response = await app.request(ImportHonoreesCsvDocument, { csv, dryRun: true }, editor);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].extensions!.field).toBe('csv');
      expect(response.errors![0].message).toMatch(message);
    }
  });

  it('is for editors: anonymous and viewers are refused', async () => {
    expect(codeOf(await app.request(ImportHonoreesCsvDocument, { csv: good, dryRun: true }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await app.request(ImportHonoreesCsvDocument, { csv: good, dryRun: true }, bearer('viewer', 'test-ed-csv-viewer')))).toBe('FORBIDDEN');
  });
});
