import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, GraphQLEnumType, GraphQLObjectType } from 'graphql';
import { Browser, chromium, Page } from 'playwright-core';
import { bearer, startTestApp, TestApp } from './support/app';
import { openPage, screenshot, seriousViolations, WorkspacePage } from './support/browser';
import { ENTITY, LEVEL, ORGANIZATION_KIND, PROGRAM_KIND, TYPENAME } from '../web/src/labels';

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

// ---- part 7 of issue 16: readable chart, Chinese labels, phones, favicon, axe -------------------

/** Every text in the chart as drawn: its CSS font size times the chart's zoom, measured two ways. */
interface DrawnText { className: string; text: string; fontSize: number; byZoom: number; byRect: number }

/** The zoom the chart is drawn at (d3-zoom's transform on the chart's svg) and every box's texts. */
async function chartTexts(p: Page): Promise<{ k: number; texts: DrawnText[] }> {
  return p.evaluate(() => {
    const doc = (globalThis as any).document;
    const svg = doc.querySelector('#chart svg.svg-chart-container');
    // d3-zoom keeps the current transform on the element it listens to.
    const k: number = svg.__zoom.k;
    const texts: DrawnText[] = [];
    for (const el of doc.querySelectorAll('#chart .org-kind, #chart .org-name, #chart .org-counts, #chart .node-toggle')) {
      const text = el.textContent.trim();
      if (!text || !el.offsetHeight) continue;
      const fontSize = parseFloat((globalThis as any).getComputedStyle(el).fontSize);
      // The box's laid-out height against its height on screen: the scale the browser drew it at.
      const byRect = fontSize * (el.getBoundingClientRect().height / el.offsetHeight);
      texts.push({ className: el.className, text, fontSize, byZoom: fontSize * k, byRect });
    }
    return { k, texts };
  });
}

/** Texts anywhere on the page drawn under `px` (the chart's at its zoom), one line each. */
async function textsUnder(p: Page, px: number): Promise<string[]> {
  return p.evaluate((limit) => {
    const doc = (globalThis as any).document;
    const small: string[] = [];
    for (const el of doc.body.querySelectorAll('*')) {
      const own = [...el.childNodes].filter((n: any) => n.nodeType === 3 && n.textContent.trim()).map((n: any) => n.textContent.trim()).join(' ');
      if (!own || !el.getClientRects().length) continue;
      const fontSize = parseFloat((globalThis as any).getComputedStyle(el).fontSize);
      const scale = el.offsetHeight ? el.getBoundingClientRect().height / el.offsetHeight : 1;
      const drawn = el.closest('#chart') ? fontSize * scale : fontSize;
      if (drawn < limit - 0.01) small.push(`${drawn.toFixed(1)}px ${el.tagName.toLowerCase()}.${el.className} "${own.slice(0, 30)}"`);
    }
    return small;
  }, px);
}

/** Waits until the chart shows `count` boxes and its zoom has stopped changing. */
async function settledChart(p: Page, count: number) {
  await p.waitForFunction((n) => (globalThis as any).document.querySelectorAll('#chart .org-node').length === n, count);
  // d3-org-chart moves the boxes into place in 400 ms transitions.
  await p.waitForTimeout(700);
}

/** Every box fully inside the chart's frame? */
async function boxesOutsideChart(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const doc = (globalThis as any).document;
    const frame = doc.querySelector('#chart').getBoundingClientRect();
    return [...doc.querySelectorAll('#chart .org-node')]
      .filter((el: any) => {
        const r = el.getBoundingClientRect();
        return r.left < frame.left - 0.5 || r.right > frame.right + 0.5 || r.top < frame.top - 0.5 || r.bottom > frame.bottom + 0.5;
      })
      .map((el: any) => el.querySelector('.org-name').textContent);
  });
}

function expectReadable(drawn: { k: number; texts: DrawnText[] }) {
  expect(drawn.texts.length).toBeGreaterThan(0);
  for (const t of drawn.texts) {
    // The two measures agree: the zoom is what the browser drew.
    expect(Math.abs(t.byRect - t.byZoom)).toBeLessThan(0.25);
  }
  const smallest = (cls: string) => Math.min(...drawn.texts.filter((t) => t.className.includes(cls)).map((t) => t.byRect));
  expect(smallest('org-name')).toBeGreaterThanOrEqual(12);
  expect(smallest('org-counts')).toBeGreaterThanOrEqual(12);
  expect(smallest('org-kind')).toBeGreaterThanOrEqual(12);
  return { k: drawn.k, name: smallest('org-name'), counts: smallest('org-counts'), kind: smallest('org-kind') };
}

