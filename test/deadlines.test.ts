import neo4j from 'neo4j-driver';
import { DEFAULT_LIMITS } from '../src/config';
import { Graph } from '../src/db/graph';
import { listedTransactions } from '../src/db/deadline';
import { ABANDONED_CODE, breakConnection, heldConnection, pooledConnectionsInUse } from '../src/db/driver-internals';
import { FaultyGraph } from './support/faulty-graph';
import { TestApp, bearer, startTestApp } from './support/app';

/**
 * Issue 12, items 1 and 2: a request's deadline bounds its Neo4j work and its pooled connection,
 * and no client can take the pool. Everything runs against the real server and the test Neo4j.
 */
jest.setTimeout(180_000);

/**
 * Neo4j 5.26 overflows its stack stringifying this expression for the error message, logs "Unable
 * to send error back to the client", and never answers on that connection (checked by hand: 1,000
 * NOTs may parse once the JIT has warmed up; 20,000 hang every time).
 */
const NEVER_ANSWERED = `RETURN ${'NOT '.repeat(20_000)}true AS x`;
/** Runs row by row, so Neo4j notices termination within milliseconds. */
const SLOW_ROWS = 'UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n';
/**
 * One expression over 4·10^8 list items (several seconds to a minute here): Neo4j checks for
 * termination nowhere inside it.
 */
const SLOW_EXPRESSION = 'RETURN reduce(s = 0, x IN range(1, 400000000) | s + x) AS s';

const DEADLINE_MS = 1_500;
const GRACE_MS = 300;
/** Scheduling slack on a loaded two-core machine; far less than any hang. */
const SLACK_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Bounds a call that could hang (on the base commit it does), so the test fails rather than waits. */
async function answerWithin<T>(promise: Promise<T>, ms: number): Promise<T | { hung: string }> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<{ hung: string }>((resolve) => (timer = setTimeout(() => resolve({ hung: `no answer within ${ms} ms` }), ms)));
  try {
    return await Promise.race([promise, hung]);
  } finally {
    clearTimeout(timer);
  }
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    // A busy Neo4j may refuse a probe for a while (a connection not accepted in time): try again.
    const value = await probe().catch((error) => (Date.now() > until ? Promise.reject(error) : undefined));
    if ((value !== undefined && done(value)) || Date.now() > until) return value as T;
    await sleep(200);
  }
}

let app: TestApp;

/** What SHOW TRANSACTIONS lists for requests whose id starts so. */
async function transactionsOf(prefix: string): Promise<unknown[]> {
  const result = await app.driver.executeQuery(
    'SHOW TRANSACTIONS YIELD transactionId, status, metaData WHERE metaData.requestId STARTS WITH $prefix RETURN transactionId, status',
    { prefix },
    { database: app.graph.database },
  );
  return result.records.map((record) => record.toObject());
}

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

/** What the watchdog reported: one event per abandoned statement. */
const abandoned: { requestId: string | null; terminated: number; error?: unknown }[] = [];
const bounded = (requestId: string) =>
  app.graph.withOptions({ deadline: Date.now() + DEADLINE_MS, deadlineGraceMs: GRACE_MS, requestId, onAbandon: (event) => abandoned.push(event) });
const abandonedOf = (requestId: string) => abandoned.filter((event) => event.requestId === requestId);

const outcome = async (work: Promise<unknown>) => {
  const started = Date.now();
  const answer: any = await answerWithin(
    work.then(() => 'answered', (error) => error?.extensions?.code ?? error?.code ?? String(error)),
    30_000,
  );
  return { answer, ms: Date.now() - started };
};

