import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Driver } from 'neo4j-driver';
import { createDriver, Graph } from '../../src/db/graph';
import { RunningServer, startServer } from '../../src/server/app';
import { AuthConfig } from '../../src/auth/viewer';
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
  close(): Promise<void>;
}

/** The real server on a free port, on the test run's Neo4j. */
export async function startTestApp(auth: AuthConfig = { jwtSecret: TEST_JWT_SECRET, readsRequireAuth: false }): Promise<TestApp> {
  const uri = process.env.TEST_NEO4J_URI;
  if (!uri) throw new Error('TEST_NEO4J_URI is not set: run the tests through jest (see test/support/global-setup.ts)');
  const driver = createDriver(uri, process.env.TEST_NEO4J_USER ?? 'neo4j', process.env.TEST_NEO4J_PASSWORD ?? '');
  const graph = new Graph(driver, process.env.TEST_NEO4J_DATABASE ?? 'neo4j');
  const server = await startServer({ graph, port: 0, host: '127.0.0.1', auth });
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return (await response.json()) as GraphQLResponse<any>;
  };
  return {
    graph,
    driver,
    server,
    request: (document, variables, headers) => post({ query: print(document), variables }, headers),
    raw: (query, variables, headers) => post({ query, variables }, headers),
    async close() {
      await server.stop();
      await driver.close();
    },
  };
}
