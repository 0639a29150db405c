import fs from 'node:fs';
import path from 'node:path';
import { isAbstractType } from 'graphql';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import type { PossibleTypesMap } from '@apollo/client';
import {
  Environment, FetchFunction, GraphQLResponse as RelayResponse, Network, RecordSource, Store, createOperationDescriptor, fetchQuery,
} from 'relay-runtime';
import type { ConcreteRequest } from 'relay-runtime';
import { buildHonorGraphSchema } from '../src/app/schema';
import { bearer, startTestApp, TestApp } from './support/app';
import { removeEditingFixtures } from './support/editing';
import shipped from '../schema/possible-types.json';
import OrganizationQuery from './clients/__generated__/clientsRelayOrganizationQuery.graphql';
import OrgChartQuery from './clients/__generated__/clientsRelayOrgChartQuery.graphql';

let app: TestApp;
let url: string;
beforeAll(async () => {
  app = await startTestApp();
  url = `http://127.0.0.1:${app.server.port}/graphql`;
});
afterAll(async () => {
  await app.graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-cl-' DETACH DELETE n");
  // What the API wrote for the test's tokens (测试客户王芳 and her award and membership).
  await removeEditingFixtures(app);
  await app.close();
});

const FEDERATION = 'org-huainan-wf';

/** The data without `__typename`, which clients add to selections on their own. */
function withoutTypenames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTypenames);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '__typename').map(([key, child]) => [key, withoutTypenames(child)]));
  }
  return value;
}

/** Every `{id, __typename}` object of a response, as a normalizing cache would key them. */
function typenamesById(value: unknown, out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  if (Array.isArray(value)) for (const item of value) typenamesById(item, out);
  else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object.id === 'string' && typeof object.__typename === 'string') {
      out.set(object.id, (out.get(object.id) ?? new Set()).add(object.__typename));
    }
    for (const child of Object.values(object)) typenamesById(child, out);
  }
  return out;
}

describe('the fragment matcher shipped with the schema (schema/possible-types.json)', () => {
  it('lists, for every interface and union, exactly the types the code builds', async () => {
    const schema = await buildHonorGraphSchema();
    const built: Record<string, string[]> = {};
    for (const type of Object.values(schema.getTypeMap())) {
      if (isAbstractType(type) && !type.name.startsWith('__')) built[type.name] = schema.getPossibleTypes(type).map((t) => t.name).sort();
    }
    // When this fails, run `npm run codegen` and commit schema/possible-types.json and .ts.
    expect(Object.fromEntries(Object.entries(shipped.possibleTypes).map(([name, types]) => [name, [...types].sort()]))).toEqual(built);
    expect(built.Organization).toContain('Federation');
    const typed = fs.readFileSync(path.resolve(__dirname, '../schema/possible-types.ts'), 'utf8');
    for (const name of Object.keys(built)) expect(typed).toContain(`"${name}"`);
  });
});

