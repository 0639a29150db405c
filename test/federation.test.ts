import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { bearer, startTestApp, TestApp, TEST_JWT_SECRET } from './support/app';
import { SUBGRAPH_FILE } from '../src/app/emit-schema';
import { MAX_REPRESENTATIONS } from '../src/federation/subgraph';

/**
 * A research group's gateway composes HonorGraph's subgraph (/subgraph) with its own "grants"
 * service, a made-up one built here that extends Person and Organization by their `id` key.
 */
const GRANTS_SDL = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])

  type Query {
    grants: [Grant!]!
  }

  type Grant {
    id: ID!
    title: String!
    amountYuan: Int!
    "The person holding it; HonorGraph knows who."
    holder: Person
    "Who funds it; HonorGraph knows what kind of body it is."
    funder: Organization!
  }

  type Person @key(fields: "id") {
    id: ID!
    grants: [Grant!]!
  }

  type Organization @key(fields: "id") @interfaceObject {
    id: ID!
    grants: [Grant!]!
  }
`);

interface Grant { id: string; title: string; amountYuan: number; holderId: string | null; funderId: string }

const GRANTS: Grant[] = [
  { id: 'grant-1', title: '宣讲骨干培训资助', amountYuan: 50_000, holderId: 'person-he-tingting', funderId: 'org-huainan-wf' },
  { id: 'grant-2', title: '巾帼联盟活动经费', amountYuan: 20_000, holderId: null, funderId: 'org-huainan-sanba-alliance' },
  { id: 'grant-3', title: '宣讲团下乡补贴', amountYuan: 8_000, holderId: 'person-not-in-honorgraph', funderId: 'org-huainan-wf-lecture-team' },
];

const grantsResolvers = {
  Query: { grants: () => GRANTS },
  Grant: {
    holder: (grant: Grant) => (grant.holderId ? { __typename: 'Person', id: grant.holderId } : null),
    funder: (grant: Grant) => ({ __typename: 'Organization', id: grant.funderId }),
  },
  Person: {
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    grants: (person: { id: string }) => GRANTS.filter((grant) => grant.holderId === person.id),
  },
  Organization: {
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    grants: (organization: { id: string }) => GRANTS.filter((grant) => grant.funderId === organization.id),
  },
};

let app: TestApp;
let grants: { server: ApolloServer; url: string };
let gateway: ApolloServer;

const subgraphUrl = () => `http://127.0.0.1:${app.server.port}/subgraph`;

async function postSubgraph(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(subgraphUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

async function throughGateway(query: string) {
  const response = await gateway.executeOperation({ query });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as { data?: any; errors?: any[] };
}

beforeAll(async () => {
  app = await startTestApp();
  const server = new ApolloServer({ schema: buildSubgraphSchema({ typeDefs: GRANTS_SDL, resolvers: grantsResolvers as any }), plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  grants = { server, url };
  const supergraph = new IntrospectAndCompose({
    subgraphs: [
      { name: 'honorgraph', url: subgraphUrl() },
      { name: 'grants', url },
    ],
  });
  // @apollo/gateway implements the gateway interface @apollo/server 5 takes (its types are a major behind).
  gateway = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: supergraph }) as any });
  await gateway.start();
});

afterAll(async () => {
  await gateway?.stop();
  await grants?.server.stop();
  await app?.close();
});

