import { startTestApp, TestApp } from './support/app';
import { addQueryFixtures, removeQueryFixtures } from './support/query-fixtures';
import { QOrganizationsDocument, QProgramsDocument, QPeopleDocument, NodeSort, DatedSort } from './__generated__/graphql';

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

type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor?: string | null; endCursor?: string | null };
  edges: { cursor: string; node: { id: string } }[];
};
type Fetch = (args: { first?: number; after?: string | null; last?: number; before?: string | null }) => Promise<Page>;

/** Walks a list forwards with `first/after` and backwards with `last/before`; both must see every item once, in order. */
async function walkBothWays(fetch: Fetch, size: number) {
  const forward: string[] = [];
  let after: string | null = null;
  let total = -1;
  for (let pages = 0; pages < 200; pages += 1) {
    const page = await fetch({ first: size, after });
    total = page.totalCount;
    expect(page.edges.length).toBeLessThanOrEqual(size);
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    forward.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor ?? null;
  }
  const backward: string[] = [];
  let before: string | null = null;
  for (let pages = 0; pages < 200; pages += 1) {
    const page = await fetch({ last: size, before });
    expect(page.pageInfo.hasNextPage).toBe(before !== null);
    backward.unshift(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasPreviousPage) break;
    before = page.pageInfo.startCursor ?? null;
  }
  return { forward, backward, total };
}

async function createdAtOf(ids: string[]): Promise<Map<string, number>> {
  const rows = await app.graph.read(
    "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN id, coalesce(n.createdAt, datetime('1970-01-01T00:00:00Z')).epochMillis AS at",
    { ids },
  );
  return new Map(rows.map((row) => [row.id, row.at]));
}

const sorts: [string, NodeSort[]][] = [
  ['name ascending', [{ field: 'NAME', direction: 'ASC' }]],
  ['name descending', [{ field: 'NAME', direction: 'DESC' }]],
  ['creation time ascending', [{ field: 'CREATED_AT', direction: 'ASC' }]],
  ['creation time descending', [{ field: 'CREATED_AT', direction: 'DESC' }]],
];

describe('a researcher pages through organizations under every sort', () => {
  it.each(sorts)('sorted by %s, forwards and backwards, every organization appears exactly once and in order', async (_label, orderBy) => {
    const fetch: Fetch = async (args) => {
      const response = await app.request(QOrganizationsDocument, { ...args, orderBy });
      expect(response.errors).toBeUndefined();
      return response.data!.organizations;
    };
    const all = (await app.request(QOrganizationsDocument, { first: 100, orderBy })).data!.organizations;
    const expected = all.edges.map((edge) => edge.node.id);
    expect(expected).toHaveLength(all.totalCount);
    const { field, direction } = orderBy[0];
    const sign = direction === 'DESC' ? -1 : 1;
    const names = new Map(all.edges.map((edge) => [edge.node.id, edge.node.name]));
    const created = await createdAtOf(expected);
    const primary = (id: string): string | number => (field === 'NAME' ? names.get(id)! : created.get(id)!);
    for (let i = 1; i < expected.length; i += 1) {
      const [a, b] = [primary(expected[i - 1]), primary(expected[i])];
      if (a === b) expect((expected[i - 1] < expected[i] ? -1 : 1) * sign).toBe(-1);
      else expect((a < b ? -1 : 1) * sign).toBe(-1);
    }
    for (const size of [1, 4]) {
      const { forward, backward, total } = await walkBothWays(fetch, size);
      expect(total).toBe(expected.length);
      expect(forward).toEqual(expected);
      expect(backward).toEqual(expected);
    }
  });

  it('keeps its place when an organization is inserted before the cursor', async () => {
    const orderBy: NodeSort[] = [{ field: 'NAME', direction: 'ASC' }];
    const where = { name: { startsWith: '样例' } };
    const first = (await app.request(QOrganizationsDocument, { first: 3, where, orderBy })).data!.organizations;
    await app.graph.write("CREATE (:Entity:Organization {id: 'test-q-inserted', name: '样例一', aliases: [], kind: 'TEAM'})");
    try {
      const rest = (await app.request(QOrganizationsDocument, { first: 100, after: first.pageInfo.endCursor, where, orderBy })).data!.organizations;
      const seen = [...first.edges, ...rest.edges].map((edge) => edge.node.id);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength(7);
    } finally {
      await app.graph.write("MATCH (n {id: 'test-q-inserted'}) DETACH DELETE n");
    }
  });

  it('refuses a cursor from another ordering, and mixing first with last', async () => {
    const byName = (await app.request(QOrganizationsDocument, { first: 2 })).data!.organizations;
    const other = await app.request(QOrganizationsDocument, { first: 2, after: byName.pageInfo.endCursor, orderBy: [{ field: 'CREATED_AT', direction: 'ASC' }] });
    expect(other.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(other.errors?.[0].message).toMatch(/^after: was issued for another orderBy/);
    const mixed = await app.request(QOrganizationsDocument, { first: 2, last: 2 });
    expect(mixed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await app.request(QOrganizationsDocument, { last: 101 });
    expect(tooMany.errors?.[0].message).toMatch(/^last: must be at most 100/);
  });
});

describe('a researcher pages through programs by year', () => {
  const yearSorts: [string, DatedSort[]][] = [
    ['year ascending', [{ field: 'YEAR', direction: 'ASC' }]],
    ['year descending, then name', [{ field: 'YEAR', direction: 'DESC' }, { field: 'NAME', direction: 'ASC' }]],
  ];
  it.each(yearSorts)('sorted by %s, every program appears once, unknown years counting as earliest', async (_label, orderBy) => {
    const fetch: Fetch = async (args) => (await app.request(QProgramsDocument, { ...args, orderBy })).data!.programs;
    const all = (await app.request(QProgramsDocument, { first: 100, orderBy })).data!.programs;
    const expected = all.edges.map((edge) => edge.node);
    const sign = orderBy[0].direction === 'DESC' ? -1 : 1;
    for (let i = 1; i < expected.length; i += 1) {
      const [a, b] = [expected[i - 1].year ?? -1, expected[i].year ?? -1];
      expect(Math.sign(b - a) * sign).toBeGreaterThanOrEqual(0);
    }
    const { forward, backward } = await walkBothWays(fetch, 3);
    expect(forward).toEqual(expected.map((p) => p.id));
    expect(backward).toEqual(expected.map((p) => p.id));
    // Within a year: by name when asked (样例行动三 < 样例行动二 in code-point order), else by id.
    const fixture2024 = expected.filter((p) => p.id.startsWith('test-q-') && p.year === 2024).map((p) => p.id);
    expect(fixture2024).toEqual(orderBy[1] ? ['test-q-prog-3', 'test-q-prog-2'] : ['test-q-prog-2', 'test-q-prog-3']);
  });

  it('people sorted by creation time descending come newest first', async () => {
    const response = await app.request(QPeopleDocument, { first: 4, where: { name: { startsWith: '样例' } }, orderBy: [{ field: 'CREATED_AT', direction: 'DESC' }] });
    expect(response.data!.people.edges.map((edge) => edge.node.id)).toEqual(['test-q-p4', 'test-q-p3', 'test-q-p2', 'test-q-p1']);
  });
});
