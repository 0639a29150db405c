import { Browser } from 'playwright-core';
import { bearer, startTestApp, TestApp } from './support/app';
import { gotoWorkspace, launchBrowser, openPage, screenshot, seriousViolations } from './support/browser';
import { removeEditingFixtures } from './support/editing';
import { AwardHonorDocument, CreatePersonDocument, PersonAwardsDocument } from './__generated__/graphql';

/**
 * The history screen in a real browser: an editor's change (made through the API in set-up) found
 * by an admin in recent changes with its diff, a refused undo shown plainly, then undone; the graph
 * checked through the API. Editors and viewers see no undo control.
 */
let app: TestApp;
let browser: Browser;
const EDITOR = 'test-ed-history-ui';
const editor = bearer('editor', EDITOR);
const NAME = '测试编辑历史甲';
const HONOR = 'honor-sanba-pacesetter';
let personId: string;

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
  browser = await launchBrowser();
  const created = await app.request(CreatePersonDocument, { input: { name: NAME } }, editor);
  personId = created.data!.createPerson.id;
  const award = await app.request(AwardHonorDocument, { recipientId: personId, honorId: HONOR, year: 2023 }, editor);
  expect(award.errors).toBeUndefined();
});
afterAll(async () => {
  await browser?.close();
  if (app) await removeEditingFixtures(app);
  await app?.close();
});

describe('the history screen', () => {
  it('shows an editor and a viewer the changes but no undo control', async () => {
    for (const role of ['editor', 'viewer'] as const) {
      const { page, problems, outside, context } = await openPage(browser, app, { as: { role, sub: `test-history-${role}` } });
      try {
        await gotoWorkspace(page, app, '#/history');
        await page.locator('li.revision', { hasText: NAME }).first().waitFor();
        expect(await page.locator('[data-requires]').count()).toBe(0);
        expect(await page.getByRole('button', { name: /Undo/ }).count()).toBe(0);
        expect(await seriousViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
        expect(outside).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('lets an admin find the change with its diff, see a refused undo, and undo it', async () => {
    const { page, problems, outside, context } = await openPage(browser, app, { as: { role: 'admin', sub: 'test-history-admin' } });
    try {
      await gotoWorkspace(page, app, '#/history');
      // Only awards: the editor's award is at the top, read by names.
      await page.getByLabel('操作 Operation').selectOption('awardHonor');
      // The filtered list replaces the full one: only awards (the wait fails the test if others stay).
      await page.waitForFunction(() => {
        const list = (globalThis as any).document.querySelector('ol.revisions');
        return list?.getAttribute('aria-busy') === 'false' && list.querySelectorAll('li.revision').length > 0
          && list.querySelectorAll('li.revision:not([data-operation="awardHonor"])').length === 0;
      });
      const award = page.locator('li.revision[data-operation="awardHonor"]', { hasText: NAME }).first();
      await award.waitFor();
      const added = award.locator('li.change[data-action="ADDED"]', { hasText: '获得 received' });
      await expect(added.textContent()).resolves.toMatch(new RegExp(`新增 Added.*${NAME}.*received.*三八红旗手`));
      expect(await added.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'year', exact: true }) }).locator('td').allTextContents()).toEqual(['—', '2023']);
      expect(await added.getByRole('rowheader', { name: 'key', exact: true }).count()).toBe(0);
      await expect(award.textContent()).resolves.toContain(EDITOR);
      expect(await award.locator('[data-requires="admin"]').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-history');

      // The person's own history, by the link on their name: the award and the creation.
      await award.getByRole('link', { name: new RegExp(NAME) }).first().click();
      await page.locator('main h2', { hasText: `History: ${NAME}` }).waitFor();
      const revisions = page.locator('li.revision');
      await revisions.nth(1).waitFor();
      expect(await revisions.evaluateAll((items) => items.map((item) => item.getAttribute('data-operation')))).toEqual(['awardHonor', 'createPerson']);

      // Undoing the creation first is refused: the later award depends on it. The refusal is plain.
      const creation = page.locator('li.revision[data-operation="createPerson"]');
      await creation.getByRole('button', { name: /Undo/ }).click();
      const refusal = creation.getByRole('alert');
      await expect(refusal.textContent()).resolves.toMatch(/^冲突 Conflict: .*later changes depend on/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-history-conflict');

      // Undo the award by keyboard: the control is reachable and the graph loses the award.
      await page.locator('li.revision[data-operation="awardHonor"]').getByRole('button', { name: /Undo/ }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: '已撤销 Undone' }).waitFor();
      const undoId = (await page.getByTestId('undo-revision').textContent())!;
      expect(undoId).toMatch(/^rev-/);
      await page.locator('li.revision[data-operation="undo"]').first().waitFor();
      await expect(page.locator('li.revision[data-operation="awardHonor"] .undone').textContent()).resolves.toContain(undoId);
      expect(await page.locator('li.revision[data-operation="awardHonor"] [data-requires="admin"]').count()).toBe(0);
      const read = await app.request(PersonAwardsDocument, { id: personId });
      expect(read.data!.person!.awards).toEqual([]);
      const [revision] = await app.graph.read('MATCH (r:Revision {id: $id}) RETURN r.operation AS operation, r.actor AS actor', { id: undoId });
      expect(revision).toEqual({ operation: 'undo', actor: 'test-history-admin' });

      // Now nothing later depends on the creation: undoing it removes the person.
      await page.locator('li.revision[data-operation="createPerson"]').getByRole('button', { name: /Undo/ }).click();
      await page.locator('li.revision[data-operation="createPerson"] .undone').waitFor();
      const [left] = await app.graph.read('MATCH (p:Person {id: $id}) RETURN count(p) AS count', { id: personId });
      expect(left.count).toBe(0);
      // The removed person keeps the name its revisions recorded, marked as gone.
      await page.locator('li.revision a.gone', { hasText: NAME }).first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
