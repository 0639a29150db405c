import { Browser, chromium, Page } from 'playwright-core';
import { startTestApp, TestApp } from './support/app';

/**
 * The reconciliation manifest's view link (`/?node={{id}}`) in a real browser (Debian's Chromium,
 * tools/ensure-browser.sh): a reconciled person opens in the explorer's details, an organization in its chart.
 */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let app: TestApp;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.setDefaultTimeout(20_000);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("a researcher follows OpenRefine's link to a reconciled entity", () => {
  it('opens a person from the view link of the manifest', async () => {
    const manifest = (await (await fetch(`http://127.0.0.1:${app.server.port}/reconcile`)).json()) as any;
    const link = manifest.view.url.replace('{{id}}', 'person-he-tingting');
    await page.goto(link);
    await page.locator('#details-title', { hasText: /^何婷婷$/ }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('opens an organization in its chart', async () => {
    await page.goto(`http://127.0.0.1:${app.server.port}/?node=org-huainan-court-litigation-center`);
    await page.locator('#details-title', { hasText: /^淮南市中级人民法院诉讼服务中心$/ }).waitFor();
    await page.locator('#chart .org-name', { hasText: /^淮南市中级人民法院$/ }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
