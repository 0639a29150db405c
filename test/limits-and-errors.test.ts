import { Writable } from 'node:stream';
import { DEFAULT_LIMITS } from '../src/config';
import { Graph } from '../src/db/graph';
import { FaultyGraph } from './support/faulty-graph';
import { createLogger } from '../src/app/observability';
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

  it('weighs a filter by its conditions, relationship conditions more, once per row of the lists around it', async () => {
    // QUERY_MAX_COST=1000. Without its filter the nested query costs 90: organizations (2 + edges 7) × 10.
    const costly = await startTestApp({ limits: { ...DEFAULT_LIMITS, maxCost: 1000, requestTimeoutMs: 60_000, transactionTimeoutMs: 45_000 } });
    const nestedQuery = 'query Nested($w: AwardWhere) { organizations(first: 10) { edges { node { awardsConnection(first: 1, where: $w) { totalCount } } } } }';
    const honor = { honor: { name: { eq: '三八红旗集体' } } };
    try {
      // 2 conditions (honor, name) × 2 + 1 relationship × 20 = 24 per organization: 90 + 240 = 330.
      const one = await costly.post({ query: nestedQuery, variables: { w: honor } });
      expect(one.body.errors).toBeUndefined();
      // OR of five: 11 conditions × 2 + 5 relationships × 20 = 122 per organization: (2 + 2 + 2 + 3 + 122) × 10.
      const five = await costly.post({ query: nestedQuery, variables: { w: { OR: Array.from({ length: 5 }, () => honor) } } });
      expect(five.status).toBe(400);
      expect(five.body.errors[0]).toMatchObject({ message: 'Query Cost limit of 1000 exceeded, found 1310.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      // At the top a filter counts once, not once per row of its page: 30 × 8 + (21 × 2 + 10 × 20) = 482.
      const top = 'query Top($w: OrganizationWhere) { organizations(first: 30, where: $w) { edges { node { id name } } } }';
      const ten = { OR: Array.from({ length: 10 }, () => ({ awardsSome: { year: { eq: 2019 } } })) };
      expect((await costly.post({ query: top, variables: { w: ten } })).body.errors).toBeUndefined();
    } finally {
      await costly.close();
    }
  });

  it('weighs an org chart by its depth and includes, by default refusing the deepest chart with every leaf', async () => {
    // Generous time: the chart runs on a loaded machine; the cost is what is tested.
    const defaults = await startTestApp({ limits: { ...DEFAULT_LIMITS, requestTimeoutMs: 60_000, transactionTimeoutMs: 45_000 } });
    const chart = 'query Chart($depth: Int, $include: [OrgChartInclude!]) { orgChart(rootId: "org-acwf", depth: $depth, include: $include) { id parentId name kind level childCount memberCount awardCount hasMore entity entityId } }';
    try {
      // (1 + 3 × 10 organizations) × (1 + 5 honors each) boxes × 13 per box = 2418: the explorer's chart.
      const explorer = await defaults.post({ query: chart, variables: { depth: 3, include: ['HONORS'] } });
      expect(explorer.body.errors).toBeUndefined();
      expect(explorer.body.data.orgChart.length).toBeGreaterThan(3);
      // The same document, asked again with more: weighed again, (1 + 10 × 10) × (1 + 3 × 5) × 13 = 21008.
      const deepest = await defaults.post({ query: chart, variables: { depth: 10, include: ['MEMBERS', 'PROGRAMS', 'HONORS'] } });
      expect(deepest.status).toBe(400);
      expect(deepest.body.errors[0].message).toBe(`Query Cost limit of ${DEFAULT_LIMITS.maxCost} exceeded, found 21008.`);
      // Deep without leaves, 101 × 13 = 1313, and every leaf three levels down, 31 × 16 × 13 = 6448, pass.
      expect((await defaults.post({ query: chart, variables: { depth: 10 } })).body.errors).toBeUndefined();
      expect((await defaults.post({ query: chart, variables: { depth: 3, include: ['MEMBERS', 'PROGRAMS', 'HONORS'] } })).body.errors).toBeUndefined();
    } finally {
      await defaults.close();
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
