import { startTestApp, TestApp } from './support/app';
import { addQueryFixtures, removeQueryFixtures } from './support/query-fixtures';
import {
  OrganizationWhere, PersonWhere, ProgramWhere, HonorWhere,
  QOrganizationsDocument, QPeopleDocument, QProgramsDocument, QHonorsDocument, QSourcesDocument,
  QOrganizationAwardsDocument, QHonorRecipientsDocument, QMembersDocument,
} from './__generated__/graphql';

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

const sample = { name: { startsWith: '样例' } };

async function organizations(where: OrganizationWhere): Promise<string[]> {
  const response = await app.request(QOrganizationsDocument, { first: 100, where });
  expect(response.errors).toBeUndefined();
  expect(response.data!.organizations.totalCount).toBe(response.data!.organizations.edges.length);
  return response.data!.organizations.edges.map((edge) => edge.node.id).sort();
}
async function people(where: PersonWhere): Promise<string[]> {
  const response = await app.request(QPeopleDocument, { first: 100, where });
  expect(response.errors).toBeUndefined();
  return response.data!.people.edges.map((edge) => edge.node.id).sort();
}
async function programs(where: ProgramWhere): Promise<string[]> {
  const response = await app.request(QProgramsDocument, { first: 100, where });
  expect(response.errors).toBeUndefined();
  return response.data!.programs.edges.map((edge) => edge.node.id).sort();
}
async function honors(where: HonorWhere): Promise<string[]> {
  const response = await app.request(QHonorsDocument, { first: 100, where });
  expect(response.errors).toBeUndefined();
  return response.data!.honors.edges.map((edge) => edge.node.id).sort();
}

describe('string operators on names and aliases', () => {
  it('eq matches the canonical name', async () => {
    expect(await organizations({ name: { eq: '样例甲会' } })).toEqual(['test-q-a']);
  });
  it('eq matches an alias too, typed in traditional script', async () => {
    expect(await organizations({ name: { eq: '甲會' } })).toEqual(['test-q-a']);
  });
  it('in matches any of several names or aliases', async () => {
    expect(await organizations({ name: { in: ['样例乙会', '样总'] } })).toEqual(['test-q-b', 'test-q-root']);
  });
  it('contains matches part of a name', async () => {
    expect(await organizations({ name: { contains: '甲会' } })).toEqual(['test-q-a', 'test-q-a1']);
  });
  it('startsWith matches a prefix', async () => {
    expect(await organizations({ name: { startsWith: '样例丙' } })).toEqual(['test-q-c']);
  });
  it('endsWith matches a suffix', async () => {
    expect(await organizations({ name: { endsWith: '一站' } })).toEqual(['test-q-a1']);
  });
  it('id eq and id in pick nodes by id', async () => {
    expect(await organizations({ id: { eq: 'test-q-b' } })).toEqual(['test-q-b']);
    expect(await organizations({ id: { in: ['test-q-b', 'test-q-e', 'test-q-missing'] } })).toEqual(['test-q-b', 'test-q-e']);
  });
  it('membership role is compared as written', async () => {
    const response = await app.request(QMembersDocument, { id: 'test-q-a', where: { role: { eq: '执委' } } });
    expect(response.data!.organization!.membersConnection.edges.map((edge) => edge.node.id)).toEqual(['test-q-p2']);
    const none = await app.request(QMembersDocument, { id: 'test-q-a', where: { role: { eq: '主席' } } });
    expect(none.data!.organization!.membersConnection.totalCount).toBe(0);
  });
  it('a source is found by part of its title', async () => {
    const response = await app.request(QSourcesDocument, { where: { name: { contains: '巾帼力量' } } });
    expect(response.data!.sources.edges.map((edge) => edge.node.id)).toEqual(['src-huainan-wf-2024-report']);
  });
});

