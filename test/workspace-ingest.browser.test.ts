import { Browser, Page } from 'playwright-core';
import { bearer, startTestApp, TestApp } from './support/app';
import { gotoWorkspace, launchBrowser, openPage, screenshot, seriousViolations } from './support/browser';
import { removeEditingFixtures } from './support/editing';

/**
 * The ingest review in a real browser: an editor pastes a made-up notice, reviews the proposal
 * beside its text (spans highlighted, item ⇄ span), edits, relinks by typing, rejects, accepts the
 * rest and commits; the graph then holds exactly the accepted facts, cited with the new Source at
 * their locators; the revision is undone (admin, through the API) so the graph is as before.
 */
let app: TestApp;
let browser: Browser;
const EDITOR = 'test-ingest-ui-editor';
const editor = bearer('editor', EDITOR);
const admin = bearer('admin', 'test-ingest-ui-admin');
const removeProposals = () => app.graph.write("MATCH (p:Proposal) WHERE p.createdBy STARTS WITH 'test-' DETACH DELETE p");

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
  await removeProposals();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  if (app) {
    await removeEditingFixtures(app);
    await removeProposals();
    await app.close();
  }
});

// A made-up decision of Huainan's federation (市妇联 is 淮南市妇女联合会 in a document set in 淮南市).
// The extractor reads bare names as people; the editor gives them the 测试编辑 prefix in the page.
const NOTICE = [
  '【测试用虚构文件 — made up for testing】',
  '淮南市妇联关于表彰测试编辑巾帼建功标兵的决定',
  '市妇联决定，授予王晓燕等2名同志“测试编辑巾帼建功标兵”称号。',
  '1. 王晓燕，市妇联执委',
  '2. 李秀梅，淮河能源集团职工',
  '淮南市妇女联合会',
  '2025年3月8日',
].join('\n');

const PROPOSAL = `query ($id: ID!) { proposal(id: $id) { id status text revisionId
  commit { revisionId sourceId created written skipped { itemId reason } }
  items { id kind status locator span { start end } text
    entity { type name matchStatus match { id } } figure { counts } membership { role } } } }`;

const card = (page: Page, itemId: string) => page.locator(`article[data-item="${itemId}"]`);
const focusedItem = (page: Page) => page.evaluate(() => {
  const el = (globalThis as any).document.activeElement;
  return { tag: el?.tagName?.toLowerCase(), item: el?.getAttribute('data-item'), starts: el?.getAttribute('data-starts') };
});

