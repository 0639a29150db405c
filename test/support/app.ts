import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Driver } from 'neo4j-driver';
import { createDriver, Graph } from '../../src/db/graph';
import { RunningServer, ServerOptions, startServer } from '../../src/app/app';
import { DEFAULT_LIMITS } from '../../src/config';
import { Role, signToken } from '../../src/auth/token';

/** The secret every test server checks tokens with. */
export const TEST_JWT_SECRET = 'test-secret-of-at-least-thirty-two-characters';

/** `Authorization` headers for a test user; subjects start with test- so revisions can be cleaned up. */
export const bearer = (role: Role, sub = `test-${role}`) => ({ authorization: `Bearer ${signToken({ sub, role }, TEST_JWT_SECRET)}` });

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
  extensions?: { cypherRoundTrips?: number; requestId?: string };
}

export interface TestApp {
  graph: Graph;
  driver: Driver;
  server: RunningServer;
  /** Sends a typed operation over HTTP, as a client would. */
  request<R, V>(document: TypedDocumentNode<R, V>, variables?: V, headers?: Record<string, string>): Promise<GraphQLResponse<R>>;
  /** Sends raw query text, for documents the codegen cannot type (invalid ones, for instance). */
  raw(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<any>>;
  /** POSTs any JSON body and returns the status and parsed body. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** The real server on a free port, on the test run's Neo4j. */
export async function startTestApp(options: Partial<ServerOptions> = {}): Promise<TestApp> {
  const uri = process.env.TEST_NEO4J_URI;
  if (!uri) throw new Error('TEST_NEO4J_URI is not set: run the tests through jest (see test/support/global-setup.ts)');
  const driver = createDriver(uri, process.env.TEST_NEO4J_USER ?? 'neo4j', process.env.TEST_NEO4J_PASSWORD ?? '');
  const graph = new Graph(driver, process.env.TEST_NEO4J_DATABASE ?? 'neo4j');
  // Generous time limits: the first queries on a just-seeded database on a loaded machine are slow.
  // A generous cost too: functional tests run deliberately heavy queries (round trips over 100
  // organizations with nested connections); the limits themselves are tested with their defaults
  // or their own values in limits-and-errors.test.ts.
  // Concurrency too: the race tests send 50 requests at once from one address (the limits
  // themselves are tested in deadlines.test.ts).
  const limits = options.limits ?? { ...DEFAULT_LIMITS, maxCost: 1_000_000, requestTimeoutMs: 60_000, transactionTimeoutMs: 45_000, clientMaxConcurrentRequests: 1_000, maxConcurrentRequests: 1_000 };
  const server = await startServer({ port: 0, host: '127.0.0.1', ...options, auth: options.auth ?? { jwtSecret: TEST_JWT_SECRET, readsRequireAuth: false }, limits, graph: options.graph ?? graph });
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return (await response.json()) as GraphQLResponse<any>;
  };
  const postFull = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // left as text: the test says what it expected
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };
  return {
    graph,
    driver,
    server,
    post: postFull,
    request: (document, variables, headers) => post({ query: print(document), variables }, headers),
    raw: (query, variables, headers) => post({ query, variables }, headers),
    async close() {
      await server.stop();
      await driver.close();
    },
  };
}