describe('enum filters', () => {
  it('kind keeps organizations of any listed kind', async () => {
    expect(await organizations({ ...sample, kind: ['STUDIO'] })).toEqual(['test-q-d', 'test-q-e']);
  });
  it('level keeps organizations of any listed level', async () => {
    expect(await organizations({ ...sample, level: ['COUNTY'] })).toEqual(['test-q-a', 'test-q-b']);
  });
  it('honor level and program kind work the same way', async () => {
    expect(await honors({ ...sample, level: ['COUNTY'] })).toEqual(['test-q-honor-star']);
    expect(await programs({ ...sample, kind: ['EVENT'] })).toEqual(['test-q-prog-2', 'test-q-prog-3']);
  });
});

describe('numeric ranges on years', () => {
  it('award year eq', async () => {
    expect(await organizations({ ...sample, awardsSome: { year: { eq: 2021 } } })).toEqual(['test-q-a']);
  });
  it('award year gte (an award of unknown year never matches)', async () => {
    expect(await organizations({ ...sample, awardsSome: { year: { gte: 2023 } } })).toEqual(['test-q-a', 'test-q-a1', 'test-q-b']);
  });
  it('award year lte', async () => {
    expect(await organizations({ ...sample, awardsSome: { year: { lte: 2020 } } })).toEqual(['test-q-c']);
  });
  it('award year in', async () => {
    expect(await organizations({ ...sample, awardsSome: { year: { in: [2019, 2024] } } })).toEqual(['test-q-a1', 'test-q-c']);
  });
  it('program year between two bounds', async () => {
    expect(await programs({ ...sample, year: { gte: 2022, lte: 2023 } })).toEqual(['test-q-prog-1']);
    expect(await programs({ ...sample, year: { eq: 2024 } })).toEqual(['test-q-prog-2', 'test-q-prog-3']);
    expect(await programs({ ...sample, year: { in: [2022, 2024] } })).toEqual(['test-q-prog-1', 'test-q-prog-2', 'test-q-prog-3']);
  });
  it('program year strictly greater or less', async () => {
    expect(await programs({ ...sample, year: { gt: 2022 } })).toEqual(['test-q-prog-2', 'test-q-prog-3']);
    expect(await programs({ ...sample, year: { lt: 2024 } })).toEqual(['test-q-prog-1']);
  });
  it('inferred picks awards implied rather than stated', async () => {
    expect(await organizations({ ...sample, awardsSome: { inferred: true } })).toEqual(['test-q-a1']);
  });
});

describe('AND, OR and NOT', () => {
  it('AND requires every condition', async () => {
    expect(await organizations({ AND: [sample, { kind: ['ASSOCIATION'] }, { level: ['TOWNSHIP'] }] })).toEqual(['test-q-c']);
  });
  it('OR requires one of them', async () => {
    expect(await organizations({ ...sample, OR: [{ kind: ['STUDIO'] }, { level: ['VILLAGE'] }] })).toEqual(['test-q-a1', 'test-q-d', 'test-q-e']);
  });
  it('NOT excludes what matches', async () => {
    expect(await organizations({ ...sample, NOT: { kind: ['FEDERATION'] } })).toEqual(['test-q-a1', 'test-q-b', 'test-q-c', 'test-q-d', 'test-q-e']);
  });
  it('NOT keeps what has no value to compare (a program of unknown year is not "in 2024")', async () => {
    expect(await programs({ ...sample, NOT: { year: { eq: 2024 } } })).toEqual(['test-q-prog-1', 'test-q-prog-4']);
  });
  it('they nest inside relationship filters', async () => {
    const where: OrganizationWhere = { ...sample, awardsSome: { OR: [{ year: { eq: 2019 } }, { honor: { name: { eq: '样例之星' } }, NOT: { inferred: true } }] } };
    expect(await organizations(where)).toEqual(['test-q-a', 'test-q-c']);
  });
});

