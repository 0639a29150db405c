import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { GraphQLError, GraphQLSchema, Kind, OperationDefinitionNode, parse, specifiedRules, validate, ValidationRule } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { WebSocketServer, WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Context as SocketContext } from 'graphql-ws';
import { DEFAULT_LIVE_SETTINGS, Limits, LiveSettings } from '../config';
import { Graph } from '../db/graph';
import { AuthConfig, readRefusal, Viewer, viewerFrom } from '../auth/viewer';
import { LiveFeed, LiveOwner } from '../live/live.service';
import { LiveRepository } from '../live/live.repository';
import { createContext } from './context';
import { formatError } from './errors';
import { costErrors } from './limits';
import { inputBoundsError } from './input-bounds';
import { isGraphqlPath } from './graphql-http';
import type { Logger, Metrics } from './observability';

/** Close codes of the live socket besides graphql-ws's own (docs/live.md). */
export const LIVE_CLOSE = {
  /** No token, or an invalid one, while READS_REQUIRE_AUTH is on; or the token expired. */
  UNAUTHORIZED: 4401,
  /** The subscriber fell more than LIVE_BUFFER_EVENTS behind. */
  SLOW_CONSUMER: 4008,
  /** The server stops (SIGTERM): reconnect elsewhere with the last position. */
  GOING_AWAY: 1001,
} as const;

/** Longest delay setTimeout takes; later expiries are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long a closing socket may take to answer the close frame before it is cut. */
const CLOSE_GRACE_MS = 1_000;

export interface LiveSocketOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  graph: Graph;
  auth: AuthConfig;
  limits: Limits;
  settings?: LiveSettings;
  validationRules: ValidationRule[];
  metrics: Metrics;
  logger: Logger;
  production: boolean;
  /** Whether the server is draining: new sockets are refused. */
  draining(): boolean;
}

export interface LiveSocket {
  feed: LiveFeed;
  /** Apollo plugin: polls the log at once after a mutation of this instance. */
  nudgePlugin: ApolloServerPlugin<any>;
  /** Stops the feed and closes every socket (1001), cutting those that do not answer. */
  close(): Promise<void>;
}

interface Connection {
  viewer: Viewer;
  owner: LiveOwner;
  expiry?: NodeJS.Timeout;
}

/** A parse or validation error with the code /graphql gives it (Apollo's), whatever a rule set. */
const coded = (error: GraphQLError, code: string) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code } });

/**
 * Live subscriptions over graphql-ws on the HTTP server's /graphql path: tokens checked at
 * connect (connectionParams.authorization, READS_REQUIRE_AUTH) and the socket closed at their
 * expiry; each subscription document parsed, validated and weighed with the limits of /graphql.
 */
