import http from 'node:http';
import path from 'node:path';
import express from 'express';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { Context, createContext } from '../context';
import { Graph } from '../db/graph';
import { buildHonorGraphSchema } from '../schema/build';
import { exportRoute } from './export.route';

export interface ServerOptions {
  graph: Graph;
  port: number;
  host?: string;
  production?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  http: http.Server;
  stop(): Promise<void>;
}

/** Reports each request's Cypher round trips in the response, for clients and tests alike. */
const roundTripsPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind === 'single') {
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            requestId: contextValue.requestId,
            cypherRoundTrips: contextValue.graph.stats.roundTrips,
          };
        }
      },
    };
  },
};

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: await buildHonorGraphSchema(),
    introspection: true,
    // main.ts owns SIGTERM: it stops the server first, then closes Neo4j.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !options.production,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No field sets cache hints; the default plugin would still hook every field resolution.
      ApolloServerPluginCacheControlDisabled(),
      roundTripsPlugin,
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await options.graph.read('RETURN 1 AS ok');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'Neo4j does not answer' });
    }
  });
  app.get('/export', exportRoute(options.graph));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(options.graph, (req.headers['x-request-id'] as string) || undefined),
    }),
  );
  app.use('/', express.static(path.resolve(__dirname, '../../src/server/public')));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    http: httpServer,
    async stop() {
      await apollo.stop();
    },
  };
}
