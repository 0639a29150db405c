import { Browser, Locator, Page } from 'playwright-core';
import { bearer, startTestApp, TestApp } from './support/app';
import { gotoWorkspace, launchBrowser, openPage, screenshot, seriousViolations } from './support/browser';
import { removeEditingFixtures } from './support/editing';

/**
 * The entities screen (#/entities) in a real browser against the real server and Neo4j: an editor
 * creates a made-up person, meets the duplicate warning for the same name in traditional script,
 * awards them a seed honor citing a source (created inline) at a locator, adds a membership in a
 * seed organization and ends it, gives them a Wikidata id citing the source; a bad year gets the server's message beside the year; a viewer
 * reads the same page with no edit control; an admin revokes the award. What the graph holds is
 * read back through the API. Everything written is named 测试编辑… or made by test-… and removed.
 */
let app: TestApp;
let browser: Browser;

const PERSON = '测试编辑林晓梅';
const PERSON_TRADITIONAL = '測試編輯林曉梅';
const SOURCE = '测试编辑·淮南市妇联表彰通报';
const HONOR_ID = 'honor-sanba-pacesetter';
const ORG_ID = 'org-huainan-wf';

const PERSON_FACTS = `query ($id: ID!) {
  person(id: $id) {
    id name
    awards { year honor { id } sources { sourceId locator } }
    memberships(allTime: true) { organization { id } role since until sources { sourceId locator } }
  }
}`;

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  if (app) await removeEditingFixtures(app);
  await app?.close();
});

/** Types into a search-as-you-type picker and picks the option for `id`. */
async function pick(scope: Locator | Page, label: string, text: string, id: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.fill(text);
  await scope.locator(`[role="option"][data-id="${id}"]`).click();
}

const personFacts = async (id: string) => {
  const response = await app.raw(PERSON_FACTS, { id });
  expect(response.errors).toBeUndefined();
  return response.data.person;
};

let personId = '';
let sourceId = '';

