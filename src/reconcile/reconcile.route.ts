import http from 'node:http';
import express, { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AuthConfig, readRefusal, Viewer, viewerFrom } from '../auth/viewer';
import { Graph } from '../db/graph';
import { ReconProperty, ReconType } from './catalog';
import { manifest02, manifest10 } from './manifest';
import { PREVIEW_CSP, previewHtml } from './preview';
import {
  RECONCILE_LIMITS,
  ReconcileInputError,
  parseBatch02,
  parseBatch10,
  parseExtend,
  parseId,
  parseJson,
  parseProposeType,
  parseSuggest,
} from './reconcile.input';
import { ExtensionValue, ReconcileService, ScoredCandidate } from './reconcile.service';

export interface ReconcileRouteOptions {
  auth: AuthConfig;
  logger: Logger;
  /** The server's one shape of HTTP errors: {errors: [{message, extensions: {code, requestId}}]}. */
  jsonError: (res: http.ServerResponse, status: number, code: string, message: string) => void;
  /** Each request's deadline, as GraphQL's. */
  requestTimeoutMs: number;
  /** Admits a request reaching Neo4j through the server's concurrency limits; false when it answered a refusal. */
  admit?: (req: http.IncomingMessage, res: http.ServerResponse, viewer: Viewer) => boolean;
}

/** A JSONP callback: a dotted JavaScript identifier, nothing that could run as code. */
const CALLBACK = /^[A-Za-z_$][\w$]{0,63}(?:\.[A-Za-z_$][\w$]{0,63}){0,3}$/;
const HOST = /^[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](?::\d{1,5})?$/;

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const typeOut = (t: ReconType) => ({ id: t.id, name: t.name, ...(t.description ? { description: t.description } : {}) });
const propertyOut = (p: ReconProperty) => ({ id: p.id, name: p.name, description: p.description });
const candidateOut = (c: ScoredCandidate) => ({
  id: c.id,
  name: c.name,
  ...(c.description ? { description: c.description } : {}),
  type: c.types.map(({ id, name }) => ({ id, name })),
  score: c.score,
  match: c.match,
  features: c.features,
});

/**
 * The W3C reconciliation service (docs/reconciliation.md): version 0.2, as OpenRefine 3.x speaks
 * it, at /reconcile (GET or POST `queries=` / `extend=`, JSONP by `callback`), and the 1.0 draft
 * at /reconcile/1.0 (POST /match, /extend; GET /suggest/*, /preview, /extend/propose). CORS on
 * every answer; reads obey READS_REQUIRE_AUTH (the manifests stay open: they hold no data).
 */
