import { Browser, Page } from 'playwright-core';
import { bearer, startTestApp, TestApp } from './support/app';
import { gotoWorkspace, launchBrowser, openPage, screenshot, seriousViolations } from './support/browser';
import { databaseState, removeEditingFixtures } from './support/editing';
import {
  AddMembershipDocument,
  AwardHonorDocument,
  CreateHonorDocument,
  CreateOrganizationDocument,
  CreatePersonDocument,
  CreateSourceDocument,
} from './__generated__/graphql';

/**
 * The duplicates screen in a real browser: an admin finds a made-up pair (one name written in
 * traditional script) in the queue, opens the merge preview, merges and undoes from the
 * confirmation; an editor sees the queue and the preview but no merge or undo, and dismisses.
 */
let app: TestApp;
let browser: Browser;
const editor = bearer('editor', 'test-wsd-editor');
const ids: Record<string, string> = {};
let before: Awaited<ReturnType<typeof databaseState>>;

async function create(doc: any, input: Record<string, unknown>, key: string): Promise<void> {
  const response: any = await app.request(doc, { input: { allowDuplicate: true, ...input } } as any, editor);
  expect(response.errors).toBeUndefined();
  ids[key] = (Object.values(response.data)[0] as { id: string }).id;
}

/** The graph as the API sees it: which of the two people exist and what each holds. */
async function people() {
  const rows = await app.graph.read(
    `UNWIND $ids AS id OPTIONAL MATCH (p:Person {id: id})
     RETURN id, p IS NOT NULL AS exists,
            COUNT { (p)-[:RECEIVED]->(:Honor {id: $honor}) } AS awards,
            COUNT { (p)-[:MEMBER_OF]->(:Organization {id: $org}) } AS memberships`,
    { ids: [ids.kept, ids.merged], honor: ids.honor, org: ids.org },
  );
  return Object.fromEntries(rows.map((row) => [row.id === ids.kept ? 'kept' : 'merged', { exists: row.exists, awards: row.awards, memberships: row.memberships }]));
}

const pairRow = (page: Page) => page.locator('table.data tbody tr').filter({ hasText: ids.kept }).filter({ hasText: ids.merged });

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  await removeEditingFixtures(app);
  before = await databaseState(app);
  // Fixture set-up through the API, not the editor's work: two people who duplicate each other.
  await create(CreateSourceDocument, { title: '测试编辑工作台名单', kind: 'PUBLISHED_LIST' }, 'source');
  await create(CreateOrganizationDocument, { name: '测试编辑工作台协会', kind: 'FEDERATION' }, 'org');
  await create(CreateHonorDocument, { name: '测试编辑工作台奖' }, 'honor');
  await create(CreatePersonDocument, { name: '测试编辑李秀英', nameEn: 'Li Xiuying' }, 'kept');
  await create(CreatePersonDocument, { name: '測試編輯李秀英', sourceIds: [ids.source] }, 'merged');
  expect((await app.request(AddMembershipDocument, { memberId: ids.kept, organizationId: ids.org, role: '会员' }, editor)).errors).toBeUndefined();
  expect((await app.request(AwardHonorDocument, { recipientId: ids.merged, honorId: ids.honor, year: 2022, sourceIds: [ids.source] }, editor)).errors).toBeUndefined();
});
afterAll(async () => {
  await browser?.close();
  if (app) {
    await removeEditingFixtures(app);
    expect(await databaseState(app)).toEqual(before);
    await app.close();
  }
});

describe('the duplicates screen', () => {
  it('an admin finds the pair in the queue, reads the preview, merges and undoes the merge', async () => {
    const { page, problems, outside, context } = await openPage(browser, app, { as: { role: 'admin', sub: 'test-wsd-admin' } });
    try {
      await gotoWorkspace(page, app, '#/duplicates');
      await page.getByLabel('类型 Type').selectOption('PERSON');
      const row = pairRow(page);
      await row.waitFor();
      expect(await row.getByTestId('score').textContent()).toBe('1.00');
      expect(await row.textContent()).toMatch(/同名 Same name/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-duplicates-queue');

      await row.getByRole('link', { name: /Compare/ }).click();
      await page.getByRole('radio', { name: `保留 Keep ${ids.kept}` }).check();
      await page.getByRole('heading', { name: /Merge preview/ }).waitFor();
      await page.getByRole('button', { name: `合并：保留 测试编辑李秀英 Merge, keeping ${ids.kept}` }).waitFor();
      // What moves: the award (to the honor), the source's mention; nothing is refused.
      const award = page.locator('.merge-preview tbody tr').filter({ hasText: ids.honor });
      expect(await award.textContent()).toMatch(/获得荣誉 Received.*→ 指向 to.*year:2022.*移入 Moves/);
      expect(await page.getByTestId('citations-moved').textContent()).toContain(ids.source);
      expect((await page.locator('[data-testid="conflicts"]').allTextContents()).join('')).not.toMatch(/Cycle/);
      expect(await page.locator('[role="alert"]').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-duplicates-preview');
      expect(await people()).toEqual({ kept: { exists: true, awards: 0, memberships: 1 }, merged: { exists: true, awards: 1, memberships: 0 } });

      await page.getByRole('button', { name: /Merge, keeping/ }).click();
      await page.getByTestId('merge-done').waitFor();
      expect(await people()).toEqual({ kept: { exists: true, awards: 1, memberships: 1 }, merged: { exists: false, awards: 0, memberships: 0 } });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-duplicates-merged');

      await page.getByRole('button', { name: /Undo the merge/ }).click();
      await page.getByText(/Merge undone/).waitFor();
      expect(await people()).toEqual({ kept: { exists: true, awards: 0, memberships: 1 }, merged: { exists: true, awards: 1, memberships: 0 } });
      // The pair is back to judge: the preview shows again.
      await page.getByRole('heading', { name: /Merge preview/ }).waitFor();
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('an editor sees the queue and the preview but no merge or undo, and marks the pair as not the same', async () => {
    const { page, problems, context } = await openPage(browser, app, { as: { role: 'editor', sub: 'test-wsd-editor' } });
    try {
      await gotoWorkspace(page, app, '#/duplicates');
      const row = pairRow(page);
      await row.waitFor();
      expect(await page.locator('[data-requires="admin"]').count()).toBe(0);
      expect(await row.locator('[data-requires="editor"]').count()).toBe(1);
      await row.getByRole('link', { name: /Compare/ }).click();
      await page.getByRole('heading', { name: /Merge preview/ }).waitFor();
      expect(await page.locator('[data-requires="admin"]').count()).toBe(0);
      expect(await page.getByRole('button', { name: /Merge|Undo/ }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByLabel(/备注 Note/).fill('测试：两个人 two people');
      await page.getByRole('button', { name: /Not the same/ }).click();
      await page.getByText(/the pair left the queue/).waitFor();
      const [row2] = await app.graph.read('MATCH (p:Person {id: $id}) RETURN p.distinctFrom AS ids, p.distinctNotes AS notes', { id: ids.kept });
      expect(row2).toEqual({ ids: [ids.merged], notes: ['测试：两个人 two people'] });
      await page.getByRole('link', { name: /Back to the queue/ }).click();
      await page.getByRole('table').waitFor();
      await page.getByText(/^共 \d+ 对/).waitFor();
      expect(await pairRow(page).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a viewer sees the queue without any edit control', async () => {
    const { page, problems, context } = await openPage(browser, app, { as: { role: 'viewer', sub: 'test-wsd-viewer' } });
    try {
      await gotoWorkspace(page, app, '#/duplicates');
      await page.getByRole('table').waitFor();
      expect(await page.locator('[data-requires]').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