describe('Apollo Client reads an organization page back from its cache', () => {
  const PAGE = gql`
    fragment OrganizationCard on Organization {
      id
      name
      kind
      level
      aliases
    }
    fragment Federated on Federation {
      ancestors {
        id
        name
      }
    }
    query OrganizationPage($id: ID!) {
      organization(id: $id) {
        __typename
        ...OrganizationCard
        ...Federated
        parent {
          __typename
          ...OrganizationCard
        }
        children {
          __typename
          ...OrganizationCard
        }
        awards {
          id
          year
          inferred
          honor {
            id
            name
            level
          }
          recipient {
            __typename
            ... on Node {
              id
            }
          }
        }
        members {
          id
          role
          member {
            __typename
            ... on Node {
              id
            }
          }
        }
        childrenConnection(first: 10) {
          totalCount
          edges {
            statementId
            inferred
            node {
              __typename
              ...OrganizationCard
            }
          }
        }
      }
    }
  `;

  const client = (possibleTypes?: PossibleTypesMap) =>
    new ApolloClient({ link: new HttpLink({ uri: url, fetch }), cache: new InMemoryCache(possibleTypes ? { possibleTypes } : {}) });

  it('with the shipped possibleTypes: 0 missing fields, and what it reads is what the server answered', async () => {
    const apollo = client(shipped.possibleTypes);
    const { data } = await apollo.query({ query: PAGE, variables: { id: FEDERATION }, fetchPolicy: 'network-only' });
    const served = await app.raw(PAGE.loc!.source.body, { id: FEDERATION });
    expect(served.errors).toBeUndefined();
    const organization = served.data.organization;
    expect(organization).toMatchObject({ __typename: 'Federation', id: FEDERATION, name: '淮南市妇女联合会' });
    expect(organization.awards).toHaveLength(3);
    expect(organization.ancestors.map((a: { id: string }) => a.id)).toEqual(['org-acwf', 'org-anhui-wf']);
    expect(organization.childrenConnection.edges.length).toBeGreaterThan(0);

    const diff = apollo.cache.diff({ query: PAGE, variables: { id: FEDERATION }, returnPartialData: false, optimistic: false });
    expect(diff.missing).toBeUndefined();
    expect(diff.complete).toBe(true);
    expect(withoutTypenames(diff.result)).toEqual(withoutTypenames(served.data));
    expect(withoutTypenames(apollo.cache.readQuery({ query: PAGE, variables: { id: FEDERATION } }))).toEqual(withoutTypenames(served.data));
    expect(withoutTypenames(data)).toEqual(withoutTypenames(served.data));
    // Awards and memberships are records of their own now (Award.id), not copies inside a list.
    expect(Object.keys(apollo.cache.extract() as object).filter((key) => key.startsWith('Award:'))).toHaveLength(3);
    apollo.stop();
  });

  it('without possibleTypes the fragments on the Organization interface match nothing and their fields go missing, silently', async () => {
    const apollo = client();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await apollo.query({ query: PAGE, variables: { id: FEDERATION }, fetchPolicy: 'network-only', errorPolicy: 'all' }).catch(() => undefined);
      const served = await app.raw(PAGE.loc!.source.body, { id: FEDERATION });
      const diff = apollo.cache.diff<any>({ query: PAGE, variables: { id: FEDERATION }, returnPartialData: true, optimistic: false });
      // The cache cannot tell a Federation is an Organization, so it skips the fragment's fields.
      expect(withoutTypenames(diff.result)).not.toEqual(withoutTypenames(served.data));
      expect(served.data.organization.name).toBe('淮南市妇女联合会');
      expect(diff.result?.organization?.name).toBeUndefined();
    } finally {
      warn.mockRestore();
      error.mockRestore();
      apollo.stop();
    }
  });
});

