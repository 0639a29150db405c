import http from 'node:http';
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { AuthConfig, grants, viewerFrom } from '../auth/viewer';
import { Graph } from '../db/graph';
import { loadIngestMaxBytes } from '../config';
import { ProposalService } from '../proposals/proposal.service';
import { summarize } from '../proposals/proposal-items';
import { createContext } from './context';
import { INTERNAL_MESSAGE } from './errors';
import { Logger } from './observability';

/** Ingests running at once; more are refused with 429 (each reads a file and analyzes it in memory). */
export const INGEST_MAX_CONCURRENT = 4;
export const INGEST_RETRY_AFTER_SECONDS = 5;

export interface IngestRouteOptions {
  auth: AuthConfig;
  logger: Logger;
  /** The request's time limit (REQUEST_TIMEOUT_MS): the ingest's reads and its write are cut to it. */
  requestTimeoutMs: number;
  /** The largest file taken; INGEST_MAX_BYTES (5 MB) when absent, read at each request. */
  maxBytes?: number;
  jsonError: (res: http.ServerResponse, status: number, code: string, message: string) => void;
}

class TooLarge extends Error {}
class BadUpload extends Error {}

interface Upload {
  bytes: Buffer;
  fileName: string | null;
  mediaType: string | null;
}

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const GENERIC = new Set(['application/octet-stream', 'binary/octet-stream']);

/** Reads a stream whole, refusing it (TooLarge) as soon as it passes `max` bytes. */
function readAll(stream: Readable, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        stream.removeAllListeners('data');
        stream.resume();
        reject(new TooLarge(`file: is over the limit of ${max} bytes (INGEST_MAX_BYTES)`));
        return;
      }
      chunks.push(chunk);
    });
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

/** The one file of a multipart/form-data body, from its `file` field. */
function readMultipart(req: Request, max: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // Browsers send a file's name as UTF-8 in Content-Disposition (通知.docx): busboy reads latin1 unless told.
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fileSize: max, fields: 10, fieldSize: 1024 } });
    } catch (error) {
      reject(new BadUpload(`the multipart body cannot be read: ${(error as Error).message}`));
      return;
    }
    let upload: Promise<Upload> | null = null;
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || upload) {
        stream.resume();
        return;
      }
      upload = new Promise<Upload>((done, fail) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.once('limit', () => fail(new TooLarge(`file: is over the limit of ${max} bytes (INGEST_MAX_BYTES)`)));
        stream.once('end', () => done({ bytes: Buffer.concat(chunks), fileName: info.filename || null, mediaType: GENERIC.has(info.mimeType) ? null : info.mimeType || null }));
        stream.once('error', fail);
      });
      upload.catch(() => {});
    });
    parser.once('error', (error) => reject(new BadUpload(`the multipart body cannot be read: ${(error as Error).message}`)));
    parser.once('close', () => {
      if (!upload) reject(new BadUpload('file: the multipart body has no "file" field'));
      else upload.then(resolve, reject);
    });
    req.pipe(parser);
  });
}

/**
 * POST /ingest: a file to ingest, as multipart/form-data (field `file`) or as the raw body with
 * its Content-Type (and `?fileName=`). Same bearer token as /graphql, editor role; at most
 * INGEST_MAX_BYTES (413 beyond). Answers 201 with the proposal's id and counts; the client then
 * queries `proposal(id)`. Bad input answers 400 BAD_USER_INPUT naming what is wrong, and stores
 * nothing.
 */
export function ingestRoute(graph: Graph, { auth, logger, requestTimeoutMs, maxBytes, jsonError }: IngestRouteOptions) {
  let running = 0;
  return async (req: Request, res: Response) => {
    const viewer = await viewerFrom(req.headers.authorization, auth);
    const refuse = (status: number, code: string, message: string) => {
      // The body is read first: closing a socket with unread data would reset it, answer and all.
      if (req.readable) {
        req.resume();
        req.once('end', () => jsonError(res, status, code, message));
      } else jsonError(res, status, code, message);
    };
    if (!viewer.user) {
      refuse(401, 'UNAUTHENTICATED', viewer.problem ?? '/ingest needs a bearer token of role editor (Authorization: Bearer <token>); mint one with npm run token');
      return;
    }
    if (!grants(viewer.user.role, 'editor')) {
      refuse(403, 'FORBIDDEN', `/ingest needs the role editor; the token of "${viewer.user.sub}" has role ${viewer.user.role}`);
      return;
    }
    if (running >= INGEST_MAX_CONCURRENT) {
      res.setHeader('retry-after', String(INGEST_RETRY_AFTER_SECONDS));
      refuse(429, 'TOO_MANY_REQUESTS', `${running} ingests are running, as many as are allowed at once; retry in ${INGEST_RETRY_AFTER_SECONDS} s`);
      return;
    }
    let max: number;
    try {
      max = maxBytes ?? loadIngestMaxBytes();
    } catch (error) {
      logger.error({ err: error }, 'ingest: INGEST_MAX_BYTES is not a number');
      refuse(500, 'INTERNAL_SERVER_ERROR', INTERNAL_MESSAGE);
      return;
    }
    const declared = Number(req.headers['content-length']);
    const multipart = /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');
    // A raw body says its size up front; a multipart body has a little more than its file.
    if (Number.isFinite(declared) && declared > max + (multipart ? 64 * 1024 : 0)) {
      refuse(413, 'BAD_USER_INPUT', `file: is ${declared} bytes, over the limit of ${max} (INGEST_MAX_BYTES)`);
      return;
    }
    running++;
    try {
      const upload: Upload = multipart
        ? await readMultipart(req, max)
        : {
            bytes: await readAll(req, max),
            fileName: typeof single(req.query.fileName) === 'string' ? String(single(req.query.fileName)).slice(0, 255) : null,
            mediaType: (() => {
              const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
              return type && !GENERIC.has(type) ? type : null;
            })(),
          };
      const context = createContext(graph.withOptions({ deadline: Date.now() + requestTimeoutMs, requestId: res.locals.requestId }), res.locals.requestId, viewer);
      const proposal = await context.get(ProposalService).ingest(viewer, { ...upload, field: 'file' });
      res.status(201).json({
        id: proposal.id,
        status: proposal.status,
        contentHash: proposal.contentHash,
        fileName: proposal.fileName,
        format: proposal.format,
        title: proposal.title,
        itemCount: proposal.itemCount,
        duplicateOf: proposal.duplicateOfId,
        repairs: proposal.repairs.length,
        summary: summarize(proposal.items),
      });
    } catch (error) {
      if (error instanceof TooLarge) refuse(413, 'BAD_USER_INPUT', error.message);
      else if (error instanceof BadUpload) refuse(400, 'BAD_USER_INPUT', error.message);
      else if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') refuse(400, 'BAD_USER_INPUT', error.message);
      else if (error instanceof GraphQLError && typeof error.extensions.code === 'string') refuse(error.extensions.code === 'TIMEOUT' ? 504 : 503, error.extensions.code, error.message);
      else {
        logger.error({ requestId: res.locals.requestId, err: error }, 'internal error outside GraphQL');
        refuse(500, 'INTERNAL_SERVER_ERROR', INTERNAL_MESSAGE);
      }
    } finally {
      running--;
    }
  };
}