describe('relationship filters', () => {
  it('organizations among the recipients of an honor', async () => {
    expect(await organizations({ awardsSome: { honor: { id: { eq: 'test-q-honor-red' } } } })).toEqual(['test-q-a', 'test-q-b', 'test-q-c', 'test-q-d']);
    expect(await organizations({ awardsSome: { honor: { id: { eq: 'honor-national-sanba-collective' } } } })).toContain('org-huainan-court-litigation-center');
  });
  it('organizations that received no award of an honor', async () => {
    expect(await organizations({ ...sample, awardsNone: { honor: { id: { eq: 'test-q-honor-red' } } } })).toEqual(['test-q-a1', 'test-q-e', 'test-q-root']);
  });
  it('organizations all of whose awards match (those without awards included)', async () => {
    expect(await organizations({ ...sample, awardsAll: { year: { gte: 2021 } } })).toEqual(['test-q-a', 'test-q-a1', 'test-q-b', 'test-q-e', 'test-q-root']);
  });
  it('people who received an honor', async () => {
    expect(await people({ awardsSome: { honor: { name: { eq: '样例之星' } } } })).toEqual(['test-q-p1']);
  });
  it('people who are members of an organization, or of anything under it', async () => {
    expect(await people({ memberOf: { id: 'test-q-a' } })).toEqual(['test-q-p2']);
    expect(await people({ memberOf: { id: 'test-q-a', includeDescendants: true } })).toEqual(['test-q-p2', 'test-q-p3']);
    expect(await people({ memberOf: { id: 'test-q-root', includeDescendants: true } })).toEqual(['test-q-p1', 'test-q-p2', 'test-q-p3', 'test-q-p4']);
  });
  it('organizations directly under another, or at any depth', async () => {
    expect(await organizations({ partOf: { id: 'test-q-root' } })).toEqual(['test-q-a', 'test-q-b', 'test-q-c', 'test-q-d', 'test-q-e']);
    expect(await organizations({ partOf: { id: 'test-q-root', includeDescendants: true } })).toEqual([
      'test-q-a', 'test-q-a1', 'test-q-b', 'test-q-c', 'test-q-d', 'test-q-e',
    ]);
  });
  it('honors conferred by a given body', async () => {
    expect(await honors({ conferredBy: { id: { eq: 'test-q-root' } } })).toEqual(['test-q-honor-red']);
    expect(await honors({ conferredBy: { name: { startsWith: '样例甲' } } })).toEqual(['test-q-honor-star']);
  });
  it('programs by organizer and by partner', async () => {
    expect(await programs({ organizedBy: { id: { eq: 'test-q-a' } } })).toEqual(['test-q-prog-3']);
    expect(await programs({ partneredBy: { id: { eq: 'test-q-root' } } })).toEqual(['test-q-prog-3']);
  });
  it('a relationship connection filters its edges by the other end and by edge properties', async () => {
    const awards = await app.request(QOrganizationAwardsDocument, { id: 'test-q-a', where: { honor: { name: { eq: '样例之星' } } } });
    expect(awards.data!.organization!.awardsConnection.edges.map((edge) => [edge.node.id, edge.year])).toEqual([['test-q-honor-star', 2023]]);
    const recipients = await app.request(QHonorRecipientsDocument, { id: 'test-q-honor-red', where: { recipient: { name: { startsWith: '样例丙' } } } });
    expect(recipients.data!.honor!.awardsConnection.edges.map((edge) => edge.node.id)).toEqual(['test-q-c']);
    const ranged = await app.request(QHonorRecipientsDocument, { id: 'test-q-honor-red', where: { year: { gte: 2021, lte: 2023 } } });
    expect(ranged.data!.honor!.awardsConnection.edges.map((edge) => edge.node.id).sort()).toEqual(['test-q-a', 'test-q-b']);
    expect(ranged.data!.honor!.awardsConnection.totalCount).toBe(2);
  });
  it('filter values travel as parameters: quotes and Cypher in a name match nothing and break nothing', async () => {
    expect(await organizations({ name: { eq: "x' OR 1=1 //" } })).toEqual([]);
    expect(await organizations({ name: { contains: '"}) MATCH (n) DETACH DELETE n //' } })).toEqual([]);
    expect(await organizations({ id: { eq: 'test-q-root' } })).toEqual(['test-q-root']);
  });
});
