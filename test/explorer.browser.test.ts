import fs from 'node:fs';
import path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { bearer, startTestApp, TestApp } from './support/app';

/**
 * The explorer page in a real browser (Debian's Chromium, see tools/ensure-browser.sh) against
 * the real server and Neo4j. Screenshots go to test/artifacts/ (git-ignored).
 */
const ARTIFACTS = path.resolve(__dirname, 'artifacts');
// As root Chromium needs --no-sandbox; the others stop it calling hosts this network refuses.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

let app: TestApp;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
/** What Chromium reports against the server's Content-Security-Policy, on the console or as events. */
const cspViolations: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.addInitScript(
    "document.addEventListener('securitypolicyviolation', (e) => console.error('Refused by CSP: ' + e.violatedDirective + ' ' + e.blockedURI))",
  );
  page.setDefaultTimeout(20_000);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const chartBox = (name: string) => page.locator('#chart .org-name', { hasText: new RegExp(`^${name.replace(/[()]/g, '\\$&')}$`) });
const hit = (name: string) => page.locator('#search-results .hit', { has: page.locator('.hit-name', { hasText: new RegExp(`^${name}$`) }) });

/** Boxes of a previous chart leave with an animation: waits until exactly `count` are left. */
const chartHasBoxes = (count: number) =>
  // A function, not a string: a string predicate is eval'd in the page, which its CSP forbids.
  page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('#chart .org-node').length === n, count);

async function search(text: string) {
  await page.getByLabel('搜索 Search').fill(text);
  await page.getByLabel('搜索 Search').press('Enter');
  await page.locator('#search-results .hit').first().waitFor();
}

describe('a reader explores the org charts in a browser', () => {
  it('serves the bundled page itself, with no request leaving the server', async () => {
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(`http://127.0.0.1:${app.server.port}/`)) outside.push(request.url());
    });
    const response = await page.goto(`http://127.0.0.1:${app.server.port}/`);
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toContain('HonorGraph');
    // The page opens on 市妇联's tree by default.
    await chartBox('淮南市妇女联合会').waitFor();
    expect(outside).toEqual([]);
  });

  it("searches for 婦聯 and sees the chart of 市妇联's organization", async () => {
    // Start elsewhere (the city government stands alone), so what follows is the search's doing.
    await page.goto(`http://127.0.0.1:${app.server.port}/?org=org-huainan-government`);
    await page.locator('#details-title', { hasText: /^淮南市人民政府$/ }).waitFor();
    await chartHasBoxes(1);
    await search('婦聯');
    await hit('淮南市妇女联合会').click();
    await page.locator('#details-title', { hasText: '淮南市妇女联合会' }).waitFor();
    // The whole federation tree it belongs to, from the national federation to its own team and alliance.
    for (const name of ['中华全国妇女联合会', '安徽省妇女联合会', '淮南市妇女联合会', '淮南市妇联宣讲团', '淮南市三八红旗手(集体)联盟']) {
      await expect(chartBox(name).count()).resolves.toBe(1);
    }
    await chartHasBoxes(5);
    await expect(page.locator('#details-honors').innerText()).resolves.toContain('省三八红旗集体');
    // Its breadcrumb, root first, leads up to the provincial federation.
    const crumbs = page.getByRole('navigation', { name: '上级组织' }).getByRole('button');
    await crumbs.first().waitFor();
    await expect(crumbs.allInnerTexts()).resolves.toEqual(['中华全国妇女联合会', '安徽省妇女联合会']);
    await crumbs.nth(1).click();
    await page.locator('#details-title', { hasText: /^安徽省妇女联合会$/ }).waitFor();
  });

  it('finds 市妇联 by pinyin too', async () => {
    await search('fulian');
    await expect(hit('淮南市妇女联合会').count()).resolves.toBe(1);
  });

  it('opens the court, clicks its litigation service center and sees 全国三八红旗集体 with its source', async () => {
    // The center is under the court, not under 市妇联: the reader searches the court by its short name.
    await search('淮南中院');
    await hit('淮南市中级人民法院').click();
    await page.locator('#details-title', { hasText: /^淮南市中级人民法院$/ }).waitFor();
    await expect(page.locator('#details-honors').innerText()).resolves.not.toContain('全国三八红旗集体');
    await chartBox('淮南市中级人民法院诉讼服务中心').click();
    await page.locator('#details-title', { hasText: '淮南市中级人民法院诉讼服务中心' }).waitFor();
    const honors = await page.locator('#details-honors').innerText();
    expect(honors).toContain('全国三八红旗集体');
    expect(honors).toContain('¶5');
    await page.screenshot({ path: path.join(ARTIFACTS, 'explorer-litigation-center.png') });
  });

  it('works from the keyboard: Tab reaches a chart box and D opens its details', async () => {
    const box = page.locator('#chart g.node[role="button"]', { hasText: '淮南市中级人民法院' }).first();
    await box.focus();
    await page.keyboard.press('d');
    await page.locator('#details-title', { hasText: /^淮南市中级人民法院$/ }).waitFor();
  });

  it("shows the server's own message when an award is refused", async () => {
    await page.locator('#editor summary').click();
    await page.getByLabel('令牌 Token').fill('not-a-real-token');
    await page.getByLabel('荣誉 Honor').fill('honor-national-sanba-collective');
    await page.getByLabel('年份 Year').fill('2024');
    await page.getByRole('button', { name: '保存' }).click();
    const status = page.locator('#award-status.error');
    await status.waitFor();
    // The server's refusal of the token, verbatim.
    expect(await status.innerText()).toMatch(/token/i);
    expect(pageErrors).toEqual([]);
  });

  it('an editor with a token links the selected organization to an honor, and the details show it', async () => {
    const court = 'org-huainan-intermediate-court';
    try {
      await page.getByLabel('令牌 Token').fill(bearer('editor', 'test-explorer').authorization.replace(/^Bearer /, ''));
      await page.getByLabel('荣誉 Honor').fill('honor-national-sanba-collective');
      await page.getByLabel('年份 Year').fill('2023');
      await page.getByRole('button', { name: '保存' }).click();
      await page.locator('#award-status:not(.error)', { hasText: `已记录：${court}` }).waitFor();
      const [stored] = await app.graph.read(
        "MATCH (:Entity {id: $court})-[r:RECEIVED {year: 2023}]->(:Honor {id: 'honor-national-sanba-collective'}) RETURN count(r) AS n",
        { court },
      );
      expect(stored.n).toBe(1);
      expect(pageErrors).toEqual([]);
    } finally {
      await app.graph.write("MATCH (:Entity {id: $court})-[r:RECEIVED {year: 2023}]->() DELETE r", { court });
      await app.graph.write("MATCH (r:Revision) WHERE r.actor STARTS WITH 'test-explorer' DETACH DELETE r");
    }
  });

  it('ran every step above under the Content-Security-Policy with no violation, and may not be framed', async () => {
    const response = await page.goto(`http://127.0.0.1:${app.server.port}/`);
    await chartBox('淮南市妇女联合会').waitFor();
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
