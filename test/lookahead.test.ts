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
  // A fourth recipient, from an earlier year and with a source.
  await app.graph.write(
    `MATCH (h:Honor {id: 'test-la-honor'})
     CREATE (:Entity:Person {id: 'test-la-p4', name: '测试丁', aliases: []})-[:RECEIVED {year: 2023, sourceIds: ['test-la-src'], locators: ['第2段'], inferred: true, note: '测试备注'}]->(h)`,
  );
});
afterAll(async () => {
  await app.graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-la-' DETACH DELETE n");
  await app.close();
});

describe('a frontend drawing an org chart four levels deep', () => {
  it('gets the whole tree, each level by name, in one Cypher round trip', async () => {
    const response = await app.request(OrgChartFourLevelsDocument, { id: 'test-la-root' });
    expect(response.errors).toBeUndefined();
    const counties = response.data!.organization!.children;
    expect(counties.map((c) => c.name)).toEqual(['测试县1', '测试县2', '测试县3']);
    expect(counties[1].children.map((t) => t.id)).toEqual(['test-la-c2t1', 'test-la-c2t2']);
    expect(counties[1].children[0].children.map((v) => v.name)).toEqual(['测试村211', '测试村212']);
    expect(counties[2].children[1].children[1].children).toEqual([{ id: 'test-la-c3t2v2s', name: '测试工作室322', kind: 'STUDIO' }]);
    const leaves = counties.flatMap((c) => c.children.flatMap((t) => t.children.flatMap((v) => v.children)));
    expect(leaves).toHaveLength(12);
    // The organization and all four levels in one query: not one per level.
    expect(response.extensions!.cypherRoundTrips).toBe(1);
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

describe('two charts of the same organization in one request', () => {
  it('gives each the fields it asks for, however narrowly the other one was read', async () => {
    const response = await app.raw(
      `query($id: ID!) {
         narrow: organization(id: $id) { children { id children { id } } }
         wide: organization(id: $id) { children { id name aliases children { id name kind } } }
       }`,
      { id: 'test-la-root' },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.narrow.children.map((c: any) => c.id)).toEqual(['test-la-c1', 'test-la-c2', 'test-la-c3']);
    expect(response.data.wide.children[0]).toMatchObject({ id: 'test-la-c1', name: '测试县1', aliases: [] });
    expect(response.data.wide.children[2].children).toEqual([
      { id: 'test-la-c3t1', name: '测试镇31', kind: 'FEDERATION' },
      { id: 'test-la-c3t2', name: '测试镇32', kind: 'FEDERATION' },
    ]);
  });
});

describe('a frontend showing an organization page', () => {
  it('gets the organization, its members by name and their honors in one Cypher round trip', async () => {
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
    // The organization, its members and every member's awards in one query: not one per member.
    expect(response.extensions!.cypherRoundTrips).toBe(1);
    // The same awards, in the same order, as asking each person for them.
    for (const m of members) {
      const alone = await app.raw('query($id: ID!) { person(id: $id) { awards { year honor { id name } } } }', { id: m.member.id });
      expect(m.member.awards).toEqual(alone.data.person.awards);
    }
  });

  it('reads the awards of members only when the page shows them', async () => {
    const response = await app.raw(`query($id: ID!) { organization(id: $id) { members { member { id } } } }`, { id: 'test-la-c1' });
    expect(response.data.organization.members.map((m: any) => m.member.id).sort()).toEqual(['test-la-p1', 'test-la-p2', 'test-la-p3']);
    expect(response.extensions!.cypherRoundTrips).toBe(1);
  });

  it('reads only the shown properties of members and honors, without leaking partial nodes into other fields', async () => {
    // The page shows members' names only; the same request also asks for one of them in full.
    const response = await app.raw(
      `query($id: ID!) {
         organization(id: $id) { members { member { id name awards { year honor { id name } } } } }
         person(id: "test-la-p2") { id name aliases sources { source { id } } awards { honor { id name level aliases } } }
       }`,
      { id: 'test-la-c1' },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.person).toMatchObject({ id: 'test-la-p2', name: '测试甲', aliases: [] });
    expect(response.data.person.sources).toEqual([]);
    expect(response.data.person.awards).toEqual([{ honor: { id: 'test-la-honor', name: '测试三八红旗手', level: 'COUNTY', aliases: [] } }]);
    const full = await app.raw(
      `query($id: ID!) { organization(id: $id) { members { member { id name ... on Person { sources { locator } memberships { organization { id } } } awards { year honor { id name level } } } } } }`,
      { id: 'test-la-c1' },
    );
    expect(full.errors).toBeUndefined();
    expect(full.data.organization.members.map((m: any) => m.member.memberships)).toEqual([
      [{ organization: { id: 'test-la-c1' } }],
      [{ organization: { id: 'test-la-c1' } }],
      [{ organization: { id: 'test-la-c1' } }],
    ]);
    expect(full.data.organization.members[0].member.awards).toEqual([{ year: 2024, honor: { id: 'test-la-honor', name: '测试三八红旗手', level: 'COUNTY' } }]);
  });

  it('keeps honors read narrowly for one member list out of the same person reached another way', async () => {
    // memberships makes the members whole (cached); the honors are read narrowly (id only).
    // Reaching the same person again through each award's recipient must show the honor's level.
    const response = await app.raw(
      `query($id: ID!) { organization(id: $id) { members { member { id ... on Person { memberships { role } }
         awards { honor { id } recipient { ... on Person { awards { honor { id level } } } } } } } } }`,
      { id: 'test-la-c1' },
    );
    expect(response.errors).toBeUndefined();
    const again = response.data.organization.members.flatMap((m: any) => m.member.awards.flatMap((a: any) => a.recipient.awards));
    expect(again).toHaveLength(3);
    for (const award of again) expect(award.honor).toEqual({ id: 'test-la-honor', level: 'COUNTY' });
  });

  it('still finds an organization without members, and nothing for an id of another type', async () => {
    const empty = await app.raw('query($id: ID!) { organization(id: $id) { id members { role } } }', { id: 'test-la-c2' });
    expect(empty.data.organization).toEqual({ id: 'test-la-c2', members: [] });
    const person = await app.raw('query($id: ID!) { organization(id: $id) { id members { role } } }', { id: 'test-la-p1' });
    expect(person.data.organization).toBeNull();
  });
});

describe('a researcher paging through the recipients of an honor', () => {
  const page = `query($id: ID!, $year: Int, $first: Int, $after: String) {
    honor(id: $id) { id name
      awardsConnection(where: { year: { eq: $year } }, first: $first, after: $after, orderBy: [{ field: NAME }]) {
        edges { year node { id name } } pageInfo { hasNextPage endCursor } } } }`;

  it('gets the honor and each page of its recipients in one Cypher round trip', async () => {
    const first = await app.raw(page, { id: 'test-la-honor', year: 2024, first: 2 });
    expect(first.errors).toBeUndefined();
    expect(first.data.honor.name).toBe('测试三八红旗手');
    // By name (as the database orders the characters), 2024 only.
    expect(first.data.honor.awardsConnection.edges).toEqual([
      { year: 2024, node: { id: 'test-la-p3', name: '测试丙' } },
      { year: 2024, node: { id: 'test-la-p1', name: '测试乙' } },
    ]);
    expect(first.data.honor.awardsConnection.pageInfo.hasNextPage).toBe(true);
    expect(first.extensions!.cypherRoundTrips).toBe(1);
    const second = await app.raw(page, { id: 'test-la-honor', year: 2024, first: 2, after: first.data.honor.awardsConnection.pageInfo.endCursor });
    expect(second.data.honor.awardsConnection.edges).toEqual([{ year: 2024, node: { id: 'test-la-p2', name: '测试甲' } }]);
    expect(second.data.honor.awardsConnection.pageInfo.hasNextPage).toBe(false);
    expect(second.extensions!.cypherRoundTrips).toBe(1);
  });

  it('gets the same page as the honor listing, which reads it separately', async () => {
    const fields = 'edges { cursor year inferred note sources { locator } node { id name ... on Person { aliases } } } pageInfo { hasNextPage endCursor }';
    const one = await app.raw(`{ honor(id: "test-la-honor") { awardsConnection(first: 3) { ${fields} } } }`);
    const listed = await app.raw(`{ honors(where: { id: { eq: "test-la-honor" } }) { edges { node { awardsConnection(first: 3) { ${fields} } } } } }`);
    expect(one.errors).toBeUndefined();
    expect(one.extensions!.cypherRoundTrips).toBe(1);
    expect(listed.extensions!.cypherRoundTrips).toBe(2);
    expect(one.data.honor.awardsConnection).toEqual(listed.data.honors.edges[0].node.awardsConnection);
    // Newest first: the 2023 award, with its source and note, comes last.
    const edges = one.data.honor.awardsConnection.edges;
    expect(edges.map((e: any) => e.year)).toEqual([2024, 2024, 2024]);
    const all = await app.raw(`{ honor(id: "test-la-honor") { awardsConnection(first: 5) { ${fields} } } }`);
    expect(all.data.honor.awardsConnection.edges[3]).toMatchObject({
      year: 2023, inferred: true, note: '测试备注', sources: [{ locator: '第2段' }], node: { id: 'test-la-p4' },
    });
  });

  it('answers two differently paged aliases of the connection each with its own page', async () => {
    const response = await app.raw(`{ honor(id: "test-la-honor") {
      a: awardsConnection(first: 1) { edges { node { id } } }
      b: awardsConnection(where: { year: { eq: 2023 } }) { edges { year node { id } } } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data.honor.a.edges).toHaveLength(1);
    expect(response.data.honor.b.edges).toEqual([{ year: 2023, node: { id: 'test-la-p4' } }]);
  });

  it('gets a BAD_USER_INPUT from the connection for a cursor of another list, and nothing for an id of another type', async () => {
    const bad = await app.raw(page, { id: 'test-la-honor', first: 2, after: 'bm90IGEgY3Vyc29y' });
    // The connection is non-null, so its error nulls the honor; the error names the connection.
    expect(bad.data.honor).toBeNull();
    expect(bad.errors).toHaveLength(1);
    expect((bad.errors![0] as any).path).toEqual(['honor', 'awardsConnection']);
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const person = await app.raw(page, { id: 'test-la-p1', first: 2 });
    expect(person.errors).toBeUndefined();
    expect(person.data.honor).toBeNull();
  });
});