export function reconcileRoutes(graph: Graph, options: ReconcileRouteOptions): express.Router {
  const { auth, logger, jsonError } = options;
  const router = express.Router();

  router.use((req, res, next) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', 'Authorization, Content-Type, Accept, Accept-Language');
    res.setHeader('access-control-max-age', '600');
    // helmet's same-origin would keep other origins' pages (OpenRefine's) from reading the answers.
    res.setHeader('cross-origin-resource-policy', 'cross-origin');
    res.vary('Origin');
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    const started = performance.now();
    res.once('finish', () =>
      logger.info({ requestId: res.locals.requestId, path: req.path.slice(0, 100), method: req.method, status: res.statusCode, durationMs: Math.round((performance.now() - started) * 10) / 10 }, 'reconcile request'),
    );
    next();
  });
  router.use(express.json({ limit: RECONCILE_LIMITS.MAX_BODY }));
  router.use(express.urlencoded({ extended: false, limit: RECONCILE_LIMITS.MAX_BODY, parameterLimit: 20 }));

  const origin = (req: Request) => {
    const host = req.get('host') ?? '';
    return `${req.protocol}://${HOST.test(host) ? host : 'localhost'}`;
  };
  const params = (req: Request): Record<string, unknown> => ({ ...(req.query as Record<string, unknown>), ...(req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {}) });

  /** JSON, or JSONP when 0.2 asks with `callback`. */
  const send = (req: Request, res: Response, body: unknown, jsonp: boolean) => {
    const callback = jsonp ? single(req.query.callback) : undefined;
    if (callback === undefined) {
      res.json(body);
      return;
    }
    if (typeof callback !== 'string' || !CALLBACK.test(callback)) throw new ReconcileInputError('callback: must be a JavaScript identifier (letters, digits, _ and $, dotted)');
    const json = JSON.stringify(body).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
    res.type('application/javascript; charset=utf-8').send(`/**/ typeof ${callback} === 'function' && ${callback}(${json});`);
  };

  /** The read policy, the concurrency limits, then a service on the request's deadline; null when refused. */
  const service = async (req: Request, res: Response): Promise<ReconcileService | null> => {
    const viewer = await viewerFrom(req.headers.authorization, auth);
    const refusal = readRefusal(viewer, auth);
    if (refusal) {
      jsonError(res, 401, 'UNAUTHENTICATED', refusal);
      return null;
    }
    if (options.admit && !options.admit(req, res, viewer)) return null;
    return new ReconcileService(graph.withOptions({ deadline: Date.now() + options.requestTimeoutMs, requestId: res.locals.requestId }));
  };

  const handle = (fn: (req: Request, res: Response) => Promise<void> | void) => (req: Request, res: Response, next: NextFunction) => {
    Promise.resolve()
      .then(() => fn(req, res))
      .catch(next);
  };

  const match02 = (results: ScoredCandidate[][], keys: string[]) => Object.fromEntries(keys.map((key, i) => [key, { result: results[i].map(candidateOut) }]));
  const extension = async (svc: ReconcileService, raw: unknown, version: '0.2' | '1.0') => {
    const request = parseExtend(raw);
    const values = await svc.extend(request);
    const meta = request.properties.map((p) => ({ id: p.id, name: p.name, ...(p.valueType ? { type: { id: p.valueType, name: p.valueType } } : {}) }));
    if (version === '0.2') {
      return { meta, rows: Object.fromEntries([...values].map(([id, byProperty]) => [id, Object.fromEntries(byProperty)])) };
    }
    return { meta, rows: [...values].map(([id, byProperty]) => ({ id, properties: [...byProperty].map(([pid, vs]: [string, ExtensionValue[]]) => ({ id: pid, values: vs })) })) };
  };

  // ---- 0.2 at /reconcile ------------------------------------------------------------------
  router.all(
    '/',
    handle(async (req, res) => {
      if (req.method !== 'GET' && req.method !== 'POST') throw new ReconcileInputError('method: GET or POST', 405);
      const p = params(req);
      if (p.queries !== undefined) {
        const queries = parseBatch02(parseJson(single(p.queries), 'queries'));
        const svc = await service(req, res);
        if (!svc) return;
        send(req, res, match02(await svc.match(queries), queries.map((q) => q.key)), true);
      } else if (p.extend !== undefined) {
        const raw = parseJson(single(p.extend), 'extend');
        const svc = await service(req, res);
        if (!svc) return;
        send(req, res, await extension(svc, raw, '0.2'), true);
      } else send(req, res, manifest02(origin(req), auth.readsRequireAuth === true), true);
    }),
  );

  // ---- 1.0-draft at /reconcile/1.0 --------------------------------------------------------
  router.get('/1.0', (req, res) => {
    res.json(manifest10(origin(req), auth.readsRequireAuth === true));
  });
  router.post(
    '/1.0/match',
    handle(async (req, res) => {
      const body = req.is('application/json') ? req.body : parseJson(single(params(req).queries), 'queries');
      const queries = parseBatch10(body);
      const svc = await service(req, res);
      if (!svc) return;
      res.json({ results: (await svc.match(queries)).map((candidates) => ({ candidates: candidates.map(candidateOut) })) });
    }),
  );
  router.post(
    '/1.0/extend',
    handle(async (req, res) => {
      const body = req.is('application/json') ? req.body : parseJson(single(params(req).extend), 'extend');
      const svc = await service(req, res);
      if (!svc) return;
      res.json(await extension(svc, body, '1.0'));
    }),
  );

  // ---- shared by both: suggest, preview, property proposals -------------------------------
  for (const [prefix, jsonp] of [['', true], ['/1.0', false]] as const) {
    router.get(
      `${prefix}/suggest/entity`,
      handle(async (req, res) => {
        const request = parseSuggest(req.query as Record<string, unknown>);
        const svc = await service(req, res);
        if (!svc) return;
        const hits = await svc.suggestEntities(request);
        send(req, res, { result: hits.map((h) => ({ id: h.id, name: h.name, ...(h.description ? { description: h.description } : {}), notable: h.types.map(({ id, name }) => ({ id, name })) })) }, jsonp);
      }),
    );
    router.get(
      `${prefix}/suggest/type`,
      handle(async (req, res) => {
        const request = parseSuggest(req.query as Record<string, unknown>);
        const svc = await service(req, res);
        if (!svc) return;
        send(req, res, { result: svc.suggestTypes(request).map(typeOut) }, jsonp);
      }),
    );
    router.get(
      `${prefix}/suggest/property`,
      handle(async (req, res) => {
        const request = parseSuggest(req.query as Record<string, unknown>);
        const svc = await service(req, res);
        if (!svc) return;
        send(req, res, { result: svc.suggestProperties(request).map(propertyOut) }, jsonp);
      }),
    );
    router.get(
      `${prefix}/preview`,
      handle(async (req, res) => {
        const id = parseId(req.query.id);
        const svc = await service(req, res);
        if (!svc) return;
        const detail = await svc.entity(id);
        if (!detail) {
          jsonError(res, 404, 'NOT_FOUND', `id: no person, organization, honor or program has the id ${JSON.stringify(id.slice(0, 100))}`);
          return;
        }
        // Shown in the client's iframe: framing allowed, nothing else loads.
        res.removeHeader('x-frame-options');
        res.setHeader('content-security-policy', PREVIEW_CSP);
        res.type('text/html; charset=utf-8').send(previewHtml(detail));
      }),
    );
    router.get(
      prefix ? `${prefix}/extend/propose` : '/propose_properties',
      handle(async (req, res) => {
        const { type, limit } = parseProposeType(req.query as Record<string, unknown>);
        const svc = await service(req, res);
        if (!svc) return;
        send(req, res, { type: type.id, limit, properties: svc.propose(type, limit).map(propertyOut) }, jsonp);
      }),
    );
  }

  router.use((req: Request, res: Response) => jsonError(res, 404, 'NOT_FOUND', `nothing is served at ${req.method} /reconcile${req.path.slice(0, 200)}`));
  router.use((error: any, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof ReconcileInputError) jsonError(res, error.status, 'BAD_USER_INPUT', error.message);
    else if (error?.type === 'entity.too.large') jsonError(res, 413, 'BAD_USER_INPUT', `the request body is over ${RECONCILE_LIMITS.MAX_BODY}`);
    else if (Number(error?.status) >= 400 && Number(error?.status) < 500) jsonError(res, 400, 'BAD_USER_INPUT', error?.type === 'entity.parse.failed' ? 'The request body is not valid JSON' : String(error?.message ?? 'Bad request'));
    else if (error?.extensions?.code === 'SERVICE_UNAVAILABLE' || error?.extensions?.code === 'TIMEOUT') jsonError(res, 503, String(error.extensions.code), String(error.message));
    else {
      logger.error({ requestId: res.locals.requestId, err: error }, 'internal error in /reconcile');
      jsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
  });
  return router;
}