describe('the ingest review screen', () => {
  it('shows a viewer no control that changes anything', async () => {
    const { page, problems, context } = await openPage(browser, app, { as: { role: 'viewer', sub: 'test-ingest-ui-viewer' } });
    try {
      await gotoWorkspace(page, app, '#/ingest');
      await page.getByTestId('ingest-needs-editor').waitFor();
      expect(await page.locator('main [data-requires]').count()).toBe(0);
      expect(await page.locator('main textarea, main input[type="file"]').count()).toBe(0);
      // Nor on a proposal's address.
      await page.evaluate(() => { (globalThis as any).location.hash = '#/ingest/prop-anything'; });
      await page.waitForURL(/#\/ingest\/prop-anything$/);
      await page.getByTestId('ingest-needs-editor').waitFor();
      expect(await page.locator('main [data-requires]').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets an editor paste a notice, review it beside its text, relink, reject, edit and commit; the graph holds exactly what was accepted', async () => {
    const { page, problems, outside, context } = await openPage(browser, app, { as: { role: 'editor', sub: EDITOR } });
    let revisionId: string | null = null;
    try {
      await gotoWorkspace(page, app, '#/ingest');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel('文档文本 Document text').fill(NOTICE);
      await page.getByRole('button', { name: '分析 Propose' }).click();
      await page.waitForURL(/#\/ingest\/prop-/);
      const proposalId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
      await page.locator('[data-testid="proposal-text"] mark').first().waitFor();

      // What the server proposed, to find the items by what they are.
      const proposed = (await app.raw(PROPOSAL, { id: proposalId }, editor)).data.proposal;
      expect(proposed.status).toBe('OPEN');
      const entity = (name: string) => proposed.items.find((i: any) => i.entity?.name === name);
      const wang = entity('王晓燕');
      const li = entity('李秀梅');
      const energy = entity('淮河能源集团');
      const federation = entity('淮南市妇女联合会');
      const honor = entity('测试编辑巾帼建功标兵');
      const figure = proposed.items.find((i: any) => i.kind === 'FIGURE');
      for (const item of [wang, li, energy, federation, honor, figure]) expect(item).toBeDefined();
      expect(federation.entity).toMatchObject({ matchStatus: 'MATCHED', match: { id: 'org-huainan-wf' } });
      expect(energy.entity.matchStatus).toBe('NEW');

      // Every item's span is highlighted: the marks covering it spell its text, and one begins it.
      const spelled = await page.evaluate(() => {
        const out: Record<string, string> = {};
        for (const mark of (globalThis as any).document.querySelectorAll('[data-testid="proposal-text"] mark')) {
          for (const id of mark.getAttribute('data-items').split(' ')) out[id] = (out[id] ?? '') + mark.textContent;
        }
        return out;
      });
      for (const item of proposed.items) expect([item.id, spelled[item.id]]).toEqual([item.id, item.text]);
      expect(await page.locator('[data-testid="proposal-text"]').textContent()).toBe(proposed.text);

      // Item → span, and back by keyboard; a click on a span → its item.
      await card(page, wang.id).getByRole('button', { name: `原文 Show in text ${wang.id}` }).click();
      expect(await focusedItem(page)).toMatchObject({ tag: 'mark' });
      expect((await focusedItem(page)).starts?.split(' ')).toContain(wang.id);
      await page.keyboard.press('Enter');
      expect(await focusedItem(page)).toMatchObject({ tag: 'article', item: wang.id });
      const membership = proposed.items.find((i: any) => i.kind === 'MEMBERSHIP' && i.membership.role === '执委');
      await page.locator(`[data-testid="proposal-text"] mark[data-starts~="${membership.id}"]`).click();
      expect(await focusedItem(page)).toMatchObject({ tag: 'article', item: membership.id });
      expect(await seriousViolations(page)).toEqual([]);
      await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
      await screenshot(page, 'workspace-ingest-review');

      // Edit: an empty name is refused next to the field; then the names the fixtures are cleaned by.
      const rename = async (itemId: string, name: string) => {
        await card(page, itemId).getByRole('button', { name: `编辑… Edit ${itemId}` }).click();
        await card(page, itemId).getByLabel('名称 Name').fill(name);
        await card(page, itemId).getByRole('button', { name: `保存 Save ${itemId}` }).click();
      };
      await rename(wang.id, ' ');
      await card(page, wang.id).locator('.field-error').waitFor();
      expect(await card(page, wang.id).locator('.field-error').textContent()).toMatch(/name/);
      expect(await card(page, wang.id).getByLabel('名称 Name').getAttribute('aria-invalid')).toBe('true');
      expect(await seriousViolations(page)).toEqual([]);
      await card(page, wang.id).getByLabel('名称 Name').fill('测试编辑王晓燕');
      await card(page, wang.id).getByRole('button', { name: `保存 Save ${wang.id}` }).click();
      await card(page, wang.id).locator('h4', { hasText: '测试编辑王晓燕' }).waitFor();
      await rename(li.id, '测试编辑李秀梅');
      await card(page, li.id).locator('h4', { hasText: '测试编辑李秀梅' }).waitFor();

      // Relink 淮河能源集团 to the graph's 淮河能源控股集团 by typing in the picker.
      await card(page, energy.id).getByRole('button', { name: `关联… Relink ${energy.id}` }).click();
      const picker = card(page, energy.id).getByRole('combobox');
      await picker.pressSequentially('淮河能源', { delay: 30 });
      await card(page, energy.id).getByRole('option', { name: /淮河能源控股集团/ }).waitFor();
      while ((await card(page, energy.id).locator('[role="option"][aria-selected="true"]').textContent())?.includes('淮河能源控股集团') !== true) {
        await picker.press('ArrowDown');
      }
      await picker.press('Enter');
      await card(page, energy.id).getByRole('button', { name: /确认关联 Relink/ }).click();
      await card(page, energy.id).getByTestId('item-match').filter({ hasText: 'org-huaihe-energy' }).waitFor();
      expect(await card(page, energy.id).getByTestId('item-match').textContent()).toMatch(/已关联 Relinked/);

      // Reject the figure (2名同志 counts the honorees, not a figure of the honor), accept the rest, commit.
      await card(page, figure.id).getByRole('button', { name: `拒绝 Reject ${figure.id}` }).click();
      await card(page, figure.id).getByTestId('item-status').filter({ hasText: 'Rejected' }).waitFor();
      await page.getByRole('status').filter({ hasText: `拒绝 Rejected ${figure.id}` }).waitFor();
      await page.getByRole('button', { name: /全部接受待定 Accept all pending/ }).click();
      await page.getByRole('status').filter({ hasText: /Accept all pending: 完成 done/ }).waitFor();
      expect(await page.locator('article.item.status-pending').count()).toBe(0);
      await page.getByRole('button', { name: /^提交 Commit/ }).click();
      await page.getByTestId('commit-result').waitFor();
      const link = page.getByTestId('revision-link');
      revisionId = await link.textContent();
      expect(revisionId).toMatch(/^rev-/);
      // The link opens the history of the Source the commit made, whose one revision this is.
      const shownSource = await page.getByTestId('commit-source').textContent();
      expect(await link.getAttribute('href')).toBe(`#/history/${encodeURIComponent(shownSource!)}`);
      const [made] = await app.graph.read('MATCH (r:Revision {id: $id}) RETURN r.operation AS operation', { id: revisionId });
      expect(made.operation).toBe('commitProposal');
      expect(await page.getByTestId('proposal-status').textContent()).toMatch(/Committed/);
      expect(await page.locator('main [data-requires]').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
      await screenshot(page, 'workspace-ingest-committed');

      // Through the API: the revision, and exactly the accepted facts cited with the new Source.
      const after = (await app.raw(PROPOSAL, { id: proposalId }, editor)).data.proposal;
      expect(after).toMatchObject({ status: 'COMMITTED', revisionId, commit: { revisionId } });
      expect(after.items.find((i: any) => i.id === figure.id).status).toBe('REJECTED');
      const sourceId = after.commit.sourceId;
      expect(shownSource).toBe(sourceId);
      expect(await page.getByTestId('commit-created').textContent()).toBe(String(after.commit.created));
      expect(await page.getByTestId('commit-written').textContent()).toBe(String(after.commit.written));
      const [source] = await app.graph.read('MATCH (s:Source {id: $sourceId}) RETURN s.createdBy AS by', { sourceId });
      expect(source.by).toBe(EDITOR);
      const facts = await app.graph.read(
        `MATCH (a:Entity)-[r]->(b:Entity) WHERE $sourceId IN r.sourceIds AND type(r) <> 'MENTIONS'
         WITH a, r, b, [i IN range(0, size(r.sourceIds) - 1) WHERE r.sourceIds[i] = $sourceId | r.locators[i]][0] AS locator
         RETURN coalesce(a.name, a.id) + ' -' + type(r) + '-> ' + coalesce(b.name, b.id) + ' @' + locator AS fact, r.role AS role, r.year AS year, r.yearInferred AS yearInferred
         ORDER BY fact`,
        { sourceId },
      );
      expect(facts.map((f) => f.fact)).toEqual([
        '测试编辑巾帼建功标兵 -CONFERRED_BY-> 淮南市妇女联合会 @¶3',
        '测试编辑李秀梅 -MEMBER_OF-> 淮河能源控股集团 @¶5',
        '测试编辑王晓燕 -MEMBER_OF-> 淮南市妇女联合会 @¶4',
        '测试编辑王晓燕 -RECEIVED-> 测试编辑巾帼建功标兵 @¶3',
      ]);
      expect(facts.find((f) => f.fact.includes('-RECEIVED->'))).toMatchObject({ yearInferred: true });
      expect(Number(facts.find((f) => f.fact.includes('-RECEIVED->'))!.year)).toBe(2025);
      expect(facts.find((f) => f.fact.startsWith('测试编辑王晓燕 -MEMBER_OF->'))!.role).toBe('执委');
      // The new nodes: the Source and the three accepted new entities; no figure, no unprefixed person.
      const created = await app.graph.read(
        'MATCH (n:Entity) WHERE n.createdBy = $by RETURN coalesce(n.name, n.title) AS name, [l IN labels(n) WHERE l <> "Entity"][0] AS label ORDER BY label, name',
        { by: EDITOR },
      );
      expect(created.map((n) => `${n.label} ${n.name}`)).toEqual([
        'Honor 测试编辑巾帼建功标兵',
        'Person 测试编辑李秀梅',
        'Person 测试编辑王晓燕',
        'Source 【测试用虚构文件 — made up for testing】',
      ]);
      expect(after.commit.created).toBe(4);
      expect(await app.graph.read("MATCH (f:Figure) WHERE $sourceId IN f.sourceIds RETURN f.id AS id", { sourceId })).toEqual([]);
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
      // Undo the commit (admin, through the API): the graph is as before.
      if (revisionId) {
        const undone = await app.raw('mutation ($id: ID!) { undo(revisionId: $id) { id } }', { id: revisionId }, admin);
        expect(undone.errors).toBeUndefined();
        expect(await app.graph.read('MATCH (n:Entity) WHERE n.createdBy = $by RETURN n.id AS id', { by: EDITOR })).toEqual([]);
      }
    }
  }, 180_000);
  it('uploads a file, resumes it from the open proposals, and names the item a refused commit concerns (one column under 900 px)', async () => {
    const { page, problems, context } = await openPage(browser, app, { as: { role: 'editor', sub: EDITOR }, viewport: { width: 820, height: 900 } });
    try {
      await gotoWorkspace(page, app, '#/ingest');
      const markdown = [
        '【测试用虚构文件 — made up for testing】',
        '',
        '# 淮南市妇联关于表彰测试编辑巾帼文明标兵的决定',
        '',
        '市妇联决定，授予王晓燕“测试编辑巾帼文明标兵”称号。',
        '',
        '淮南市婦女聯合會 2025年3月8日',
      ].join('\n');
      await page.getByLabel('文件 File').setInputFiles({ name: '测试编辑-notice.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown, 'utf8') });
      await page.getByRole('button', { name: '上传并分析 Upload and propose' }).click();
      await page.waitForURL(/#\/ingest\/prop-/);
      const proposalId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
      await page.locator('[data-testid="proposal-text"] mark').first().waitFor();
      expect(await page.locator('.review-meta').textContent()).toMatch(/MARKDOWN · 测试编辑-notice\.md/);
      // The signature came in traditional script: the repair is listed, and the text shown is the repaired one.
      expect(await page.locator('.repairs li').first().textContent()).toMatch(/^¶7 · 繁体 Traditional script ×3: 婦 → 妇/);
      expect(await page.getByTestId('proposal-text').textContent()).toContain('淮南市妇女联合会 2025年3月8日');
      // One column: the text above the items.
      const text = (await page.locator('.review-text-column').boundingBox())!;
      const items = (await page.locator('.review-items-column').boundingBox())!;
      expect(items.y).toBeGreaterThanOrEqual(text.y + text.height - 1);

      // Back to the list: the proposal is open there, and resumes.
      await page.getByRole('link', { name: /All ingests/ }).click();
      const row = page.locator('table.data tr', { has: page.locator(`a[href="#/ingest/${proposalId}"]`) });
      await row.waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await row.getByRole('link').click();
      await page.locator('[data-testid="proposal-text"] mark').first().waitFor();

      // Rename the new honor to an existing one's name, accept it alone, commit: refused, naming the item.
      const proposed = (await app.raw(PROPOSAL, { id: proposalId }, editor)).data.proposal;
      const honor = proposed.items.find((i: any) => i.entity?.type === 'HONOR');
      expect(honor.entity.matchStatus).toBe('NEW');
      await card(page, honor.id).getByRole('button', { name: `编辑… Edit ${honor.id}` }).click();
      await card(page, honor.id).getByLabel('名称 Name').fill('三八红旗手');
      await card(page, honor.id).getByRole('button', { name: `保存 Save ${honor.id}` }).click();
      await card(page, honor.id).locator('h4', { hasText: '三八红旗手' }).waitFor();
      await card(page, honor.id).getByRole('button', { name: `接受 Accept ${honor.id}` }).click();
      await card(page, honor.id).getByTestId('item-status').filter({ hasText: 'Accepted' }).waitFor();
      // The status filter: only the accepted item.
      await page.getByLabel('显示 Show').selectOption('ACCEPTED');
      expect(await page.locator('article.item').count()).toBe(1);
      await page.getByLabel('显示 Show').selectOption('');
      await page.getByRole('button', { name: /^提交 Commit/ }).click();
      const banner = page.locator('.review > .banner.error');
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(new RegExp(`^冲突 Conflict: .*${honor.id}.*三八红旗手`));
      expect(await card(page, honor.id).locator('.banner.error').textContent()).toMatch(/冲突 Conflict/);
      await page.getByRole('button', { name: `查看条目 Go to item ${honor.id}` }).click();
      expect(await focusedItem(page)).toMatchObject({ tag: 'article', item: honor.id });
      expect(await page.getByTestId('proposal-status').textContent()).toMatch(/Open/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-ingest-conflict');
      // Nothing was written.
      expect((await app.raw(PROPOSAL, { id: proposalId }, editor)).data.proposal).toMatchObject({ status: 'OPEN', revisionId: null });
      expect(await app.graph.read('MATCH (n:Entity) WHERE n.createdBy = $by RETURN n.id AS id', { by: EDITOR })).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
