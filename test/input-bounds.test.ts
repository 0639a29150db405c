import { DEFAULT_LIMITS, loadLimits } from '../src/config';
import { TestApp, bearer, startTestApp } from './support/app';
import { databaseState, removeEditingFixtures } from './support/editing';

/**
 * The attacks of issue 12 that took the server down through its arguments: filters nested or wide
 * enough to overflow or stall Neo4j's Cypher parser and planner, huge `in` and `via` lists, and
 * text the driver cannot store as given. Each is refused before any Cypher runs, with
 * BAD_USER_INPUT naming the argument and the limit, and the server keeps answering.
 */
jest.setTimeout(120_000);

let app: TestApp;
const editor = bearer('editor', 'test-ed-bounds-editor');

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
});
afterAll(async () => {
  await removeEditingFixtures(app);
  await app.close();
});

/** POSTs a body (object or ready JSON text); the timeout only bounds a hang, as on the base commit. */
async function send(target: TestApp, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`http://127.0.0.1:${target.server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** Refused with BAD_USER_INPUT on `field`, the message naming the setting, and no Cypher run. */
function expectRefused(response: { status: number; body: any }, field: string | RegExp, message: RegExp) {
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  const [error] = response.body.errors;
  expect(error.extensions.code).toBe('BAD_USER_INPUT');
  if (typeof field === 'string') expect(error.extensions.field).toBe(field);
  else expect(error.extensions.field).toMatch(field);
  expect(error.message.startsWith(`${error.extensions.field}: `)).toBe(true);
  expect(error.message).toMatch(message);
  expect(response.body.extensions.cypherRoundTrips).toBe(0);
}

const nest = (key: string, depth: number, inner: unknown, list = false): any => {
  let value = inner;
  for (let i = 0; i < depth; i += 1) value = { [key]: list ? [value] : value };
  return value;
};

const ORGANIZATIONS = 'query Orgs($where: OrganizationWhere) { organizations(where: $where, first: 100) { totalCount edges { node { id } } } }';
const orgs = (where: unknown, target = app) => send(target, { query: ORGANIZATIONS, variables: { where } });
/** awardsSome → honor → conferredBy, around again: one relationship condition per key. */
const relationships = (depth: number) =>
  ['awardsSome', 'honor', 'conferredBy', 'awardsSome', 'honor', 'conferredBy', 'awardsSome', 'honor', 'conferredBy']
    .slice(0, depth)
    .reduceRight((inner: unknown, key) => ({ [key]: inner }), {});
const RELATIONSHIP_TYPES = ['AUTHORED', 'CONFERRED_BY', 'DESCRIBES', 'MEMBER_OF', 'MENTIONS', 'ORGANIZED', 'PARTNERED', 'PART_OF', 'RECEIVED', 'VARIANT_OF'];
const PATH = 'query Path($via: [RelationshipType!]) { shortestPath(fromId: "person-he-tingting", toId: "org-acwf", via: $via) { length } }';

/** The attacks of the adversarial run, each as one request body. */
const attacks: Record<string, { body: () => unknown; field: string | RegExp; message: RegExp }> = {
  'NOT nested 140 deep, as a literal (1.2 KB)': {
    body: () => ({ query: `{ organizations(where: ${'{ NOT: '.repeat(140)}{ name: { eq: "x" } }${' }'.repeat(140)}) { totalCount } }` }),
    field: 'where.NOT.NOT.NOT.NOT.NOT.NOT.NOT',
    message: /AND, OR and NOT may be nested at most 6 deep \(QUERY_MAX_FILTER_DEPTH\)/,
  },
  'AND nested 1000 deep, as variables': {
    body: () => ({ query: ORGANIZATIONS, variables: { where: nest('AND', 1000, { name: { eq: 'x' } }, true) } }),
    field: 'where.AND[0].AND[0].AND[0].AND[0].AND[0].AND[0].AND',
    message: /QUERY_MAX_FILTER_DEPTH/,
  },
  'NOT nested 100,000 deep in an 800 KB JSON body': {
    body: () => `{"query":${JSON.stringify(ORGANIZATIONS)},"variables":{"where":${'{"NOT":'.repeat(100_000)}{}${'}'.repeat(100_000)}}}`,
    field: /^where(\.NOT){7}$/,
    message: /QUERY_MAX_FILTER_DEPTH/,
  },
  'relationship conditions nested 9 deep': {
    body: () => ({ query: ORGANIZATIONS, variables: { where: relationships(9) } }),
    field: 'where.awardsSome.honor.conferredBy.awardsSome',
    message: /relationship conditions may be nested at most 3 deep \(QUERY_MAX_RELATIONSHIP_FILTER_DEPTH\)/,
  },
  'OR 10,000 wide': {
    body: () => ({ query: ORGANIZATIONS, variables: { where: { OR: Array.from({ length: 10_000 }, (_, i) => ({ name: { eq: `x${i}` } })) } } }),
    field: 'where.OR',
    message: /^where\.OR: at most 50 conditions in one list \(QUERY_MAX_FILTER_WIDTH\), got 10000$/,
  },
  'name.in with 1,100 values': {
    body: () => ({ query: ORGANIZATIONS, variables: { where: { name: { in: Array.from({ length: 1100 }, (_, i) => `名称${i}`) } } } }),
    field: 'where.name.in',
    message: /^where\.name\.in: at most 500 values \(QUERY_MAX_IN_VALUES\), got 1100$/,
  },
  'shortestPath via 10,000 entries': {
    body: () => ({ query: PATH, variables: { via: Array.from({ length: 10_000 }, (_, i) => RELATIONSHIP_TYPES[i % 10]) } }),
    field: 'via',
    message: /^via: at most 50 items \(QUERY_MAX_INPUT_LIST\), got 10000$/,
  },
  'eleven relationship conditions in one filter': {
    body: () => ({ query: ORGANIZATIONS, variables: { where: { OR: Array.from({ length: 11 }, (_, i) => ({ awardsSome: { year: { eq: 2000 + i } } })) } } }),
    field: 'where',
    message: /^where: at most 10 relationship conditions in one filter \(QUERY_MAX_RELATIONSHIP_CONDITIONS\), got 11$/,
  },
  'a filter of 101 conditions': {
    // 1 (AND) + 2 (each element's OR) + 98 conditions in the two lists.
    body: () => ({ query: ORGANIZATIONS, variables: { where: { AND: [49, 49].map((n) => ({ OR: Array.from({ length: n }, (_, i) => ({ id: { eq: `x${i}` } })) })) } } }),
    field: 'where',
    message: /^where: at most 100 conditions in one filter \(QUERY_MAX_FILTER_CONDITIONS\), got 101$/,
  },
};

describe('a stranger sends the filters that took the server down', () => {
  it.each(Object.keys(attacks))('%s: BAD_USER_INPUT naming the limit, before any Cypher', async (name) => {
    const { body, field, message } = attacks[name];
    expectRefused(await send(app, body()), field, message);
  });

  it('after 60 such requests at once the pool is intact: a normal query answers and /readyz is 200', async () => {
    const names = Object.keys(attacks);
    const bodies = Array.from({ length: 60 }, (_, i) => attacks[names[i % names.length]].body());
    const answers = await Promise.all(bodies.map((body) => send(app, body)));
    for (const answer of answers) expect(answer.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const normal = await send(app, { query: '{ organization(id: "org-huainan-wf") { name } }' });
    expect(normal.body).toMatchObject({ data: { organization: { name: '淮南市妇女联合会' } } });
    const ready = await fetch(`http://127.0.0.1:${app.server.port}/readyz`, { signal: AbortSignal.timeout(20_000) });
    expect(ready.status).toBe(200);
  });

  it('points at the argument in the document, so a query with several filters says which one', async () => {
    const response = await send(app, {
      query: `{ a: organizations(where: { name: { eq: "x" } }) { totalCount } b: people(where: ${'{ NOT: '.repeat(7)}{}${' }'.repeat(7)}) { totalCount } }`,
    });
    expectRefused(response, /^where(\.NOT){7}$/, /QUERY_MAX_FILTER_DEPTH/);
    expect(response.body.errors[0].locations).toEqual([{ line: 1, column: expect.any(Number) }]);
    expect(response.body.errors[0].locations[0].column).toBeGreaterThan(60);
  });
});

