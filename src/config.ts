import path from 'node:path';
import type { AuthConfig } from './auth/viewer';

/** A setting that cannot be used; main prints its message as one line and exits. */
export class ConfigError extends Error {
  constructor(readonly setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

export interface LocalNeo4jConfig {
  home: string;
  port: number;
  heap: string;
  pagecache: string;
}

export interface Config {
  port: number;
  host: string;
  neo4j: {
    /** Absent when the embedded server from tools/neo4j-local is to be started. */
    uri?: string;
    user: string;
    password: string;
    database: string;
    connectTimeoutMs: number;
  };
  local: LocalNeo4jConfig;
  seedOnStart: boolean;
  production: boolean;
  auth: AuthConfig;
  limits: Limits;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** Timeouts and connection cap of the HTTP server (docs/operations.md). */
  http: HttpServerLimits;
  /** When and how often the embedded Neo4j is restarted after it dies (docs/operations.md). */
  localRestart: LocalRestartPolicy;
}

/** What slow or numerous clients may hold of the HTTP server (node:http's own timeouts). */
export interface HttpServerLimits {
  /** Time to receive a request's headers; then 408 and the connection is closed. */
  headersTimeoutMs: number;
  /** Time to receive the whole request, body included; then 408 and the connection is closed. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open after a response. */
  keepAliveTimeoutMs: number;
  /** Open connections at most; the next ones are closed at once. */
  maxConnections: number;
}

export const DEFAULT_HTTP_SERVER_LIMITS: HttpServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
};

/** Restarts of the embedded Neo4j: the delay doubles from initial to max after each failed one. */
export interface LocalRestartPolicy {
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Failed restarts in a row after which the supervisor gives up (and /healthz answers 503). */
  maxFailedRestarts: number;
}

export const DEFAULT_LOCAL_RESTART_POLICY: LocalRestartPolicy = {
  initialBackoffMs: 1_000,
  maxBackoffMs: 30_000,
  maxFailedRestarts: 5,
};

/** What one request may ask for; see the README's limits table. */
export interface Limits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Items any nested list (awards, members, children…) returns per parent. */
  maxListItems: number;
  allowBatchedRequests: boolean;
  maxBatchSize: number;
  requestTimeoutMs: number;
  /** Neo4j's own limit on every transaction the app opens. */
  transactionTimeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxDepth: 10,
  maxCost: 10_000,
  maxAliases: 15,
  maxTokens: 2000,
  maxDirectives: 20,
  maxListItems: 500,
  allowBatchedRequests: false,
  maxBatchSize: 10,
  requestTimeoutMs: 10_000,
  transactionTimeoutMs: 5_000,
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const URI_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];
const repoRoot = path.resolve(__dirname, '..');

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function memorySize(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+[kmg]$/i.test(raw)) throw new ConfigError(name, `must be a size such as 512m or 2g, got "${raw}"`);
  return raw.toLowerCase();
}

function neo4jUri(env: Env): string | undefined {
  const raw = env.NEO4J_URI?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('NEO4J_URI', `is not a URI: "${raw}" (expected e.g. bolt://127.0.0.1:7687 or neo4j+s://xxxx.databases.neo4j.io)`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!URI_SCHEMES.includes(scheme)) {
    throw new ConfigError('NEO4J_URI', `scheme must be one of ${URI_SCHEMES.join(', ')}, got "${scheme}"`);
  }
  if (!url.hostname) throw new ConfigError('NEO4J_URI', `has no host: "${raw}"`);
  return raw;
}

/** HS256 needs a key at least as long as its hash (32 bytes) to mean anything. */
function jwtSecret(env: Env): string | undefined {
  const raw = env.AUTH_JWT_SECRET;
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 32) throw new ConfigError('AUTH_JWT_SECRET', `must be at least 32 characters, got ${raw.length} (e.g. openssl rand -hex 32)`);
  return raw;
}