describe('part 7: the explorer read at 1366×768 and on a phone', () => {
  let desktop: WorkspacePage;
  beforeAll(async () => {
    desktop = await openPage(browser, app);
  });
  afterAll(async () => {
    await desktop?.context.close();
  });
  const base = () => `http://127.0.0.1:${app.server.port}`;

  it("draws 市妇联's tree at its default fit with names and counts of 12 px or more, the whole tree in view", async () => {
    const { page: p } = desktop;
    await p.goto(`${base()}/`);
    await settledChart(p, 5);
    const sizes = expectReadable(await chartTexts(p));
    console.log(`[explorer] 市妇联 tree at 1366×768: zoom ${sizes.k.toFixed(3)}, names ${sizes.name.toFixed(1)} px, counts ${sizes.counts.toFixed(1)} px, kinds ${sizes.kind.toFixed(1)} px`);
    await expect(boxesOutsideChart(p)).resolves.toEqual([]);
    await expect(textsUnder(p, 12)).resolves.toEqual([]);
    await screenshot(p, 'explorer-desktop');
  });

  it('draws the largest seed tree (市妇联 with its honors as leaves) readable too', async () => {
    const { page: p } = desktop;
    const [{ honors }] = await app.graph.read(
      `MATCH (o:Organization)-[:PART_OF*0..]->(:Organization {id: 'org-acwf'}) MATCH (o)-[:RECEIVED]->(h:Honor) RETURN count(DISTINCT [o.id, h.id]) AS honors`,
    );
    await p.getByLabel('显示荣誉节点').check();
    await settledChart(p, 5 + Number(honors));
    const sizes = expectReadable(await chartTexts(p));
    console.log(`[explorer] 市妇联 tree with ${honors} honor leaves: zoom ${sizes.k.toFixed(3)}, names ${sizes.name.toFixed(1)} px, counts ${sizes.counts.toFixed(1)} px`);
    // The reader pans to what does not fit; the box in focus (市妇联) is in view.
    const focus = p.locator('#chart .org-node.selected');
    await expect(focus.count()).resolves.toBe(1);
    const outside = await boxesOutsideChart(p);
    expect(outside).not.toContain('淮南市妇女联合会');
    await p.getByLabel('显示荣誉节点').uncheck();
    await settledChart(p, 5);
  });

  it('shows kinds and levels in Chinese, and in English after the toggle, remembered across a reload', async () => {
    const { page: p } = desktop;
    const federation = p.locator('#chart .org-node', { has: p.locator('.org-name', { hasText: /^淮南市妇女联合会$/ }) }).locator('.org-kind');
    await expect(federation.innerText()).resolves.toBe('妇联组织 · 市级');
    await expect(federation.locator('span').first().getAttribute('lang')).resolves.toBe('zh-Hans');
    await p.locator('#details-title', { hasText: /^淮南市妇女联合会$/ }).waitFor();
    await expect(p.locator('#details-kind').innerText()).resolves.toContain('妇联组织 · 市级');
    // No enum value of the schema is shown as it is.
    const enumValues = /\b(NATIONAL|PROVINCIAL|MUNICIPAL|COUNTY|TOWNSHIP|VILLAGE|FEDERATION|TEAM|ALLIANCE|INSTITUTION|ORGANIZATION|HONOR)\b/;
    expect(await p.locator('body').innerText()).not.toMatch(enumValues);

    const toggle = p.getByRole('button', { name: '英文标签 English labels' });
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
    await toggle.click();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    await p.waitForFunction(() => /Municipal/.test((globalThis as any).document.querySelector('#details-kind')?.textContent ?? ''));
    await expect(federation.innerText()).resolves.toBe('Federation · Municipal');
    await expect(federation.locator('span').first().getAttribute('lang')).resolves.toBe('en');
    await expect(p.locator('#details-kind span[lang="en"]').first().innerText()).resolves.toBe('Federation');
    // The counts' words follow; the names stay Chinese and say so.
    await expect(p.locator('#chart .org-counts [lang="en"]').first().innerText()).resolves.toMatch(/^Sub-units \d+$/);
    await expect(p.locator('#chart .org-name').first().getAttribute('lang')).resolves.toBe('zh-Hans');
    expect(await seriousViolations(p)).toEqual([]);
    expectReadable(await chartTexts(p));
    // No kind line of this tree is cut short with an ellipsis in English either.
    const cut = await p.evaluate(() => [...(globalThis as any).document.querySelectorAll('#chart .org-kind')]
      .filter((el: any) => el.scrollWidth > el.clientWidth + 1).map((el: any) => el.textContent));
    expect(cut).toEqual([]);
    await screenshot(p, 'explorer-desktop-english');

    await p.reload();
    await settledChart(p, 5);
    await expect(federation.innerText()).resolves.toBe('Federation · Municipal');
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    await toggle.click();
    await expect(federation.innerText()).resolves.toBe('妇联组织 · 市级');
    await p.reload();
    await settledChart(p, 5);
    await expect(federation.innerText()).resolves.toBe('妇联组织 · 市级');
  });

  it("labels every value of the schema's Level, OrganizationKind, ProgramKind and entity enums", () => {
    const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../schema/schema.graphql'), 'utf8'));
    const values = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((v) => v.name).sort();
    expect(Object.keys(LEVEL).sort()).toEqual(values('Level'));
    expect(Object.keys(ORGANIZATION_KIND).sort()).toEqual(values('OrganizationKind'));
    expect(Object.keys(PROGRAM_KIND).sort()).toEqual(values('ProgramKind'));
    expect(Object.keys(ENTITY).sort()).toEqual([...new Set([...values('OrgChartEntity'), ...values('EntityType')])].sort());
    for (const table of [LEVEL, ORGANIZATION_KIND, PROGRAM_KIND, ENTITY]) {
      for (const [zh, en] of Object.values(table)) {
        expect(zh).toMatch(/\p{Script=Han}/u);
        expect(en).toMatch(/^[A-Z][A-Za-z’ -]+$/);
      }
    }
    const organizationTypes = Object.values(schema.getTypeMap())
      .filter((t) => t instanceof GraphQLObjectType && t.getInterfaces().some((i) => i.name === 'Organization'))
      .map((t) => t.name);
    for (const name of organizationTypes) expect(TYPENAME[name]).toBeDefined();
  });

  it('has 0 serious or critical axe violations, a favicon, and a link to the workspace', async () => {
    const { page: p } = desktop;
    await p.goto(`${base()}/`);
    await settledChart(p, 5);
    expect(await seriousViolations(p)).toEqual([]);
    await expect(p.locator('link[rel="icon"]').getAttribute('href')).resolves.toBe('/favicon.svg');
    for (const icon of ['/favicon.svg', '/favicon.ico']) {
      const response = await p.request.get(`${base()}${icon}`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^image\/svg\+xml/);
      expect(await response.text()).toMatch(/^<svg /);
    }
    const redirect = await p.request.get(`${base()}/favicon.ico`, { maxRedirects: 0 });
    expect(redirect.status()).toBe(301);
    expect(redirect.headers().location).toBe('/favicon.svg');
    // From the keyboard: Enter on 市妇联's box collapses its two children, Enter again brings them back.
    const federation = p.locator('#chart g.node[role="button"]', { has: p.locator('.org-name', { hasText: /^淮南市妇女联合会$/ }) });
    await federation.focus();
    await p.keyboard.press('Enter');
    await settledChart(p, 3);
    await p.keyboard.press('Enter');
    await settledChart(p, 5);
    await p.getByRole('link', { name: '编辑台 Workspace' }).click();
    await p.waitForURL(`${base()}/edit/`);
    await p.locator('main h2').first().waitFor();
    await expect(p.locator('link[rel="icon"]').getAttribute('href')).resolves.toBe('/favicon.svg');
    expect(desktop.problems).toEqual([]);
    expect(desktop.outside).toEqual([]);
  });

  it('works on a 390 px phone: chart the full width, no sideways scroll, touch pan and pinch, details below', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    try {
      const p = await context.newPage();
      p.setDefaultTimeout(20_000);
      const errors: string[] = [];
      p.on('pageerror', (error) => errors.push(error.message));
      await p.goto(`${base()}/`);
      await settledChart(p, 5);
      const layout = await p.evaluate(() => {
        const doc = (globalThis as any).document;
        const rect = (sel: string) => doc.querySelector(sel).getBoundingClientRect();
        return {
          scrollWidth: doc.documentElement.scrollWidth, clientWidth: doc.documentElement.clientWidth,
          chart: rect('#chart'), details: rect('#details'), toolbar: rect('.toolbar'),
        };
      });
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
      expect(layout.chart.width).toBeGreaterThan(350);
      expect(layout.details.top).toBeGreaterThanOrEqual(layout.chart.bottom);
      expect(layout.toolbar.right).toBeLessThanOrEqual(390);
      const sizes = expectReadable(await chartTexts(p));
      // Narrower boxes on a phone: 市妇联's whole tree fits the width at a readable size.
      await expect(boxesOutsideChart(p)).resolves.toEqual([]);
      console.log(`[explorer] 390×844: chart ${layout.chart.width} px wide, zoom ${sizes.k.toFixed(3)}, names ${sizes.name.toFixed(1)} px, counts ${sizes.counts.toFixed(1)} px`);
      await expect(textsUnder(p, 12)).resolves.toEqual([]);
      await screenshot(p, 'explorer-phone');

      // One finger pans the chart (d3-zoom), the page does not scroll.
      const cdp = await context.newCDPSession(p);
      const zoom = () => p.evaluate(() => {
        const z = (globalThis as any).document.querySelector('#chart svg.svg-chart-container').__zoom;
        return { k: z.k, x: z.x, y: z.y };
      });
      const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', points: { x: number; y: number }[]) =>
        cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((pt, id) => ({ ...pt, id })) });
      const cx = layout.chart.left + layout.chart.width / 2;
      const cy = layout.chart.top + layout.chart.height / 2;
      // A fit may still be animating: measure from a transform that has settled.
      const settled = async () => {
        for (let last = await zoom(); ; ) {
          await p.waitForTimeout(250);
          const now = await zoom();
          if (now.k === last.k && now.x === last.x && now.y === last.y) return now;
          last = now;
        }
      };
      const before = await settled();
      const scrollBefore = await p.evaluate(() => (globalThis as any).scrollY);
      await touch('touchStart', [{ x: cx, y: cy }]);
      for (let i = 1; i <= 5; i++) await touch('touchMove', [{ x: cx - 12 * i, y: cy + 8 * i }]);
      await touch('touchEnd', []);
      const panned = await settled();
      // The finger moved 60 px left and 40 px down; d3-zoom follows it (a loaded machine may drop
      // a few pixels of the first move, so within 6 px).
      expect(Math.abs(panned.x - before.x - -60)).toBeLessThanOrEqual(6);
      expect(Math.abs(panned.y - before.y - 40)).toBeLessThanOrEqual(6);
      expect(panned.k).toBe(before.k);
      await expect(p.evaluate(() => (globalThis as any).scrollY)).resolves.toBe(scrollBefore);
      // Two fingers moving apart zoom in.
      await touch('touchStart', [{ x: cx - 40, y: cy }, { x: cx + 40, y: cy }]);
      for (let i = 1; i <= 5; i++) await touch('touchMove', [{ x: cx - 40 - 10 * i, y: cy }, { x: cx + 40 + 10 * i, y: cy }]);
      await touch('touchEnd', []);
      const pinched = await settled();
      // The fingers went from 80 px apart to 180: the zoom follows them, within 10 %.
      expect(Math.abs(pinched.k / panned.k - 180 / 80)).toBeLessThanOrEqual(0.225);

      // Fit again, tap a box: its details come below the chart, one tap on 详情 away.
      await p.getByRole('button', { name: '适应窗口' }).tap();
      await p.locator('#chart .org-name', { hasText: /^淮南市妇联宣讲团$/ }).tap();
      await p.locator('#details-title', { hasText: /^淮南市妇联宣讲团$/ }).waitFor();
      await p.getByRole('link', { name: '详情 Details ↓' }).tap();
      await p.waitForFunction(() => {
        const r = (globalThis as any).document.querySelector('#details-title').getBoundingClientRect();
        return r.top >= 0 && r.bottom <= (globalThis as any).innerHeight;
      });
      const after = await p.evaluate(() => ({ scrollWidth: (globalThis as any).document.documentElement.scrollWidth, clientWidth: (globalThis as any).document.documentElement.clientWidth }));
      expect(after.scrollWidth).toBeLessThanOrEqual(after.clientWidth);
      expect(await seriousViolations(p)).toEqual([]);
      await screenshot(p, 'explorer-phone-details');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
