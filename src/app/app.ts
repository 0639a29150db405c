import { randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import express, { NextFunction, Request, Response } from 'express';
import { GraphQLError, GraphQLSchema } from 'graphql';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { timingSafeEqual } from 'node:crypto';
import { AccessSettings, DEFAULT_ACCESS, DEFAULT_HTTP_SERVER_LIMITS, DEFAULT_LIMITS, HttpServerLimits, Limits } from '../config';
import type { DatabaseHealth } from '../db/connect';
import { RequestContext as Context, createContext } from './context';
import { Graph } from '../db/graph';
import { pendingMigrations } from '../db/migrations';
import { buildHonorGraphSchema, buildHonorGraphSubgraphSchema } from './schema';
import { AuthConfig, readRefusal, Viewer, viewerFrom } from '../auth/viewer';
import { badInput, unauthenticated } from '../api/errors';
import { BOOKMARK_HEADER, RequestBookmarks, parseBookmarks } from '../db/bookmarks';
import { INTERNAL_MESSAGE, formatError, isInternal } from './errors';
import { HttpDrain } from './drain';
import { exportRoute } from './export.route';
import { ingestRoute } from './ingest.route';
import { authRoutes } from './auth.route';
import { reconcileRoutes } from '../reconcile/reconcile.route';
import { graphqlHandler, isGraphqlPath, isSubgraphPath } from './graphql-http';
import { ConcurrencyLimiter, clientKey } from './client-limits';
import { armorProtection, costLimitPlugin } from './limits';
import { inputBoundsPlugin } from './input-bounds';
import { Logger, Metrics, createLogger } from './observability';
import { securityHeaders } from './security-headers';

export interface ServerOptions {
  graph: Graph;
  port: number;
  host?: string;
  production?: boolean;
  /** Token checking; without it no secret is configured and every mutation is refused. */
  auth?: AuthConfig;
  /** Query limits; DEFAULT_LIMITS when absent. */
  limits?: Limits;
  /** Request logs (JSON); silent when absent. */
  logger?: Logger;
  /** Prometheus metrics served at /metrics; a fresh registry when absent. */
  metrics?: Metrics;
  /** Export limits and the /metrics token; DEFAULT_ACCESS when absent (docs/access.md). */
  access?: AccessSettings;
  /** Timeouts and connection cap of the HTTP server; DEFAULT_HTTP_SERVER_LIMITS when absent. */
  http?: HttpServerLimits;
  /** The embedded Neo4j's supervisor, for /readyz and /healthz; absent with an external Neo4j. */
  databaseHealth?: () => DatabaseHealth | null;
}

export interface RunningServer {
  url: string;
  port: number;
  http: http.Server;
  metrics: Metrics;
  /**
   * Stops listening, lets the requests in flight finish (up to the request timeout plus 2 s) and
   * answers 503 to any arriving meanwhile on open connections, closes every connection, then
   * stops Apollo. Resolves with what the drain saw.
   */
  stop(): Promise<{ requests: number; cut: number }>;
  /** The per-client and total limit on requests reaching Neo4j; /export can admit through it too. */
  limiter: ConcurrencyLimiter;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** /readyz answers within this, whatever Neo4j does (docs/neo4j-deadlines.md). */
const READINESS_TIMEOUT_MS = 2_000;

/** Reports each request's id and Cypher round trips in the response, and puts the id on every error. */
const responseExtensionsPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        const bookmarks = contextValue.graph.options.bookmarks?.written ?? [];
        result.extensions = {
          ...result.extensions,
          requestId: contextValue.requestId,
          cypherRoundTrips: contextValue.graph.stats.roundTrips,
          // What a client sends another instance to read its own write there (docs/federation.md).
          ...(bookmarks.length ? { bookmarks } : {}),
        };
        if (bookmarks.length) response.http.headers.set(BOOKMARK_HEADER, bookmarks.join(','));
        result.errors = result.errors?.map((error) => ({
          ...error,
          extensions: { ...error.extensions, requestId: contextValue.requestId },
        }));
      },
    };
  },
};

