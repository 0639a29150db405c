import { startTestApp, TestApp } from './support/app';
import { addQueryFixtures, removeQueryFixtures } from './support/query-fixtures';
import {
  QChildrenPerParentDocument, QChildrenPerParentQuery, QOrganizationAwardsDocument, QHonorRecipientsDocument, QHonorRecipientsQuery, QMembersDocument,
  QPersonConnectionsDocument, QProgramLinksDocument, QOrganizationProgramsDocument, QSourceFactsDocument, QSourceFactsQuery,
} from './__generated__/graphql';
import { GraphQLResponse } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await removeQueryFixtures(app.graph);
  await addQueryFixtures(app.graph);
});
afterAll(async () => {
  await removeQueryFixtures(app.graph);
  await app.close();
});

const REPORT = 'src-huainan-wf-2024-report';

describe('relationship connections page each parent on its own', () => {
  it('two parents in one request each get their own first page of children, with counts and provenance', async () => {
    const response = await app.request(QChildrenPerParentDocument, { where: { id: { in: ['test-q-root', 'test-q-a'] } }, childFirst: 2 });
    expect(response.errors).toBeUndefined();
    const byId = new Map(response.data!.organizations.edges.map((edge) => [edge.node.id, edge.node]));
    const root = byId.get('test-q-root')!.childrenConnection;
    // Code-point order of the names: 丁 < 丙 < 乙 < 戊 < 甲.
    expect(root.edges.map((edge) => edge.node.id)).toEqual(['test-q-d', 'test-q-c']);
    expect(root.totalCount).toBe(5);
    expect(root.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const a = byId.get('test-q-a')!;
    expect(a.childrenConnection.edges.map((edge) => edge.node.id)).toEqual(['test-q-a1']);
    expect(a.childrenConnection.pageInfo.hasNextPage).toBe(false);
    expect(a.childrenConnection.edges[0]).toMatchObject({ inferred: true, note: 'fixture', sources: [{ locator: '¶99', source: { id: REPORT } }] });
    expect(a.parentConnection).toMatchObject({ totalCount: 1, edges: [{ node: { id: 'test-q-root' }, inferred: true, sources: [{ locator: '¶99' }] }] });
  });

  it.each([
    ['by name', [{ field: 'NAME', direction: 'ASC' }], ['test-q-d', 'test-q-c', 'test-q-b', 'test-q-e', 'test-q-a']],
    ['by creation time, newest first', [{ field: 'CREATED_AT', direction: 'DESC' }], ['test-q-b', 'test-q-e', 'test-q-d', 'test-q-a', 'test-q-c']],
  ] as const)('walks one parent\'s children %s, each exactly once', async (_label, order, expected) => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const response: GraphQLResponse<QChildrenPerParentQuery> = await app.request(QChildrenPerParentDocument, {
        where: { id: { eq: 'test-q-root' } }, childFirst: 2, childAfter: after, childOrder: [...order],
      });
      expect(response.errors).toBeUndefined();
      const page: QChildrenPerParentQuery['organizations']['edges'][0]['node']['childrenConnection'] =
        response.data!.organizations.edges[0].node.childrenConnection;
      seen.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? null;
    }
    expect(seen).toEqual([...expected]);
  });

  it('awards come newest first by default, with year, inference and citation on each edge, and page by year', async () => {
    const response = await app.request(QOrganizationAwardsDocument, { id: 'test-q-a' });
    const awards = response.data!.organization!.awardsConnection;
    expect(awards.edges.map((edge) => [edge.node.id, edge.year])).toEqual([['test-q-honor-star', 2023], ['test-q-honor-red', 2021]]);
    expect(awards.edges[0]).toMatchObject({ inferred: false, sources: [{ locator: '¶97', source: { id: REPORT } }] });

    const recipients: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const response: GraphQLResponse<QHonorRecipientsQuery> = await app.request(QHonorRecipientsDocument, {
        id: 'test-q-honor-red', first: 2, after, orderBy: [{ field: 'YEAR', direction: 'DESC' }],
      });
      const page: NonNullable<QHonorRecipientsQuery['honor']>['awardsConnection'] = response.data!.honor!.awardsConnection;
      expect(page.totalCount).toBe(5);
      recipients.push(...page.edges.map((edge) => `${edge.node.id}:${edge.year}`));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? null;
    }
    expect(recipients).toEqual(['test-q-p2:2024', 'test-q-b:2023', 'test-q-a:2021', 'test-q-c:2019', 'test-q-d:null']);

    // Any recipient, person or organization, answers awardsConnection without a type condition.
    const all = (await app.request(QHonorRecipientsDocument, { id: 'test-q-honor-red', first: 10 })).data!.honor!.awardsConnection;
    const counts = Object.fromEntries(all.edges.map((edge) => [edge.node.id, edge.node.awardsConnection.totalCount]));
    expect(counts).toEqual({ 'test-q-p2': 1, 'test-q-b': 1, 'test-q-a': 2, 'test-q-c': 1, 'test-q-d': 1 });
  });

  it('members carry role and dates; a person shows awards and memberships as connections', async () => {
    const members = (await app.request(QMembersDocument, { id: 'test-q-root' })).data!.organization!.membersConnection;
    expect(members.edges).toEqual([{ role: '主席', since: '2024', until: null, node: { id: 'test-q-p1', name: '样例张' }, sources: [{ locator: '¶96' }] }]);
    const person = (await app.request(QPersonConnectionsDocument, { id: 'test-q-p1' })).data!.person!;
    expect(person.awardsConnection).toEqual({ totalCount: 1, edges: [{ year: 2022, node: { id: 'test-q-honor-star' }, sources: [{ locator: '¶97' }] }] });
    expect(person.membershipsConnection).toEqual({ totalCount: 1, edges: [{ role: '主席', node: { id: 'test-q-root' } }] });
  });

  it('programs show organizers and partners with provenance, and an organization\'s programs name its part', async () => {
    const links = (await app.request(QProgramLinksDocument, { id: 'test-q-prog-3' })).data!.program!;
    expect(links.organizersConnection).toEqual({ totalCount: 1, edges: [{ node: { id: 'test-q-a' }, sources: [{ locator: '¶95' }] }] });
    expect(links.partnersConnection).toEqual({ totalCount: 1, edges: [{ node: { id: 'test-q-root' } }] });
    const programs = (await app.request(QOrganizationProgramsDocument, { id: 'test-q-root' })).data!.organization!.programsConnection;
    expect(programs.edges.map((edge) => `${edge.relationship}:${edge.node.id}`)).toEqual([
      'PARTNERED:test-q-prog-3', 'ORGANIZED:test-q-prog-2', 'ORGANIZED:test-q-prog-1', 'ORGANIZED:test-q-prog-4',
    ]);
    const in2024 = (await app.request(QOrganizationProgramsDocument, { id: 'test-q-root', where: { year: { eq: 2024 } } })).data!.organization!.programsConnection;
    expect(in2024.totalCount).toBe(2);
  });

  it('refuses a relationship page above 100 instead of cutting it', async () => {
    const response = await app.request(QOrganizationAwardsDocument, { id: 'test-q-a', first: 101 });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/^first: must be at most 100/);
  });
});

