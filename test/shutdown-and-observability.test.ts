import { Writable } from 'node:stream';
import { createLogger } from '../src/app/observability';
import { FaultyGraph } from './support/faulty-graph';
import { TestApp, startTestApp } from './support/app';

const QUERY = '{ organization(id: "org-huainan-wf") { name } }';

describe('stopping (what main does on SIGTERM)', () => {
  it('finishes the request in flight, answers 503 to or refuses new requests, then resolves', async () => {
    const base = await startTestApp();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inFlight = new Promise<void>((resolve) => (entered = resolve));
    const slow = new FaultyGraph(base.graph, async () => {
      entered();
      await held;
    });
    const app = await startTestApp({ graph: slow });
    try {
      const url = `http://127.0.0.1:${app.server.port}/graphql`;
      const pending = app.post({ query: QUERY });
      await inFlight; // the request is inside its Cypher call
      let stopped = false;
      const stopping = app.server.stop().then(() => (stopped = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stopped).toBe(false);
      const late = () =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', connection: 'close' },
          body: JSON.stringify({ query: QUERY }),
        }).then(
          async (response) => `answered ${response.status} ${((await response.json()) as any).errors?.[0]?.extensions?.code}`,
          (error) => `refused: ${error.cause?.code ?? error.message}`,
        );
      // Until the listener has been quiet a moment a late request is answered 503 (not run); then refused.
      expect(await late()).toMatch(/^(answered 503 SERVICE_UNAVAILABLE|refused: ECONNREFUSED)$/);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await late()).toBe('refused: ECONNREFUSED');
      release();
      const answer = await pending;
      expect(answer.status).toBe(200);
      expect(answer.body.data.organization.name).toBe('淮南市妇女联合会');
      await stopping;
      expect(stopped).toBe(true);
    } finally {
      release();
      await app.close().catch(() => {});
      await base.close();
    }
  });
});

describe('observability', () => {
  let app: TestApp;
  const lines: any[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    app = await startTestApp({ logger: createLogger('info', stream) });
  });
  afterAll(async () => {
    await app.close();
  });

  it('logs one JSON line per request with its id, operation, duration and Cypher round trips', async () => {
    const response = await app.post({ query: `query OneOrganization ${QUERY}` }, { 'x-request-id': 'test-hardening-log-1' });
    expect(response.headers.get('x-request-id')).toBe('test-hardening-log-1');
    expect(response.body.extensions.requestId).toBe('test-hardening-log-1');
    const line = lines.find((l) => l.requestId === 'test-hardening-log-1');
    expect(line).toMatchObject({ msg: 'graphql request', operationName: 'OneOrganization', status: 200, cypherRoundTrips: 1, level: 30 });
    expect(typeof line.durationMs).toBe('number');
    expect(typeof line.time).toBe('number');
  });

  it('makes up a request id when the client sends none, or an unusable one', async () => {
    const response = await app.post({ query: QUERY }, { 'x-request-id': 'bad id with spaces' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus metrics: requests by operation, errors by code, Neo4j queries and pool', async () => {
    await app.post({ query: `query MetricsProbe ${QUERY}` });
    await app.post({ query: '{ organization(id: "org-acwf") { nosuchfield } }' });
    const response = await fetch(`http://127.0.0.1:${app.server.port}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^graphql_request_duration_seconds_count\{operation="MetricsProbe",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^graphql_request_duration_seconds_bucket\{le="0.1",operation="MetricsProbe",outcome="ok"\} \d+$/m);
    expect(text).toMatch(/^graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} [1-9]\d*$/m);
    expect(text).toMatch(/^neo4j_queries_total\{kind="read",outcome="ok"\} [1-9]\d*$/m);
    expect(text).toMatch(/^neo4j_query_duration_seconds_count\{kind="read"\} [1-9]\d*$/m);
    expect(text).toMatch(/^neo4j_pool_connections_in_use 0$/m);
    expect(text).toMatch(/^neo4j_pool_connections_max 50$/m);
    expect(text).toMatch(/^process_cpu_seconds_total /m);
  });

  it('answers /healthz, and /readyz once Neo4j answers with every migration online', async () => {
    const health = await fetch(`http://127.0.0.1:${app.server.port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`http://127.0.0.1:${app.server.port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
