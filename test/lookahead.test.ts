import { startTestApp, TestApp } from './support/app';
import { OrgChartFourLevelsDocument } from './__generated__/graphql';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  // root → 3 counties → 2 townships each → 2 villages each → 1 studio each
  await app.graph.write(
    `CREATE (root:Entity:Organization {id: 'test-la-root', name: '测试市妇联', aliases: [], kind: 'FEDERATION', level: 'MUNICIPAL'})
     WITH root
     UNWIND range(1, 3) AS c
     CREATE (county:Entity:Organization {id: 'test-la-c' + c, name: '测试县' + c, aliases: [], kind: 'FEDERATION', level: 'COUNTY'})-[:PART_OF]->(root)
     WITH county, c
     UNWIND range(1, 2) AS t
     CREATE (town:Entity:Organization {id: 'test-la-c' + c + 't' + t, name: '测试镇' + c + t, aliases: [], kind: 'FEDERATION', level: 'TOWNSHIP'})-[:PART_OF]->(county)
     WITH town, c, t
     UNWIND range(1, 2) AS v
     CREATE (village:Entity:Organization {id: 'test-la-c' + c + 't' + t + 'v' + v, name: '测试村' + c + t + v, aliases: [], kind: 'FEDERATION', level: 'VILLAGE'})-[:PART_OF]->(town)
     CREATE (:Entity:Organization {id: 'test-la-c' + c + 't' + t + 'v' + v + 's', name: '测试工作室' + c + t + v, aliases: [], kind: 'STUDIO'})-[:PART_OF]->(village)`,
  );
  // The first county's executive committee: three people, each with an honor.
  await app.graph.write(
    `MATCH (county:Organization {id: 'test-la-c1'})
     CREATE (h:Entity:Honor {id: 'test-la-honor', name: '测试三八红旗手', aliases: [], level: 'COUNTY'})
     WITH county, h
     UNWIND [['test-la-p1', '测试乙', '执委'], ['test-la-p2', '测试甲', '主席'], ['test-la-p3', '测试丙', '执委']] AS p
     CREATE (person:Entity:Person {id: p[0], name: p[1], aliases: []})-[:MEMBER_OF {role: p[2], sourceIds: [], locators: []}]->(county)
     CREATE (person)-[:RECEIVED {year: 2024, sourceIds: [], locators: []}]->(h)`,
  );
});
afterAll(async () => {
  await app.graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-la-' DETACH DELETE n");
  await app.close();
});

describe('a frontend drawing an org chart four levels deep', () => {
  it('gets the whole tree, each level by name, in two Cypher round trips', async () => {
    const response = await app.request(OrgChartFourLevelsDocument, { id: 'test-la-root' });
    expect(response.errors).toBeUndefined();
    const counties = response.data!.organization!.children;
    expect(counties.map((c) => c.name)).toEqual(['测试县1', '测试县2', '测试县3']);
    expect(counties[1].children.map((t) => t.id)).toEqual(['test-la-c2t1', 'test-la-c2t2']);
    expect(counties[1].children[0].children.map((v) => v.name)).toEqual(['测试村211', '测试村212']);
    expect(counties[2].children[1].children[1].children).toEqual([{ id: 'test-la-c3t2v2s', name: '测试工作室322', kind: 'STUDIO' }]);
    const leaves = counties.flatMap((c) => c.children.flatMap((t) => t.children.flatMap((v) => v.children)));
    expect(leaves).toHaveLength(12);
    // The organization, then one query for all four levels: not one per level.
    expect(response.extensions!.cypherRoundTrips).toBe(2);
  });

  it('gets the same answer as asking level by level', async () => {
    const chart = await app.request(OrgChartFourLevelsDocument, { id: 'test-la-root' });
    const byLevel = async (id: string, levels: number): Promise<unknown[]> => {
      const answer = await app.raw('query($id: ID!) { organization(id: $id) { children { id name kind } } }', { id });
      const children = answer.data.organization.children;
      if (levels === 1) return children;
      return Promise.all(children.map(async (child: any) => ({ ...child, children: await byLevel(child.id, levels - 1) })));
    };
    expect(chart.data!.organization!.children).toEqual(await byLevel('test-la-root', 4));
  });
});

describe('a frontend showing an organization page', () => {
  it('gets the organization, its members by name and their honors in two Cypher round trips', async () => {
    const response = await app.raw(
      `query($id: ID!) { organization(id: $id) { name members { role member { id name awards { year honor { id name } } } } } }`,
      { id: 'test-la-c1' },
    );
    expect(response.errors).toBeUndefined();
    const members = response.data.organization.members;
    expect(members.map((m: any) => [m.member.name, m.role])).toEqual([
      ['测试丙', '执委'],
      ['测试乙', '执委'],
      ['测试甲', '主席'],
    ]);
    expect(members[2].member.awards).toEqual([{ year: 2024, honor: { id: 'test-la-honor', name: '测试三八红旗手' } }]);
    // The organization with its members, then every member's awards: not one query per member.
    expect(response.extensions!.cypherRoundTrips).toBe(2);
  });

  it('still finds an organization without members, and nothing for an id of another type', async () => {
    const empty = await app.raw('query($id: ID!) { organization(id: $id) { id members { role } } }', { id: 'test-la-c2' });
    expect(empty.data.organization).toEqual({ id: 'test-la-c2', members: [] });
    const person = await app.raw('query($id: ID!) { organization(id: $id) { id members { role } } }', { id: 'test-la-p1' });
    expect(person.data.organization).toBeNull();
  });
});