describe('a source lists the facts it supports', () => {
  it('pages through every relationship citing the report exactly once, each with both ends and its locators', async () => {
    const [{ count }] = await app.graph.read('MATCH ()-[r]->() WHERE $id IN r.sourceIds RETURN count(r) AS count', { id: REPORT });
    const facts: any[] = [];
    const cursors = new Set<string>();
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages += 1) {
      const response: GraphQLResponse<QSourceFactsQuery> = await app.request(QSourceFactsDocument, { id: REPORT, first: 25, after });
      expect(response.errors).toBeUndefined();
      const page: NonNullable<QSourceFactsQuery['source']>['facts'] = response.data!.source!.facts;
      expect(page.totalCount).toBe(count);
      for (const edge of page.edges) cursors.add(edge.cursor);
      facts.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? null;
    }
    expect(facts).toHaveLength(count);
    expect(cursors.size).toBe(count);
    expect(facts.every((fact) => fact.locators.length > 0)).toBe(true);
    expect(facts).toContainEqual(expect.objectContaining({
      relationship: 'RECEIVED', year: 2024, inferred: false, locators: ['¶5'],
      subject: { id: 'org-huainan-court-litigation-center' }, object: { id: 'honor-national-sanba-collective' },
    }));
    expect(facts).toContainEqual(expect.objectContaining({ relationship: 'PART_OF', subject: { id: 'test-q-a1' }, object: { id: 'test-q-a' }, locators: ['¶99'] }));
    const types = new Set(facts.map((fact) => fact.relationship));
    for (const type of ['RECEIVED', 'PART_OF', 'MEMBER_OF', 'ORGANIZED', 'DESCRIBES', 'CONFERRED_BY']) expect(types).toContain(type);
  });
});