describe('the entities screen', () => {
  it('an editor creates a person, is warned of the same name in traditional script, awards an honor with a source and locator, adds and ends a membership', async () => {
    const { page, problems, outside, context } = await openPage(browser, app, { as: { role: 'editor', sub: 'test-entities-editor' } });
    try {
      await gotoWorkspace(page, app, '#/entities');
      const create = page.locator('form.create-form');
      await create.getByLabel('名称 Name', { exact: true }).fill(PERSON);
      expect(await seriousViolations(page)).toEqual([]);
      await create.getByRole('button', { name: '创建 Create' }).click();
      await page.locator('#entity-title', { hasText: PERSON }).waitFor();
      personId = decodeURIComponent(new URL(page.url()).hash.replace('#/entities/', ''));
      expect(personId).toMatch(/^person-/);
      expect((await personFacts(personId)).name).toBe(PERSON);
      expect(await page.locator('main').getByRole('link', { name: /History/ }).getAttribute('href')).toBe(`#/history/${encodeURIComponent(personId)}`);

      // The same name in traditional script: a CONFLICT naming the person just made.
      await page.getByRole('link', { name: /All entities/ }).click();
      await create.getByLabel('名称 Name', { exact: true }).fill(PERSON_TRADITIONAL);
      await create.getByRole('button', { name: '创建 Create' }).click();
      const warning = page.getByTestId('duplicate-warning');
      await warning.waitFor();
      await expect(warning.textContent()).resolves.toContain(personId);
      expect(await warning.getByRole('button', { name: /Create anyway/ }).isVisible()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-entities-duplicate');
      const people = await app.graph.read("MATCH (p:Person) WHERE p.name IN [$a, $b] RETURN count(p) AS n", { a: PERSON, b: PERSON_TRADITIONAL });
      expect(Number(people[0].n)).toBe(1);
      await warning.getByRole('link', { name: /Open the existing one/ }).click();
      await page.locator('#entity-title', { hasText: PERSON }).waitFor();

      // Award a seed honor; a year out of range first: the server's message beside the year.
      const award = page.locator('form', { has: page.locator('#award-heading') });
      await pick(award, '荣誉 Honor', '三八红旗手', HONOR_ID);
      await award.getByLabel('年份 Year', { exact: true }).fill('1700');
      await award.getByRole('button', { name: /New source/ }).click();
      await award.getByLabel('来源标题 Source title', { exact: true }).fill(SOURCE);
      await award.getByLabel('发布日期 Published', { exact: true }).fill('2024-03-08');
      await award.getByRole('button', { name: /Create source/ }).click();
      await award.getByTestId('chosen-source').filter({ hasText: SOURCE }).waitFor();
      await award.getByLabel('位置 Locator', { exact: true }).fill('¶3');
      await award.getByRole('button', { name: /^授予 Award$/ }).click();
      const yearField = award.locator('.field', { has: page.getByLabel('年份 Year', { exact: true }) });
      const yearError = yearField.locator('.field-error');
      await yearError.waitFor();
      expect(await yearError.textContent()).toMatch(/^year: must be between 1949 and \d{4}, got 1700$/);
      expect(await award.getByLabel('年份 Year', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-entities-bad-year');
      expect((await personFacts(personId)).awards).toEqual([]);

      await award.getByLabel('年份 Year', { exact: true }).fill('2024');
      await award.getByRole('button', { name: /^授予 Award$/ }).click();
      const awardRow = page.locator('table.data tr', { has: page.locator(`a[href="#/entities/${HONOR_ID}"]`) });
      await awardRow.waitFor();
      expect(await awardRow.textContent()).toContain('2024');
      expect(await awardRow.textContent()).toContain('¶3');
      const sources = await app.graph.read('MATCH (s:Source {title: $title}) RETURN s.id AS id', { title: SOURCE });
      expect(sources).toHaveLength(1);
      sourceId = sources[0].id;
      const afterAward = await personFacts(personId);
      expect(afterAward.awards).toEqual([{ year: 2024, honor: { id: HONOR_ID }, sources: [{ sourceId, locator: '¶3' }] }]);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-entities-award');

      // A membership in a seed organization, citing the same source (picked this time) at ¶4.
      const membership = page.locator('form', { has: page.locator('#membership-heading') });
      await pick(membership, '组织 Organization', '淮南市妇女联合会', ORG_ID);
      await membership.getByLabel('职务 Role', { exact: true }).fill('执委');
      await membership.getByLabel('起始 Since', { exact: true }).fill('2023-05');
      await pick(membership, '选择来源 Pick a source', SOURCE, sourceId);
      await membership.getByLabel('位置 Locator', { exact: true }).fill('¶4');
      await membership.getByRole('button', { name: /^添加 Add$/ }).click();
      const memberRow = page.locator('table.data tr', { has: page.locator(`a[href="#/entities/${ORG_ID}"]`) });
      await memberRow.getByTestId('membership-since').filter({ hasText: '2023-05' }).waitFor();
      let facts = await personFacts(personId);
      expect(facts.memberships).toEqual([{ organization: { id: ORG_ID }, role: '执委', since: '2023-05', until: null, sources: [{ sourceId, locator: '¶4' }] }]);

      // …and ends it.
      await memberRow.getByLabel('止于 Until', { exact: true }).fill('2024-06');
      await memberRow.getByRole('button', { name: /^结束 End$/ }).click();
      await memberRow.getByTestId('membership-until').filter({ hasText: '2024-06' }).waitFor();
      facts = await personFacts(personId);
      expect(facts.memberships).toEqual([{ organization: { id: ORG_ID }, role: '执委', since: '2023-05', until: '2024-06', sources: [{ sourceId, locator: '¶4' }] }]);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-entities-person');

      // An identifier outside the graph: a USCC names organizations only (the server's message beside
      // the field), then a Wikidata id citing the same source at ¶5.
      const identifier = page.locator('form', { has: page.locator('#external-id-heading') });
      await identifier.getByLabel('标识 Identifier', { exact: true }).fill('9144030071526726XG');
      await identifier.getByRole('button', { name: /^添加 Add$/ }).click();
      const idError = identifier.locator('.field', { has: page.getByLabel('标识 Identifier', { exact: true }) }).locator('.field-error');
      await idError.waitFor();
      expect(await idError.textContent()).toMatch(/^externalId: a Unified Social Credit Code names an organization/);
      await identifier.getByLabel('标识 Identifier', { exact: true }).fill('https://www.wikidata.org/wiki/Q99999004');
      await pick(identifier, '选择来源 Pick a source', SOURCE, sourceId);
      await identifier.getByLabel('位置 Locator', { exact: true }).fill('¶5');
      await identifier.getByRole('button', { name: /^添加 Add$/ }).click();
      const idRow = page.locator('table.data tr', { has: page.locator('a[href="http://www.wikidata.org/entity/Q99999004"]') });
      await idRow.waitFor();
      expect(await idRow.textContent()).toContain('¶5');
      const ids = await app.raw(`{ person(id: "${personId}") { externalIds { kind value sources { sourceId locator } } } }`);
      expect(ids.data.person.externalIds).toEqual([{ kind: 'WIKIDATA', value: 'Q99999004', sources: [{ sourceId, locator: '¶5' }] }]);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-entities-identifier');

      // An editor sees no admin-only control.
      expect(await page.locator('[data-requires="admin"]').count()).toBe(0);
      expect(await page.locator('[data-requires="editor"]').count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
    }, 180_000);

  it('a viewer reads the same page, every fact with its source and locator, without edit controls', async () => {
    expect(personId).not.toBe('');
    const { page, problems, context } = await openPage(browser, app, { as: { role: 'viewer', sub: 'test-entities-viewer' } });
    try {
      await gotoWorkspace(page, app, `#/entities/${encodeURIComponent(personId)}`);
      await page.locator('#entity-title', { hasText: PERSON }).waitFor();
      const awardRow = page.locator('table.data tr', { has: page.locator(`a[href="#/entities/${HONOR_ID}"]`) });
      await awardRow.waitFor();
      expect(await awardRow.locator(`[data-source-id="${sourceId}"]`).textContent()).toContain('¶3');
      const memberRow = page.locator('table.data tr', { has: page.locator(`a[href="#/entities/${ORG_ID}"]`) });
      expect(await memberRow.getByTestId('membership-until').textContent()).toBe('2024-06');
      const idRow = page.locator('table.data tr', { has: page.locator('a[href="http://www.wikidata.org/entity/Q99999004"]') });
      expect(await idRow.locator(`[data-source-id="${sourceId}"]`).textContent()).toContain('¶5');
      expect(await page.locator('[data-requires]').count()).toBe(0);
      expect(await page.locator('main form').count()).toBe(0);
      // The finder is the only control in main besides links.
      expect(await page.locator('main button').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-entities-viewer');
      // The source's page lists the facts it states, at their locators.
      await awardRow.getByRole('link', { name: SOURCE }).click();
      await page.locator('#entity-title', { hasText: SOURCE }).waitFor();
      const factsTable = page.locator('table.data', { hasText: /Facts/ });
      await factsTable.locator('tbody tr', { hasText: '¶3' }).waitFor();
      // The award at ¶3, the membership at ¶4, and the identifier at ¶5 (it cites the source, so the
      // source MENTIONS the person there).
      expect(await factsTable.locator('tbody tr').count()).toBe(3);
      expect(await factsTable.textContent()).toContain('¶4');
      expect(await factsTable.locator('tbody tr', { hasText: '¶5' }).textContent()).toContain('MENTIONS');
      // A seed organization's page: its parent, the units under it and its members, for a viewer too.
      // Same page, another hash: the workspace moves without a reload.
      await page.evaluate((hash) => { (globalThis as any).location.hash = hash; }, `#/entities/${ORG_ID}`);
      await page.locator('#entity-title', { hasText: '淮南市妇女联合会' }).waitFor();
      await page.locator('table.data', { hasText: /Part of/ }).locator('a[href="#/entities/org-anhui-wf"]').waitFor();
      expect(await page.locator('table.data', { hasText: /Units under it/ }).locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-requires]').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'workspace-entities-organization');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('an admin revokes the award from the page', async () => {
    const { page, problems, context } = await openPage(browser, app, { as: { role: 'admin', sub: 'test-entities-admin' } });
    try {
      await gotoWorkspace(page, app, `#/entities/${encodeURIComponent(personId)}`);
      page.on('dialog', (dialog) => dialog.accept());
      const revoke = page.getByRole('button', { name: /Revoke .* 2024/ });
      expect(await revoke.getAttribute('data-requires')).toBe('admin');
      await revoke.click();
      await page.locator('table.data', { hasText: /Awards received/ }).locator('tbody td.muted').waitFor();
      expect((await personFacts(personId)).awards).toEqual([]);
      // The seed honor itself is untouched by the revocation.
      const honor = await app.raw('query { honor(id: "honor-sanba-pacesetter") { id name } }', {}, bearer('viewer', 'test-entities-viewer'));
      expect(honor.data.honor.name).toBe('三八红旗手');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
