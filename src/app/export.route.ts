import http from 'node:http';
import { Request, Response } from 'express';
import { ACTOR_PROPERTIES } from '../auth/actors';
import { grants } from '../auth/viewer';
import { AuthConfig, readRefusal, viewerFrom } from '../auth/viewer';
import { AccessSettings } from '../config';
import { Graph } from '../db/graph';
import { ExportRootNotFound } from '../export/export.repository';
import { ExportInputError, ExportTooLarge, checkFormat, checkPart, checkScope, prepareExport, streamSink } from '../export/export';
import { INTERNAL_MESSAGE } from './errors';
import { Logger } from './observability';

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** Seconds a client refused for too many exports at once is asked to wait. */
export const EXPORT_RETRY_AFTER_SECONDS = 10;

export interface ExportRouteOptions {
  auth: AuthConfig;
  access: Pick<AccessSettings, 'exportRequiresRole' | 'exportMaxConcurrent' | 'exportMaxNodes'>;
  logger: Logger;
  /** The server's one shape of HTTP errors: {errors: [{message, extensions: {code, requestId}}]}. */
  jsonError: (res: http.ServerResponse, status: number, code: string, message: string) => void;
}

/**
 * GET /export?format=graphml|csv|jsonld[&root=<id>&hops=N][&part=nodes|edges]: the same files as
 * `npm run export`, as a download, written as it is read. It obeys the read policy of /graphql
 * (READS_REQUIRE_AUTH, or EXPORT_REQUIRES_ROLE), leaves out who made changes unless the viewer may
 * see it, and is bounded: EXPORT_MAX_CONCURRENT at once, EXPORT_MAX_NODES nodes (docs/access.md).
 */
export function exportRoute(graph: Graph, { auth, access, logger, jsonError }: ExportRouteOptions) {
  let running = 0;
  return async (req: Request, res: Response) => {
    const viewer = await viewerFrom(req.headers.authorization, auth);
    const role = access.exportRequiresRole;
    if (role && !viewer.user) {
      jsonError(res, 401, 'UNAUTHENTICATED', viewer.problem ?? `EXPORT_REQUIRES_ROLE is ${role}: /export needs a bearer token (Authorization: Bearer <token>) of role ${role}`);
      return;
    }
    if (role && viewer.user && !grants(viewer.user.role, role)) {
      jsonError(res, 403, 'FORBIDDEN', `EXPORT_REQUIRES_ROLE is ${role}: the token of "${viewer.user.sub}" has role ${viewer.user.role}`);
      return;
    }
    const refusal = readRefusal(viewer, auth);
    if (refusal) {
      jsonError(res, 401, 'UNAUTHENTICATED', refusal);
      return;
    }
    let request;
    try {
      const format = checkFormat(single(req.query.format));
      request = { format, scope: checkScope(single(req.query.root), single(req.query.hops)), part: format === 'csv' ? checkPart(single(req.query.part)) : undefined };
    } catch (error) {
      jsonError(res, 400, 'BAD_USER_INPUT', (error as Error).message);
      return;
    }
    if (running >= access.exportMaxConcurrent) {
      res.setHeader('retry-after', String(EXPORT_RETRY_AFTER_SECONDS));
      jsonError(res, 429, 'TOO_MANY_REQUESTS', `${running} exports are running, as many as EXPORT_MAX_CONCURRENT (${access.exportMaxConcurrent}) allows; retry in ${EXPORT_RETRY_AFTER_SECONDS} s`);
      return;
    }
    running++;
    try {
      const prepared = await prepareExport(graph.scoped(), {
        ...request,
        hide: viewer.seesActors ? [] : ACTOR_PROPERTIES,
        maxNodes: access.exportMaxNodes,
      });
      res.status(200);
      res.setHeader('content-type', prepared.contentType);
      res.setHeader('content-disposition', `attachment; filename="${prepared.name}"`);
      res.setHeader('cache-control', 'no-store');
      const { replacedCharacters } = await prepared.write(streamSink(res));
      if (replacedCharacters) logger.warn({ requestId: res.locals.requestId, replacedCharacters }, 'export: characters XML cannot hold were written as U+FFFD');
      res.end();
    } catch (error) {
      if (res.headersSent) {
        // Part of the file is out: cutting the connection tells the client it is incomplete.
        logger.error({ requestId: res.locals.requestId, err: error }, 'export failed while sending');
        res.destroy();
      } else if (error instanceof ExportRootNotFound) jsonError(res, 404, 'NOT_FOUND', error.message);
      else if (error instanceof ExportTooLarge) jsonError(res, 413, 'BAD_USER_INPUT', error.message);
      else if (error instanceof ExportInputError) jsonError(res, 400, 'BAD_USER_INPUT', error.message);
      else {
        logger.error({ requestId: res.locals.requestId, err: error }, 'internal error outside GraphQL');
        jsonError(res, 500, 'INTERNAL_SERVER_ERROR', INTERNAL_MESSAGE);
      }
    } finally {
      running--;
    }
  };
}
