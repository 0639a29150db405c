import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser } from 'playwright-core';
import { bearer, startTestApp, TestApp } from './support/app';
import { gotoWorkspace, launchBrowser, openPage, screenshot, seriousViolations } from './support/browser';
import { databaseState, removeEditingFixtures } from './support/editing';
import { PersonAwardsDocument, UndoDocument } from './__generated__/graphql';

/**
 * The CSV import screen in a real browser: an editor chooses a made-up file, reads the dry run's
 * report (one row refused, and why), leaves that row out, imports; the graph holds the rows. The
 * import is then undone through the API, so the graph is as it was.
 */
let app: TestApp;
let browser: Browser;
let dir: string;
const LIST = '测试编辑2025年浏览器导入名单';
const CSV = [
  'name,organization,honor,year,source,kind',
  `测试编辑导入甲,测试编辑导入医院,三八红旗手,2025,${LIST},`,
  `测试编辑导入乙,,三八红旗手,2025,${LIST},`,
  `测试编辑导入丙,,测试编辑不存在的荣誉,2025,${LIST},`,
  '',
].join('\n');

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
  browser = await launchBrowser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'honorgraph-import-ui-'));
});
afterAll(async () => {
  await browser?.close();
  if (app) await removeEditingFixtures(app);
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the CSV import screen', () => {
  it('shows a viewer the format but no import controls', async () => {
    const { page, problems, context } = await openPage(browser, app, { as: { role: 'viewer', sub: 'test-import-viewer' } });
    try {
      await gotoWorkspace(page, app, '#/import');
      await page.getByText('Sign in as an editor to import').waitFor();
      expect(await page.locator('[data-requires]').count()).toBe(0);
      expect(await page.getByLabel(/Choose a CSV file/).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets an editor choose a file, read the dry run with its refused row, leave it out and import', async () => {
    const before = await databaseState(app);
    const file = path.join(dir, 'honorees.csv');
    fs.writeFileSync(file, CSV);
    const { page, problems, outside, context } = await openPage(browser, app, { as: { role: 'editor', sub: 'test-import-editor' } });
    try {
      await gotoWorkspace(page, app, '#/import');
      // The format is documented on the screen.
      await expect(page.locator('.csv-format').textContent()).resolves.toMatch(/year_inferred.*示例 Example.*name,organization,honor,year,source,kind/s);
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByLabel(/Choose a CSV file/).setInputFiles(file);
      // The page reads the chosen file asynchronously: wait (up to 10 s) for its text in the box.
      const pasted = page.getByLabel(/Or paste the CSV/);
      for (const deadline = Date.now() + 10_000; (await pasted.inputValue()) !== CSV && Date.now() < deadline; ) await page.waitForTimeout(100);
      expect(await pasted.inputValue()).toBe(CSV);
      const importButton = page.getByRole('button', { name: '导入 Import', exact: true });
      expect(await importButton.isDisabled()).toBe(true);
      await page.getByRole('button', { name: /Dry run/ }).click();
      const summary = page.getByTestId('import-summary');
      await summary.filter({ hasText: 'Dry run' }).waitFor();
      await expect(summary.textContent()).resolves.toMatch(/3 行 rows — 2 将新增 would add, 0 已有 already recorded, 1 拒绝 refused/);
      const rows = page.locator('.import-report tbody tr');
      expect(await rows.locator('[data-status]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-status')))).toEqual(['CREATED', 'CREATED', 'REJECTED']);
      await expect(rows.nth(2).textContent()).resolves.toMatch(/测试编辑导入丙.*honor: no honor is named "测试编辑不存在的荣誉"/);
      await expect(rows.nth(0).textContent()).resolves.toMatch(/person 测试编辑导入甲 created.*award 三八红旗手 2025 created/);
      // A refused row: no import yet, and the dry run wrote nothing.
      expect(await importButton.isDisabled()).toBe(true);
      expect(await databaseState(app)).toEqual(before);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-import-dry-run');

      await page.getByRole('button', { name: /Leave out the refused rows/ }).click();
      await summary.filter({ hasText: '0 拒绝 refused' }).waitFor();
      expect(await page.getByLabel(/Or paste the CSV/).inputValue()).not.toContain('测试编辑导入丙');
      await importButton.click();
      await summary.filter({ hasText: '已导入 Imported' }).waitFor();
      const revisionId = (await page.getByTestId('import-revision').textContent())!;
      expect(revisionId).toMatch(/^rev-/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-import-done');
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);

      // The graph holds both rows, as one revision.
      const people = await app.graph.read(
        "MATCH (p:Person) WHERE p.name STARTS WITH '测试编辑导入' RETURN p.id AS id, p.name AS name ORDER BY name",
      );
      expect(people.map((p) => p.name)).toEqual(['测试编辑导入乙', '测试编辑导入甲']);
      for (const person of people) {
        const read = await app.request(PersonAwardsDocument, { id: person.id });
        expect(read.data!.person!.awards).toEqual([{ year: 2025, honor: { id: 'honor-sanba-pacesetter' } }]);
      }
      const [revision] = await app.graph.read('MATCH (r:Revision {id: $id}) RETURN r.operation AS operation, r.actor AS actor', { id: revisionId });
      expect(revision).toEqual({ operation: 'importHonorees', actor: 'test-import-editor' });
      // The report links each imported honoree to their history.
      expect(await page.locator('.import-report a[href^="#/history/"]').count()).toBe(2);

      // Leave the graph as it was: one undo reverts the whole import.
      const undone = await app.request(UndoDocument, { revisionId }, bearer('admin', 'test-import-admin'));
      expect(undone.errors).toBeUndefined();
      const [left] = await app.graph.read("MATCH (n:Entity) WHERE n.name STARTS WITH '测试编辑导入' OR n.title = $list RETURN count(n) AS count", { list: LIST });
      expect(left.count).toBe(0);
    } finally {
      await context.close();
    }
  });
});