describe('filters at the limits are answered by Neo4j', () => {
  it('NOT and AND nested 6 deep, and relationship conditions 3 deep', async () => {
    const notSix = await orgs(nest('NOT', 6, { id: { eq: 'org-huainan-wf' } }));
    expect(notSix.body.errors).toBeUndefined();
    expect(notSix.body.data.organizations.edges).toEqual([{ node: { id: 'org-huainan-wf' } }]);
    const andSix = await orgs(nest('AND', 6, { id: { eq: 'org-huainan-wf' } }, true));
    expect(andSix.body.data.organizations.edges).toEqual([{ node: { id: 'org-huainan-wf' } }]);
    // Organizations with an award of an honor conferred by an organization with some award.
    const three = await orgs(relationships(3));
    expect(three.body.errors).toBeUndefined();
    expect(three.body.data.organizations.totalCount).toBeGreaterThan(0);
    expectRefused(await orgs(relationships(4)), 'where.awardsSome.honor.conferredBy.awardsSome', /at most 3 deep/);
  });

  it('an OR of exactly 50, an `in` of exactly 500 values and 100 conditions in all', async () => {
    const or = await orgs({ OR: Array.from({ length: 50 }, (_, i) => ({ id: { eq: i === 49 ? 'org-acwf' : `x${i}` } })) });
    expect(or.body.data.organizations.edges).toEqual([{ node: { id: 'org-acwf' } }]);
    expectRefused(await orgs({ OR: Array.from({ length: 51 }, () => ({})) }), 'where.OR', /got 51$/);
    // 499 names no one has and one alias: Neo4j's index search takes them all.
    const names = [...Array.from({ length: 499 }, (_, i) => `不存在的组织${i}`), '市妇联'];
    const inList = await orgs({ name: { in: names } });
    expect(inList.body.errors).toBeUndefined();
    expect(inList.body.data.organizations.edges).toEqual([{ node: { id: 'org-huainan-wf' } }]);
    expectRefused(await orgs({ name: { in: [...names, '一个太多'] } }), 'where.name.in', /got 501$/);
    const hundred = await orgs({ AND: [49, 48].map((n) => ({ OR: Array.from({ length: n }, (_, i) => ({ id: { eq: i === 0 ? 'org-acwf' : `x${i}` } })) })) });
    expect(hundred.body.errors).toBeUndefined();
    expect(hundred.body.data.organizations.edges).toEqual([{ node: { id: 'org-acwf' } }]);
  });

  it('ten relationship conditions in one filter', async () => {
    const ten = await orgs({ OR: Array.from({ length: 10 }, (_, i) => ({ awardsSome: { year: { eq: 2015 + i } } })) });
    expect(ten.body.errors).toBeUndefined();
    expect(ten.body.data.organizations.totalCount).toBeGreaterThan(0);
  });

  it('a via of 50 entries', async () => {
    const fifty = await send(app, { query: PATH, variables: { via: Array.from({ length: 50 }, (_, i) => RELATIONSHIP_TYPES[i % 10]) } });
    expect(fifty.body.errors).toBeUndefined();
    expect(fifty.body.data.shortestPath.length).toBeGreaterThan(0);
    expectRefused(await send(app, { query: PATH, variables: { via: Array.from({ length: 51 }, () => 'PART_OF') } }), 'via', /got 51$/);
  });

  it('reads every bound from the environment', async () => {
    const limits = loadLimits({
      QUERY_MAX_FILTER_DEPTH: '1', QUERY_MAX_RELATIONSHIP_FILTER_DEPTH: '0', QUERY_MAX_FILTER_WIDTH: '2',
      QUERY_MAX_IN_VALUES: '2', QUERY_MAX_FILTER_CONDITIONS: '4', QUERY_MAX_INPUT_LIST: '1',
    });
    const strict = await startTestApp({ limits: { ...limits, maxCost: 1_000_000, requestTimeoutMs: 60_000, transactionTimeoutMs: 45_000 } });
    try {
      expect((await orgs({ NOT: { id: { eq: 'x' } } }, strict)).body.errors).toBeUndefined();
      expectRefused(await orgs({ NOT: { NOT: {} } }, strict), 'where.NOT.NOT', /at most 1 deep \(QUERY_MAX_FILTER_DEPTH\)/);
      expectRefused(await orgs({ awardsSome: {} }, strict), 'where.awardsSome', /at most 0 deep/);
      expectRefused(await orgs({ OR: [{}, {}, {}] }, strict), 'where.OR', /at most 2 conditions in one list/);
      expectRefused(await orgs({ id: { in: ['a', 'b', 'c'] } }, strict), 'where.id.in', /at most 2 values/);
      // 1 (OR) + 2 + 2: every field of every filter object counts.
      const five = { OR: [{ id: { eq: 'a' }, name: { eq: 'a' } }, { id: { eq: 'b' }, name: { eq: 'b' } }] };
      expectRefused(await orgs(five, strict), 'where', /at most 4 conditions in one filter \(QUERY_MAX_FILTER_CONDITIONS\), got 5$/);
      expectRefused(await send(strict, { query: PATH, variables: { via: ['PART_OF', 'RECEIVED'] } }), 'via', /at most 1 items/);
    } finally {
      await strict.close();
    }
    expect(loadLimits({ QUERY_MAX_RELATIONSHIP_CONDITIONS: '3' }).maxRelationshipConditions).toBe(3);
    expect(DEFAULT_LIMITS).toMatchObject({
      maxFilterDepth: 6, maxRelationshipFilterDepth: 3, maxFilterWidth: 50, maxInValues: 500, maxFilterConditions: 100,
      maxRelationshipConditions: 10, maxInputList: 50,
    });
  });
});

