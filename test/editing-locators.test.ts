import { bearer, startTestApp, TestApp } from './support/app';
import { databaseState, removeEditingFixtures } from './support/editing';

/**
 * Where in a source a fact is stated: awardHonor and addMembership take `locators` aligned with
 * `sourceIds`, and linkHonorConferrer records who confers an honor with its citations. Checked
 * before anything is written. The workspace's entities screen sends these (workspace-entities.browser.test.ts).
 */
let app: TestApp;
const editor = bearer('editor', 'test-ed-locators');
const viewer = bearer('viewer', 'test-ed-locators-viewer');
const SOURCE = 'src-huainan-wf-2024-report';
const HONOR = 'honor-sanba-pacesetter';
const ORG = 'org-huainan-wf';
let personId = '';
let sourceId = '';

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
  const person = await app.raw('mutation { createPerson(input: { name: "测试编辑位置人" }) { id } }', {}, editor);
  personId = person.data.createPerson.id;
  const source = await app.raw('mutation { createSource(input: { title: "测试编辑位置来源", kind: "NEWS_REPORT" }) { id } }', {}, editor);
  sourceId = source.data.createSource.id;
});
afterAll(async () => {
  await removeEditingFixtures(app);
  await app.close();
});

const AWARD = `mutation ($recipientId: ID!, $year: Int!, $sourceIds: [ID!], $locators: [String!]) {
  awardHonor(recipientId: $recipientId, honorId: "${HONOR}", year: $year, sourceIds: $sourceIds, locators: $locators) { year sources { sourceId locator } }
}`;
const MEMBERSHIP = `mutation ($memberId: ID!, $sourceIds: [ID!], $locators: [String!]) {
  addMembership(memberId: $memberId, organizationId: "${ORG}", since: "2022", sourceIds: $sourceIds, locators: $locators) { since sources { sourceId locator } }
}`;
const CONFERRER = `mutation ($honorId: ID!, $organizationId: ID!, $sourceIds: [ID!], $locators: [String!]) {
  linkHonorConferrer(honorId: $honorId, organizationId: $organizationId, sourceIds: $sourceIds, locators: $locators) {
    id conferredByConnection { edges { node { id } sources { sourceId locator } } }
  }
}`;

describe('locators beside sourceIds', () => {
  it('an award keeps each source at its locator; a second source is added with its own', async () => {
    const first = await app.raw(AWARD, { recipientId: personId, year: 2023, sourceIds: [sourceId], locators: ['¶2'] }, editor);
    expect(first.errors).toBeUndefined();
    expect(first.data.awardHonor.sources).toEqual([{ sourceId, locator: '¶2' }]);
    const again = await app.raw(AWARD, { recipientId: personId, year: 2023, sourceIds: [SOURCE], locators: [' ¶7 '] }, editor);
    expect(again.data.awardHonor.sources).toEqual([{ sourceId, locator: '¶2' }, { sourceId: SOURCE, locator: '¶7' }]);
    const read = await app.raw(`query { person(id: "${personId}") { awards { year sources { sourceId locator } } } }`);
    expect(read.data.person.awards).toEqual([{ year: 2023, sources: [{ sourceId, locator: '¶2' }, { sourceId: SOURCE, locator: '¶7' }] }]);
  });

  it('a membership keeps its source at its locator', async () => {
    const response = await app.raw(MEMBERSHIP, { memberId: personId, sourceIds: [sourceId], locators: ['p.2 ¶1'] }, editor);
    expect(response.errors).toBeUndefined();
    expect(response.data.addMembership).toEqual({ since: '2022', sources: [{ sourceId, locator: 'p.2 ¶1' }] });
  });

  it.each([
    ['without sourceIds', { sourceIds: null, locators: ['¶1'] }, 'locators', /needs sourceIds/],
    ['more than the sourceIds', { sourceIds: ['THE-SOURCE'], locators: ['¶1', '¶2'] }, 'locators', /must not be more than the sourceIds \(1\), got 2/],
    ['too long', { sourceIds: ['THE-SOURCE'], locators: ['¶'.repeat(201)] }, 'locators[0]', /at most 200 characters, got 201/],
  ])('locators %s are refused with BAD_USER_INPUT naming the field, and nothing is written', async (_, given, field, message) => {
    // The source is made in beforeAll, after the table is built.
    const args = { ...given, sourceIds: given.sourceIds?.map(() => sourceId) ?? null };
    const before = await databaseState(app);
    for (const [mutation, variables] of [
      [AWARD, { recipientId: personId, year: 2021, ...args }],
      [MEMBERSHIP, { memberId: personId, ...args }],
      [CONFERRER, { honorId: HONOR, organizationId: ORG, ...args }],
    ] as const) {
      const response = await app.raw(mutation, variables, editor);
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(response.errors?.[0].message).toMatch(message);
    }
    expect(await databaseState(app)).toEqual(before);
  });
});

describe('linkHonorConferrer', () => {
  let honorId = '';
  beforeAll(async () => {
    const honor = await app.raw('mutation { createHonor(input: { name: "测试编辑位置奖", level: MUNICIPAL }) { id } }', {}, editor);
    honorId = honor.data.createHonor.id;
  });

  it('records the conferring body with its citation, once, as one revision', async () => {
    const response = await app.raw(CONFERRER, { honorId, organizationId: ORG, sourceIds: [sourceId], locators: ['¶1'] }, editor);
    expect(response.errors).toBeUndefined();
    expect(response.data.linkHonorConferrer.conferredByConnection.edges).toEqual([{ node: { id: ORG }, sources: [{ sourceId, locator: '¶1' }] }]);
    const again = await app.raw(CONFERRER, { honorId, organizationId: ORG, sourceIds: [sourceId], locators: ['¶1'] }, editor);
    expect(again.data.linkHonorConferrer.conferredByConnection.edges).toHaveLength(1);
    const links = await app.graph.read('MATCH (:Honor {id: $honorId})-[r:CONFERRED_BY]->(:Organization {id: $org}) RETURN r.sourceIds AS s, r.createdBy AS by', { honorId, org: ORG });
    expect(links).toEqual([{ s: [sourceId], by: 'test-ed-locators' }]);
    const revisions = await app.graph.read("MATCH (r:Revision {operation: 'linkHonorConferrer', actor: 'test-ed-locators'}) RETURN count(r) AS n");
    expect(Number(revisions[0].n)).toBe(1);
  });

  it('needs the editor role, an existing honor and an existing organization', async () => {
    const before = await databaseState(app);
    const forbidden = await app.raw(CONFERRER, { honorId, organizationId: 'org-acwf' }, viewer);
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const noOrg = await app.raw(CONFERRER, { honorId, organizationId: 'org-none-such' }, editor);
    expect(noOrg.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const notHonor = await app.raw(CONFERRER, { honorId: ORG, organizationId: 'org-acwf' }, editor);
    expect(notHonor.errors?.[0].extensions?.code).toMatch(/NOT_FOUND|BAD_USER_INPUT/);
    expect(await databaseState(app)).toEqual(before);
  });
});
