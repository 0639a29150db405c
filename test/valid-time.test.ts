import { startTestApp, TestApp, bearer } from './support/app';
import { databaseState } from './support/editing';

/**
 * Valid time: an organization reorganized from one parent to another as of 2021-03, a member who
 * belonged from 2019 until 2022, and the graph read as it stood before, during and after.
 */
let app: TestApp;
const editor = bearer('editor', 'test-vt-editor');
const admin = bearer('admin', 'test-vt-admin');

const ids = { oldParent: '', newParent: '', child: '', person: '' };

async function cleanUp() {
  await app.graph.write("MATCH (n:Entity) WHERE n.name STARTS WITH '测试时效' DETACH DELETE n");
  await app.graph.write("MATCH (r:Revision) WHERE r.actor STARTS WITH 'test-vt-' DETACH DELETE r");
}

const codeOf = (response: { errors?: { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions?.code;

async function ok(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = editor) {
  const response = await app.raw(query, variables, headers);
  expect(response.errors).toBeUndefined();
  return response.data;
}

async function createOrganization(name: string): Promise<string> {
  const data = await ok('mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', {
    input: { name, kind: 'FEDERATION', allowDuplicate: true },
  });
  return data.createOrganization.id;
}

const SET_PARENT = 'mutation($id: ID!, $parentId: ID, $since: Date) { setOrganizationParent(id: $id, parentId: $parentId, since: $since) { id } }';
const setParent = (parentId: string | null, since: string | null) => app.raw(SET_PARENT, { id: ids.child, parentId, since }, editor);

const chartIds = async (rootId: string, args = '') =>
  (await ok(`{ orgChart(rootId: "${rootId}", depth: 2${args}) { entityId parentId childCount memberCount } }`)).orgChart;

const childNames = async (id: string, args: string) =>
  (await ok(`{ organization(id: "${id}") { children${args} { id } } }`)).organization.children.map((c: { id: string }) => c.id);

const parentAt = async (args: string) => (await ok(`{ organization(id: "${ids.child}") { parent${args} { id } } }`)).organization.parent?.id ?? null;

const memberIds = async (args: string) =>
  (await ok(`{ organization(id: "${ids.child}") { members${args} { since until member { id } } } }`)).organization.members.map(
    (m: { member: { id: string } }) => m.member.id,
  );

beforeAll(async () => {
  app = await startTestApp();
  await cleanUp();
  ids.oldParent = await createOrganization('测试时效旧上级');
  ids.newParent = await createOrganization('测试时效新上级');
  ids.child = await createOrganization('测试时效下级');
  ids.person = (await ok('mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }', { input: { name: '测试时效成员', allowDuplicate: true } }))
    .createPerson.id;
  // Under the old parent from 2015, moved under the new one as of March 2021.
  expect((await setParent(ids.oldParent, '2015')).errors).toBeUndefined();
  expect((await setParent(ids.newParent, '2021-03')).errors).toBeUndefined();
  // A member from 2019 until (through) 2022.
  await ok('mutation($m: ID!, $o: ID!) { addMembership(memberId: $m, organizationId: $o, role: "测试时效委员", since: "2019") { since } }', { m: ids.person, o: ids.child });
  await ok('mutation($m: ID!, $o: ID!) { endMembership(memberId: $m, organizationId: $o, role: "测试时效委员", until: "2022") { until } }', { m: ids.person, o: ids.child });
}, 120_000);

afterAll(async () => {
  await cleanUp();
  await app.close();
});

describe('a reorganization as of 2021-03', () => {
  it('ends the old link with February 2021 and starts the new one in March, both stored as DATE with their precision', async () => {
    const rows = await app.graph.read(
      `MATCH (:Organization {id: $id})-[r:PART_OF]->(p) RETURN p.id AS parent, r.key AS key, valueType(r.since) AS sinceType,
         r.sincePrecision AS sincePrecision, toString(r.since) AS since, toString(r.until) AS until, r.untilPrecision AS untilPrecision ORDER BY since`,
      { id: ids.child },
    );
    expect(rows).toEqual([
      { parent: ids.oldParent, key: 'since:2015', sinceType: 'DATE NOT NULL', sincePrecision: 'YEAR', since: '2015-01-01', until: '2021-02-01', untilPrecision: 'MONTH' },
      { parent: ids.newParent, key: 'since:2021-03', sinceType: 'DATE NOT NULL', sincePrecision: 'MONTH', since: '2021-03-01', until: null, untilPrecision: null },
    ]);
  });

  it('orgChart(asOf:) shows the child under the old parent before March 2021 and under the new one from then; today means now', async () => {
    const before = await chartIds(ids.oldParent, ', asOf: "2021-02-28"');
    expect(before.map((n: any) => n.entityId)).toEqual([ids.oldParent, ids.child]);
    expect(before[0].childCount).toBe(1);
    expect((await chartIds(ids.oldParent, ', asOf: "2021-03"')).map((n: any) => n.entityId)).toEqual([ids.oldParent]);
    expect((await chartIds(ids.oldParent)).map((n: any) => n.entityId)).toEqual([ids.oldParent]);
    expect((await chartIds(ids.newParent)).map((n: any) => n.entityId)).toEqual([ids.newParent, ids.child]);
    expect((await chartIds(ids.newParent, ', asOf: "2021-02"')).map((n: any) => n.entityId)).toEqual([ids.newParent]);
    expect((await chartIds(ids.oldParent, ', allTime: true')).map((n: any) => n.entityId)).toEqual([ids.oldParent, ids.child]);
  });

  it('orgChart counts members held on the day', async () => {
    const [, child2020] = await chartIds(ids.oldParent, ', asOf: "2020"');
    expect(child2020.memberCount).toBe(1);
    const [, childNow] = await chartIds(ids.newParent);
    expect(childNow.memberCount).toBe(0);
  });

  it('children(asOf:) and parent(asOf:) follow the day, with year and month precision meaning their first day', async () => {
    expect(await childNames(ids.oldParent, '(asOf: "2021")')).toEqual([ids.child]); // 2021-01-01
    expect(await childNames(ids.oldParent, '(asOf: "2021-02")')).toEqual([ids.child]);
    expect(await childNames(ids.oldParent, '(asOf: "2021-03-01")')).toEqual([]);
    expect(await childNames(ids.oldParent, '')).toEqual([]);
    expect(await childNames(ids.oldParent, '(allTime: true)')).toEqual([ids.child]);
    expect(await childNames(ids.newParent, '')).toEqual([ids.child]);
    expect(await parentAt('(asOf: "2014-12-31")')).toBeNull();
    expect(await parentAt('(asOf: "2015")')).toBe(ids.oldParent);
    expect(await parentAt('(asOf: "2021-02-28")')).toBe(ids.oldParent);
    expect(await parentAt('(asOf: "2021-03")')).toBe(ids.newParent);
    expect(await parentAt('')).toBe(ids.newParent);
  });

  it('nested children read ahead in one query answer the day they were asked for, never another', async () => {
    const data = await ok(`{ organization(id: "${ids.oldParent}") {
      then: children(asOf: "2020") { id children(asOf: "2020") { id } }
      now: children { id }
    } }`);
    expect(data.organization.then.map((c: any) => c.id)).toEqual([ids.child]);
    expect(data.organization.now).toEqual([]);
  });

  it('ancestors(asOf:) and descendants(asOf:) follow the links of the day', async () => {
    const data = await ok(`{ organization(id: "${ids.child}") { old: ancestors(asOf: "2020") { id } now: ancestors { id } } }`);
    expect(data.organization.old.map((o: any) => o.id)).toEqual([ids.oldParent]);
    expect(data.organization.now.map((o: any) => o.id)).toEqual([ids.newParent]);
    const below = await ok(`{ organization(id: "${ids.oldParent}") { then: descendants(asOf: "2020") { totalCount } now: descendants { totalCount } } }`);
    expect(below.organization.then.totalCount).toBe(1);
    expect(below.organization.now.totalCount).toBe(0);
  });

  it('parentConnection follows the Connection spec: first/after page through every period with allTime, one current edge by default', async () => {
    const query = `query($after: String) { organization(id: "${ids.child}") {
      parentConnection(allTime: true, first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { since until node { id } } } } }`;
    const first = (await ok(query)).organization.parentConnection;
    expect(first.totalCount).toBe(2);
    expect(first.edges).toHaveLength(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await ok(query, { after: first.pageInfo.endCursor })).organization.parentConnection;
    expect(second.pageInfo.hasNextPage).toBe(false);
    const periods = [...first.edges, ...second.edges].map((e: any) => [e.node.id, e.since, e.until]).sort();
    expect(periods).toEqual([[ids.newParent, '2021-03', null], [ids.oldParent, '2015', '2021-02']].sort());
    const now = (await ok(`{ organization(id: "${ids.child}") { parentConnection { totalCount edges { node { id } } } } }`)).organization.parentConnection;
    expect(now.totalCount).toBe(1);
    expect(now.edges[0].node.id).toBe(ids.newParent);
  });

  it('the partOf filter holds on its day', async () => {
    const under = async (partOf: string) =>
      (await ok(`{ organizations(where: { partOf: ${partOf} }) { edges { node { id } } } }`)).organizations.edges.map((e: any) => e.node.id);
    expect(await under(`{ id: "${ids.oldParent}", asOf: "2020" }`)).toEqual([ids.child]);
    expect(await under(`{ id: "${ids.oldParent}" }`)).toEqual([]);
    expect(await under(`{ id: "${ids.oldParent}", allTime: true }`)).toEqual([ids.child]);
    expect(await under(`{ id: "${ids.newParent}", includeDescendants: true }`)).toEqual([ids.child]);
    expect(await under(`{ id: "${ids.newParent}", includeDescendants: true, asOf: "2020" }`)).toEqual([]);
  });
});

describe('a membership from 2019 until 2022', () => {
  it('is answered with the precision it was given', async () => {
    const data = await ok(`{ organization(id: "${ids.child}") { members(allTime: true) { since until member { id } } } }`);
    expect(data.organization.members).toEqual([{ since: '2019', until: '2022', member: { id: ids.person } }]);
  });

  it('members(asOf:) holds from the first day of 2019 through the last day of 2022, and not today', async () => {
    expect(await memberIds('(asOf: "2018-12-31")')).toEqual([]);
    expect(await memberIds('(asOf: "2019")')).toEqual([ids.person]);
    expect(await memberIds('(asOf: "2022-12-31")')).toEqual([ids.person]);
    expect(await memberIds('(asOf: "2023")')).toEqual([]);
    expect(await memberIds('')).toEqual([]);
    expect(await memberIds('(allTime: true)')).toEqual([ids.person]);
  });

  it('membersConnection, memberships and membershipsConnection take the same day', async () => {
    const org = await ok(`{ organization(id: "${ids.child}") { then: membersConnection(asOf: "2020") { totalCount } now: membersConnection { totalCount } } }`);
    expect([org.organization.then.totalCount, org.organization.now.totalCount]).toEqual([1, 0]);
    const person = await ok(`{ person(id: "${ids.person}") {
      then: memberships(asOf: "2020-06") { organization { id } } now: memberships { organization { id } }
      all: membershipsConnection(allTime: true) { totalCount edges { since until } } } }`);
    expect(person.person.then.map((m: any) => m.organization.id)).toEqual([ids.child]);
    expect(person.person.now).toEqual([]);
    expect(person.person.all).toEqual({ totalCount: 1, edges: [{ since: '2019', until: '2022' }] });
  });

  it('the memberOf filter needs the membership and every link of the chain to hold that day', async () => {
    const members = async (memberOf: string) =>
      (await ok(`{ people(where: { memberOf: ${memberOf} }) { edges { node { id } } } }`)).people.edges.map((e: any) => e.node.id);
    expect(await members(`{ id: "${ids.child}", asOf: "2020" }`)).toEqual([ids.person]);
    expect(await members(`{ id: "${ids.child}" }`)).toEqual([]);
    expect(await members(`{ id: "${ids.oldParent}", includeDescendants: true, asOf: "2020" }`)).toEqual([ids.person]);
    expect(await members(`{ id: "${ids.newParent}", includeDescendants: true, asOf: "2020" }`)).toEqual([]);
    expect(await members(`{ id: "${ids.newParent}", includeDescendants: true, asOf: "2021-06" }`)).toEqual([ids.person]);
    expect(await members(`{ id: "${ids.newParent}", includeDescendants: true, allTime: true }`)).toEqual([ids.person]);
  });

  it('the organization page reads its members ahead for the day asked, and another day separately', async () => {
    const data = await ok(`{ organization(id: "${ids.child}") { then: members(asOf: "2020") { member { id } } now: members { member { id } } } }`);
    expect(data.organization.then).toEqual([{ member: { id: ids.person } }]);
    expect(data.organization.now).toEqual([]);
  });
});

describe('refused changes write nothing', () => {
  it('a link overlapping an existing period is refused with CONFLICT', async () => {
    const before = await databaseState(app);
    const response = await setParent(ids.oldParent, '2020');
    expect(codeOf(response)).toBe('CONFLICT');
    expect(await databaseState(app)).toEqual(before);
  });

  it('bad dates are refused with BAD_USER_INPUT', async () => {
    const before = await databaseState(app);
    for (const since of ['2021-13', '2021-02-30', '21', 'soon']) expect(codeOf(await setParent(ids.oldParent, since))).toBe('BAD_USER_INPUT');
    const membership = await app.raw(
      'mutation($m: ID!, $o: ID!, $since: Date) { addMembership(memberId: $m, organizationId: $o, role: "测试时效其他", since: $since) { since } }',
      { m: ids.person, o: ids.newParent, since: '2019-02-29' },
      editor,
    );
    expect(codeOf(membership)).toBe('BAD_USER_INPUT');
    expect(await databaseState(app)).toEqual(before);
    const chart = 'query($root: ID!, $asOf: Date) { orgChart(rootId: $root, asOf: $asOf) { id } }';
    expect(codeOf(await app.raw(chart, { root: ids.oldParent, asOf: '2021-00' }))).toBe('BAD_USER_INPUT');
    // Written into the document itself, a bad date fails validation before anything runs.
    expect(codeOf(await app.raw(`{ orgChart(rootId: "${ids.oldParent}", asOf: "2021-00") { id } }`))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(codeOf(await app.raw(`{ organization(id: "${ids.child}") { members(asOf: "2021", allTime: true) { since } } }`))).toBe('BAD_USER_INPUT');
    expect(codeOf(await app.raw(`{ orgChart(rootId: "${ids.oldParent}", asOf: "2021", allTime: true) { id } }`))).toBe('BAD_USER_INPUT');
    const partOf = 'query($asOf: Date) { organizations(where: { partOf: { id: "x", asOf: $asOf } }) { totalCount } }';
    expect(codeOf(await app.raw(partOf, { asOf: 'x' }))).toBe('BAD_USER_INPUT');
  });
});

describe('history is bitemporal, and undo restores the periods', () => {
  it('history says when the graph learned each change and when the statement held', async () => {
    const data = await ok(`{ history(id: "${ids.child}", first: 20) { edges { node { id operation at recordedAt
      validTime { relationship fromId toId key existedBefore existsAfter sinceBefore untilBefore sinceAfter untilAfter } } } } }`);
    const revisions = data.history.edges.map((e: any) => e.node);
    const move = revisions.filter((r: any) => r.operation === 'setOrganizationParent')[0];
    expect(move.recordedAt).toBe(move.at);
    expect(Number.isNaN(Date.parse(move.recordedAt))).toBe(false);
    expect(move.validTime).toEqual(
      expect.arrayContaining([
        { relationship: 'PART_OF', fromId: ids.child, toId: ids.oldParent, key: 'since:2015', existedBefore: true, existsAfter: true, sinceBefore: '2015', untilBefore: null, sinceAfter: '2015', untilAfter: '2021-02' },
        { relationship: 'PART_OF', fromId: ids.child, toId: ids.newParent, key: 'since:2021-03', existedBefore: false, existsAfter: true, sinceBefore: null, untilBefore: null, sinceAfter: '2021-03', untilAfter: null },
      ]),
    );
    const end = revisions.find((r: any) => r.operation === 'endMembership');
    expect(end.validTime).toEqual([
      { relationship: 'MEMBER_OF', fromId: ids.person, toId: ids.child, key: 'role:测试时效委员', existedBefore: true, existsAfter: true, sinceBefore: '2019', untilBefore: null, sinceAfter: '2019', untilAfter: '2022' },
    ]);
  });

  it('undoing the membership and the move gives back the periods as they were, still DATEs', async () => {
    const data = await ok(`{ history(id: "${ids.child}", first: 20) { edges { node { id operation } } } }`);
    const revisions: { id: string; operation: string }[] = data.history.edges.map((e: any) => e.node);
    const undo = (id: string) => ok('mutation($id: ID!) { undo(revisionId: $id) { id operation validTime { key sinceAfter untilAfter } } }', { id }, admin);
    await undo(revisions.find((r) => r.operation === 'endMembership')!.id);
    expect(await memberIds('')).toEqual([ids.person]); // open since 2019 again
    await undo(revisions.find((r) => r.operation === 'addMembership')!.id);
    expect(await memberIds('(allTime: true)')).toEqual([]);
    const undone = await undo(revisions.filter((r) => r.operation === 'setOrganizationParent')[0].id);
    expect(undone.undo.validTime).toEqual(expect.arrayContaining([{ key: 'since:2015', sinceAfter: '2015', untilAfter: null }]));
    expect(await parentAt('')).toBe(ids.oldParent);
    expect(await childNames(ids.newParent, '(allTime: true)')).toEqual([]);
    const [row] = await app.graph.read('MATCH (:Organization {id: $id})-[r:PART_OF]->() RETURN valueType(r.since) AS type, r.until AS until, count(*) AS links', { id: ids.child });
    expect(row).toEqual({ type: 'DATE NOT NULL', until: null, links: 1 });
  });

  it('a link is ended by a move to no parent from a date; a later link may not overlap it', async () => {
    expect((await setParent(null, '2024')).errors).toBeUndefined();
    expect(await parentAt('(asOf: "2023-12-31")')).toBe(ids.oldParent);
    expect(await parentAt('')).toBeNull();
    const before = await databaseState(app);
    expect(codeOf(await setParent(ids.newParent, '2023-06'))).toBe('CONFLICT');
    expect(await databaseState(app)).toEqual(before);
    expect((await setParent(ids.newParent, '2025')).errors).toBeUndefined();
    expect(await parentAt('(asOf: "2024-06")')).toBeNull();
    expect(await parentAt('')).toBe(ids.newParent);
  });

  it('without since, setOrganizationParent corrects the record: one undated link replaces every period', async () => {
    expect((await setParent(ids.oldParent, null)).errors).toBeUndefined();
    const rows = await app.graph.read('MATCH (:Organization {id: $id})-[r:PART_OF]->(p) RETURN p.id AS parent, r.key AS key, r.since AS since', { id: ids.child });
    expect(rows).toEqual([{ parent: ids.oldParent, key: 'parent', since: null }]);
    expect(await parentAt('(asOf: "1990")')).toBe(ids.oldParent);
  });
});

describe('honoreeCount counts the hierarchy and the members of the day asked', () => {
  const count = async (id: string, args = '') => (await ok(`{ honoreeCount(organizationId: "${id}"${args}) { people organizationsCovered } }`)).honoreeCount;

  it('a member honored once counts under the parent of each day she belonged, and not after she left', async () => {
    const first = await createOrganization('测试时效计数甲');
    const second = await createOrganization('测试时效计数乙');
    const unit = await createOrganization('测试时效计数科');
    const person = (await ok('mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }', { input: { name: '测试时效计数人', allowDuplicate: true } })).createPerson.id;
    await ok(SET_PARENT, { id: unit, parentId: first, since: '2015' });
    await ok(SET_PARENT, { id: unit, parentId: second, since: '2021-03' });
    await ok('mutation($m: ID!, $o: ID!) { addMembership(memberId: $m, organizationId: $o, since: "2019") { since } }', { m: person, o: unit });
    await ok('mutation($m: ID!, $o: ID!) { endMembership(memberId: $m, organizationId: $o, until: "2022") { until } }', { m: person, o: unit });
    await ok('mutation($r: ID!) { awardHonor(recipientId: $r, honorId: "honor-sanba-pacesetter", year: 2020) { id } }', { r: person });
    // 2020: the unit is under the first parent and she is a member.
    expect(await count(first, ', asOf: "2020-06"')).toEqual({ people: 1, organizationsCovered: 2 });
    expect(await count(second, ', asOf: "2020-06"')).toEqual({ people: 0, organizationsCovered: 1 });
    // The last day of 2022: the unit has moved under the second parent; she is still a member (through 2022).
    expect(await count(second, ', asOf: "2022-12-31"')).toEqual({ people: 1, organizationsCovered: 2 });
    expect(await count(first, ', asOf: "2022-12-31"')).toEqual({ people: 0, organizationsCovered: 1 });
    // Today: she left at the end of 2022.
    expect(await count(second)).toEqual({ people: 0, organizationsCovered: 2 });
    // Every period: the first parent's subtree has held the unit and her.
    expect(await count(first, ', allTime: true')).toEqual({ people: 1, organizationsCovered: 2 });
    expect(codeOf(await app.raw(`{ honoreeCount(organizationId: "${first}", asOf: "2020", allTime: true) { people } }`))).toBe('BAD_USER_INPUT');
  });
});
