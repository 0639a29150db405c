import { startTestApp, TestApp } from './support/app';
import {
  HonorByNameDocument,
  NodeByIdDocument,
  OrganizationByNameDocument,
  OrganizationDocument,
  PersonByNameDocument,
} from './__generated__/graphql';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

async function organizationNamed(name: string) {
  const response = await app.request(OrganizationByNameDocument, { name });
  expect(response.errors).toBeUndefined();
  const edges = response.data!.organizations.edges;
  expect(edges).toHaveLength(1);
  return edges[0].node;
}

describe("the article's facts come back through GraphQL", () => {
  it('the intermediate court’s litigation service center holds 全国三八红旗集体, cited to the article', async () => {
    const center = await organizationNamed('淮南市中级人民法院诉讼服务中心');
    expect(center.__typename).toBe('Institution');
    expect(center.parent?.name).toBe('淮南市中级人民法院');
    const honors = center.awards.map((award) => award.honor.name);
    expect(honors).toEqual(['全国三八红旗集体']);
    const [award] = center.awards;
    expect(award.honor.level).toBe('NATIONAL');
    expect(award.sources.length).toBeGreaterThan(0);
    expect(award.sources[0].locator).toMatch(/^¶\d+$/);
    expect(award.sources[0].source!.title).toContain('巾帼力量勇担当');
  });

  it('市妇联 is found by its short form and holds exactly its three honors', async () => {
    const federation = await organizationNamed('市妇联');
    expect(federation.name).toBe('淮南市妇女联合会');
    expect(federation.__typename).toBe('Federation');
    expect(federation.level).toBe('MUNICIPAL');
    // Bound to Huainan's context (a name filter has none, so bound aliases count), not global.
    expect(federation.aliases).not.toContain('市妇联');
    const [row] = await app.graph.read("MATCH (o:Organization {id: 'org-huainan-wf'}) RETURN o.contextAliases AS bound");
    expect(row.bound).toEqual(expect.arrayContaining(['市妇联', '市婦聯']));
    expect(federation.awards.map((award) => award.honor.name).sort()).toEqual(
      ['市委市政府目标管理绩效考核先进单位', '省三八红旗集体', '省妇联系统目标管理考核创新奖'].sort(),
    );
    for (const award of federation.awards) expect(award.year).toBe(2024);
  });

  it('a name typed in traditional script finds the same organization', async () => {
    const federation = await organizationNamed('淮南市婦女聯合會');
    expect(federation.name).toBe('淮南市妇女联合会');
  });

  it('the reporter 何婷婷 authored the source', async () => {
    const response = await app.request(PersonByNameDocument, { name: '何婷婷' });
    expect(response.errors).toBeUndefined();
    const [edge] = response.data!.people.edges;
    expect(edge.node.nameEn).toBe('He Tingting');
    expect(edge.node.authored).toHaveLength(1);
    expect(edge.node.authored[0].authors.map((author) => author.name)).toEqual(['何婷婷']);
    expect(edge.node.authored[0].published).toMatch(/^2025/);
  });

  it('全国三八红旗集体 is a level of 三八红旗集体 and lists its recipient', async () => {
    const response = await app.request(HonorByNameDocument, { name: '全国三八红旗集体' });
    const [edge] = response.data!.honors.edges;
    expect(edge.node.variantOf?.name).toBe('三八红旗集体');
    expect(edge.node.awards.map((award) => award.recipient.name)).toEqual(['淮南市中级人民法院诉讼服务中心']);
    expect(edge.node.awards[0].recipient.__typename).toBe('Institution');
  });

  it('figures the article gives only as counts are facts about the federation, not invented nodes', async () => {
    const federation = await organizationNamed('市妇联');
    const response = await app.request(OrganizationDocument, { id: federation.id });
    const figures = response.data!.organization!.figures;
    const values = figures.map((figure) => figure.value);
    expect(values).toEqual(expect.arrayContaining([31, 2855, 151]));
    for (const figure of figures) expect(figure.sources[0].locator).toMatch(/^¶\d+$/);
    const studios = await app.graph.read("MATCH (n:Organization {kind: 'STUDIO'}) RETURN count(n) AS count");
    expect(studios[0].count).toBe(0);
  });
});

describe('looking up by id', () => {
  it('node(id) resolves the concrete type of any node', async () => {
    const federation = await organizationNamed('市妇联');
    const response = await app.request(NodeByIdDocument, { id: federation.id });
    expect(response.data!.node).toMatchObject({ id: federation.id, __typename: 'Federation', name: '淮南市妇女联合会' });
  });

  it('an id that does not exist gives null, not an error', async () => {
    const response = await app.request(NodeByIdDocument, { id: 'org-does-not-exist' });
    expect(response.errors).toBeUndefined();
    expect(response.data!.node).toBeNull();
  });

  it('an organization id asked for as a person gives null', async () => {
    const federation = await organizationNamed('市妇联');
    const response = await app.raw('query($id: ID!) { person(id: $id) { id } }', { id: federation.id });
    expect(response.errors).toBeUndefined();
    expect(response.data.person).toBeNull();
  });

  it('an empty id is a BAD_USER_INPUT error naming the argument', async () => {
    const response = await app.request(NodeByIdDocument, { id: '  ' });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/^id:/);
  });
});