export function mountLiveSocket(options: LiveSocketOptions): LiveSocket {
  const { httpServer, schema, graph, auth, limits, metrics, logger } = options;
  const settings = options.settings ?? DEFAULT_LIVE_SETTINGS;
  const feed = new LiveFeed(new LiveRepository(graph), settings, metrics.liveObserver(), (error) =>
    logger.warn({ err: error }, 'live: reading the revision log failed; retrying'),
  );
  // The feed starts with the first subscription: an instance nobody subscribes to reads nothing.
  const connections = new WeakMap<object, Connection>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  httpServer.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!isGraphqlPath(req.url) || options.draining()) {
      socket.end(`HTTP/1.1 ${options.draining() ? '503 Service Unavailable' : '404 Not Found'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const closeSocket = (socket: WebSocket, code: number, reason: string) => {
    // A close reason holds at most 123 bytes.
    if (socket.readyState === WebSocket.OPEN) socket.close(code, Buffer.from(reason).subarray(0, 123).toString());
  };

  const connectionOf = (ctx: SocketContext<any, any>) => connections.get(ctx) ?? null;

  useServer<Record<string, unknown>, Record<string, never>>(
    {
      schema,
      isProd: options.production,
      connectionInitWaitTimeout: 5_000,
      async onConnect(ctx) {
        const given = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const viewer = await viewerFrom(typeof given === 'string' ? given : undefined, auth);
        const refusal = readRefusal(viewer, auth);
        const socket = ctx.extra.socket;
        if (refusal) {
          closeSocket(socket, LIVE_CLOSE.UNAUTHORIZED, refusal);
          return false;
        }
        const connection: Connection = {
          viewer,
          owner: {
            key: ctx,
            dropSlow: (reason) => {
              logger.warn({ reason }, 'live: slow subscriber dropped');
              closeSocket(socket, LIVE_CLOSE.SLOW_CONSUMER, reason);
            },
          },
        };
        const exp = viewer.user?.exp;
        if (exp) {
          const arm = () => {
            const left = exp * 1000 - Date.now();
            if (left <= 0) closeSocket(socket, LIVE_CLOSE.UNAUTHORIZED, 'the token expired; reconnect with a fresh one and the last position');
            else connection.expiry = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
          };
          arm();
        }
        connections.set(ctx, connection);
        metrics.liveConnections.inc();
        return true;
      },
      onClose(ctx) {
        const connection = connectionOf(ctx);
        if (!connection) return;
        clearTimeout(connection.expiry);
        connections.delete(ctx);
        metrics.liveConnections.dec();
      },
      onSubscribe(ctx, _id, payload) {
        const connection = connectionOf(ctx);
        if (!connection) return [new GraphQLError('The connection is not acknowledged', { extensions: { code: 'UNAUTHENTICATED' } })];
        let document;
        try {
          document = parse(payload.query, { maxTokens: limits.maxTokens });
        } catch (error) {
          return [coded(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
        }
        const invalid = validate(schema, document, [...specifiedRules, ...options.validationRules]);
        if (invalid.length) return invalid.map((error) => coded(error, 'GRAPHQL_VALIDATION_FAILED'));
        const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
        const operation = payload.operationName ? operations.find((o) => o.name?.value === payload.operationName) : operations.length === 1 ? operations[0] : undefined;
        if (!operation) return [new GraphQLError('Name the operation to run (operationName)', { extensions: { code: 'BAD_REQUEST' } })];
        if (operation.operation !== 'subscription') {
          return [new GraphQLError('Only subscriptions are served over the WebSocket; send queries and mutations over HTTP POST /graphql', { extensions: { code: 'BAD_REQUEST' } })];
        }
        const variables = (payload.variables ?? {}) as Record<string, unknown>;
        const bounds = inputBoundsError(schema, document, operation, variables, limits);
        if (bounds) return [bounds];
        const { errors } = costErrors(schema, document, operation, variables, limits.maxCost);
        if (errors.length) return errors;
        const requestId = randomUUID();
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: variables,
          contextValue: {
            ...createContext(graph.withOptions({ requestId }), requestId, connection.viewer),
            live: { feed, owner: connection.owner },
          },
        };
      },
      onNext(_ctx, _id, _payload, _args, result) {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) };
      },
      onError(_ctx, _id, _payload, errors) {
        return errors.map((error) => formatError(error.toJSON(), error));
      },
    },
    wss,
  );

  return {
    feed,
    nudgePlugin: {
      async requestDidStart() {
        return {
          async willSendResponse({ operation }) {
            if (operation?.operation === 'mutation') feed.nudge();
          },
        };
      },
    },
    async close() {
      feed.stop();
      const sockets = [...wss.clients];
      for (const socket of sockets) closeSocket(socket, LIVE_CLOSE.GOING_AWAY, 'the server is shutting down; reconnect with the last position');
      await Promise.race([
        Promise.all(sockets.map((socket) => (socket.readyState === WebSocket.CLOSED ? null : new Promise((resolve) => socket.once('close', resolve))))),
        new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref()),
      ]);
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
