import { Writable } from 'node:stream';
import { DEFAULT_LIMITS } from '../src/config';
import { Graph } from '../src/db/graph';
import { FaultyGraph } from './support/faulty-graph';
import { createLogger } from '../src/server/observability';
import { TestApp, startTestApp } from './support/app';

/** Collects pino's JSON lines. */
function logSink(): { lines: any[]; stream: Writable } {
  const lines: any[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

const nested = (depth: number) => {
  let selection = 'name';
  for (let i = 0; i < depth; i += 1) selection = `children { ${selection} }`;
  return `{ organization(id: "org-acwf") { ${selection} } }`;
};

describe('query limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers an ordinary deep query, and refuses one nested past QUERY_MAX_DEPTH', async () => {
    const ok = await app.post({ query: nested(3) });
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
    const deep = await app.post({ query: nested(DEFAULT_LIMITS.maxDepth + 2) });
    expect(deep.status).toBe(400);
    expect(deep.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(deep.body.errors[0].message).toMatch(/depth/i);
    expect(deep.body.data).toBeUndefined();
  });

  it('weighs a list by its page size, given literally or as a variable', async () => {
    const wide = (first: string) =>
      `query Wide${first === '$n' ? '($n: Int)' : ''} { organizations(first: ${first}) { edges { node { id name aliases kind level parent { id name aliases } awards { year inferred note honor { id name level } } } } } }`;
    // One organization with these fields costs 26 (objects 2, scalars 1); QUERY_MAX_COST=1000 here.
    const costly = await startTestApp({ limits: { ...DEFAULT_LIMITS, maxCost: 1000 } });
    try {
      const small = await costly.post({ query: wide('$n'), variables: { n: 2 } });
      expect(small.body.errors).toBeUndefined();
      const byDefault = await costly.post({ query: wide('$n'), variables: {} });
      expect(byDefault.body.errors).toBeUndefined(); // 20 by default: 520
      const tooCostlyLiteral = await costly.post({ query: wide('100') });
      const tooCostlyVariable = await costly.post({ query: wide('$n'), variables: { n: 100 } });
      for (const response of [tooCostlyLiteral, tooCostlyVariable]) {
        expect(response.status).toBe(400);
        expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(response.body.errors[0].message).toBe('Query Cost limit of 1000 exceeded, found 2600.');
        expect(response.body.data).toBeUndefined();
      }
    } finally {
      await costly.close();
    }
  });

  it('refuses too many aliases, tokens or directives', async () => {
    const aliases = Array.from({ length: DEFAULT_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: organization(id: "org-acwf") { name }`).join(' ');
    const directives = Array.from({ length: DEFAULT_LIMITS.maxDirectives + 1 }, () => '@include(if: true)').join(' ');
    const tokens = `{ ${Array.from({ length: DEFAULT_LIMITS.maxTokens }, () => '__typename').join(' ')} }`;
    for (const [query, pattern] of [
      [`{ ${aliases} }`, /aliases/i],
      [`{ organization(id: "org-acwf") { name ${directives} } }`, /directives/i],
      [tokens, /token/i],
    ] as const) {
      const response = await app.post({ query });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].message).toMatch(pattern);
      expect(response.body.errors[0].extensions.code).toMatch(/^GRAPHQL_(VALIDATION|PARSE)_FAILED$/);
    }
  });

  it('refuses batched requests unless ALLOW_BATCHED_REQUESTS is on', async () => {
    const batch = [{ query: '{ __typename }' }, { query: '{ __typename }' }];
    const refused = await app.post(batch);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/batching/i);

    const batching = await startTestApp({ limits: { ...DEFAULT_LIMITS, allowBatchedRequests: true, maxBatchSize: 2 } });
    try {
      const answered = await batching.post(batch);
      expect(answered.status).toBe(200);
      expect(answered.body).toHaveLength(2);
      const tooMany = await batching.post([...batch, ...batch]);
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    } finally {
      await batching.close();
    }
  });

  it('cuts every nested list to QUERY_MAX_LIST_ITEMS per parent', async () => {
    const capped = await startTestApp({ limits: { ...DEFAULT_LIMITS, maxListItems: 1 } });
    try {
      const query = '{ organization(id: "org-huainan-wf") { awards { year } members { role } } }';
      const full = await app.post({ query });
      const cut = await capped.post({ query });
      expect(full.body.data.organization.awards.length).toBeGreaterThan(1);
      expect(cut.body.data.organization.awards).toHaveLength(1);
      expect(cut.body.data.organization.awards[0]).toEqual(full.body.data.organization.awards[0]);
    } finally {
      await capped.close();
    }
  });
});

describe('errors', () => {
  it('masks an internal error: a code and the request id for the client, the detail only in the log', async () => {
    const sink = logSink();
    const app = await startTestApp({ logger: createLogger('info', sink.stream) });
    const graph = new FaultyGraph(app.graph, async (cypher) => {
      if (cypher.includes('UNWIND $ids')) throw new Error(`Neo.ClientError.Statement.SyntaxError near "${cypher.slice(0, 40)}"`);
    });
    const faulty = await startTestApp({ graph, logger: createLogger('info', sink.stream) });
    try {
      const response = await faulty.post({ query: '{ organization(id: "org-acwf") { name } }' }, { 'x-request-id': 'test-hardening-req-1' });
      const [error] = response.body.errors;
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'test-hardening-req-1' });
      expect(error.message).not.toMatch(/Cypher|UNWIND|Neo\./);
      expect(JSON.stringify(response.body)).not.toMatch(/stack|at .*\.ts/);
      const logged = sink.lines.find((line) => line.msg === 'internal error' && line.requestId === 'test-hardening-req-1');
      expect(logged.err.message).toMatch(/UNWIND/);
      const summary = sink.lines.find((line) => line.msg === 'graphql request' && line.requestId === 'test-hardening-req-1');
      expect(summary).toMatchObject({ errorCodes: ['INTERNAL_SERVER_ERROR'], cypherRoundTrips: 0, operationName: null, status: 200 });
      expect(summary.durationMs).toBeGreaterThan(0);
    } finally {
      await faulty.close();
      await app.close();
    }
  });

  it('stops a request at REQUEST_TIMEOUT_MS with TIMEOUT', async () => {
    const app = await startTestApp();
    const slow = new FaultyGraph(app.graph, () => new Promise((resolve) => setTimeout(resolve, 700)));
    const limited = await startTestApp({ graph: slow, limits: { ...DEFAULT_LIMITS, requestTimeoutMs: 500 } });
    try {
      const started = Date.now();
      const response = await limited.post({ query: '{ organization(id: "org-acwf") { name children { name children { name } } } }' });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(response.body.errors.map((e: any) => e.extensions.code)).toContain('TIMEOUT');
    } finally {
      await limited.close();
      await app.close();
    }
  });

  it('has Neo4j abort a transaction that runs past NEO4J_TRANSACTION_TIMEOUT_MS', async () => {
    const app = await startTestApp();
    try {
      const graph = new Graph(app.graph.driver, app.graph.database, { roundTrips: 0 }, { transactionTimeoutMs: 300 });
      const started = Date.now();
      await expect(graph.read('UNWIND range(1, 500000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n')).rejects.toMatchObject({
        extensions: { code: 'TIMEOUT' },
      });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await app.close();
    }
  });

  it('gives every error a code, and suggests field names only outside production', async () => {
    const dev = await startTestApp();
    const prod = await startTestApp({ production: true });
    try {
      const query = '{ organization(id: "org-acwf") { nam } }';
      const devAnswer = await dev.post({ query });
      const prodAnswer = await prod.post({ query });
      expect(devAnswer.body.errors[0].message).toMatch(/Did you mean "name"/);
      expect(prodAnswer.body.errors[0].message).not.toMatch(/Did you mean/);
      for (const body of [devAnswer.body, prodAnswer.body, (await prod.post('{not json')).body, (await prod.post({ query: '{' })).body]) {
        for (const error of body.errors) expect(typeof error.extensions.code).toBe('string');
      }
    } finally {
      await dev.close();
      await prod.close();
    }
  });
});
