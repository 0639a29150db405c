import { Browser } from 'playwright-core';
import { startTestApp, TestApp } from './support/app';
import { gotoWorkspace, launchBrowser, openPage, seriousViolations } from './support/browser';

/** The workspace's shell at /edit/: served by the app, nothing from outside, its screens in the hash, accessible. */
let app: TestApp;
let browser: Browser;
beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the workspace shell', () => {
  it('is served at /edit/ and moves between its screens by the hash, loading nothing from outside', async () => {
    const { page, problems, outside, context } = await openPage(browser, app);
    try {
      await gotoWorkspace(page, app, '#/history');
      await page.getByRole('navigation', { name: /Workspace/ }).getByRole('link', { name: /Duplicates/ }).click();
      await page.locator('main h2', { hasText: 'Duplicates' }).first().waitFor();
      expect(await page.title()).toMatch(/重复 Duplicates · HonorGraph/);
      expect(await page.getByRole('link', { name: /Duplicates/ }).getAttribute('aria-current')).toBe('page');
      // Anonymous: a sign-in link, nobody named.
      await page.getByRole('banner').getByRole('link', { name: /Sign in/ }).waitFor();
      expect(await page.getByTestId('signed-in-as').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows who is signed in and their role, and signs out', async () => {
    const { page, problems, context } = await openPage(browser, app, { as: { role: 'editor', sub: 'test-shell-editor' } });
    try {
      await gotoWorkspace(page, app, '#/ingest');
      expect(await page.getByTestId('signed-in-as').textContent()).toBe('test-shell-editor');
      await page.getByText('编辑 editor').waitFor();
      await page.getByRole('button', { name: /Sign out/ }).click();
      await page.getByRole('banner').getByRole('link', { name: /Sign in/ }).waitFor();
      expect(await page.evaluate(() => (globalThis as any).localStorage.getItem('honorgraph.session'))).toBeNull();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
