import { startTestApp, TestApp } from './support/app';
import { OrganizationsDeepDocument } from './__generated__/graphql';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-rt-' DETACH DELETE n");
  await app.close();
});

/** Adds organizations with children, awards, members and programs, like a bigger published list. */
async function addFixtureOrganizations(count: number) {
  await app.graph.write(
    `UNWIND range(1, $count) AS i
     CREATE (o:Entity:Organization {id: 'test-rt-org-' + i, name: '测试联合会' + i, aliases: [], kind: 'FEDERATION', level: 'COUNTY'})
     CREATE (c:Entity:Organization {id: 'test-rt-child-' + i, name: '测试工作室' + i, aliases: [], kind: 'STUDIO'})
     CREATE (c)-[:PART_OF]->(o)
     CREATE (h:Entity:Honor {id: 'test-rt-honor-' + i, name: '测试荣誉' + i, aliases: []})
     CREATE (o)-[:RECEIVED {year: 2024, sourceIds: [], locators: []}]->(h)
     CREATE (c)-[:RECEIVED {year: 2023, sourceIds: [], locators: []}]->(h)
     CREATE (h)-[:CONFERRED_BY]->(o)
     CREATE (p:Entity:Person {id: 'test-rt-person-' + i, name: '测试人' + i, aliases: []})
     CREATE (p)-[:MEMBER_OF {role: '执委'}]->(o)
     CREATE (g:Entity:Program {id: 'test-rt-program-' + i, name: '测试活动' + i, aliases: [], kind: 'EVENT'})
     CREATE (o)-[:ORGANIZED]->(g)`,
    { count },
  );
}

describe('a nested query costs a bounded number of Cypher round trips', () => {
  it('the same query over 100 organizations costs what it costs over the seed alone', async () => {
    const before = await app.request(OrganizationsDeepDocument, { first: 100 });
    expect(before.errors).toBeUndefined();
    const seedOrganizations = before.data!.organizations.edges.length;
    const seedTrips = before.extensions!.cypherRoundTrips!;

    await addFixtureOrganizations(40);
    const after = await app.request(OrganizationsDeepDocument, { first: 100 });
    expect(after.errors).toBeUndefined();
    expect(after.data!.organizations.edges.length).toBe(Math.min(100, seedOrganizations + 80));
    const withMembers = after.data!.organizations.edges.filter((edge) => edge.node.members.length > 0);
    expect(withMembers.length).toBeGreaterThanOrEqual(20);

    // One query per relationship field and level (plus the page), whatever the number of rows.
    expect(after.extensions!.cypherRoundTrips).toBe(seedTrips);
    expect(seedTrips).toBeLessThanOrEqual(16);
  });
});
