import http from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import express from 'express';

/** What the /graphql handler needs from the server around it. */
export interface GraphqlEndpoint<TContext extends object> {
  apollo: ApolloServer<TContext>;
  /** Bodies larger than this are refused with 413 (body-parser's `limit`). */
  bodyLimit: string;
  /** Answers a request refused before GraphQL runs (bad JSON, an over-long batch): same JSON shape as GraphQL errors. */
  refuse(res: http.ServerResponse, status: number, message: string): void;
  /** Null when the body may go on to Apollo, otherwise why it may not (a batch too long, say). */
  checkBody(body: unknown): string | null;
  context(req: http.IncomingMessage, res: http.ServerResponse): Promise<TContext>;
}

/**
 * The /graphql endpoint straight on node:http: body-parser's JSON parser, then Apollo's own HTTP
 * handler (`executeHTTPGraphQLRequest`, the API Apollo's integrations are built on). Express's
 * router, request decoration and `res.send` cost about 0.3 ms of CPU per request, a tenth of a
 * small query's; the other routes keep Express.
 */
export function graphqlHandler<TContext extends object>(endpoint: GraphqlEndpoint<TContext>) {
  const parseJson = express.json({ limit: endpoint.bodyLimit });
  const parse = (req: http.IncomingMessage, res: http.ServerResponse) =>
    new Promise<void>((resolve, reject) => parseJson(req as express.Request, res as express.Response, (error?: unknown) => (error ? reject(error) : resolve())));

  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    try {
      await parse(req, res);
    } catch (error: any) {
      const status = Number(error?.status ?? error?.statusCode ?? 400);
      const message = error?.type === 'entity.parse.failed' ? 'The request body is not valid JSON' : String(error?.message ?? 'Bad request');
      endpoint.refuse(res, status >= 400 && status < 500 ? status : 400, message);
      return;
    }
    const body = (req as { body?: unknown }).body;
    const problem = endpoint.checkBody(body);
    if (problem) {
      endpoint.refuse(res, 400, problem);
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const response = await endpoint.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: query < 0 ? '' : url.slice(query), body },
      context: () => endpoint.context(req, res),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(req.method === 'HEAD' ? undefined : response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/** A request's path, lower-cased (Express routes are case-insensitive), without query string or trailing slash. */
function pathOf(url: string | undefined): string {
  if (!url) return '';
  const end = url.search(/[?#]/);
  return (end < 0 ? url : url.slice(0, end)).toLowerCase().replace(/(.)\/$/, '$1');
}

/** Whether a request's path is /graphql (with or without a query string or trailing slash). */
export const isGraphqlPath = (url: string | undefined): boolean => pathOf(url) === '/graphql';

/** Whether a request's path is /subgraph, the Federation 2 subgraph (docs/federation.md). */
export const isSubgraphPath = (url: string | undefined): boolean => pathOf(url) === '/subgraph';
