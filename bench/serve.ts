/**
 * One benchmark arm as its own process, so its memory can be measured alone:
 *   node serve.js <api|peer|floor> <boltUri> <port>
 * prints `ARM_READY <port>` when it listens. Every arm answers POST /graphql (api, peer) or
 * POST /floor/<query> (floor) with `{ data, extensions: { cypherRoundTrips } }`.
 */
import 'reflect-metadata';
import http from 'node:http';
import { AsyncLocalStorage } from 'node:async_hooks';
import neo4j, { Driver } from 'neo4j-driver';
import { Graph, createDriver } from '../src/db/graph';
import { floorQueries } from './floor';
import { BENCH_LIMITS } from './limits';

const [arm, uri, portText] = process.argv.slice(2);
const port = Number(portText);
const DATABASE = 'neo4j';

async function api(driver: Driver) {
  const { startServer } = await import('../src/app/app');
  await startServer({ graph: new Graph(driver, DATABASE), port, host: '127.0.0.1', production: true, limits: BENCH_LIMITS });
}

/** Counts the Cypher statements each request runs, however the library runs them. */
function countStatements(): AsyncLocalStorage<{ statements: number }> {
  const store = new AsyncLocalStorage<{ statements: number }>();
  const patch = (proto: any) => {
    const run = proto.run;
    proto.run = function (this: unknown, ...args: unknown[]) {
      const counter = store.getStore();
      if (counter) counter.statements += 1;
      return run.apply(this, args);
    };
  };
  patch((neo4j as any).Transaction.prototype);
  patch((neo4j as any).Session.prototype);
  return store;
}

async function peer(driver: Driver) {
  const store = countStatements();
  const { Neo4jGraphQL } = await import('@neo4j/graphql');
  const { ApolloServer } = await import('@apollo/server');
  const { peerTypeDefs } = await import('./peer');
  const schema = await new Neo4jGraphQL({ typeDefs: peerTypeDefs, driver }).getSchema();
  const server = new ApolloServer({
    schema,
    plugins: [
      {
        async requestDidStart() {
          return {
            async willSendResponse({ response }) {
              if (response.body.kind === 'single') {
                response.body.singleResult.extensions = { cypherRoundTrips: store.getStore()?.statements ?? 0 };
              }
            },
          };
        },
      },
    ],
  });
  await server.start();
  // Same HTTP stack as this API (its /graphql handler on node:http, with Apollo), so only the GraphQL layer differs.
  const { graphqlHandler } = await import('../src/app/graphql-http');
  const handle = graphqlHandler({
    apollo: server,
    bodyLimit: '1mb',
    refuse: (res, status, message) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message }] })),
    checkBody: () => null,
    context: async () => ({}),
  });
  http.createServer((req, res) => store.run({ statements: 0 }, () => void handle(req, res))).listen(port, '127.0.0.1');
}

async function floor(driver: Driver) {
  const queries = floorQueries(driver, DATABASE);
  http
    .createServer((req, res) => {
      const name = (req.url ?? '').replace(/^\/floor\//, '');
      const chunks: Buffer[] = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', async () => {
        const query = queries[name];
        if (!query) {
          res.writeHead(404).end();
          return;
        }
        try {
          const variables = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
          const data = await query(variables);
          const body = JSON.stringify({ data, extensions: { cypherRoundTrips: 1 } });
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
        } catch (error) {
          res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(error) }] }));
        }
      });
    })
    .listen(port, '127.0.0.1');
}

async function main() {
  const driver = createDriver(uri, 'neo4j', '');
  await driver.verifyConnectivity();
  if (arm === 'api') await api(driver);
  else if (arm === 'peer') await peer(driver);
  else if (arm === 'floor') await floor(driver);
  else throw new Error(`unknown arm ${arm}`);
  console.log(`ARM_READY ${port}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