describe('text the graph cannot store as given', () => {
  it('a lone surrogate in sourceIds is refused before the existence check, and nothing is written', async () => {
    const before = await databaseState(app);
    const response = await send(
      app,
      {
        query: 'mutation($sourceIds: [ID!]) { awardHonor(recipientId: "person-he-tingting", honorId: "honor-sanba-pacesetter", year: 2026, sourceIds: $sourceIds) { year } }',
        variables: { sourceIds: ['src-huainan-wf-2024-report\uD800'] },
      },
      editor,
    );
    expectRefused(response, 'sourceIds[0]', /well-formed Unicode \(it holds a lone surrogate\)/);
    expect(await databaseState(app)).toEqual(before);
  });

  it('NUL and a bidi override in literals are refused too', async () => {
    expectRefused(await send(app, { query: '{ search(text: "妇联\\u0000") { matchedOn } }' }), 'text', /control characters \(found U\+0000 at 2\)/);
    expectRefused(await send(app, { query: '{ organizations(where: { name: { eq: "\u202E联妇" } }) { totalCount } }' }), 'where.name.eq', /bidirectional control characters \(found U\+202E at 0\)/);
  });
});

describe('dates the calendar does not have', () => {
  const ADD = 'mutation($since: Date) { addMembership(memberId: "person-he-tingting", organizationId: "org-huainan-wf", role: "测试编辑日期", since: $since) { since } }';

  it('30 February and 29 February of a common year are refused and write nothing; 29 February 2024 is stored', async () => {
    const before = await databaseState(app);
    for (const [since, days] of [['2024-02-30', 29], ['2023-02-29', 28], ['2024-04-31', 30]] as const) {
      const response = await send(app, { query: ADD, variables: { since } }, editor);
      // since is a Date: the scalar refuses it while the variables are coerced, naming the variable.
      expect(response.body.errors[0]).toMatchObject({
        message: expect.stringMatching(new RegExp(`^Variable "\\$since" got invalid value .*is not a calendar date: ${since.slice(0, 7)} has ${days} days, got ${since}`)),
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    expect(await databaseState(app)).toEqual(before);
    const leap = await send(app, { query: ADD, variables: { since: '2024-02-29' } }, editor);
    expect(leap.body.errors).toBeUndefined();
    expect(leap.body.data.addMembership.since).toBe('2024-02-29');
  });
});