describe('one Relay store holds an organization and its org chart', () => {
  /** A Relay network on the running app; `rewrite` may change a response before the store sees it. */
  const environment = (rewrite: (name: string, data: any) => any = (_, data) => data) => {
    const fetchFn: FetchFunction = async (request, variables) => {
      const response = await app.raw(request.text!, variables);
      return { ...response, data: response.data && rewrite(request.name, response.data) } as RelayResponse;
    };
    return new Environment({ network: Network.create(fetchFn), store: new Store(new RecordSource()) });
  };

  /** Fetches the query into the environment's store and returns what the server answered. */
  const load = async (env: Environment, query: ConcreteRequest, variables: Record<string, unknown>) => {
    const served = await app.raw(query.params.text!, variables);
    expect(served.errors).toBeUndefined();
    await fetchQuery(env, query, variables).toPromise();
    return served.data;
  };

  /** What the store gives back for the query now. */
  const read = (env: Environment, query: ConcreteRequest, variables: Record<string, unknown>) => {
    const operation = createOperationDescriptor(query, variables);
    env.retain(operation);
    return env.lookup(operation.fragment).data;
  };

  const CHART = { rootId: 'org-anhui-wf', depth: 2, include: ['HONORS'] };
  const ORGANIZATION = { id: FEDERATION };

  /** Runs `work` and returns what Relay warned of an id given to objects of two types. */
  const idWarnings = async (work: () => Promise<void>) => {
    const warnings: string[] = [];
    const error = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
    });
    try {
      await work();
    } finally {
      error.mockRestore();
    }
    return warnings.filter((warning) => warning.includes('globally unique id'));
  };

  it('keeps both intact: reading each back gives exactly what the server answered, in either order', async () => {
    expect(await idWarnings(async () => {
      for (const order of [['organization', 'chart'], ['chart', 'organization']]) {
        const env = environment();
        const served: Record<string, any> = {};
        for (const which of order) {
          served[which] = which === 'chart' ? await load(env, OrgChartQuery, CHART) : await load(env, OrganizationQuery, ORGANIZATION);
        }
        expect(withoutTypenames(read(env, OrganizationQuery, ORGANIZATION))).toEqual(withoutTypenames(served.organization));
        expect(withoutTypenames(read(env, OrgChartQuery, CHART))).toEqual(withoutTypenames(served.chart));
        // The chart shows 市妇联 (level 1 of this chart), and links the organization record itself.
        const box = served.chart.orgChart.find((node: any) => node.entityId === FEDERATION);
        expect(box).toMatchObject({ level: 1, entity: 'ORGANIZATION', organization: { id: FEDERATION, level: served.organization.organization.level } });
        expect(box.id).not.toBe(FEDERATION);
      }
    })).toEqual([]);
  });

  it('never gives two types one id, across the schema and across charts', async () => {
    const responses = [
      (await app.raw(OrganizationQuery.params.text!, ORGANIZATION)).data,
      ...(await Promise.all([CHART, { ...CHART, depth: 1 }, { rootId: FEDERATION, depth: 1, include: ['HONORS', 'PROGRAMS'] }, { rootId: 'org-acwf', depth: 3 }]
        .map(async (variables) => (await app.raw(OrgChartQuery.params.text!, variables)).data))),
    ];
    const shared = [...typenamesById(responses)].filter(([, types]) => types.size > 1);
    expect(shared).toEqual([]);
    // The same organization in two charts whose level and hasMore differ: two boxes, two ids.
    const [, deep, shallow] = responses;
    const inDeep = deep.orgChart.find((n: any) => n.entityId === FEDERATION);
    const inShallow = shallow.orgChart.find((n: any) => n.entityId === FEDERATION);
    expect([inDeep.hasMore, inShallow.hasMore]).toEqual([false, true]);
    expect(inDeep.id).not.toBe(inShallow.id);
    // Asking again (include in another order) gives the same ids, so a refetch updates the same records.
    const again = (await app.raw(OrgChartQuery.params.text!, { rootId: FEDERATION, depth: 1, include: ['PROGRAMS', 'HONORS'] })).data;
    expect(again.orgChart.map((n: any) => n.id)).toEqual(responses[3].orgChart.map((n: any) => n.id));
  });

  it('with the old ids (a box id repeating the organization id) the store would corrupt the organization', async () => {
    // The chart as the server used to answer it: box ids were the organization ids.
    const oldIds = (name: string, data: any) =>
      name !== 'clientsRelayOrgChartQuery' ? data : {
        orgChart: data.orgChart.map((node: any) => ({
          ...node,
          id: node.id.slice(node.id.indexOf('/') + 1),
          parentId: node.parentId && node.parentId.slice(node.parentId.indexOf('/') + 1),
        })),
      };
    const env = environment(oldIds);
    let served: any;
    let chart: any;
    const warnings = await idWarnings(async () => {
      served = await load(env, OrganizationQuery, ORGANIZATION);
      chart = oldIds('clientsRelayOrgChartQuery', await load(env, OrgChartQuery, CHART));
    });
    expect(warnings.length).toBeGreaterThan(0);
    // One record for two types: the organization's administrative level (MUNICIPAL) and the box's
    // depth in the chart (1) overwrite each other, so one of the two queries reads back wrong.
    const organization = read(env, OrganizationQuery, ORGANIZATION) as any;
    const box = (read(env, OrgChartQuery, CHART) as any).orgChart.find((node: any) => node.entityId === FEDERATION);
    expect([served.organization.level, chart.orgChart.find((node: any) => node.entityId === FEDERATION).level]).toEqual(['MUNICIPAL', 1]);
    expect([organization.organization.level, box.level]).not.toEqual(['MUNICIPAL', 1]);
  });
});

