import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { DEFAULT_LIMITS, DEFAULT_LIVE_SETTINGS } from '../src/config';
import { signToken } from '../src/auth/token';
import { startTestApp, TestApp, bearer, TEST_JWT_SECRET } from './support/app';
import { removeEditingFixtures } from './support/editing';

const editor = bearer('editor', 'test-ed-live');
const SOURCE = 'src-huainan-wf-2024-report';
const HONOR = 'honor-sanba-pacesetter';

const EVENT = `position sourceIds revision { id operation actor changes { action entityId relationship fromId toId properties { name after } } }`;
const REVISIONS = `subscription Revisions($after: Int) { revisionCommitted(after: $after) { ${EVENT} } }`;
const ENTITY = `subscription Entity($id: ID!, $after: Int) { entityChanged(id: $id, after: $after) { ${EVENT} } }`;
const ORGANIZATION = `subscription Organization($id: ID!) { organizationChanged(id: $id) { ${EVENT} } }`;
const AWARDS = `subscription Awards($id: ID!) { honorAwarded(id: $id) { ${EVENT} } }`;

interface Event {
  position: number;
  sourceIds: string[];
  revision: { id: string; operation: string; actor: string | null; changes: any[] };
}

/** A graphql-ws client of one app; `closed` resolves with the close code the server sent. */
function connect(app: TestApp, connectionParams: Record<string, unknown> = {}) {
  let closed!: (event: { code: number; reason: string }) => void;
  const closedWith = new Promise<{ code: number; reason: string }>((resolve) => (closed = resolve));
  const client: Client = createClient({
    url: `ws://127.0.0.1:${app.server.port}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    shouldRetry: () => false,
    on: { closed: (event: any) => closed({ code: event.code, reason: String(event.reason) }) },
  });
  return { client, closedWith };
}

/** One subscription's events in order; `next()` waits for the next one. */
function follow(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const iterator = client.iterate<{ [field: string]: Event }>({ query, variables });
  return {
    async next(): Promise<Event> {
      const { value, done } = await iterator.next();
      if (done) throw new Error('the subscription completed');
      if (value.errors?.length) throw Object.assign(new Error(value.errors[0].message), { errors: value.errors });
      return Object.values(value.data!)[0];
    },
    /** The error the subscription ends with (an error result, or the errors of its refusal). */
    async failure(): Promise<any> {
      try {
        const { value } = await iterator.next();
        return value?.errors ?? 'no error';
      } catch (error) {
        return error;
      }
    },
    stop: () => iterator.return?.(),
  };
}

/** Waits until the app holds `count` subscriptions: the fan-out includes them from then on. */
async function subscribed(app: TestApp, count: number): Promise<void> {
  for (let i = 0; i < 500 && app.server.live.subscriptions !== count; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(app.server.live.subscriptions).toBe(count);
}

async function createPerson(app: TestApp, name: string): Promise<string> {
  const response = await app.raw('mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }', { input: { name, allowDuplicate: true } }, editor);
  expect(response.errors).toBeUndefined();
  return response.data.createPerson.id;
}

async function renamePerson(app: TestApp, id: string, name: string): Promise<void> {
  const response = await app.raw('mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id } }', { id, input: { name } }, editor);
  expect(response.errors).toBeUndefined();
}

let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  // Two instances on the one Neo4j, as two app servers behind a load balancer.
  a = await startTestApp();
  b = await startTestApp();
  await removeEditingFixtures(a);
});
afterAll(async () => {
  await removeEditingFixtures(a);
  await a.close();
  await b.close();
});

describe('every instance sees every change', () => {
  it('a person created through one instance reaches a subscriber of the other, with its position and changes', async () => {
    const { client } = connect(a);
    try {
      const events = follow(client, REVISIONS);
      await subscribed(a, 1);
      const id = await createPerson(b, '测试编辑直播甲');
      const event = await events.next();
      expect(event.revision.operation).toBe('createPerson');
      expect(Number.isInteger(event.position)).toBe(true);
      expect(event.revision.changes).toEqual(
        expect.arrayContaining([expect.objectContaining({ action: 'ADDED', entityId: id, properties: expect.arrayContaining([{ name: 'name', after: '"测试编辑直播甲"' }]) })]),
      );
      // An anonymous subscriber does not learn who made the change, as in history.
      expect(event.revision.actor).toBeNull();
      const [stored] = await a.graph.read('MATCH (r:Revision {id: $id}) RETURN r.position AS position', { id: event.revision.id });
      expect(stored.position).toBe(event.position);
      await events.stop();
    } finally {
      await client.dispose();
    }
  });

  it('an editor following one entity on one instance sees each change made through the other, and who made it', async () => {
    const id = await createPerson(a, '测试编辑直播乙');
    const { client } = connect(b, { authorization: editor.authorization });
    try {
      const events = follow(client, ENTITY, { id });
      await subscribed(b, 1);
      await createPerson(a, '测试编辑直播无关'); // another entity: not this subscription's
      await renamePerson(a, id, '测试编辑直播乙改');
      const event = await events.next();
      expect(event.revision.operation).toBe('updatePerson');
      expect(event.revision.actor).toBe('test-ed-live');
      expect(event.revision.changes).toEqual([
        expect.objectContaining({ action: 'CHANGED', entityId: id, properties: expect.arrayContaining([{ name: 'name', after: '"测试编辑直播乙改"' }]) }),
      ]);
      await events.stop();
    } finally {
      await client.dispose();
    }
  });

  it('positions are gap-free in commit order: concurrent writes on both instances get consecutive positions', async () => {
    const [before] = await a.graph.read("MATCH (l:RevisionLog {name: 'revisions'}) RETURN l.position AS position");
    const names = Array.from({ length: 8 }, (_, i) => `测试编辑直播并发${i}`);
    await Promise.all(names.map((name, i) => createPerson(i % 2 ? a : b, name)));
    const rows = await a.graph.read(
      "MATCH (r:Revision) WHERE r.position > $after AND r.actor = 'test-ed-live' RETURN r.position AS position, r.at AS at ORDER BY position",
      { after: before.position },
    );
    expect(rows.map((row) => row.position)).toEqual(names.map((_, i) => before.position + i + 1));
  });
});

describe('resuming with the last position', () => {
  it('a client that missed events reconnects to the other instance with `after` and gets each missed one once, in order, then the live ones', async () => {
    const first = connect(a);
    const id = await createPerson(a, '测试编辑直播丙');
    let last: Event;
    try {
      const events = follow(first.client, ENTITY, { id });
      await subscribed(a, 1);
      await renamePerson(b, id, '测试编辑直播丙一');
      last = await events.next();
    } finally {
      await first.client.dispose();
    }
    // While disconnected: two changes to the entity and one elsewhere.
    await renamePerson(a, id, '测试编辑直播丙二');
    await createPerson(b, '测试编辑直播无关二');
    await renamePerson(b, id, '测试编辑直播丙三');
    const missed = await a.graph.read(
      "MATCH (r:Revision) WHERE r.position > $after AND $id IN r.entityIds RETURN r.id AS id, r.position AS position ORDER BY r.position",
      { after: last.position, id },
    );
    expect(missed).toHaveLength(2);
    const second = connect(b);
    try {
      const events = follow(second.client, ENTITY, { id, after: last.position });
      const caughtUp = [await events.next(), await events.next()];
      expect(caughtUp.map((event) => [event.revision.id, event.position])).toEqual(missed.map((row) => [row.id, row.position]));
      await subscribed(b, 1);
      await renamePerson(a, id, '测试编辑直播丙四');
      const live = await events.next();
      expect(live.position).toBeGreaterThan(caughtUp[1].position);
      expect(live.revision.changes[0].properties).toEqual(expect.arrayContaining([{ name: 'name', after: '"测试编辑直播丙四"' }]));
      await events.stop();
    } finally {
      await second.client.dispose();
    }
  });

  it('a position past the log is BAD_USER_INPUT, one older than the retention POSITION_EXPIRED', async () => {
    const short = await startTestApp({ live: { ...DEFAULT_LIVE_SETTINGS, retentionRevisions: 2 } });
    const { client } = connect(short);
    try {
      const [head] = await a.graph.read("MATCH (l:RevisionLog {name: 'revisions'}) RETURN l.position AS position");
      const ahead = await follow(client, REVISIONS, { after: head.position + 1000 }).failure();
      expect(ahead[0].extensions.code).toBe('BAD_USER_INPUT');
      const old = await follow(client, REVISIONS, { after: head.position - 3 }).failure();
      expect(old[0].extensions).toMatchObject({ code: 'POSITION_EXPIRED', oldestPosition: head.position - 2 });
      expect(old[0].message).toMatch(/LIVE_RETENTION_REVISIONS/);
      const missing = await follow(client, ENTITY, { id: 'no-such-entity' }).failure();
      expect(missing[0].extensions.code).toBe('NOT_FOUND');
    } finally {
      await client.dispose();
      await short.close();
    }
  });
});

describe('an organization and an honor', () => {
  it('changes under an organization (a member in its subtree, an award to the member) and new awards of an honor reach their subscribers', async () => {
    const root = await a.raw('mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', { input: { name: '测试编辑直播总会', kind: 'FEDERATION' } }, editor);
    const rootId = root.data.createOrganization.id;
    const child = await a.raw('mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', { input: { name: '测试编辑直播分会', kind: 'ASSOCIATION', parentId: rootId } }, editor);
    expect(child.errors).toBeUndefined();
    const childId = child.data.createOrganization.id;
    const person = await createPerson(a, '测试编辑直播丁');
    const { client } = connect(a);
    try {
      const under = follow(client, ORGANIZATION, { id: rootId });
      const awards = follow(client, AWARDS, { id: HONOR });
      await subscribed(a, 2);
      await createPerson(b, '测试编辑直播无关三'); // nothing under the organization, no award
      const joined = await b.raw('mutation($m: ID!, $o: ID!) { addMembership(memberId: $m, organizationId: $o) { role } }', { m: person, o: childId }, editor);
      expect(joined.errors).toBeUndefined();
      const membership = await under.next();
      expect(membership.revision.operation).toBe('addMembership');
      expect(membership.revision.changes).toEqual([expect.objectContaining({ action: 'ADDED', relationship: 'MEMBER_OF', fromId: person, toId: childId })]);
      const awarded = await b.raw(
        'mutation($r: ID!, $h: ID!, $s: [ID!]) { awardHonor(recipientId: $r, honorId: $h, year: 2024, sourceIds: $s) { id } }',
        { r: person, h: HONOR, s: [SOURCE] },
        editor,
      );
      expect(awarded.errors).toBeUndefined();
      const award = await awards.next();
      expect(award.revision.operation).toBe('awardHonor');
      expect(award.revision.changes).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'ADDED', relationship: 'RECEIVED', fromId: person, toId: HONOR })]));
      expect(award.sourceIds).toContain(SOURCE);
      // The award to a member of the subtree is a change under the organization too, the same revision.
      expect((await under.next()).revision.id).toBe(award.revision.id);
      await under.stop();
      await awards.stop();
    } finally {
      await client.dispose();
    }
  });
});

describe('limits and auth', () => {
  it('with READS_REQUIRE_AUTH a socket without a token is closed with 4401; with one it subscribes, and is closed with 4401 when the token expires', async () => {
    const guarded = await startTestApp({ auth: { jwtSecret: TEST_JWT_SECRET, readsRequireAuth: true } });
    try {
      const anonymous = connect(guarded);
      const refused = await follow(anonymous.client, REVISIONS).failure();
      expect(refused.code).toBe(4401);
      expect((await anonymous.closedWith).reason).toMatch(/READS_REQUIRE_AUTH/);
      await anonymous.client.dispose();

      const shortLived = signToken({ sub: 'test-ed-viewer', role: 'viewer' }, TEST_JWT_SECRET, 3);
      const viewer = connect(guarded, { authorization: `Bearer ${shortLived}` });
      const events = follow(viewer.client, REVISIONS);
      await subscribed(guarded, 1);
      await createPerson(guarded, '测试编辑直播戊');
      expect((await events.next()).revision.operation).toBe('createPerson');
      const closed = await viewer.closedWith;
      expect(closed).toEqual({ code: 4401, reason: expect.stringMatching(/token expired/) });
      await subscribed(guarded, 0);
      await viewer.client.dispose();
    } finally {
      await guarded.close();
    }
  });

  it('the query limits apply to subscription documents, only subscriptions are served, and a connection holds at most its cap', async () => {
    const capped = await startTestApp({
      limits: { ...DEFAULT_LIMITS, maxDepth: 3, maxCost: 6 },
      live: { ...DEFAULT_LIVE_SETTINGS, maxSubscriptionsPerConnection: 1 },
    });
    const { client } = connect(capped);
    const codeOf = async (query: string, variables?: Record<string, unknown>) => {
      const errors = await follow(client, query, variables).failure();
      return [errors[0]?.extensions?.code, errors[0]?.message];
    };
    try {
      const SMALL = 'subscription { revisionCommitted { position } }';
      const aliases = Array.from({ length: 16 }, (_, i) => `p${i}: position`).join(' ');
      expect(await codeOf(`subscription { revisionCommitted { ${aliases} } }`)).toEqual(['GRAPHQL_VALIDATION_FAILED', expect.stringMatching(/aliases/i)]);
      expect(await codeOf('subscription { revisionCommitted { revision { changes { properties { name } } } } }')).toEqual(['GRAPHQL_VALIDATION_FAILED', expect.stringMatching(/depth/i)]);
      expect(await codeOf('subscription { revisionCommitted { position sourceIds revision { id at operation role entityIds before after } } }')).toEqual(['GRAPHQL_VALIDATION_FAILED', expect.stringMatching(/cost/i)]);
      expect(await codeOf('{ organization(id: "org-huainan-wf") { name } }')).toEqual(['BAD_REQUEST', expect.stringMatching(/Only subscriptions/)]);
      expect(await codeOf('subscription($id: ID!) { entityChanged(id: $id) { position } }', { id: 'x'.repeat(201) })).toEqual(['BAD_USER_INPUT', expect.stringMatching(/200 characters/)]);

      const held = follow(client, SMALL);
      await subscribed(capped, 1);
      expect(await codeOf(SMALL)).toEqual(['TOO_MANY_REQUESTS', expect.stringMatching(/LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION/)]);
      await held.stop();
      await subscribed(capped, 0);
    } finally {
      await client.dispose();
      await capped.close();
    }
  });

  it('a subscriber that falls more than the buffer behind is dropped (close 4008) and /metrics counts it; stopping the server closes sockets with 1001', async () => {
    // Polls only when told: the three revisions reach the fan-out in one batch.
    const slow = await startTestApp({ live: { ...DEFAULT_LIVE_SETTINGS, pollMs: 600_000, bufferEvents: 1 } });
    let stopped = false;
    try {
      const behind = connect(slow);
      follow(behind.client, REVISIONS);
      await subscribed(slow, 1);
      for (const name of ['测试编辑直播慢一', '测试编辑直播慢二', '测试编辑直播慢三']) await createPerson(b, name);
      await slow.server.live.poll();
      expect(await behind.closedWith).toEqual({ code: 4008, reason: expect.stringMatching(/slow consumer/) });
      await subscribed(slow, 0);
      const metrics = await (await fetch(`http://127.0.0.1:${slow.server.port}/metrics`)).text();
      expect(metrics).toMatch(/^live_slow_subscribers_dropped_total 1$/m);
      expect(metrics).toMatch(/^live_events_dropped_total [1-9]/m);
      await behind.client.dispose();

      const staying = connect(slow);
      const events = follow(staying.client, REVISIONS);
      await subscribed(slow, 1);
      await createPerson(slow, '测试编辑直播慢四'); // this instance's own commit wakes its poller
      expect((await events.next()).revision.operation).toBe('createPerson');
      const after = await (await fetch(`http://127.0.0.1:${slow.server.port}/metrics`)).text();
      expect(after).toMatch(/^live_subscriptions 1$/m);
      expect(after).toMatch(/^live_connections 1$/m);
      expect(after).toMatch(/^live_events_delivered_total [1-9]/m);
      await slow.close();
      stopped = true;
      expect((await staying.closedWith).code).toBe(1001);
      await staying.client.dispose();
    } finally {
      if (!stopped) await slow.close();
    }
  });
});

