import pino, { Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { GraphObserver, MAX_CONNECTION_POOL_SIZE } from '../db/graph';
import type { LiveObserver } from '../live/live.service';

export type { Logger } from 'pino';

/** JSON lines on stdout; `silent` in tests unless a test passes its own. */
export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'honorgraph' } }, destination);
}

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_LABELS = 200;

/** Prometheus metrics of one server; each server has its own registry so tests do not collide. */
export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();

  readonly requestDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL requests by operation name: count (rate) and latency',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors sent to clients, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly neo4jQueries = new Counter({
    name: 'neo4j_queries_total',
    help: 'Neo4j transactions (one round trip each for reads), by kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly neo4jDuration = new Histogram({
    name: 'neo4j_query_duration_seconds',
    help: 'Neo4j round-trip latency as the app sees it',
    labelNames: ['kind'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly connectionsInUse = new Gauge({
    name: 'neo4j_pool_connections_in_use',
    help: 'Transactions holding a pooled Neo4j connection now',
    registers: [this.registry],
  });

  readonly poolSize = new Gauge({
    name: 'neo4j_pool_connections_max',
    help: 'The Neo4j connection pool size',
    registers: [this.registry],
  });

  readonly liveConnections = new Gauge({
    name: 'live_connections',
    help: 'Open graphql-ws connections (live subscriptions, docs/live.md)',
    registers: [this.registry],
  });

  readonly liveSubscriptions = new Gauge({
    name: 'live_subscriptions',
    help: 'Live subscriptions held now, catching up or following the log',
    registers: [this.registry],
  });

  readonly liveEventsDelivered = new Counter({
    name: 'live_events_delivered_total',
    help: 'Revision events handed to subscribers',
    registers: [this.registry],
  });

  readonly liveEventsDropped = new Counter({
    name: 'live_events_dropped_total',
    help: 'Revision events never delivered because their subscriber fell behind and was dropped',
    registers: [this.registry],
  });

  readonly liveSlowSubscribers = new Counter({
    name: 'live_slow_subscribers_dropped_total',
    help: 'Subscriptions dropped (their socket closed with 4008) for falling LIVE_BUFFER_EVENTS behind',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.poolSize.set(MAX_CONNECTION_POOL_SIZE);
  }

  /**
   * Client-chosen names are labels: keep them well-formed and their number bounded. A name takes
   * one of the label slots only when its operation executed without errors, so names sent with
   * documents that fail to parse or validate (or fail outright) cannot use the slots up.
   */
  operationLabel(name: string | null | undefined, succeeded = true): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'invalid';
    if (this.operations.has(name)) return name;
    if (!succeeded || this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }

  /** What the live feed reports (src/live/live.service.ts). */
  liveObserver(): LiveObserver {
    return {
      subscriptions: (delta) => this.liveSubscriptions.inc(delta),
      delivered: () => this.liveEventsDelivered.inc(),
      dropped: (events) => {
        this.liveEventsDropped.inc(events);
        this.liveSlowSubscribers.inc();
      },
    };
  }

  graphObserver(): GraphObserver {
    return {
      query: (kind, ms, failed) => {
        this.neo4jQueries.inc({ kind, outcome: failed ? 'error' : 'ok' });
        this.neo4jDuration.observe({ kind }, ms / 1000);
      },
      inFlight: (delta) => this.connectionsInUse.inc(delta),
    };
  }
}
