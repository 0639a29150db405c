import http from 'node:http';
import path from 'node:path';
import express from 'express';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { Context, createContext } from '../context';
import { Graph } from '../db/graph';
import { buildHonorGraphSchema } from '../schema/build';
import { AuthConfig, viewerFrom } from '../auth/viewer';
import { unauthenticated } from '../common/errors';
import { exportRoute } from './export.route';

export interface ServerOptions {
  graph: Graph;
  port: number;
  host?: string;
  production?: boolean;
  /** Token checking; without it no secret is configured and every mutation is refused. */
  auth?: AuthConfig;
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
  const auth: AuthConfig = options.auth ?? { readsRequireAuth: false };
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
      context: async ({ req }) => {
        const viewer = viewerFrom(req.headers.authorization, auth);
        if (auth.readsRequireAuth && !viewer.user) {
          throw unauthenticated(viewer.problem ?? 'READS_REQUIRE_AUTH is on: every request needs a bearer token (Authorization: Bearer <token>)');
        }
        return createContext(options.graph, (req.headers['x-request-id'] as string) || undefined, viewer);
      },
    }),
  );
  // The explorer page, bundled by `npm run build` (web/build.mjs); from src/ (tests) and dist/ alike.
  app.use('/', express.static(path.resolve(__dirname, '../../dist/web')));

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
