import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { signToken } from '../src/auth/token';
import { startTestApp, TestApp, TEST_JWT_SECRET } from './support/app';
import { gotoWorkspace, launchBrowser, openPage, screenshot, seriousViolations } from './support/browser';
import { removeEditingFixtures } from './support/editing';
import { FakeProvider, startFakeProvider } from './support/oidc-provider';

/**
 * The workspace's sign-in (docs/workspace.md, "Sign-in"): a pasted token, the OpenID Connect
 * provider's authorization-code flow with PKCE against this file's own fake provider, the session
 * kept across reloads and ended on sign-out or expiry, and roles honoured on every screen.
 */
let app: TestApp;
let browser: Browser;
let provider: FakeProvider;

const SCREENS = ['#/ingest', '#/duplicates', '#/entities', '#/history', '#/import'];
const ME = '{ me { sub role } }';

beforeAll(async () => {
  provider = await startFakeProvider();
  app = await startTestApp({ auth: { jwtSecret: TEST_JWT_SECRET, readsRequireAuth: false, oidc: provider.config() } });
  await removeEditingFixtures(app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  if (app) await removeEditingFixtures(app);
  await app?.close();
  await provider?.close();
});

/** A token as `npm run token` prints it: the built CLI, with the test server's secret. */
function mintToken(role: string, sub: string, expiresIn = '12h'): string {
  return execFileSync(process.execPath, [path.resolve(__dirname, '../dist/auth/token.js'), '--role', role, '--sub', sub, '--expires-in', expiresIn], {
    env: { ...process.env, AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_ISSUER: '', AUTH_AUDIENCE: '', AUTH_MAX_TOKEN_LIFETIME: '' },
  })
    .toString()
    .trim();
}

const storedSession = (page: Page) => page.evaluate(() => JSON.parse((globalThis as any).localStorage.getItem('honorgraph.session') ?? 'null'));

describe('signing in', () => {
  it('with a pasted token: signed in with the server\'s role, kept across a reload, signed out', async () => {
    const { page, problems, outside, context } = await openPage(browser, app);
    try {
      await gotoWorkspace(page, app, '#/sign-in');
      await page.getByRole('button', { name: /Sign in with Test SSO/ }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-sign-in');

      const token = mintToken('editor', 'test-signin-paste');
      await page.getByLabel(/访问令牌 Token/).fill(token);
      await page.getByRole('button', { name: '登录 Sign in', exact: true }).click();
      await page.locator('main h2', { hasText: 'Ingest' }).waitFor();
      expect(await page.getByTestId('signed-in-as').textContent()).toBe('test-signin-paste');
      await page.getByText('编辑 editor').waitFor();
      const session = await storedSession(page);
      expect(session).toMatchObject({ sub: 'test-signin-paste', role: 'EDITOR', method: 'token', token });
      // The stored token is one the API takes as that editor.
      expect((await app.raw(ME, {}, { authorization: `Bearer ${session.token}` })).data.me).toEqual({ sub: 'test-signin-paste', role: 'EDITOR' });

      await page.reload();
      await page.locator('main h2').first().waitFor();
      expect(await page.getByTestId('signed-in-as').textContent()).toBe('test-signin-paste');

      await page.getByRole('button', { name: /Sign out/ }).click();
      await page.getByRole('banner').getByRole('link', { name: /Sign in/ }).waitFor();
      expect(await storedSession(page)).toBeNull();
      await page.reload();
      await page.locator('main h2').first().waitFor();
      expect(await page.getByTestId('signed-in-as').count()).toBe(0);
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses a token the server does not accept, saying why, and signs out when the token expires', async () => {
    const { page, problems, context } = await openPage(browser, app);
    try {
      await gotoWorkspace(page, app, '#/sign-in');
      await page.getByLabel(/访问令牌 Token/).fill(signToken({ sub: 'test-signin-bad', role: 'admin' }, 'another-secret-of-at-least-thirty-two-chars'));
      await page.getByRole('button', { name: '登录 Sign in', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: /not valid \(bad signature/ }).waitFor();
      expect(await storedSession(page)).toBeNull();

      // A token that lasts 3 s: signed in, then signed out by the page when it expires.
      await page.getByLabel(/访问令牌 Token/).fill(mintToken('admin', 'test-signin-brief', '3s'));
      await page.getByRole('button', { name: '登录 Sign in', exact: true }).click();
      await page.getByText('管理员 admin').waitFor();
      await page.getByRole('banner').getByRole('link', { name: /Sign in/ }).waitFor({ timeout: 8_000 });
      expect(await page.getByTestId('signed-in-as').count()).toBe(0);
      expect(await storedSession(page)).toBeNull();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('with the provider: PKCE round trip through the server, role from the claim, kept across a reload', async () => {
    provider.nextUser = { sub: 'test-signin-sso', realm_access: { roles: ['offline_access', 'honorgraph-admin'] } };
    const before = provider.authorizations.length;
    const { page, problems, outside, context } = await openPage(browser, app);
    try {
      await gotoWorkspace(page, app, '#/sign-in?from=history');
      await page.getByRole('button', { name: /Sign in with Test SSO/ }).click();
      // Out to the provider, straight back with a code, exchanged by the server, then to where the editor came from.
      await page.locator('main h2', { hasText: 'History' }).waitFor();
      await page.getByText('管理员 admin').waitFor();
      expect(await page.getByTestId('signed-in-as').textContent()).toBe('test-signin-sso');
      expect(page.url()).toBe(`http://127.0.0.1:${app.server.port}/edit/#/history`);

      const asked = provider.authorizations[before];
      expect(Object.fromEntries(asked)).toMatchObject({
        response_type: 'code',
        client_id: 'honorgraph-workspace',
        redirect_uri: `http://127.0.0.1:${app.server.port}/edit/`,
        code_challenge_method: 'S256',
        scope: 'openid profile',
      });
      expect(asked.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(asked.get('state')!.length).toBeGreaterThanOrEqual(16);
      // The page went to the provider only to sign in; everything else came from the server.
      expect(outside.filter((url) => !url.startsWith(`${provider.issuer}/protocol/openid-connect/auth?`))).toEqual([]);
      expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('honorgraph.oidc'))).toBeNull();

      const session = await storedSession(page);
      expect(session).toMatchObject({ sub: 'test-signin-sso', role: 'ADMIN', method: 'oidc' });
      expect((await app.raw(ME, {}, { authorization: `Bearer ${session.token}` })).data.me).toEqual({ sub: 'test-signin-sso', role: 'ADMIN' });

      await page.reload();
      await page.locator('main h2', { hasText: 'History' }).waitFor();
      expect(await page.getByTestId('signed-in-as').textContent()).toBe('test-signin-sso');
      // Signed in: the top bar has no sign-in link.
      expect(await page.getByRole('banner').getByRole('link', { name: /Sign in/ }).count()).toBe(0);
      await page.evaluate(() => ((globalThis as any).location.hash = '#/sign-in'));
      await page.getByTestId('sign-in-current').filter({ hasText: 'via the provider' }).waitFor();
      await screenshot(page, 'workspace-sign-in-provider');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses a provider answer this tab did not ask for', async () => {
    const { page, problems, context } = await openPage(browser, app);
    try {
      await page.goto(`http://127.0.0.1:${app.server.port}/edit/?code=made-up&state=not-ours`);
      await page.getByRole('alert').filter({ hasText: /not started from this tab/ }).waitFor();
      expect(page.url()).toBe(`http://127.0.0.1:${app.server.port}/edit/#/sign-in`);
      expect(await storedSession(page)).toBeNull();
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('roles in the page', () => {
  /** Each screen's heading, then the controls carrying data-requires once its loads have settled. */
  async function walk(page: Page, selector: string): Promise<Record<string, number>> {
    const found: Record<string, number> = {};
    for (const hash of SCREENS) {
      // A fresh load of each screen (page.goto only changes the hash of a page already at /edit/).
      await page.goto(`http://127.0.0.1:${app.server.port}/edit/${hash}`);
      await page.reload();
      await page.locator(`nav a[aria-current="page"][href="${hash}"]`).waitFor();
      await page.locator('main h2').first().waitFor({ state: 'visible' });
      await page.waitForLoadState('networkidle');
      found[hash] = await page.locator(selector).count();
    }
    return found;
  }
  const none = Object.fromEntries(SCREENS.map((hash) => [hash, 0]));

  it('a viewer finds no edit control on any screen', async () => {
    const { page, problems, context } = await openPage(browser, app, { as: { role: 'viewer', sub: 'test-signin-viewer' } });
    try {
      await gotoWorkspace(page, app, '#/ingest');
      await page.getByText('读者 viewer').waitFor();
      expect(await walk(page, '[data-requires]')).toEqual(none);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('an anonymous visitor finds none either; an editor finds no admin-only control', async () => {
    const anonymous = await openPage(browser, app);
    try {
      expect(await walk(anonymous.page, '[data-requires]')).toEqual(none);
    } finally {
      await anonymous.context.close();
    }
    const { page, problems, context } = await openPage(browser, app, { as: { role: 'editor', sub: 'test-signin-editor' } });
    try {
      await gotoWorkspace(page, app, '#/ingest');
      await page.getByText('编辑 editor').waitFor();
      expect(await walk(page, '[data-requires="admin"]')).toEqual(none);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