describe('the global position of older revisions', () => {
  it('revisions recorded before positions existed get one once, when the migrations run, after the head', async () => {
    const { applyMigrations } = await import('../src/db/migrations');
    const id = await createPerson(a, '测试编辑直播旧');
    const [revision] = await a.graph.read('MATCH (r:Revision) WHERE $id IN r.entityIds RETURN r.id AS id', { id });
    // As a revision written before migration 010 holds it: no position.
    await a.graph.write('MATCH (r:Revision {id: $id}) REMOVE r.position', { id: revision.id });
    const [{ head }] = await a.graph.read("MATCH (l:RevisionLog {name: 'revisions'}) RETURN l.position AS head");
    await applyMigrations(a.graph);
    const positionOf = async () =>
      (await a.graph.read("MATCH (r:Revision {id: $id}), (l:RevisionLog {name: 'revisions'}) RETURN r.position AS position, l.position AS head", { id: revision.id }))[0];
    expect(await positionOf()).toEqual({ position: head + 1, head: head + 1 });
    await applyMigrations(a.graph);
    expect(await positionOf()).toEqual({ position: head + 1, head: head + 1 });
    const [{ unnumbered }] = await a.graph.read('MATCH (r:Revision) WHERE r.position IS NULL RETURN count(r) AS unnumbered');
    expect(unnumbered).toBe(0);
  });
});
