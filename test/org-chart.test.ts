import { startTestApp, TestApp } from './support/app';
import { OrgChartDocument, OrgChartQuery, OrganizationLineageDocument, OrganizationLineageQuery } from './__generated__/graphql';
import { GraphQLResponse } from './support/app';

type ChartNode = OrgChartQuery['orgChart'][number];

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-oc-' DETACH DELETE n");
  await app.close();
});

/** A box id of the chart `orgChart(rootId, depth, include)` as of now (the id shape docs/clients.md describes). */
const chartId = (rootId: string, depth: number, include = '') => (path: string) => `chart:${rootId}:${depth}:${include}:now/${path}`;

/** What d3-org-chart needs: one root, unique ids, every parent present. */
function expectDrawable(nodes: ChartNode[]) {
  const ids = new Set(nodes.map((node) => node.id));
  expect(ids.size).toBe(nodes.length);
  expect(nodes.filter((node) => node.parentId === null)).toHaveLength(1);
  for (const node of nodes) if (node.parentId !== null) expect(ids).toContain(node.parentId);
}

describe('a frontend asks for an org chart', () => {
  it("draws the federation hierarchy from the national federation down to 市妇联's lecture team and alliance", async () => {
    const response = await app.request(OrgChartDocument, { rootId: 'org-acwf' });
    expect(response.errors).toBeUndefined();
    const nodes = response.data!.orgChart;
    expectDrawable(nodes);
    const at = chartId('org-acwf', 3);
    const byId = new Map(nodes.map((node) => [node.entityId, node]));
    expect(nodes.map((node) => node.id)).toEqual(nodes.map((node) => at(node.entityId)));
    expect(nodes.map((node) => node.entityId)).toEqual([
      'org-acwf',
      'org-anhui-wf',
      'org-huainan-wf',
      // level 3, by name
      'org-huainan-sanba-alliance',
      'org-huainan-wf-lecture-team',
    ]);
    expect(byId.get('org-acwf')).toMatchObject({ parentId: null, level: 0, kind: 'FEDERATION', administrativeLevel: 'NATIONAL', childCount: 1 });
    expect(byId.get('org-huainan-wf')).toMatchObject({
      parentId: at('org-anhui-wf'), name: '淮南市妇女联合会', level: 2, childCount: 2, awardCount: 3, hasMore: false,
    });
    expect(byId.get('org-huainan-wf-lecture-team')).toMatchObject({ parentId: at('org-huainan-wf'), level: 3, kind: 'TEAM', childCount: 0 });
    // One query with a variable-length path, not one per level.
    expect(response.extensions?.cypherRoundTrips).toBe(1);
  });

  it('says where the depth cut children off, so the client can ask again rooted there', async () => {
    const nodes = (await app.request(OrgChartDocument, { rootId: 'org-acwf', depth: 2 })).data!.orgChart;
    expectDrawable(nodes);
    expect(nodes.map((node) => node.entityId)).toEqual(['org-acwf', 'org-anhui-wf', 'org-huainan-wf']);
    expect(nodes.find((node) => node.entityId === 'org-huainan-wf')).toMatchObject({ hasMore: true, childCount: 2 });
    expect(nodes.find((node) => node.entityId === 'org-acwf')).toMatchObject({ hasMore: false });
    const rootOnly = (await app.request(OrgChartDocument, { rootId: 'org-huainan-wf', depth: 0 })).data!.orgChart;
    expect(rootOnly).toEqual([expect.objectContaining({ id: chartId('org-huainan-wf', 0)('org-huainan-wf'), entityId: 'org-huainan-wf', parentId: null, level: 0, hasMore: true })]);
  });

  it('draws the same boxes when only ids and names are asked for (no counts read), and counts them when asked', async () => {
    const boxes: ChartNode[] = [];
    for (const rootId of ['org-acwf', 'org-huainan-intermediate-court']) {
      const full = (await app.request(OrgChartDocument, { rootId, depth: 4 })).data!.orgChart;
      const lean = await app.raw('query($rootId: ID!) { orgChart(rootId: $rootId, depth: 4) { id parentId entityId name level } }', { rootId });
      expect(lean.errors).toBeUndefined();
      expect(lean.data.orgChart).toEqual(full.map(({ id, parentId, entityId, name, level }) => ({ id, parentId, entityId, name, level })));
      boxes.push(...full);
    }
    for (const box of boxes) {
      const [counts] = await app.graph.read(
        `MATCH (o:Organization {id: $id})
         RETURN COUNT { (o)<-[:PART_OF]-(:Organization) } AS children, COUNT { (:Entity)-[:MEMBER_OF]->(o) } AS members,
                COUNT { (o)-[:RECEIVED]->(:Honor) } AS awards`,
        { id: box.entityId },
      );
      expect([box.entityId, box.childCount, box.memberCount, box.awardCount]).toEqual([box.entityId, counts.children, counts.members, counts.awards]);
    }
    expect(boxes.some((box) => box.childCount > 0) && boxes.some((box) => box.awardCount > 0)).toBe(true);
  });

  it("shows the court's litigation service center with its national 三八红旗集体 as an honor leaf", async () => {
    const response = await app.request(OrgChartDocument, { rootId: 'org-huainan-intermediate-court', include: ['HONORS'] });
    const nodes = response.data!.orgChart;
    expectDrawable(nodes);
    expect(nodes).toContainEqual(expect.objectContaining({
      id: chartId('org-huainan-intermediate-court', 3, 'HONORS')('org-huainan-court-litigation-center/honor/honor-national-sanba-collective'),
      parentId: chartId('org-huainan-intermediate-court', 3, 'HONORS')('org-huainan-court-litigation-center'),
      entityId: 'honor-national-sanba-collective',
      entity: 'HONOR',
      name: '全国三八红旗集体',
      administrativeLevel: 'NATIONAL',
      level: 2,
    }));
    expect(response.extensions?.cypherRoundTrips).toBe(1);
  });

  it("adds 市妇联's programs and honors as leaves with ids unique in the list", async () => {
    const nodes = (await app.request(OrgChartDocument, { rootId: 'org-huainan-wf', depth: 1, include: ['PROGRAMS', 'HONORS'] })).data!.orgChart;
    expectDrawable(nodes);
    const at = chartId('org-huainan-wf', 1, 'HONORS,PROGRAMS');
    const leaves = nodes.filter((node) => node.parentId === at('org-huainan-wf') && node.entity !== 'ORGANIZATION');
    expect(leaves.filter((leaf) => leaf.entity === 'HONOR').map((leaf) => leaf.name).sort()).toEqual(
      ['市委市政府目标管理绩效考核先进单位', '省三八红旗集体', '省妇联系统目标管理考核创新奖'].sort(),
    );
    const programs = leaves.filter((leaf) => leaf.entity === 'PROGRAM');
    expect(programs.length).toBeGreaterThan(20);
    expect(programs.map((leaf) => leaf.entityId)).toContain('prog-huifeng-classroom-5'); // partnered, not organized
    expect(programs.every((leaf) => leaf.id === at(`org-huainan-wf/program/${leaf.entityId}`))).toBe(true);
  });

  it('refuses a depth above 10 or below 0, and a root that does not exist', async () => {
    for (const depth of [11, -1]) {
      const response = await app.request(OrgChartDocument, { rootId: 'org-acwf', depth });
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].message).toMatch(/^depth: must be a whole number from 0 to 10/);
    }
    const missing = await app.request(OrgChartDocument, { rootId: 'org-nowhere' });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const notAnOrganization = await app.request(OrgChartDocument, { rootId: 'person-he-tingting' });
    expect(notAnOrganization.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('charts stay finite and correct on data an editor could not make', () => {
  beforeAll(async () => {
    // test-oc-a → test-oc-b → test-oc-a is a cycle; test-oc-c hangs under b; test-oc-p is a member of c.
    await app.graph.write(
      `UNWIND ['a', 'b', 'c'] AS key
       CREATE (:Entity:Organization {id: 'test-oc-' + key, name: '测试组织' + key, kind: 'TEAM', aliases: []})
       WITH count(*) AS made
       MATCH (a:Organization {id: 'test-oc-a'}), (b:Organization {id: 'test-oc-b'}), (c:Organization {id: 'test-oc-c'})
       CREATE (a)-[:PART_OF]->(b), (b)-[:PART_OF]->(a), (c)-[:PART_OF]->(b),
         (:Entity:Person {id: 'test-oc-p', name: '测试成员', aliases: []})-[:MEMBER_OF {role: '执委'}]->(c)`,
    );
  });

  it('lists every organization of a cycle once, under its shortest path, with members as leaves', async () => {
    const response = await app.request(OrgChartDocument, { rootId: 'test-oc-a', depth: 10, include: ['MEMBERS'] });
    expect(response.errors).toBeUndefined();
    const nodes = response.data!.orgChart;
    expectDrawable(nodes);
    const at = chartId('test-oc-a', 10, 'MEMBERS');
    expect(nodes.map((node) => [node.id, node.parentId, node.level])).toEqual([
      [at('test-oc-a'), null, 0],
      [at('test-oc-b'), at('test-oc-a'), 1],
      [at('test-oc-c'), at('test-oc-b'), 2],
      [at('test-oc-c/member/test-oc-p'), at('test-oc-c'), 3],
    ]);
    expect(nodes.find((node) => node.entityId === 'test-oc-c')).toMatchObject({ memberCount: 1 });
    expect(nodes[3]).toMatchObject({ entity: 'PERSON', entityId: 'test-oc-p', name: '测试成员' });
  });

  it('walks ancestors of a node in a cycle without looping', async () => {
    const response = await app.request(OrganizationLineageDocument, { id: 'test-oc-c', first: 10 });
    expect(response.errors).toBeUndefined();
    expect(response.data!.organization!.ancestors.map((org) => org.id)).toEqual(['test-oc-a', 'test-oc-b']);
  });
});

describe('breadcrumbs and drill-down', () => {
  it("gives the lecture team's ancestors root first", async () => {
    const response = await app.request(OrganizationLineageDocument, { id: 'org-huainan-wf-lecture-team' });
    expect(response.data!.organization!.ancestors.map((org) => org.id)).toEqual(['org-acwf', 'org-anhui-wf', 'org-huainan-wf']);
    const top = await app.request(OrganizationLineageDocument, { id: 'org-acwf' });
    expect(top.data!.organization!.ancestors).toEqual([]);
  });

  it('pages through every organization below the national federation exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const response: GraphQLResponse<OrganizationLineageQuery> = await app.request(OrganizationLineageDocument, { id: 'org-acwf', first: 2, after });
      expect(response.errors).toBeUndefined();
      const descendants: NonNullable<OrganizationLineageQuery['organization']>['descendants'] = response.data!.organization!.descendants;
      expect(descendants.totalCount).toBe(4);
      seen.push(...descendants.edges.map((edge) => edge.node.id));
      if (!descendants.pageInfo.hasNextPage) break;
      after = descendants.pageInfo.endCursor ?? null;
    }
    expect(seen.sort()).toEqual(['org-anhui-wf', 'org-huainan-sanba-alliance', 'org-huainan-wf', 'org-huainan-wf-lecture-team']);
  });
});

describe('an org chart is bounded', () => {
  const CHART = 'query Chart($rootId: ID!, $depth: Int!, $include: [OrgChartInclude!]) { orgChart(rootId: $rootId, depth: $depth, include: $include) { id entity } }';

  it('refuses a chart of more than 10,000 organizations with BAD_USER_INPUT, and answers one rooted lower', async () => {
    await app.graph.write(
      `CREATE (root:Entity:Organization {id: 'test-oc-cap-root', name: '上限测试根', kind: 'TEAM', aliases: []})
       WITH root UNWIND range(1, 10000) AS i
       CREATE (:Entity:Organization {id: 'test-oc-cap-' + i, name: '上限测试' + i, kind: 'TEAM', aliases: []})-[:PART_OF]->(root)`,
    );
    const refused = await app.raw(CHART, { rootId: 'test-oc-cap-root', depth: 1 });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(refused.errors?.[0].message).toMatch(/^depth: .*more than 10000 organizations/);
    const shallow = await app.raw(CHART, { rootId: 'test-oc-cap-root', depth: 0 });
    expect(shallow.errors).toBeUndefined();
    expect(shallow.data.orgChart).toHaveLength(1);
  });

  it('shows at most QUERY_MAX_LIST_ITEMS (500) leaves of a kind under one organization', async () => {
    await app.graph.write(
      `CREATE (org:Entity:Organization {id: 'test-oc-leaves', name: '叶子测试', kind: 'TEAM', aliases: []})
       WITH org UNWIND range(1, 501) AS i
       CREATE (:Entity:Person {id: 'test-oc-leaf-' + i, name: '叶子' + i, aliases: []})-[:MEMBER_OF]->(org)`,
    );
    const response = await app.raw(CHART, { rootId: 'test-oc-leaves', depth: 0, include: ['MEMBERS'] });
    expect(response.errors).toBeUndefined();
    expect(response.data.orgChart.filter((node: { entity: string }) => node.entity === 'PERSON')).toHaveLength(500);
  });
});