/** One JSON log line per request, the detail of internal errors, and the request metrics. */
function observabilityPlugin(logger: Logger, metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            const cause = error.originalError ?? error;
            if (isInternal(code)) {
              logger.error({ requestId: contextValue.requestId, operationName, path: error.path, err: cause }, 'internal error');
            } else if (code === 'SERVICE_UNAVAILABLE' || code === 'TIMEOUT') {
              const detail = (cause as any).originalError ?? cause;
              logger.warn({ requestId: contextValue.requestId, operationName, code, cause: String(detail?.message ?? detail).split('\n')[0] }, 'database error');
            }
          }
        },
        async willSendResponse({ response, contextValue, operationName }) {
          const seconds = (performance.now() - started) / 1000;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((error) => String(error.extensions?.code ?? 'NONE'));
          for (const code of codes) metrics.errors.inc({ code });
          const operation = metrics.operationLabel(operationName, executed && codes.length === 0);
          metrics.requestDuration.observe({ operation, outcome: codes.length ? 'error' : 'ok' }, seconds);
          logger.info(
            {
              requestId: contextValue.requestId,
              operationName: operationName ?? null,
              durationMs: Math.round(seconds * 10_000) / 10,
              cypherRoundTrips: contextValue.graph.stats.roundTrips,
              status: response.http.status ?? 200,
              ...(codes.length ? { errorCodes: codes } : {}),
            },
            'graphql request',
          );
        },
      };
    },
  };
}


