import path from 'node:path';
import type { AuthConfig } from './auth/viewer';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, ROLES, Role, parseDuration } from './auth/token';
import {
  DEFAULT_JWKS_CACHE_MAX_AGE_MS,
  DEFAULT_JWKS_COOLDOWN_MS,
  DEFAULT_JWKS_TIMEOUT_MS,
  DEFAULT_OIDC_SCOPE,
  DEFAULT_ROLES_CLAIM,
  OidcConfig,
  parseRoleMap,
} from './auth/oidc';

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
  access: AccessSettings;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** Timeouts and connection cap of the HTTP server (docs/operations.md). */
  http: HttpServerLimits;
  /** When and how often the embedded Neo4j is restarted after it dies (docs/operations.md). */
  localRestart: LocalRestartPolicy;
  /** The largest document an ingest reads (INGEST_MAX_BYTES); a larger one is refused as bad input. */
  ingestMaxBytes: number;
  /** INGEST_COMMIT_TIMEOUT_MS: the time one commitProposal's transaction may take. */
  ingestCommitTimeoutMs: number;
  /** Live subscriptions over graphql-ws (docs/live.md). */
  live: LiveSettings;
}

/** How live subscriptions follow the revision log, and how many a client may hold (docs/live.md, docs/limits.md). */
export interface LiveSettings {
  /** LIVE_POLL_MS: how often each instance reads the log for new revisions (sooner after its own commits). */
  pollMs: number;
  /** LIVE_RETENTION_REVISIONS: how far back (in revisions) a subscription may resume with `after`. */
  retentionRevisions: number;
  /** LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: subscriptions one WebSocket may hold at once. */
  maxSubscriptionsPerConnection: number;
  /** LIVE_MAX_SUBSCRIPTIONS: subscriptions the whole server holds at once. */
  maxSubscriptions: number;
  /** LIVE_BUFFER_EVENTS: events waiting for a slow subscriber before its connection is closed. */
  bufferEvents: number;
}

export const DEFAULT_LIVE_SETTINGS: LiveSettings = {
  pollMs: 200,
  retentionRevisions: 10_000,
  maxSubscriptionsPerConnection: 20,
  maxSubscriptions: 2_000,
  bufferEvents: 100,
};

export function loadLiveSettings(env: Env = process.env): LiveSettings {
  const d = DEFAULT_LIVE_SETTINGS;
  return {
    pollMs: integer(env, 'LIVE_POLL_MS', d.pollMs, 10, 60_000),
    retentionRevisions: integer(env, 'LIVE_RETENTION_REVISIONS', d.retentionRevisions, 1, 10_000_000),
    maxSubscriptionsPerConnection: integer(env, 'LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION', d.maxSubscriptionsPerConnection, 1, 1_000),
    maxSubscriptions: integer(env, 'LIVE_MAX_SUBSCRIPTIONS', d.maxSubscriptions, 1, 1_000_000),
    bufferEvents: integer(env, 'LIVE_BUFFER_EVENTS', d.bufferEvents, 1, 100_000),
  };
}

/** INGEST_MAX_BYTES's default: 5 MB. */
export const DEFAULT_INGEST_MAX_BYTES = 5 * 1024 * 1024;
/** A commit writes a whole document in one transaction: minutes for the largest, not a request's seconds. */
export const DEFAULT_INGEST_COMMIT_TIMEOUT_MS = 120_000;

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

/** What one request may ask for; see the limits table in docs/limits.md. */
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
  /** docs/neo4j-deadlines.md: how long past its deadline a statement may go unanswered. */
  deadlineGraceMs: number;
  /** Requests reaching Neo4j that one client (token sub, else address) may run at once. */
  clientMaxConcurrentRequests: number;
  /** Requests reaching Neo4j that all clients may run at once; below the pool of 50 connections. */
  maxConcurrentRequests: number;
  // Bounds on argument values, checked before execution (src/app/input-bounds.ts, docs/limits.md).
  /** AND/OR/NOT nested in one filter. */
  maxFilterDepth: number;
  /** Relationship conditions (awardsSome, honor, conferredBy, member…) nested in one filter. */
  maxRelationshipFilterDepth: number;
  /** Conditions in one AND or OR list. */
  maxFilterWidth: number;
  /** Values in one `in` list. */
  maxInValues: number;
  /** Conditions in one filter, all levels together. */
  maxFilterConditions: number;
  /** Relationship conditions in one filter, all levels together (each is a subquery Neo4j must plan). */
  maxRelationshipConditions: number;
  /** Items of any other list argument (via, sourceIds, aliases…); import rows keep their own bound. */
  maxInputList: number;
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
  deadlineGraceMs: 500,
  clientMaxConcurrentRequests: 8,
  maxConcurrentRequests: 32,
  maxFilterDepth: 6,
  maxRelationshipFilterDepth: 3,
  maxFilterWidth: 50,
  maxInValues: 500,
  maxFilterConditions: 100,
  maxRelationshipConditions: 10,
  maxInputList: 50,
};

