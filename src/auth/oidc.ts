import { createRemoteJWKSet, errors, jwtVerify, type FlattenedJWSInput, type JWSHeaderParameters, type JWTPayload } from 'jose';
import { ROLES, Role, type Claims } from './token';

/**
 * An OpenID Connect provider whose tokens the API accepts beside its own HS256 ones (Keycloak,
 * Auth0, a deployment's own SSO): AUTH_JWKS_URL, AUTH_OIDC_ISSUER, AUTH_OIDC_AUDIENCE, and where
 * its tokens carry roles. docs/access.md, "OpenID Connect".
 */
export interface OidcConfig {
  /** The provider's JSON Web Key Set (AUTH_JWKS_URL). */
  jwksUrl: string;
  /** `iss` every provider token carries (AUTH_OIDC_ISSUER); also where its discovery document lives. */
  issuer: string;
  /** `aud` every provider token must carry (AUTH_OIDC_AUDIENCE). */
  audience: string;
  /** Dotted path to the roles in the token (AUTH_ROLES_CLAIM): "roles", "realm_access.roles", "https://example.org/roles". */
  rolesClaim: string;
  /** Provider role name → role (AUTH_ROLE_MAP); absent: admin, editor and viewer stand for themselves. */
  roleMap?: Record<string, Role>;
  /** The page's public client (AUTH_OIDC_CLIENT_ID); absent: the page offers only the token paste. */
  clientId?: string;
  /** Scopes the page asks for (AUTH_OIDC_SCOPE). */
  scope: string;
  /** The provider's name on the sign-in button (AUTH_OIDC_NAME); the issuer's host when absent. */
  name?: string;
  /** Longest wait for the key set, in ms (AUTH_JWKS_TIMEOUT_MS). */
  jwksTimeoutMs: number;
  /** Least time between two fetches of the key set on unknown key ids, in ms (AUTH_JWKS_COOLDOWN_MS). */
  jwksCooldownMs: number;
  /** How long a fetched key set is trusted before it is fetched again, in ms (AUTH_JWKS_CACHE_MAX_AGE_MS). */
  jwksCacheMaxAgeMs: number;
}

export const DEFAULT_ROLES_CLAIM = 'roles';
export const DEFAULT_OIDC_SCOPE = 'openid profile email';
export const DEFAULT_JWKS_TIMEOUT_MS = 5_000;
export const DEFAULT_JWKS_COOLDOWN_MS = 30_000;
export const DEFAULT_JWKS_CACHE_MAX_AGE_MS = 600_000;

/** The signature algorithms a provider's keys may use: asymmetric only (never HS*, never none). */
export const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Role names and map entries longer than this are not roles; a claim with more values than this is cut. */
const MAX_ROLE_NAME = 200;
const MAX_ROLE_VALUES = 200;
export const MAX_ROLE_MAP_ENTRIES = 50;

/**
 * "honorgraph-admin=admin, honorgraph-editor=editor" → { "honorgraph-admin": "admin", … };
 * throws with the reason when an entry is not `name=role`.
 */
export function parseRoleMap(text: string): Record<string, Role> {
  const map: Record<string, Role> = {};
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) throw new Error('is empty; write name=role pairs such as honorgraph-admin=admin,honorgraph-editor=editor');
  if (entries.length > MAX_ROLE_MAP_ENTRIES) throw new Error(`has ${entries.length} entries, at most ${MAX_ROLE_MAP_ENTRIES} are allowed`);
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    const name = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim().toLowerCase();
    if (at <= 0 || !name) throw new Error(`entry "${entry}" must read name=role, e.g. honorgraph-editor=editor`);
    if (name.length > MAX_ROLE_NAME) throw new Error(`entry "${name.slice(0, 40)}…" is longer than ${MAX_ROLE_NAME} characters`);
    if (!ROLES.includes(role as Role)) throw new Error(`entry "${entry}": the role must be one of ${ROLES.join(', ')}`);
    map[name] = role as Role;
  }
  return map;
}

/**
 * The value at a dotted path in a token's claims. A key that itself holds dots (Auth0's namespaced
 * claims such as "https://example.org/roles") is matched whole before the path is split there.
 */