describe('statements have stable ids', () => {
  it('every content relationship of the seeded graph has an id, unique across the graph', async () => {
    const [row] = await app.graph.read(
      // Other test files' fixtures written straight in Cypher (test-… ids) are not the seed's.
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE NOT a.id STARTS WITH 'test-' AND NOT b.id STARTS WITH 'test-'
         AND (r.id IS NULL OR NOT r.id STARTS WITH 'st-')
       RETURN count(r) AS missing`,
    );
    expect(row.missing).toBe(0);
    const [dupes] = await app.graph.read('MATCH (:Entity)-[r]->(:Entity) WITH r.id AS id, count(*) AS n WHERE n > 1 RETURN count(id) AS shared');
    expect(dupes.shared).toBe(0);
  });

  it('gives the seed ids from type, ends and key, so a reseed gives the same ones', async () => {
    const { seedStatementId } = await import('../src/seed/seed.repository');
    const rows = await app.graph.read(
      `MATCH (a:Entity)-[r:RECEIVED|PART_OF|MENTIONS]->(b:Entity) WHERE r.createdBy IS NULL AND r.key IS NOT NULL AND NOT a.id STARTS WITH 'test-'
       RETURN type(r) AS type, a.id AS from, b.id AS to, r.key AS key, r.id AS id LIMIT 50`,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row.id).toBe(seedStatementId(row.type, row.from, row.to, row.key));
  });

  it('shows one PART_OF statement with the same statementId from both ends, and awards by their id', async () => {
    const query = `query($id: ID!, $parent: ID!) {
      child: organization(id: $id) { parentConnection { edges { statementId node { id } } } awards { id year honor { id } } }
      parent: organization(id: $parent) { childrenConnection(first: 20) { edges { statementId node { id } } } }
    }`;
    const response = await app.raw(query, { id: FEDERATION, parent: 'org-anhui-wf' });
    expect(response.errors).toBeUndefined();
    const up = response.data.child.parentConnection.edges[0];
    const down = response.data.parent.childrenConnection.edges.find((e: any) => e.node.id === FEDERATION);
    expect(up.statementId).toMatch(/^st-/);
    expect(down.statementId).toBe(up.statementId);
    const [stored] = await app.graph.read(
      "MATCH (:Organization {id: $id})-[r:PART_OF]->(:Organization {id: 'org-anhui-wf'}) RETURN r.id AS id",
      { id: FEDERATION },
    );
    expect(stored.id).toBe(up.statementId);
    expect(response.data.child.awards.every((a: any) => /^st-/.test(a.id))).toBe(true);
  });

  it('an API write gets a fresh id, an undo brings the old one back, and a membership shows its id', async () => {
    const editor = bearer('editor');
    const admin = bearer('admin');
    const person = await app.raw('mutation { createPerson(input: {name: "测试客户王芳", allowDuplicate: true}) { id } }', {}, editor);
    const personId = person.data.createPerson.id;
    const awarded = await app.raw(
      'mutation($id: ID!) { awardHonor(recipientId: $id, honorId: "honor-sanba-pacesetter", year: 2022) { id year } }', { id: personId }, editor,
    );
    const awardId = awarded.data.awardHonor.id;
    expect(awardId).toMatch(/^st-[0-9a-f-]{36}$/);
    const revoked = await app.raw(
      'mutation($id: ID!) { revokeAward(recipientId: $id, honorId: "honor-sanba-pacesetter", year: 2022) { awardId revisionId recipient { ... on Person { id awards { id } } } } }',
      { id: personId }, admin,
    );
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data.revokeAward).toMatchObject({ awardId, recipient: { id: personId, awards: [] } });
    const undone = await app.raw('mutation($id: ID!) { undo(revisionId: $id) { id } }', { id: revoked.data.revokeAward.revisionId }, admin);
    expect(undone.errors).toBeUndefined();
    const back = await app.raw('query($id: ID!) { person(id: $id) { awards { id year } } }', { id: personId });
    expect(back.data.person.awards).toEqual([{ id: awardId, year: 2022 }]);

    const joined = await app.raw(
      'mutation($id: ID!) { addMembership(memberId: $id, organizationId: "org-huainan-wf", role: "执委") { id role } }', { id: personId }, editor,
    );
    expect(joined.errors).toBeUndefined();
    expect(joined.data.addMembership.id).toMatch(/^st-/);
    const [stored] = await app.graph.read("MATCH (:Person {id: $id})-[m:MEMBER_OF]->() RETURN m.id AS id", { id: personId });
    expect(stored.id).toBe(joined.data.addMembership.id);
  });

  it('the migration gives a relationship written without an id one, once', async () => {
    const { assignStatementIds } = await import('../src/db/migrations');
    await app.graph.write(
      `CREATE (a:Entity:Person {id: 'test-cl-a', name: '测试客户甲', aliases: []})-[:MEMBER_OF {key: 'role:', role: '成员'}]->
              (:Entity:Organization {id: 'test-cl-o', name: '测试客户组织', kind: 'TEAM', aliases: []})`,
    );
    await app.graph.write("MATCH (l:GraphLock {name: 'statement-ids'}) DELETE l");
    const { assigned } = await assignStatementIds(app.graph);
    expect(assigned).toBeGreaterThanOrEqual(1);
    const [row] = await app.graph.read("MATCH (:Person {id: 'test-cl-a'})-[m:MEMBER_OF]->() RETURN m.id AS id");
    expect(row.id).toMatch(/^st-/);
    expect((await assignStatementIds(app.graph)).assigned).toBe(0);
  });
});