export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const auth: AuthConfig = options.auth ?? { readsRequireAuth: false };
  const limits = options.limits ?? DEFAULT_LIMITS;
  const production = options.production ?? false;
  const logger = options.logger ?? createLogger('silent');
  const metrics = options.metrics ?? new Metrics();
  const access = options.access ?? DEFAULT_ACCESS;
  const headers = securityHeaders();
  const graph = options.graph.withOptions({
    transactionTimeoutMs: limits.transactionTimeoutMs,
    maxListItems: limits.maxListItems,
    observer: metrics.graphObserver(),
    deadlineGraceMs: limits.deadlineGraceMs,
    onAbandon: ({ requestId, terminated, error }) =>
      logger.warn({ requestId, terminated, err: error }, 'statement outlived its deadline: connection closed, transactions terminated'),
  });
  // Requests reaching Neo4j, per client and in total (src/app/client-limits.ts).
  const limiter = new ConcurrencyLimiter({
    perClient: limits.clientMaxConcurrentRequests,
    total: limits.maxConcurrentRequests,
  });

  /** Each GraphQL request's checked token, from before it is admitted to its context. */
  const viewers = new WeakMap<http.IncomingMessage, Promise<Viewer>>();
  /** Every request's id: the caller's `x-request-id` when it is a sane one, else a fresh UUID. */
  const requestIds = new WeakMap<http.ServerResponse, string>();
  /** Errors answered before GraphQL runs (body not JSON, batch too big): same shape, counted too. */
  const jsonError = (res: http.ServerResponse, status: number, code: string, message: string) => {
    metrics.errors.inc({ code });
    const body = JSON.stringify({ errors: [{ message, extensions: { code, requestId: requestIds.get(res) } }] });
    res.statusCode = status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-length', Buffer.byteLength(body));
    res.end(body);
  };

  const app = express();
  // Set once Apollo has started, before the server listens; Express answers every other path.
  let graphqlEndpoint: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | null = null;
  const httpLimits = options.http ?? DEFAULT_HTTP_SERVER_LIMITS;
  const httpServer = http.createServer(
    {
      headersTimeout: httpLimits.headersTimeoutMs,
      requestTimeout: httpLimits.requestTimeoutMs,
      keepAliveTimeout: httpLimits.keepAliveTimeoutMs,
      // How often node:http looks for requests past those timeouts (30 s by default, too coarse).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(httpLimits.headersTimeoutMs / 4))),
    },
    (req, res) => headers(req, res, () => {
      const given = req.headers['x-request-id'];
      const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      requestIds.set(res, requestId);
      res.setHeader('x-request-id', requestId);
      if (drain.draining && !isProbePath(req.url)) {
        // Arrived after the drain began, on a connection opened before: refused whole, nothing runs.
        // The body is read first: closing a socket with unread data would reset it, 503 and all.
        req.resume();
        req.once('end', () => jsonError(res, 503, 'SERVICE_UNAVAILABLE', 'The server is shutting down; retry the request'));
        return;
      }
      if (graphqlEndpoint && (isGraphqlPath(req.url) || isSubgraphPath(req.url))) {
        const endpoint = graphqlEndpoint;
        // The token is checked once (a provider's may need its key set fetched); the context reuses it.
        const viewer = viewerFrom(req.headers.authorization, auth);
        viewers.set(req, viewer);
        const refuse = (_: http.ServerResponse, refusal: { status: number; code: string; message: string }) => jsonError(res, refusal.status, refusal.code, refusal.message);
        viewer
          .then((checked) => {
            // Gone while its token was checked: admitting it now would hold a slot no close releases.
            if (res.destroyed || req.socket.destroyed) return;
            if (!limiter.admit(clientKey(req, checked.user?.sub), res, refuse)) return;
            return endpoint(req, res);
          })
          .catch((error) => {
            logger.error({ requestId, err: error }, 'internal error outside GraphQL');
            if (!res.headersSent) jsonError(res, 500, 'INTERNAL_SERVER_ERROR', INTERNAL_MESSAGE);
            else res.destroy();
          });
      } else app(req, res);
    }),
  );
  // Connections past the cap are closed as soon as they are accepted.
  httpServer.maxConnections = httpLimits.maxConnections;
  const drain = new HttpDrain(httpServer);
  const armor = armorProtection(limits, production);
  // /graphql and /subgraph (the Federation 2 subgraph, docs/federation.md): one set of limits, auth and plugins.
  const apolloFor = (schema: GraphQLSchema) => new ApolloServer<Context>({
    schema,
    introspection: true,
    // main.ts owns SIGTERM: it stops the server first, then closes Neo4j.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: limits.allowBatchedRequests,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
    formatError,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No field sets cache hints; the default plugin would still hook every field resolution.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo turns on federated tracing for a subgraph schema; no one reads those traces here.
      ApolloServerPluginInlineTraceDisabled(),
      ...armor.plugins,
      // Argument values out of bounds are refused before the cost is weighed or anything runs.
      inputBoundsPlugin(limits),
      costLimitPlugin(limits.maxCost),
      observabilityPlugin(logger, metrics),
      responseExtensionsPlugin,
    ],
  });
  const apollo = apolloFor(await buildHonorGraphSchema());
  const subgraph = apolloFor(await buildHonorGraphSubgraphSchema());
  await Promise.all([apollo.start(), subgraph.start()]);
  let stopping = false;

  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.locals.requestId = requestIds.get(res);
    next();
  });
  app.get('/healthz', (_req, res) => {
    const database = options.databaseHealth?.();
    if (database && !database.live) res.status(503).json({ status: 'failed', reason: database.reason });
    else res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: 'stopping' });
      return;
    }
    const database = options.databaseHealth?.();
    if (database && !database.ready) {
      res.status(503).json({ status: 'unavailable', reason: database.reason, neo4j: database.detail });
      return;
    }
    try {
      const pending = await pendingMigrations(graph.withOptions({ deadline: Date.now() + READINESS_TIMEOUT_MS, requestId: requestIds.get(res) }));
      if (pending.length) res.status(503).json({ status: 'unavailable', reason: 'migrations not applied', pending });
      else res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'Neo4j does not answer' });
    }
  });
  app.get('/metrics', async (req, res) => {
    if (access.metricsToken && !bearerMatches(req.headers.authorization, access.metricsToken)) {
      jsonError(res, 401, 'UNAUTHENTICATED', 'METRICS_TOKEN is set: /metrics needs Authorization: Bearer <METRICS_TOKEN>');
      return;
    }
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  // The export's reads get the same transaction timeout and metrics as GraphQL's.
  app.get('/export', exportRoute(graph, { auth, access, logger, jsonError }));
  // Document ingest: a file in, a proposal out (docs/ingest.md); editor role, INGEST_MAX_BYTES.
  app.post('/ingest', ingestRoute(graph, { auth, logger, jsonError, requestTimeoutMs: limits.requestTimeoutMs }));
  // The W3C reconciliation service for OpenRefine (docs/reconciliation.md), under the same read policy and limits.
  app.use(
    '/reconcile',
    reconcileRoutes(graph, {
      auth,
      logger,
      jsonError,
      requestTimeoutMs: limits.requestTimeoutMs,
      admit: (req, res, viewer) =>
        limiter.admit(clientKey(req, viewer.user?.sub), res, (_, refusal) => jsonError(res, refusal.status, refusal.code, refusal.message)),
    }),
  );
  // The workspace's sign-in: how to sign in, and the provider's code exchanged for a token (docs/access.md).
  app.use(authRoutes({ auth, logger, jsonError }));
  const endpointOf = (server: ApolloServer<Context>) => graphqlHandler<Context>({
    apollo: server,
    bodyLimit: '1mb',
    refuse: (res, status, message) => jsonError(res, status, 'BAD_REQUEST', message),
    checkBody: (body) =>
      Array.isArray(body) && limits.allowBatchedRequests && body.length > limits.maxBatchSize
        ? `A batch may hold at most ${limits.maxBatchSize} operations (MAX_BATCH_SIZE)`
        : null,
    // The deadline rides on the graph, so every transaction of the request is cut to it.
    context: async (req, res) => {
      const viewer = await (viewers.get(req) ?? viewerFrom(req.headers.authorization, auth));
      const refusal = readRefusal(viewer, auth);
      if (refusal) throw unauthenticated(refusal);
      // The request id also tags its Neo4j transactions, so they can be found and terminated.
      const bookmarks = requestBookmarks(req.headers[BOOKMARK_HEADER]);
      return createContext(graph.withOptions({ deadline: Date.now() + limits.requestTimeoutMs, requestId: requestIds.get(res), bookmarks }), requestIds.get(res), viewer);
    },
  });
  const graphqlAt = endpointOf(apollo);
  const subgraphAt = endpointOf(subgraph);
  graphqlEndpoint = (req, res) => (isSubgraphPath(req.url) ? subgraphAt : graphqlAt)(req, res);
  // Browsers and crawlers ask for /favicon.ico whatever the page links: the pages' one icon is an SVG.
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/favicon.svg'));
  // The explorer page, bundled by `npm run build` (web/build.mjs); from src/ (tests) and dist/ alike.
  app.use('/', express.static(path.resolve(__dirname, '../../dist/web')));
  // Any other path: the same JSON error shape (Express's own 404 page would carry its own CSP).
  app.use((req, res) => jsonError(res, 404, 'NOT_FOUND', `nothing is served at ${req.method} ${req.path.slice(0, 200)}`));
  // Body-parser and any other failure outside GraphQL: JSON with a code, never an HTML stack.
  app.use((error: any, _req: Request, res: Response, _next: NextFunction) => {
    const status = Number(error?.status ?? error?.statusCode ?? 500);
    if (status >= 400 && status < 500) {
      const message = error?.type === 'entity.parse.failed' ? 'The request body is not valid JSON' : String(error?.message ?? 'Bad request');
      jsonError(res, status, 'BAD_REQUEST', message);
      return;
    }
    logger.error({ requestId: res.locals.requestId, err: error }, 'internal error outside GraphQL');
    jsonError(res, 500, 'INTERNAL_SERVER_ERROR', INTERNAL_MESSAGE);
  });

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
    metrics,
    limiter,
    async stop() {
      stopping = true;
      // Every request is bounded by its deadline; 2 s more for its answer to go out.
      const report = await drain.stop(limits.requestTimeoutMs + 2_000);
      await Promise.all([apollo.stop(), subgraph.stop()]);
      return report;
    },
  };
}

/** The request's HonorGraph-Bookmark header, checked: BAD_USER_INPUT on anything not a bookmark, before any transaction. */
function requestBookmarks(header: string | string[] | undefined): RequestBookmarks {
  const parsed = parseBookmarks(header);
  if ('problem' in parsed) {
    const error = badInput('HonorGraph-Bookmark', parsed.problem);
    // Thrown while the context is built: without a status Apollo would answer 500.
    throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
  }
  return new RequestBookmarks(parsed.bookmarks);
}

/** Whether the header is `Bearer <expected>`, compared in constant time. */
function bearerMatches(header: string | undefined, expected: string): boolean {
  const given = Buffer.from(/^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? '');
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** Answered during a drain too: a load balancer watches these. */
function isProbePath(url: string | undefined): boolean {
  const path = (url ?? '').split(/[?#]/)[0];
  return path === '/healthz' || path === '/readyz' || path === '/metrics';
}
