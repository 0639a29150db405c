import fs from 'node:fs';
import path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { signToken, Role } from '../../src/auth/token';
import { TEST_JWT_SECRET, TestApp } from './app';

/**
 * The workspace and the explorer in a real browser: Debian's Chromium (tools/ensure-browser.sh)
 * against the real server and Neo4j. Screenshots go to test/artifacts/ (git-ignored), or to
 * SCREENSHOTS_DIR when set (`npm run screenshots` writes docs/screenshots/).
 */
const ARTIFACTS = path.resolve(__dirname, '../artifacts');
// As root Chromium needs --no-sandbox; the others stop it calling hosts this network refuses.
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const launchBrowser = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

export interface WorkspacePage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page, and console messages reporting a CSP refusal: a test expects both empty. */
  problems: string[];
  /** Requests that went anywhere but the test server. */
  outside: string[];
}

/**
 * A fresh browser context (its own localStorage) at 1366×768 (or `viewport`), its problems
 * collected. With `as`, the editor is signed in already: the session the sign-in screen stores,
 * written before the page loads, with a token the test server accepts.
 */
export async function openPage(browser: Browser, app: TestApp, options: { as?: { role: Role | 'viewer'; sub: string }; viewport?: { width: number; height: number } } = {}): Promise<WorkspacePage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  const outside: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`http://127.0.0.1:${app.server.port}/`) && !url.startsWith('data:')) outside.push(url);
  });
  if (options.as) {
    const { role, sub } = options.as;
    const token = signToken({ sub, role: role as Role }, TEST_JWT_SECRET, '2h');
    const session = { token, sub, role: role.toUpperCase(), expiresAt: Math.floor(Date.now() / 1000) + 7200, method: 'token' };
    await context.addInitScript((value) => (globalThis as any).localStorage.setItem('honorgraph.session', value), JSON.stringify(session));
  }
  return { context, page, problems, outside };
}

/** Opens the workspace at `hash` (e.g. "#/ingest") and waits for its heading. */
export async function gotoWorkspace(page: Page, app: TestApp, hash = ''): Promise<void> {
  const response = await page.goto(`http://127.0.0.1:${app.server.port}/edit/${hash}`);
  if (response?.status() !== 200) throw new Error(`/edit/ answered ${response?.status()}`);
  await page.locator('main h2').first().waitFor();
}

/** axe-core on the page as it is now: the serious and critical violations, one line each (expect []). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** A full-page screenshot named `name`.png, in test/artifacts/ or SCREENSHOTS_DIR. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS_DIR ? path.resolve(process.env.SCREENSHOTS_DIR) : ARTIFACTS;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