/** Reads and validates every setting; throws ConfigError naming the first bad one. */
export function loadConfig(env: Env = process.env): Config {
  const database = env.NEO4J_DATABASE?.trim() || 'neo4j';
  if (!/^[A-Za-z][A-Za-z0-9.-]{2,62}$/.test(database)) {
    throw new ConfigError('NEO4J_DATABASE', `is not a valid database name: "${database}"`);
  }
  const host = env.HOST?.trim() || '0.0.0.0';
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host,
    neo4j: {
      uri: neo4jUri(env),
      user: env.NEO4J_USER?.trim() || 'neo4j',
      password: env.NEO4J_PASSWORD ?? '',
      database,
      connectTimeoutMs: integer(env, 'NEO4J_CONNECT_TIMEOUT_MS', 30_000, 1_000, 600_000),
    },
    local: {
      home: path.resolve(env.NEO4J_LOCAL_HOME?.trim() || path.join(repoRoot, '.neo4j', 'data')),
      port: integer(env, 'NEO4J_LOCAL_PORT', 7687, 1, 65535),
      heap: memorySize(env, 'NEO4J_LOCAL_HEAP', '1g'),
      pagecache: memorySize(env, 'NEO4J_LOCAL_PAGECACHE', '256m'),
    },
    seedOnStart: boolean(env, 'SEED_ON_START', true),
    auth: { jwtSecret: jwtSecret(env), readsRequireAuth: boolean(env, 'READS_REQUIRE_AUTH', false) },
    production: env.NODE_ENV === 'production',
    limits: loadLimits(env),
    logLevel: logLevel(env),
    http: loadHttpServerLimits(env),
    localRestart: loadLocalRestartPolicy(env),
  };
}

function loadHttpServerLimits(env: Env): HttpServerLimits {
  const d = DEFAULT_HTTP_SERVER_LIMITS;
  const limits: HttpServerLimits = {
    headersTimeoutMs: integer(env, 'HTTP_HEADERS_TIMEOUT_MS', d.headersTimeoutMs, 100, 600_000),
    requestTimeoutMs: integer(env, 'HTTP_REQUEST_TIMEOUT_MS', d.requestTimeoutMs, 100, 3_600_000),
    keepAliveTimeoutMs: integer(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', d.keepAliveTimeoutMs, 100, 600_000),
    maxConnections: integer(env, 'HTTP_MAX_CONNECTIONS', d.maxConnections, 1, 1_000_000),
  };
  // node:http refuses a header timeout longer than the whole request's.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS', `must not exceed HTTP_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs}), got ${limits.headersTimeoutMs}`);
  }
  return limits;
}

function loadLocalRestartPolicy(env: Env): LocalRestartPolicy {
  const d = DEFAULT_LOCAL_RESTART_POLICY;
  const policy: LocalRestartPolicy = {
    initialBackoffMs: integer(env, 'NEO4J_LOCAL_RESTART_BACKOFF_MS', d.initialBackoffMs, 10, 600_000),
    maxBackoffMs: integer(env, 'NEO4J_LOCAL_RESTART_BACKOFF_MAX_MS', d.maxBackoffMs, 10, 3_600_000),
    maxFailedRestarts: integer(env, 'NEO4J_LOCAL_MAX_RESTARTS', d.maxFailedRestarts, 0, 1_000),
  };
  if (policy.maxBackoffMs < policy.initialBackoffMs) {
    throw new ConfigError('NEO4J_LOCAL_RESTART_BACKOFF_MAX_MS', `must be at least NEO4J_LOCAL_RESTART_BACKOFF_MS (${policy.initialBackoffMs}), got ${policy.maxBackoffMs}`);
  }
  return policy;
}

function logLevel(env: Env): string {
  const raw = env.LOG_LEVEL?.trim().toLowerCase();
  if (!raw) return 'info';
  if (!LOG_LEVELS.includes(raw)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  return raw;
}

/** The query limits; each can be set by environment (README: "Limits"). */
export function loadLimits(env: Env = process.env): Limits {
  const d = DEFAULT_LIMITS;
  const limits: Limits = {
    maxDepth: integer(env, 'QUERY_MAX_DEPTH', d.maxDepth, 1, 100),
    maxCost: integer(env, 'QUERY_MAX_COST', d.maxCost, 1, 10_000_000),
    maxAliases: integer(env, 'QUERY_MAX_ALIASES', d.maxAliases, 0, 1000),
    maxTokens: integer(env, 'QUERY_MAX_TOKENS', d.maxTokens, 10, 1_000_000),
    maxDirectives: integer(env, 'QUERY_MAX_DIRECTIVES', d.maxDirectives, 0, 1000),
    maxListItems: integer(env, 'QUERY_MAX_LIST_ITEMS', d.maxListItems, 1, 100_000),
    allowBatchedRequests: boolean(env, 'ALLOW_BATCHED_REQUESTS', d.allowBatchedRequests),
    maxBatchSize: integer(env, 'MAX_BATCH_SIZE', d.maxBatchSize, 1, 1000),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', d.requestTimeoutMs, 100, 600_000),
    transactionTimeoutMs: integer(env, 'NEO4J_TRANSACTION_TIMEOUT_MS', d.transactionTimeoutMs, 100, 600_000),
  };
  return limits;
}