export function claimAt(claims: unknown, path: string): unknown {
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return undefined;
  const record = claims as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(record, path)) return record[path];
  // The longest key first: "a.b.c" tries "a.b" then "a".
  for (let at = path.lastIndexOf('.'); at > 0; at = path.lastIndexOf('.', at - 1)) {
    const head = path.slice(0, at);
    if (Object.prototype.hasOwnProperty.call(record, head)) {
      const found = claimAt(record[head], path.slice(at + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/**
 * The highest role the token's roles claim names (a string or a list of strings), through the
 * role map; viewer when it names none the server knows (a valid provider token is a signed-in viewer).
 */
export function roleFrom(claims: JWTPayload, rolesClaim: string, roleMap?: Record<string, Role>): Role {
  const value = claimAt(claims, rolesClaim);
  const names = (typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value : [])
    .slice(0, MAX_ROLE_VALUES)
    .filter((name): name is string => typeof name === 'string' && name.length <= MAX_ROLE_NAME);
  let best: Role = 'viewer';
  for (const name of names) {
    const role = roleMap ? (Object.prototype.hasOwnProperty.call(roleMap, name) ? roleMap[name] : undefined) : (ROLES.includes(name as Role) ? (name as Role) : undefined);
    if (role && RANK[role] > RANK[best]) best = role;
  }
  return best;
}

export type OidcVerifier = (token: string) => Promise<Claims>;

/** Rejects with `error` when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

class KeySetUnavailable extends Error {}

/**
 * Checks provider tokens against the provider's key set, fetched from AUTH_JWKS_URL and cached;
 * an unknown `kid` makes it fetch the set again (at most once per AUTH_JWKS_COOLDOWN_MS), so a new
 * key is accepted as soon as the provider serves it and a removed one is refused after that fetch.
 * Each fetch is bounded by AUTH_JWKS_TIMEOUT_MS. Rejects with a message saying what is wrong.
 */
export function createOidcVerifier(config: OidcConfig, maxLifetimeSeconds?: number): OidcVerifier {
  const keySet = createRemoteJWKSet(new URL(config.jwksUrl), {
    timeoutDuration: config.jwksTimeoutMs,
    cooldownDuration: config.jwksCooldownMs,
    cacheMaxAge: config.jwksCacheMaxAgeMs,
    headers: { accept: 'application/json' },
  });
  const unavailable = (detail: string) =>
    new KeySetUnavailable(`the sign-in provider's keys (AUTH_JWKS_URL) cannot be fetched (${detail}), so its tokens cannot be checked now; try again shortly`);
  // The fetch has its own timeout for the connection; this one bounds the whole of it, body included.
  const keys = (header: JWSHeaderParameters, input: FlattenedJWSInput) =>
    within(keySet(header, input), config.jwksTimeoutMs + 500, () => unavailable(`no answer within ${config.jwksTimeoutMs} ms`)).catch((error) => {
      if (error instanceof KeySetUnavailable || error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      if (error instanceof errors.JWKSTimeout) throw unavailable(`no answer within ${config.jwksTimeoutMs} ms`);
      if (error instanceof errors.JWKSInvalid) throw unavailable('the answer is not a key set');
      const code = (error as NodeJS.ErrnoException)?.code;
      throw unavailable(code ? `${code}` : String((error as Error)?.message ?? error).slice(0, 200));
    });

  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: OIDC_ALGORITHMS,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw new Error(describeFailure(error, config));
    }
    if (typeof payload.sub !== 'string' || !payload.sub) throw new Error('the provider token has no subject (sub)');
    if (payload.sub.length > 256) throw new Error('the provider token\'s subject (sub) is longer than 256 characters');
    const now = Math.floor(Date.now() / 1000);
    if (maxLifetimeSeconds && payload.exp! - now > maxLifetimeSeconds) {
      throw new Error('the provider token is valid for longer than AUTH_MAX_TOKEN_LIFETIME; shorten the provider\'s token lifespan');
    }
    return { sub: payload.sub, role: roleFrom(payload, config.rolesClaim, config.roleMap), exp: payload.exp };
  };
}

function describeFailure(error: unknown, config: OidcConfig): string {
  if (error instanceof KeySetUnavailable) return error.message;
  if (error instanceof errors.JWTExpired) return 'the provider token has expired; sign in again';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return `the provider token's issuer (iss) is not AUTH_OIDC_ISSUER "${config.issuer}"`;
    if (error.claim === 'aud') return `the provider token's audience (aud) does not include AUTH_OIDC_AUDIENCE "${config.audience}"`;
    if (error.claim === 'nbf') return 'the provider token is not valid yet (nbf)';
    if (error.claim === 'sub') return 'the provider token has no subject (sub)';
    if (error.claim === 'exp') return 'the provider token has no expiry (exp)';
    return `the provider token's ${error.claim} claim is not valid (${error.reason})`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return `the provider token's algorithm is not one of ${OIDC_ALGORITHMS.join(', ')}`;
  if (error instanceof errors.JWKSNoMatchingKey) return "the provider token was signed by a key the provider's key set (AUTH_JWKS_URL) does not hold (unknown or removed kid)";
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'the provider token names no key id (kid) and several keys of the provider fit';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the provider token is not valid (bad signature)';
  return 'the provider token is not valid (malformed)';
}
