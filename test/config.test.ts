import { ConfigError, loadConfig } from '../src/config';

const failure = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration from the environment', () => {
  it('defaults to the local Neo4j and port 4000 when nothing is set', () => {
    const config = loadConfig({});
    expect(config.neo4j.uri).toBeUndefined();
    expect(config.port).toBe(4000);
    expect(config.neo4j.database).toBe('neo4j');
  });

  it('accepts every Neo4j URI scheme a cluster or Aura uses', () => {
    for (const uri of ['bolt://127.0.0.1:7687', 'neo4j://cluster.example:7687', 'neo4j+s://abc.databases.neo4j.io']) {
      expect(loadConfig({ NEO4J_URI: uri }).neo4j.uri).toBe(uri);
    }
  });

  it.each([
    [{ NEO4J_URI: 'http://127.0.0.1:7474' }, 'NEO4J_URI', /scheme must be one of/],
    [{ NEO4J_URI: 'not a uri' }, 'NEO4J_URI', /is not a URI/],
    [{ PORT: 'eighty' }, 'PORT', /whole number/],
    [{ PORT: '70000' }, 'PORT', /between 0 and 65535/],
    [{ NEO4J_DATABASE: 'no spaces allowed' }, 'NEO4J_DATABASE', /not a valid database name/],
    [{ NEO4J_LOCAL_HEAP: 'lots' }, 'NEO4J_LOCAL_HEAP', /size such as/],
    [{ SEED_ON_START: 'maybe' }, 'SEED_ON_START', /true or false/],
    [{ QUERY_MAX_DEPTH: '0' }, 'QUERY_MAX_DEPTH', /between 1 and 100/],
    [{ QUERY_MAX_COST: 'cheap' }, 'QUERY_MAX_COST', /whole number/],
    [{ ALLOW_BATCHED_REQUESTS: 'sometimes' }, 'ALLOW_BATCHED_REQUESTS', /true or false/],
    [{ REQUEST_TIMEOUT_MS: '5' }, 'REQUEST_TIMEOUT_MS', /between 100 and/],
    [{ NEO4J_TRANSACTION_TIMEOUT_MS: '-1' }, 'NEO4J_TRANSACTION_TIMEOUT_MS', /whole number/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /must be one of fatal/],
    [{ MAX_CONCURRENT_REQUESTS: '50' }, 'MAX_CONCURRENT_REQUESTS', /between 1 and 49/],
    [{ CLIENT_MAX_CONCURRENT_REQUESTS: '0' }, 'CLIENT_MAX_CONCURRENT_REQUESTS', /between 1 and 49/],
    [{ NEO4J_DEADLINE_GRACE_MS: 'soon' }, 'NEO4J_DEADLINE_GRACE_MS', /whole number/],
    [{ QUERY_MAX_FILTER_DEPTH: '0' }, 'QUERY_MAX_FILTER_DEPTH', /between 1 and 50/],
    [{ QUERY_MAX_IN_VALUES: '1024' }, 'QUERY_MAX_IN_VALUES', /between 1 and 1000/],
    [{ AUTH_MAX_TOKEN_LIFETIME: 'forever' }, 'AUTH_MAX_TOKEN_LIFETIME', /must be a duration from 60s to 366d/],
    [{ AUTH_MAX_TOKEN_LIFETIME: '1000d' }, 'AUTH_MAX_TOKEN_LIFETIME', /must be a duration from 60s to 366d/],
    [{ HISTORY_ACTORS_PUBLIC: 'perhaps' }, 'HISTORY_ACTORS_PUBLIC', /true or false/],
    [{ EXPORT_REQUIRES_ROLE: 'root' }, 'EXPORT_REQUIRES_ROLE', /must be none, viewer, editor or admin, got "root"/],
    [{ EXPORT_MAX_CONCURRENT: '0' }, 'EXPORT_MAX_CONCURRENT', /between 1 and 100/],
    [{ EXPORT_MAX_NODES: 'all' }, 'EXPORT_MAX_NODES', /whole number/],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN', /at least 16 characters/],
    [{ HTTP_HEADERS_TIMEOUT_MS: '50' }, 'HTTP_HEADERS_TIMEOUT_MS', /between 100 and/],
    [{ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' }, 'HTTP_HEADERS_TIMEOUT_MS', /must not exceed HTTP_REQUEST_TIMEOUT_MS \(10000\)/],
    [{ HTTP_MAX_CONNECTIONS: '0' }, 'HTTP_MAX_CONNECTIONS', /between 1 and/],
    [{ NEO4J_LOCAL_MAX_RESTARTS: 'forever' }, 'NEO4J_LOCAL_MAX_RESTARTS', /whole number/],
    [{ NEO4J_LOCAL_RESTART_BACKOFF_MS: '5000', NEO4J_LOCAL_RESTART_BACKOFF_MAX_MS: '1000' }, 'NEO4J_LOCAL_RESTART_BACKOFF_MAX_MS', /at least NEO4J_LOCAL_RESTART_BACKOFF_MS/],
  ])('a bad value %j is refused with a message naming %s', (env, setting, message) => {
    const error = failure(env as Record<string, string>);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.setting).toBe(setting);
    expect(error.message.startsWith(`${setting}:`)).toBe(true);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('reads the HTTP limits and the embedded Neo4j restart policy from the environment, with defaults', () => {
    expect(loadConfig({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_000 });
    expect(loadConfig({}).localRestart).toEqual({ initialBackoffMs: 1_000, maxBackoffMs: 30_000, maxFailedRestarts: 5 });
    const config = loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_MAX_CONNECTIONS: '50', NEO4J_LOCAL_MAX_RESTARTS: '0' });
    expect(config.http).toMatchObject({ headersTimeoutMs: 2_000, maxConnections: 50 });
    expect(config.localRestart.maxFailedRestarts).toBe(0);
  });

  it('reads the query limits from the environment, with safe defaults', () => {
    expect(loadConfig({}).limits).toMatchObject({ maxDepth: 10, maxCost: 10_000, allowBatchedRequests: false, requestTimeoutMs: 10_000 });
    const limits = loadConfig({ QUERY_MAX_DEPTH: '6', ALLOW_BATCHED_REQUESTS: 'true', MAX_BATCH_SIZE: '3', NEO4J_TRANSACTION_TIMEOUT_MS: '2000' }).limits;
    expect(limits).toMatchObject({ maxDepth: 6, allowBatchedRequests: true, maxBatchSize: 3, transactionTimeoutMs: 2000 });
    expect(loadConfig({}).limits).toMatchObject({ deadlineGraceMs: 500, clientMaxConcurrentRequests: 8, maxConcurrentRequests: 32 });
    expect(loadConfig({ CLIENT_MAX_CONCURRENT_REQUESTS: '2', MAX_CONCURRENT_REQUESTS: '20' }).limits).toMatchObject({ clientMaxConcurrentRequests: 2, maxConcurrentRequests: 20 });
  });

  it('reads the token rules, export limits and metrics token, with documented defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.auth).toMatchObject({ maxLifetimeSeconds: 30 * 86_400, issuer: undefined, audience: undefined, actorsPublic: false });
    expect(defaults.access).toEqual({ exportRequiresRole: null, exportMaxConcurrent: 2, exportMaxNodes: 100_000, metricsToken: undefined });
    const set = loadConfig({
      AUTH_MAX_TOKEN_LIFETIME: '12h', AUTH_ISSUER: 'hg', AUTH_AUDIENCE: 'api', HISTORY_ACTORS_PUBLIC: 'true',
      EXPORT_REQUIRES_ROLE: 'editor', EXPORT_MAX_CONCURRENT: '1', EXPORT_MAX_NODES: '500', METRICS_TOKEN: 'a-metrics-token-of-20',
    });
    expect(set.auth).toMatchObject({ maxLifetimeSeconds: 43_200, issuer: 'hg', audience: 'api', actorsPublic: true });
    expect(set.access).toEqual({ exportRequiresRole: 'editor', exportMaxConcurrent: 1, exportMaxNodes: 500, metricsToken: 'a-metrics-token-of-20' });
  });
});
