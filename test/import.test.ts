import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, TestApp, bearer, TEST_JWT_SECRET } from './support/app';
import { databaseState, removeEditingFixtures } from './support/editing';
import { CreatePersonDocument, HonoreeRowInput, ImportHonoreesDocument, PersonAwardsDocument } from './__generated__/graphql';

let app: TestApp;
const editor = bearer('editor', 'test-ed-importer');
const LIST = '测试编辑2025年三八红旗手名单';

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
});
afterAll(async () => {
  await removeEditingFixtures(app);
  await app.close();
});

const row = (name: string, extra: Partial<HonoreeRowInput> = {}): HonoreeRowInput => ({
  name,
  honor: '三八红旗手',
  year: 2025,
  source: LIST,
  ...extra,
});

describe('importing a published list of honorees', () => {
  const rows = [
    row('测试编辑赵敏', { organization: '测试编辑第一医院' }),
    row('测试编辑钱芳', { organization: '市妇联' }),
    row('测试编辑巾帼服务队', { organization: '淮南市妇女联合会', honor: '三八紅旗集體', kind: 'TEAM' }),
    row('测试编辑孙丽', { organization: '测试编辑第一医院' }),
  ];

  it('a dry run reports per row what would happen and writes nothing', async () => {
    const before = await databaseState(app);
    const response = await app.request(ImportHonoreesDocument, { rows, dryRun: true }, editor);
    expect(response.errors).toBeUndefined();
    const report = response.data!.importHonorees;
    expect(report).toMatchObject({ dryRun: true, committed: false, created: 4, matched: 0, rejected: 0 });
    expect(report.rows[0].actions).toEqual([
      `source ${LIST} created (${report.rows[0].actions[0].match(/\((src-[^)]+)\)/)![1]})`,
      'honor 三八红旗手 matched (honor-sanba-pacesetter)',
      expect.stringMatching(/^organization 测试编辑第一医院 created as an INSTITUTION/),
      expect.stringMatching(/^person 测试编辑赵敏 created/),
      'award 三八红旗手 2025 created',
      'membership in 测试编辑第一医院 created',
    ]);
    // Later rows see what earlier rows of the same file would create.
    expect(report.rows[3].actions).toEqual(expect.arrayContaining([expect.stringMatching(/^source .* matched/), expect.stringMatching(/^organization 测试编辑第一医院 matched/)]));
    expect(report.rows[1].actions).toContain('organization 淮南市妇女联合会 matched (org-huainan-wf)');
    expect(report.rows[2].actions).toEqual(expect.arrayContaining(['honor 三八红旗集体 matched (honor-sanba-collective)', expect.stringMatching(/placed under 淮南市妇女联合会/)]));
    expect(await databaseState(app)).toEqual(before);
  });

  it('the real run writes every row in one transaction; running it again matches everything', async () => {
    const response = await app.request(ImportHonoreesDocument, { rows }, editor);
    expect(response.errors).toBeUndefined();
    expect(response.data!.importHonorees).toMatchObject({ dryRun: false, committed: true, created: 4, rejected: 0 });
    const zhao = response.data!.importHonorees.rows[0].recipientId!;
    const read = await app.request(PersonAwardsDocument, { id: zhao });
    expect(read.data!.person!.awards).toEqual([{ year: 2025, honor: { id: 'honor-sanba-pacesetter' } }]);
    expect(read.data!.person!.memberships.map((m) => m.role)).toEqual([null]);

    const again = await app.request(ImportHonoreesDocument, { rows }, editor);
    expect(again.data!.importHonorees).toMatchObject({ committed: true, created: 0, matched: 4, rejected: 0 });
  });

  it('one bad row rolls back the whole file, and says which row and field', async () => {
    const before = await databaseState(app);
    const response = await app.request(
      ImportHonoreesDocument,
      { rows: [row('测试编辑周红'), row('测试编辑吴静', { year: 1930 }), row('测试编辑郑洁', { honor: '测试编辑不存在的荣誉' })] },
      editor,
    );
    expect(response.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(/^rows\[1\]\.year: must be between 1949 and \d{4}, got 1930; 2 of 3 rows rejected, nothing was imported/);
    const report = response.errors![0].extensions!.report;
    expect(report.rows.map((r: any) => r.status)).toEqual(['CREATED', 'REJECTED', 'REJECTED']);
    expect(report.rows[2].reason).toMatch(/^honor: no honor is named "测试编辑不存在的荣誉"/);
    expect(await databaseState(app)).toEqual(before);
    const [people] = await app.graph.read("MATCH (p:Person) WHERE p.name = '测试编辑周红' RETURN count(p) AS count");
    expect(people.count).toBe(0);
  });

  it('duplicate rows inside one file are rejected', async () => {
    const before = await databaseState(app);
    const response = await app.request(ImportHonoreesDocument, { rows: [row('测试编辑冯雪'), row('测試編輯馮雪')] }, editor);
    expect(response.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(/^rows\[1\]\.name: duplicate of row 1/);
    expect(await databaseState(app)).toEqual(before);
  });

  it('a name that looks like an existing person is rejected, not silently duplicated', async () => {
    const response = await app.request(ImportHonoreesDocument, { rows: [row('He Tingting')], dryRun: true }, editor);
    const [result] = response.data!.importHonorees.rows;
    expect(result.status).toBe('REJECTED');
    expect(result.reason).toMatch(/^name: "He Tingting" looks like 何婷婷 \(person-he-tingting/);
  });

  it('npm run import reads a CSV and sends it, dry run first', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'honorgraph-import-'));
    const file = path.join(dir, 'honorees.csv');
    fs.writeFileSync(file, `name,organization,honor,year,source,kind\n测试编辑陈静,市妇联,三八红旗手,2025,${LIST},\n测试编辑林芳,,三八红旗手,20x5,${LIST},\n`);
    const run = (...args: string[]) =>
      promisify(execFile)('node', [path.resolve('dist/import/cli.js'), file, ...args], {
        env: { ...process.env, AUTH_JWT_SECRET: TEST_JWT_SECRET, HONORGRAPH_URL: app.server.url, HONORGRAPH_ACTOR: 'test-ed-cli' },
      }).then(
        (ok) => ({ code: 0, ...ok }),
        (failed) => ({ code: failed.code as number, stdout: failed.stdout as string, stderr: failed.stderr as string }),
      );
    const dry = await run('--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/line 2 {2}CREATED +测试编辑陈静: .*person 测试编辑陈静 created/);
    expect(dry.stdout).toMatch(/line 3 {2}REJECTED +测试编辑林芳: year: must be a whole year/);
    expect(dry.stdout).toMatch(/2 rows: 1 would add, 0 already recorded, 1 rejected \(dry run, nothing written\)/);

    fs.writeFileSync(file, `姓名,单位,荣誉称号,年份,来源\n测试编辑陈静,市妇联,三八红旗手,2025,${LIST}\n`);
    const real = await run();
    expect(real.stdout).toMatch(/1 row: 1 added, 0 already recorded, 0 rejected \(imported in one transaction\)/);
    expect(real.code).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
