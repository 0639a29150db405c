import { startTestApp, TestApp } from './support/app';
import { OrganizationsPageDocument, OrganizationsPageQuery } from './__generated__/graphql';
import { GraphQLResponse } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('paging through organizations', () => {
  it('walks every organization exactly once, in name order, whatever the page size', async () => {
    const all = await app.request(OrganizationsPageDocument, { first: 100 });
    const total = all.data!.organizations.totalCount;
    expect(total).toBeGreaterThan(10);
    for (const size of [1, 3, 7]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 200; pages += 1) {
        const response: GraphQLResponse<OrganizationsPageQuery> = await app.request(OrganizationsPageDocument, { first: size, after });
        expect(response.errors).toBeUndefined();
        const connection: OrganizationsPageQuery['organizations'] = response.data!.organizations;
        seen.push(...connection.edges.map((edge) => edge.node.id));
        expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor ?? null;
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect(seen).toEqual(all.data!.organizations.edges.map((edge) => edge.node.id));
    }
  });

  it('filters by kind and by part of a name, and counts the matches', async () => {
    const response = await app.request(OrganizationsPageDocument, {
      first: 50,
      where: { kind: ['FEDERATION'], name: { contains: '妇女联合会' } },
    });
    const names = response.data!.organizations.edges.map((edge) => edge.node.name);
    expect(names).toContain('淮南市妇女联合会');
    expect(response.data!.organizations.totalCount).toBe(names.length);
  });

  it('refuses a page larger than 100 instead of cutting it silently', async () => {
    const response = await app.request(OrganizationsPageDocument, { first: 101 });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/^first: must be at most 100/);
  });

  it('refuses a cursor it did not issue', async () => {
    const response = await app.request(OrganizationsPageDocument, { first: 5, after: 'bm90LWEtY3Vyc29y' });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/^after:/);
  });
});