/** Who may export and how much, and who may read /metrics; see docs/access.md. */
export interface AccessSettings {
  /** EXPORT_REQUIRES_ROLE: null lets /export follow READS_REQUIRE_AUTH like /graphql. */
  exportRequiresRole: Role | null;
  /** Exports running at once (EXPORT_MAX_CONCURRENT); one more gets 429. */
  exportMaxConcurrent: number;
  /** Nodes one export may hold (EXPORT_MAX_NODES); a larger one gets 413 before anything is sent. */
  exportMaxNodes: number;
  /** METRICS_TOKEN: when set, /metrics needs `Authorization: Bearer <it>`. */
  metricsToken?: string;
}

export const DEFAULT_ACCESS: AccessSettings = { exportRequiresRole: null, exportMaxConcurrent: 2, exportMaxNodes: 100_000 };

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

function httpUrl(env: Env, name: string): string {
  const raw = env[name]!.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a URL: "${raw.slice(0, 200)}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(name, `must be an https:// (or http://) URL, got "${raw.slice(0, 200)}"`);
  if (url.username || url.password) throw new ConfigError(name, 'must not carry a user name or password');
  return raw;
}

/** A short setting without spaces or control characters (a client id, a claim path, a name). */
function word(env: Env, name: string, max: number, pattern = /^[^\s\u0000-\u001f]+$/): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (raw.length > max) throw new ConfigError(name, `must be at most ${max} characters, got ${raw.length}`);
  if (!pattern.test(raw)) throw new ConfigError(name, `has characters it may not hold: "${raw.slice(0, 60)}"`);
  return raw;
}

const OIDC_SETTINGS = ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_AUDIENCE', 'AUTH_OIDC_CLIENT_ID', 'AUTH_ROLES_CLAIM', 'AUTH_ROLE_MAP'];

/**
 * The OpenID Connect provider (docs/access.md, "OpenID Connect"): AUTH_JWKS_URL with
 * AUTH_OIDC_ISSUER and AUTH_OIDC_AUDIENCE (both required with it), AUTH_ROLES_CLAIM, AUTH_ROLE_MAP,
 * AUTH_OIDC_CLIENT_ID and AUTH_OIDC_SCOPE for the page's sign-in, the key set's timeouts.
 */
export function loadOidc(env: Env = process.env): OidcConfig | undefined {
  if (!env.AUTH_JWKS_URL?.trim()) {
    const stray = OIDC_SETTINGS.find((name) => env[name]?.trim());
    if (stray) throw new ConfigError(stray, 'is set but AUTH_JWKS_URL is not; set the provider\'s key set URL too (or unset it)');
    return undefined;
  }
  const jwksUrl = httpUrl(env, 'AUTH_JWKS_URL');
  for (const name of ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_AUDIENCE']) {
    if (!env[name]?.trim()) throw new ConfigError(name, `is required with AUTH_JWKS_URL: ${name === 'AUTH_OIDC_ISSUER' ? 'the iss its tokens carry, e.g. https://sso.example.org/realms/honorgraph' : 'the aud its tokens must carry, e.g. honorgraph-api'}`);
  }
  const issuer = httpUrl(env, 'AUTH_OIDC_ISSUER');
  const audience = word(env, 'AUTH_OIDC_AUDIENCE', 500)!;
  const roleMapText = env.AUTH_ROLE_MAP?.trim();
  let roleMap: OidcConfig['roleMap'];
  if (roleMapText) {
    try {
      roleMap = parseRoleMap(roleMapText);
    } catch (error) {
      throw new ConfigError('AUTH_ROLE_MAP', (error as Error).message);
    }
  }
  const jwksTimeoutMs = integer(env, 'AUTH_JWKS_TIMEOUT_MS', DEFAULT_JWKS_TIMEOUT_MS, 100, 60_000);
  return {
    jwksUrl,
    issuer,
    audience,
    rolesClaim: word(env, 'AUTH_ROLES_CLAIM', 200) ?? DEFAULT_ROLES_CLAIM,
    roleMap,
    clientId: word(env, 'AUTH_OIDC_CLIENT_ID', 200),
    scope: word(env, 'AUTH_OIDC_SCOPE', 500, /^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/) ?? DEFAULT_OIDC_SCOPE,
    name: word(env, 'AUTH_OIDC_NAME', 60, /^[^\u0000-\u001f<>]+$/),
    jwksTimeoutMs,
    jwksCooldownMs: integer(env, 'AUTH_JWKS_COOLDOWN_MS', DEFAULT_JWKS_COOLDOWN_MS, 0, 3_600_000),
    jwksCacheMaxAgeMs: integer(env, 'AUTH_JWKS_CACHE_MAX_AGE_MS', DEFAULT_JWKS_CACHE_MAX_AGE_MS, 1_000, 86_400_000),
  };
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
    auth: { jwtSecret: jwtSecret(env), oidc: loadOidc(env), readsRequireAuth: boolean(env, 'READS_REQUIRE_AUTH', false), ...tokenRules(env) },
    access: loadAccess(env),
    production: env.NODE_ENV === 'production',
    limits: loadLimits(env),
    logLevel: logLevel(env),
    http: loadHttpServerLimits(env),
    localRestart: loadLocalRestartPolicy(env),
    ingestMaxBytes: loadIngestMaxBytes(env),
    ingestCommitTimeoutMs: loadIngestCommitTimeoutMs(env),
    live: loadLiveSettings(env),
  };
}