describe('a statement that outlives its deadline', () => {
  it('60 statements Neo4j never answers each get TIMEOUT by the deadline, and the pool is whole afterwards', async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => outcome(bounded(`test-deadline-hang-${i}`).read(NEVER_ANSWERED))),
    );
    const slowest = Math.max(...results.map((result) => result.ms));
    process.stderr.write(`[deadlines] 60 never-answered statements: all answered within ${slowest} ms (deadline ${DEADLINE_MS} + grace ${GRACE_MS})\n`);
    expect(results.map((result) => result.answer)).toEqual(Array(60).fill('TIMEOUT'));
    expect(slowest).toBeLessThan(DEADLINE_MS + GRACE_MS + SLACK_MS);

    // Neo4j itself may chew on the 60 overflowing parses for some seconds (parsing never checks for
    // termination); the pool is whole once the last broken connection and termination round is done.
    const settled = Date.now();
    const inUse = await eventually(async () => pooledConnectionsInUse(app.driver), (count) => count === 0, 30_000);
    expect(inUse).toBe(0);
    const lingering = await eventually(() => transactionsOf('test-deadline-hang-'), (rows) => rows.length === 0, 30_000);
    expect(lingering).toEqual([]);
    const hangReports = async () => abandoned.filter((event) => event.requestId?.startsWith('test-deadline-hang-'));
    // A statement whose attempt could not start before the deadline (waiting for one of the 50
    // pooled connections on a slow machine), or that Neo4j's own timeout ended, answers TIMEOUT
    // without being abandoned: most, not always all, are reported, and none with an error.
    const reported = await eventually(hangReports, (events) => events.length >= 60, 30_000);
    expect(reported.length).toBeGreaterThanOrEqual(10);
    expect(reported.length).toBeLessThanOrEqual(60);
    expect(reported.filter((event) => event.error)).toEqual([]);
    process.stderr.write(`[deadlines] ${reported.length} of the 60 abandoned by the watchdog, the rest ended before it had to\n`);
    process.stderr.write(`[deadlines] pool back to 0 in use and no transaction of theirs listed ${Date.now() - settled} ms after the last answer\n`);
    const normal = await app.raw('{ organization(id: "org-acwf") { name } }');
    expect(normal.errors).toBeUndefined();
    expect(normal.data.organization.name).toBeTruthy();
    const ready = await fetch(`http://127.0.0.1:${app.server.port}/readyz`, { signal: AbortSignal.timeout(10_000) });
    expect(ready.status).toBe(200);
  });

  it('a slow statement answers TIMEOUT near the deadline and Neo4j lists none of its transactions shortly after', async () => {
    const requestId = `test-deadline-rows-${Date.now()}`;
    const { answer, ms } = await outcome(bounded(requestId).read(SLOW_ROWS));
    expect(answer).toBe('TIMEOUT');
    expect(ms).toBeLessThan(DEADLINE_MS + GRACE_MS + SLACK_MS);
    const left = await eventually(() => listedTransactions(app.driver, app.graph.database, requestId), (rows) => rows.length === 0, 2_000);
    expect(left).toEqual([]);
  });

  it('a statement that never checks for termination still answers TIMEOUT at the deadline, and Neo4j has it marked terminated', async () => {
    const requestId = `test-deadline-expression-${Date.now()}`;
    const { answer, ms } = await outcome(bounded(requestId).read(SLOW_EXPRESSION));
    process.stderr.write(`[deadlines] expression without termination checks: ${answer} after ${ms} ms\n`);
    expect(answer).toBe('TIMEOUT');
    expect(ms).toBeLessThan(DEADLINE_MS + GRACE_MS + SLACK_MS);
    // Neo4j cannot stop it mid-expression: it stays listed, terminated, until the expression ends.
    const listed = await listedTransactions(app.driver, app.graph.database, requestId);
    for (const transaction of listed) expect(transaction.status).toMatch(/^Terminated/);
    // The watchdog found its transaction by the statement's tag and had Neo4j terminate it.
    const [event] = await eventually(async () => abandonedOf(requestId), (events) => events.length > 0, 10_000);
    expect(event).toMatchObject({ requestId, terminated: 1 });
    expect(await eventually(async () => pooledConnectionsInUse(app.driver), (count) => count === 0, 5_000)).toBe(0);
    // Not asserted (it is Neo4j's to finish), only waited for so later tests get the CPU back.
    const answered = Date.now();
    await eventually(() => listedTransactions(app.driver, app.graph.database, requestId), (rows) => rows.length === 0, 120_000);
    process.stderr.write(`[deadlines] ...and Neo4j listed it, terminated, for ${Date.now() - answered} ms more\n`);
  });

  it('a write transaction past its deadline is abandoned the same way, and rolled back', async () => {
    const requestId = `test-deadline-write-${Date.now()}`;
    const { answer } = await outcome(
      bounded(requestId).writeTransaction(async (tx) => {
        await tx.run('CREATE (:TestDeadlineWrite {id: $id})', { id: requestId });
        await tx.run(NEVER_ANSWERED);
      }),
    );
    expect(answer).toBe('TIMEOUT');
    expect(await app.graph.read('MATCH (n:TestDeadlineWrite {id: $id}) RETURN count(n) AS n', { id: requestId })).toEqual([{ n: 0 }]);
    expect(await eventually(async () => pooledConnectionsInUse(app.driver), (count) => count === 0, 5_000)).toBe(0);
  });
});

