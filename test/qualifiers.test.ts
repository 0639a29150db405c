import { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { startTestApp, TestApp, bearer } from './support/app';
import { databaseState, removeEditingFixtures } from './support/editing';
import { readSeedFile, seedFiles } from '../src/seed/seed-file';

/**
 * Statements and their qualifiers: an award is stated while its year is inferred; filters ask for
 * stated-only facts at either level; writes take a qualifier's provenance; undo keeps it; the
 * seed's links follow the rule of seeds/README.md.
 */

let app: TestApp;
const editor = bearer('editor', 'test-ed-qualifiers');
const admin = bearer('admin', 'test-ed-qualifiers-admin');
const SOURCE = 'src-huainan-wf-2024-report';
const FEDERATION = 'org-huainan-wf';
const seed = readSeedFile(seedFiles().find((file) => file.endsWith('huainan-womens-federation-2024.json'))!);

const gql = (text: string) => parse(text) as unknown as TypedDocumentNode<any, any>;
const codeOf = (response: { errors?: readonly { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions?.code;

async function ok(text: string, variables: Record<string, unknown> = {}, headers?: Record<string, string>) {
  const response = await app.request(gql(text), variables, headers);
  expect(response.errors).toBeUndefined();
  return response.data as any;
}

const QUALIFIERS = 'qualifiers { name value inferred note sources { sourceId locator } }';

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
});
afterAll(async () => {
  await removeEditingFixtures(app);
  await app.close();
});

const AWARDS = gql(`query ($id: ID!, $where: AwardWhere) {
  organization(id: $id) { awardsConnection(first: 100, where: $where) { totalCount edges { node { id } inferred note ${QUALIFIERS} } } }
}`);

async function seedAwards(where: Record<string, unknown>): Promise<string[]> {
  const recipients = [...new Set(seed.awards.map((a) => a.recipientId))];
  const found: string[] = [];
  for (const id of recipients) {
    const response = await app.request(AWARDS, { id, where });
    expect(response.errors).toBeUndefined();
    const connection = response.data.organization.awardsConnection;
    expect(connection.totalCount).toBe(connection.edges.length);
    found.push(...connection.edges.map((edge: any) => `${id} ${edge.node.id}`));
  }
  return found.sort();
}

describe("the seed's awards are stated statements with inferred years", () => {
  const all = seed.awards.map((a) => `${a.recipientId} ${a.honorId}`).sort();

  it('stated-only awards (inferred: false) are all four, three of them the municipal federation’s', async () => {
    expect(all).toHaveLength(4);
    expect(await seedAwards({ inferred: false })).toEqual(all);
    expect(await seedAwards({ inferred: true })).toEqual([]);
    const federation = await ok(`{ organization(id: "${FEDERATION}") { awardsConnection(where: {inferred: false}) { totalCount } } }`);
    expect(federation.organization.awardsConnection.totalCount).toBe(3);
  });

  it('fullyStated: true returns none of them; fullyStated: false and yearInferred: true return all four', async () => {
    expect(await seedAwards({ fullyStated: true })).toEqual([]);
    expect(await seedAwards({ fullyStated: false })).toEqual(all);
    expect(await seedAwards({ yearInferred: true })).toEqual(all);
    expect(await seedAwards({ yearInferred: false })).toEqual([]);
  });

  it('the filters keep AND, OR and NOT', async () => {
    expect(await seedAwards({ NOT: { fullyStated: true } })).toEqual(all);
    expect(await seedAwards({ AND: [{ inferred: false }, { yearInferred: false }] })).toEqual([]);
    expect(await seedAwards({ OR: [{ fullyStated: true }, { yearInferred: true }] })).toEqual(all);
  });

  it('a seed award lists its year as an inferred qualifier, with its own note and the award’s sources', async () => {
    const data = await ok(`{ organization(id: "org-huainan-court-litigation-center") { awards { inferred note honor { id } ${QUALIFIERS} } } }`);
    const [award] = data.organization.awards;
    expect(award).toMatchObject({ inferred: false, note: null, honor: { id: 'honor-national-sanba-collective' } });
    expect(award.qualifiers).toEqual([
      {
        name: 'YEAR',
        value: '2024',
        inferred: true,
        note: expect.stringMatching(/^Year not stated/),
        sources: [{ sourceId: SOURCE, locator: '¶5' }],
      },
    ]);
  });

  it('organizations filtered on their awards can ask for stated-only facts too', async () => {
    const data = await ok(`{ organizations(first: 100, where: { awardsSome: { inferred: false }, id: { in: ["${FEDERATION}", "org-huainan-court-litigation-center", "org-anhui-wf"] } }) { edges { node { id } } } }`);
    expect(data.organizations.edges.map((e: any) => e.node.id).sort()).toEqual(['org-huainan-court-litigation-center', FEDERATION]);
    const none = await ok(`{ organizations(first: 100, where: { awardsSome: { fullyStated: true }, id: { in: ["${FEDERATION}", "org-huainan-court-litigation-center"] } }) { edges { node { id } } } }`);
    expect(none.organizations.edges).toEqual([]);
  });
});

describe('the seed’s links follow the rule of seeds/README.md', () => {
  // The rule: stated when the child's name as written contains the parent's as written; else inferred, with a note.
  const expected: Record<string, boolean> = {
    'org-anhui-wf': true,
    'org-huainan-wf': true,
    'org-huainan-wf-lecture-team': false,
    'org-huainan-sanba-alliance': true,
    'org-huainan-court-litigation-center': false,
    'org-huainan-cpc-org-dept': false,
    'org-huishang-bank-huainan': false,
  };

  it('flags every parentId by the rule, separately from the organization’s own inferred', async () => {
    const children = seed.organizations.filter((o) => o.parentId);
    expect(children.map((o) => o.id).sort()).toEqual(Object.keys(expected).sort());
    for (const child of children) {
      const data = await ok(`query ($id: ID!) { organization(id: $id) { childrenConnection(first: 100) { edges { node { id } inferred note qualifiers { name } sources { sourceId locator } } } } }`, { id: child.parentId });
      const edge = data.organization.childrenConnection.edges.find((e: any) => e.node.id === child.id);
      expect({ id: child.id, inferred: edge.inferred }).toEqual({ id: child.id, inferred: expected[child.id] });
      if (edge.inferred) expect(edge.note?.length ?? 0).toBeGreaterThan(20);
      expect(edge.qualifiers).toEqual([]);
      expect(edge.sources.length).toBeGreaterThan(0);
    }
  });

  it('市妇联 → 省妇联 and 省妇联 → 全国妇联 are both inferred, though 市妇联 itself is stated', async () => {
    const rows = await app.graph.read(
      `MATCH (c:Organization)-[r:PART_OF]->(p:Organization) WHERE c.id IN ['org-huainan-wf', 'org-anhui-wf']
       RETURN c.id AS child, r.inferred AS linkInferred, coalesce(c.inferred, false) AS nodeInferred ORDER BY child`,
    );
    expect(rows).toEqual([
      { child: 'org-anhui-wf', linkInferred: true, nodeInferred: true },
      { child: 'org-huainan-wf', linkInferred: true, nodeInferred: false },
    ]);
  });

  it('inferred conferrer links have their note on the link; the honors themselves are stated', async () => {
    const rows = await app.graph.read(
      `MATCH (h:Honor)-[r:CONFERRED_BY]->(o:Organization) RETURN h.id AS honor, coalesce(h.inferred, false) AS honorInferred, r.inferred AS inferred, r.note AS note`,
    );
    expect(rows.length).toBe(5);
    for (const row of rows) {
      expect(row).toMatchObject({ honorInferred: false, inferred: true });
      expect(row.note.length).toBeGreaterThan(20);
    }
  });

  it('every program has an organizer, stated or inferred with a note', async () => {
    for (const program of seed.programs) {
      const data = await ok(`query ($id: ID!) { program(id: $id) { organizersConnection(first: 10) { edges { node { id } inferred note } } } }`, { id: program.id });
      const edges = data.program.organizersConnection.edges;
      expect({ id: program.id, organizers: edges.length > 0 }).toEqual({ id: program.id, organizers: true });
      for (const edge of edges) if (edge.inferred) expect(edge.note?.length ?? 0).toBeGreaterThan(20);
    }
    const child = await ok(`{ program(id: "prog-child-friendly-city") { organizersConnection { edges { node { id } inferred sources { locator } } } } }`);
    expect(child.program.organizersConnection.edges).toEqual([{ node: { id: FEDERATION }, inferred: false, sources: [{ locator: '¶16' }] }]);
    const wedding = await ok(`{ program(id: "prog-mass-wedding-2024-huainan") { organizersConnection { edges { node { id } inferred note } } } }`);
    expect(wedding.program.organizersConnection.edges).toEqual([{ node: { id: FEDERATION }, inferred: true, note: expect.stringContaining('我市') }]);
  });
});

const AWARD_HONOR = `mutation ($recipientId: ID!, $year: Int!, $sourceIds: [ID!], $yearProvenance: QualifierProvenanceInput) {
  awardHonor(recipientId: $recipientId, honorId: "honor-sanba-pacesetter", year: $year, sourceIds: $sourceIds, yearProvenance: $yearProvenance) {
    year inferred sources { sourceId locator } ${QUALIFIERS}
  }
}`;

async function newPerson(name: string): Promise<string> {
  const data = await ok(`mutation ($name: String!) { createPerson(input: { name: $name, allowDuplicate: true }) { id } }`, { name }, editor);
  return data.createPerson.id;
}

async function yearQualifier(id: string) {
  const data = await ok(`query ($id: ID!) { person(id: $id) { awards { year ${QUALIFIERS} } } }`, { id });
  return data.person.awards.map((a: any) => a.qualifiers[0] ?? null);
}

async function historyOf(id: string): Promise<{ id: string; operation: string }[]> {
  const data = await ok(`query ($id: ID!) { history(id: $id, first: 50) { edges { node { id operation } } } }`, { id }, editor);
  return data.history.edges.map((e: any) => e.node);
}

describe('writing a qualifier’s provenance', () => {
  let person: string;
  beforeAll(async () => {
    person = await newPerson('测试编辑限定张华');
  });

  it('awardHonor takes the year’s provenance: a stated award of an inferred year, with the year’s own sources', async () => {
    const data = await ok(
      AWARD_HONOR,
      { recipientId: person, year: 2023, sourceIds: [SOURCE], yearProvenance: { inferred: true, note: '  The list gives no year; dated by its publication.  ', sourceIds: [SOURCE], locators: ['¶17'] } },
      editor,
    );
    expect(data.awardHonor).toMatchObject({ year: 2023, inferred: false, sources: [{ sourceId: SOURCE, locator: '' }] });
    expect(data.awardHonor.qualifiers).toEqual([
      { name: 'YEAR', value: '2023', inferred: true, note: 'The list gives no year; dated by its publication.', sources: [{ sourceId: SOURCE, locator: '¶17' }] },
    ]);
    const [row] = await app.graph.read(
      `MATCH (:Person {id: $person})-[r:RECEIVED]->(:Honor {id: 'honor-sanba-pacesetter'}) RETURN r.yearInferred AS inferred, r.yearNote AS note, r.yearSourceIds AS ids, r.yearLocators AS locators`,
      { person },
    );
    expect(row).toEqual({ inferred: true, note: 'The list gives no year; dated by its publication.', ids: [SOURCE], locators: ['¶17'] });
    const filtered = await ok(`query ($id: ID!) { person(id: $id) { stated: awardsConnection(where: {inferred: false}) { totalCount } full: awardsConnection(where: {fullyStated: true}) { totalCount } } }`, { id: person });
    expect(filtered.person).toEqual({ stated: { totalCount: 1 }, full: { totalCount: 0 } });
  });

  it('refuses bad provenance with a coded error and writes nothing', async () => {
    const before = await databaseState(app);
    const missing = await app.request(gql(AWARD_HONOR), { recipientId: person, year: 2022, yearProvenance: { inferred: true, sourceIds: ['src-no-such-source'] } }, editor);
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(missing.errors![0].message).toMatch(/yearProvenance\.sourceIds/);
    const locators = await app.request(gql(AWARD_HONOR), { recipientId: person, year: 2022, yearProvenance: { inferred: true, sourceIds: [SOURCE], locators: ['¶1', '¶2'] } }, editor);
    expect(codeOf(locators)).toBe('BAD_USER_INPUT');
    const unaligned = await app.request(gql(AWARD_HONOR), { recipientId: person, year: 2022, yearProvenance: { inferred: false, locators: ['¶1'] } }, editor);
    expect(codeOf(unaligned)).toBe('BAD_USER_INPUT');
    const twice = await app.request(gql(AWARD_HONOR), { recipientId: person, year: 2022, yearProvenance: { inferred: false, sourceIds: [SOURCE, SOURCE] } }, editor);
    expect(codeOf(twice)).toBe('BAD_USER_INPUT');
    const noSince = await app.request(
      gql(`mutation ($m: ID!) { addMembership(memberId: $m, organizationId: "${FEDERATION}", role: "执委", sinceProvenance: { inferred: true }) { role } }`),
      { m: person },
      editor,
    );
    expect(codeOf(noSince)).toBe('BAD_USER_INPUT');
    expect(await databaseState(app)).toEqual(before);
  });

  it('undo of an awardHonor that replaced the year’s provenance restores the earlier one; undo of a revoke brings it back whole', async () => {
    const first = (await yearQualifier(person))[0];
    await ok(AWARD_HONOR, { recipientId: person, year: 2023, yearProvenance: { inferred: false, note: null } }, editor);
    expect((await yearQualifier(person))[0]).toMatchObject({ inferred: false, note: null, sources: [{ sourceId: SOURCE, locator: '' }] });

    const [replaced] = await historyOf(person);
    expect(replaced.operation).toBe('awardHonor');
    await ok(`mutation ($id: ID!) { undo(revisionId: $id) { operation } }`, { id: replaced.id }, admin);
    expect((await yearQualifier(person))[0]).toEqual(first);

    await ok(`mutation ($id: ID!) { revokeAward(recipientId: $id, honorId: "honor-sanba-pacesetter", year: 2023) { awardId } }`, { id: person }, admin);
    expect(await yearQualifier(person)).toEqual([]);
    const [revoked] = await historyOf(person);
    expect(revoked.operation).toBe('revokeAward');
    await ok(`mutation ($id: ID!) { undo(revisionId: $id) { operation } }`, { id: revoked.id }, admin);
    expect((await yearQualifier(person))[0]).toEqual(first);
  });

  it('addMembership and endMembership take the role’s, start’s and end’s provenance; membership filters see them', async () => {
    const added = await ok(
      `mutation ($m: ID!) {
        addMembership(memberId: $m, organizationId: "${FEDERATION}", role: "执委", since: "2021", sourceIds: ["${SOURCE}"],
          roleProvenance: { inferred: false, sourceIds: ["${SOURCE}"], locators: ["¶7"] },
          sinceProvenance: { inferred: true, note: "Taken from the first drill the article counts back to." }) {
          role since inferred note ${QUALIFIERS}
        }
      }`,
      { m: person },
      editor,
    );
    expect(added.addMembership).toMatchObject({ role: '执委', since: '2021', inferred: false, note: null });
    expect(added.addMembership.qualifiers).toEqual([
      { name: 'ROLE', value: '执委', inferred: false, note: null, sources: [{ sourceId: SOURCE, locator: '¶7' }] },
      { name: 'SINCE', value: '2021', inferred: true, note: 'Taken from the first drill the article counts back to.', sources: [{ sourceId: SOURCE, locator: '' }] },
    ]);

    const ended = await ok(
      `mutation ($m: ID!) { endMembership(memberId: $m, organizationId: "${FEDERATION}", role: "执委", until: "2024-12", untilProvenance: { inferred: false, sourceIds: ["${SOURCE}"], locators: ["¶17"] }) { until ${QUALIFIERS} } }`,
      { m: person },
      editor,
    );
    expect(ended.endMembership.qualifiers.map((q: any) => [q.name, q.inferred, q.sources[0]?.locator ?? null])).toEqual([
      ['ROLE', false, '¶7'],
      ['SINCE', true, ''],
      ['UNTIL', false, '¶17'],
    ]);

    const members = async (where: Record<string, unknown>) => {
      const data = await ok(`query ($where: MembershipWhere) { organization(id: "${FEDERATION}") { membersConnection(first: 100, allTime: true, where: $where) { edges { node { id } ${QUALIFIERS} } } } }`, {
        where: { AND: [{ member: { id: { eq: person } } }, where] },
      });
      return data.organization.membersConnection.edges.length;
    };
    expect(await members({ inferred: false })).toBe(1);
    expect(await members({ fullyStated: true })).toBe(0);
    expect(await members({ fullyStated: false })).toBe(1);
    expect(await members({ sinceInferred: true })).toBe(1);
    expect(await members({ roleInferred: true })).toBe(0);
    expect(await members({ untilInferred: false })).toBe(1);
    expect(await members({ NOT: { sinceInferred: true } })).toBe(0);
  });

  it('a source merge re-cites a qualifier’s own citations, and keeps its locators', async () => {
    const source = async (title: string) =>
      (await ok(`mutation ($title: String!) { createSource(input: { title: $title, kind: "PUBLISHED_LIST", allowDuplicate: true }) { id } }`, { title }, editor)).createSource.id;
    const kept = await source('测试编辑限定名单甲');
    const merged = await source('测试编辑限定名单乙');
    const recipient = await newPerson('测试编辑限定李梅');
    await ok(AWARD_HONOR, { recipientId: recipient, year: 2022, sourceIds: [kept], yearProvenance: { inferred: false, sourceIds: [merged], locators: ['p. 3'] } }, editor);
    await ok(`mutation ($keep: ID!, $merge: ID!) { mergeEntities(keepId: $keep, mergeId: $merge) { id } }`, { keep: kept, merge: merged }, admin);
    const [year] = await yearQualifier(recipient);
    expect(year).toEqual({ name: 'YEAR', value: '2022', inferred: false, note: null, sources: [{ sourceId: kept, locator: 'p. 3' }] });
  });
});

describe('a hierarchy link written by an editor carries its sources and its start’s provenance', () => {
  const newOrganization = async (name: string) =>
    (await ok(`mutation ($name: String!) { createOrganization(input: { name: $name, kind: TEAM, allowDuplicate: true }) { id } }`, { name }, editor)).createOrganization.id as string;
  const SET_PARENT = `mutation ($id: ID!, $parentId: ID, $since: Date, $sourceIds: [ID!], $sinceProvenance: QualifierProvenanceInput) {
    setOrganizationParent(id: $id, parentId: $parentId, since: $since, sourceIds: $sourceIds, sinceProvenance: $sinceProvenance) { id }
  }`;
  const parentEdges = async (id: string, asOf: string) =>
    (await ok(`query ($id: ID!, $asOf: Date) { organization(id: $id) { parentConnection(asOf: $asOf) { edges { node { id } since until sources { sourceId locator } ${QUALIFIERS} } } } }`, { id, asOf }))
      .organization.parentConnection.edges;

  it('cites the link, then records a dated move whose start is inferred; bad input writes nothing', async () => {
    const child = await newOrganization('测试编辑限定小组');
    const first = await newOrganization('测试编辑限定甲处');
    const second = await newOrganization('测试编辑限定乙处');

    await ok(SET_PARENT, { id: child, parentId: first, sourceIds: [SOURCE] }, editor);
    expect(await parentEdges(child, '2020')).toEqual([{ node: { id: first }, since: null, until: null, sources: [{ sourceId: SOURCE, locator: '' }], qualifiers: [] }]);
    // Citing it again adds nothing twice.
    await ok(SET_PARENT, { id: child, parentId: first, sourceIds: [SOURCE] }, editor);
    expect((await parentEdges(child, '2020'))[0].sources).toHaveLength(1);

    const before = await databaseState(app);
    const bad = [
      [{ id: child, parentId: second, since: '2021-03', sinceProvenance: { inferred: true, sourceIds: ['src-no-such-source'] } }, 'NOT_FOUND'],
      [{ id: child, parentId: second, sinceProvenance: { inferred: true } }, 'BAD_USER_INPUT'],
      [{ id: child, parentId: null, sourceIds: [SOURCE] }, 'BAD_USER_INPUT'],
      [{ id: child, parentId: second, since: '2021-03', sourceIds: ['src-no-such-source'] }, 'NOT_FOUND'],
    ] as const;
    for (const [variables, code] of bad) expect(codeOf(await app.request(gql(SET_PARENT), variables, editor))).toBe(code);
    expect(await databaseState(app)).toEqual(before);

    await ok(SET_PARENT, { id: child, parentId: second, since: '2021-03', sourceIds: [SOURCE], sinceProvenance: { inferred: true, note: 'Dated by the notice, not stated.' } }, editor);
    expect(await parentEdges(child, '2021-06')).toEqual([
      {
        node: { id: second },
        since: '2021-03',
        until: null,
        sources: [{ sourceId: SOURCE, locator: '' }],
        qualifiers: [{ name: 'SINCE', value: '2021-03', inferred: true, note: 'Dated by the notice, not stated.', sources: [{ sourceId: SOURCE, locator: '' }] }],
      },
    ]);
    expect((await parentEdges(child, '2020'))[0]).toMatchObject({ node: { id: first }, until: '2021-02' });
  });
});