/** INGEST_MAX_BYTES: the largest document an ingest reads, in bytes (1 KB to 1 GB). */
export function loadIngestMaxBytes(env: Env = process.env): number {
  return integer(env, 'INGEST_MAX_BYTES', DEFAULT_INGEST_MAX_BYTES, 1024, 1024 * 1024 * 1024);
}

/**
 * INGEST_COMMIT_TIMEOUT_MS: the time limit of commitProposal, which writes every accepted item of a
 * document in one transaction (the seed article's: about 1,300 statements). It replaces the
 * request's time limit and Neo4j's transaction timeout for that one mutation (1 s to 1 h).
 */
export function loadIngestCommitTimeoutMs(env: Env = process.env): number {
  return integer(env, 'INGEST_COMMIT_TIMEOUT_MS', DEFAULT_INGEST_COMMIT_TIMEOUT_MS, 1_000, 3_600_000);
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

/** The query limits; each can be set by environment (docs/limits.md). */
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
    deadlineGraceMs: integer(env, 'NEO4J_DEADLINE_GRACE_MS', d.deadlineGraceMs, 0, 60_000),
    clientMaxConcurrentRequests: integer(env, 'CLIENT_MAX_CONCURRENT_REQUESTS', d.clientMaxConcurrentRequests, 1, 49),
    // The driver's pool holds 50 connections (MAX_CONNECTION_POOL_SIZE): the total stays below it.
    maxConcurrentRequests: integer(env, 'MAX_CONCURRENT_REQUESTS', d.maxConcurrentRequests, 1, 49),
    maxFilterDepth: integer(env, 'QUERY_MAX_FILTER_DEPTH', d.maxFilterDepth, 1, 50),
    maxRelationshipFilterDepth: integer(env, 'QUERY_MAX_RELATIONSHIP_FILTER_DEPTH', d.maxRelationshipFilterDepth, 0, 10),
    maxFilterWidth: integer(env, 'QUERY_MAX_FILTER_WIDTH', d.maxFilterWidth, 1, 1000),
    // `name.in` past 1,024 values fails inside Neo4j (Lucene's clause limit): 1,024 answers, 1,025 does not.
    maxInValues: integer(env, 'QUERY_MAX_IN_VALUES', d.maxInValues, 1, 1000),
    maxFilterConditions: integer(env, 'QUERY_MAX_FILTER_CONDITIONS', d.maxFilterConditions, 1, 10_000),
    maxRelationshipConditions: integer(env, 'QUERY_MAX_RELATIONSHIP_CONDITIONS', d.maxRelationshipConditions, 0, 1000),
    maxInputList: integer(env, 'QUERY_MAX_INPUT_LIST', d.maxInputList, 1, 10_000),
  };
  return limits;
}

/** How long a token may be valid, its iss/aud, and whether everyone sees who changed what (docs/access.md). */
function tokenRules(env: Env): Omit<AuthConfig, 'jwtSecret' | 'readsRequireAuth' | 'oidc'> {
  const lifetime = env.AUTH_MAX_TOKEN_LIFETIME?.trim();
  const seconds = lifetime ? parseDuration(lifetime) : DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  if (seconds === null || seconds < 60 || seconds > 366 * 86_400) {
    throw new ConfigError('AUTH_MAX_TOKEN_LIFETIME', `must be a duration from 60s to 366d such as 3600, 12h or 30d, got "${env.AUTH_MAX_TOKEN_LIFETIME}"`);
  }
  return {
    maxLifetimeSeconds: seconds,
    issuer: env.AUTH_ISSUER?.trim() || undefined,
    audience: env.AUTH_AUDIENCE?.trim() || undefined,
    actorsPublic: boolean(env, 'HISTORY_ACTORS_PUBLIC', false),
  };
}

export function loadAccess(env: Env = process.env): AccessSettings {
  const d = DEFAULT_ACCESS;
  const role = env.EXPORT_REQUIRES_ROLE?.trim().toLowerCase();
  if (role && role !== 'none' && !ROLES.includes(role as Role)) {
    throw new ConfigError('EXPORT_REQUIRES_ROLE', `must be none, ${ROLES.slice(0, -1).join(', ')} or ${ROLES[ROLES.length - 1]}, got "${env.EXPORT_REQUIRES_ROLE}"`);
  }
  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken && metricsToken.length < 16) throw new ConfigError('METRICS_TOKEN', `must be at least 16 characters, got ${metricsToken.length}`);
  return {
    exportRequiresRole: role && role !== 'none' ? (role as Role) : null,
    exportMaxConcurrent: integer(env, 'EXPORT_MAX_CONCURRENT', d.exportMaxConcurrent, 1, 100),
    exportMaxNodes: integer(env, 'EXPORT_MAX_NODES', d.exportMaxNodes, 1, 100_000_000),
    metricsToken,
  };
}