describe('the Federation 2 subgraph at /subgraph', () => {
  it('serves _service { sdl }: the committed schema/subgraph.graphql, linked to federation v2.3', async () => {
    const { status, body } = await postSubgraph({ query: '{ _service { sdl } }' });
    expect(status).toBe(200);
    expect(body.data._service.sdl + '\n').toBe(fs.readFileSync(SUBGRAPH_FILE, 'utf8'));
    const keyed = [...body.data._service.sdl.matchAll(/^(?:type|interface) (\w+)[^{]*@key\(fields: "id"\)/gm)].map((match) => match[1]);
    expect(keyed).toEqual(expect.arrayContaining(['Person', 'Organization', 'Federation', 'Team', 'Honor', 'Program', 'Source']));
  });

  it('composes with another subgraph that extends Person and Organization', () => {
    const result = composeServices([
      { name: 'honorgraph', typeDefs: parse(fs.readFileSync(SUBGRAPH_FILE, 'utf8')), url: subgraphUrl() },
      { name: 'grants', typeDefs: GRANTS_SDL, url: grants.url },
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.supergraphSdl).toMatch(/join__type\(graph: GRANTS, key: "id", isInterfaceObject: true\)/);
  });

  it('resolves representations of several types in one Cypher round trip, null for an unknown id or one of another type', async () => {
    const { body } = await postSubgraph({
      query: `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          __typename
          ... on Person { name }
          ... on Organization { name kind }
          ... on Honor { name }
          ... on Source { title }
        }
      }`,
      variables: {
        representations: [
          { __typename: 'Person', id: 'person-he-tingting' },
          { __typename: 'Organization', id: 'org-huainan-wf-lecture-team' },
          { __typename: 'Federation', id: 'org-anhui-wf' },
          { __typename: 'Honor', id: 'honor-sanba-pacesetter' },
          { __typename: 'Source', id: 'src-huainan-wf-2024-report' },
          { __typename: 'Person', id: 'org-huainan-wf' },
          { __typename: 'Team', id: 'org-huainan-wf' },
          { __typename: 'Program', id: 'prog-does-not-exist' },
        ],
      },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toEqual([
      { __typename: 'Person', name: '何婷婷' },
      { __typename: 'Team', name: '淮南市妇联宣讲团', kind: 'TEAM' },
      { __typename: 'Federation', name: '安徽省妇女联合会', kind: 'FEDERATION' },
      { __typename: 'Honor', name: '三八红旗手' },
      { __typename: 'Source', title: '巾帼力量勇担当 铿锵奋进绽芳华——市妇联团结带领广大妇女为淮南高质量发展建功奉献' },
      null,
      null,
      null,
    ]);
    expect(body.extensions.cypherRoundTrips).toBe(1);
  });

  it(`refuses more than ${MAX_REPRESENTATIONS} representations, or one without a usable id, with BAD_USER_INPUT`, async () => {
    const query = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { name } } }';
    const many = Array.from({ length: MAX_REPRESENTATIONS + 1 }, (_, i) => ({ __typename: 'Person', id: `person-${i}` }));
    const tooMany = await postSubgraph({ query, variables: { representations: many } });
    expect(tooMany.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(tooMany.body.errors[0].message).toContain(`at most ${MAX_REPRESENTATIONS} representations`);
    expect(tooMany.body.extensions.cypherRoundTrips).toBe(0);
    const longId = await postSubgraph({ query, variables: { representations: [{ __typename: 'Person', id: 'x'.repeat(201) }] } });
    expect(longId.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const noId = await postSubgraph({ query, variables: { representations: [{ __typename: 'Person', id: 7 }] } });
    expect(noId.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(noId.body.data._entities).toEqual([null]);
    for (const representation of [{ __typename: 'Award', id: 'x', note: 'echoed?' }, { __typename: 'NoSuchType', id: 'x' }, { id: 'person-he-tingting' }]) {
      const notEntity = await postSubgraph({ query: 'query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }', variables: { representations: [representation] } });
      expect(notEntity.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(notEntity.body.errors[0].message).toMatch(/^representations\[0\]: __typename must name an entity type/);
    }
  });

  it('keeps the query limits of /graphql (depth) and its read policy', async () => {
    const deep = await postSubgraph({ query: '{ organization(id: "org-acwf") { children { children { children { children { children { children { children { children { children { children { children { name } } } } } } } } } } } } }' });
    expect(deep.body.errors[0].message).toMatch(/depth/i);
    const closed = await startTestApp({ auth: { jwtSecret: TEST_JWT_SECRET, readsRequireAuth: true } });
    try {
      const url = `http://127.0.0.1:${closed.server.port}/subgraph`;
      const ask = (headers: Record<string, string>) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
      const anonymous = await ask({});
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const reader = await ask(bearer('viewer', 'test-federation-reader'));
      expect(((await reader.json()) as any).data._service.sdl).toContain('@key(fields: "id")');
    } finally {
      await closed.close();
    }
  });
});

describe('a gateway composing HonorGraph with a grants service', () => {
  it("answers an organization's sub-organizations from HonorGraph with their grants from the other service", async () => {
    const result = await throughGateway(`{
      organization(id: "org-huainan-wf") {
        name
        grants { title amountYuan }
        children { id name kind grants { title } }
      }
      person(id: "person-he-tingting") { name grants { title funder { name } } }
    }`);
    expect(result.errors).toBeUndefined();
    const organization = result.data.organization;
    expect(organization.name).toBe('淮南市妇女联合会');
    expect(organization.grants).toEqual([{ title: '宣讲骨干培训资助', amountYuan: 50_000 }]);
    expect([...organization.children].sort((a: any, b: any) => a.id.localeCompare(b.id))).toEqual([
      { id: 'org-huainan-sanba-alliance', name: '淮南市三八红旗手(集体)联盟', kind: 'ALLIANCE', grants: [{ title: '巾帼联盟活动经费' }] },
      { id: 'org-huainan-wf-lecture-team', name: '淮南市妇联宣讲团', kind: 'TEAM', grants: [{ title: '宣讲团下乡补贴' }] },
    ]);
    expect(result.data.person).toEqual({ name: '何婷婷', grants: [{ title: '宣讲骨干培训资助', funder: { name: '淮南市妇女联合会' } }] });
  });

  it("resolves the grants service's people and organizations from HonorGraph, concrete kinds and awards included", async () => {
    const result = await throughGateway(`{
      grants {
        title
        holder { name nameEn }
        funder {
          __typename
          name
          ... on Federation { level }
          awards { year honor { name } }
        }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const [first, second, third] = result.data.grants;
    expect(first.holder).toEqual({ name: '何婷婷', nameEn: 'He Tingting' });
    expect(first.funder).toMatchObject({ __typename: 'Federation', name: '淮南市妇女联合会', level: 'MUNICIPAL' });
    expect(first.funder.awards.map((award: any) => award.honor.name).sort()).toEqual(
      ['省三八红旗集体', '省妇联系统目标管理考核创新奖', '市委市政府目标管理绩效考核先进单位'].sort(),
    );
    expect(first.funder.awards.every((award: any) => award.year === 2024)).toBe(true);
    expect(second).toMatchObject({ holder: null, funder: { __typename: 'Alliance', name: '淮南市三八红旗手(集体)联盟', awards: [] } });
    // A holder HonorGraph does not know is null, not an error.
    expect(third).toMatchObject({ holder: null, funder: { __typename: 'Team', name: '淮南市妇联宣讲团' } });
  });
});