describe('the driver internals the deadline relies on', () => {
  it('are where neo4j-driver keeps them: the held connection, breaking it, and the pool count', async () => {
    expect(pooledConnectionsInUse(app.driver)).toBe(0);
    const session = app.driver.session({ database: app.graph.database, defaultAccessMode: neo4j.session.READ });
    try {
      const failure = session
        .executeRead(async (tx) => {
          const held = heldConnection(session, 'READ');
          expect(pooledConnectionsInUse(app.driver)).toBe(1);
          const running = tx.run(SLOW_ROWS);
          await sleep(200);
          expect(await breakConnection(held)).toBe(true);
          return running;
        })
        .then(
          () => 'answered',
          (error) => error.code,
        );
      expect(await answerWithin(failure, 10_000)).toBe(ABANDONED_CODE);
    } finally {
      await answerWithin(session.close(), 10_000);
    }
    expect(await eventually(async () => pooledConnectionsInUse(app.driver), (count) => count === 0, 5_000)).toBe(0);
    expect(() => heldConnection({} as any, 'READ')).toThrow(/neo4j-driver internals changed/);
    expect(() => pooledConnectionsInUse({} as any)).toThrow(/neo4j-driver internals changed/);
  });
});

describe('requests reaching Neo4j, per client and in total', () => {
  const QUERY = '{ organization(id: "org-acwf") { name } }';

  async function limitedApp(perClient: number, total: number) {
    let reads = 0;
    // The real database, each read held 1.5 s so that requests overlap.
    const graph = new FaultyGraph(app.graph, async (cypher) => {
      if (cypher.startsWith('SHOW')) return; // /readyz's schema check
      reads += 1;
      await sleep(1_500);
    });
    const limited = await startTestApp({
      graph,
      limits: { ...DEFAULT_LIMITS, requestTimeoutMs: 30_000, transactionTimeoutMs: 20_000, clientMaxConcurrentRequests: perClient, maxConcurrentRequests: total },
    });
    return { limited, reads: () => reads };
  }

  it('refuses a client over its share with 429, TOO_MANY_REQUESTS and Retry-After, before anything reaches Neo4j', async () => {
    const { limited, reads } = await limitedApp(2, 10);
    try {
      const responses = await Promise.all(Array.from({ length: 5 }, () => limited.post({ query: QUERY })));
      const refused = responses.filter((response) => response.status === 429);
      const served = responses.filter((response) => response.status === 200);
      expect(served).toHaveLength(2);
      expect(refused).toHaveLength(3);
      for (const response of refused) {
        expect(response.headers.get('retry-after')).toBe('1');
        expect(response.body.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
        expect(response.body.errors[0].message).toMatch(/at most 2 at once \(CLIENT_MAX_CONCURRENT_REQUESTS\)/);
      }
      for (const response of served) expect(response.body.data.organization.name).toBeTruthy();
      expect(reads()).toBe(served.length);
      // Once they are done, the client may send again.
      expect((await limited.post({ query: QUERY })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('counts a token holder by its subject, caps all clients together, and never limits /healthz, /readyz or /metrics', async () => {
    const { limited } = await limitedApp(2, 3);
    try {
      const alice = bearer('editor', 'test-limit-alice');
      const bob = bearer('editor', 'test-limit-bob');
      const busy = Promise.all([alice, alice, bob].map((headers) => limited.post({ query: QUERY }, headers)));
      await sleep(300);
      // The total is taken: a third client is refused too, and names the total's setting.
      const third = await limited.post({ query: QUERY }, bearer('editor', 'test-limit-carol'));
      expect(third.status).toBe(429);
      expect(third.body.errors[0].message).toMatch(/MAX_CONCURRENT_REQUESTS/);
      for (const route of ['/healthz', '/readyz', '/metrics']) {
        const response = await fetch(`http://127.0.0.1:${limited.server.port}${route}`, { signal: AbortSignal.timeout(10_000) });
        expect({ route, status: response.status }).toEqual({ route, status: 200 });
      }
      expect((await busy).map((response) => response.status)).toEqual([200, 200, 200]);
      expect(limited.server.limiter.inUse).toBe(0);
    } finally {
      await limited.close();
    }
  });
});
