import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { Claims, Role, TokenRules, verifyToken } from './token';
import { createOidcVerifier, OidcConfig, OidcVerifier } from './oidc';

/** What the request's Authorization header established. */
export interface Viewer {
  user: { sub: string; role: Role; exp?: number } | null;
  /** Why there is no user although a header was sent, or why none can be checked. */
  problem: string | null;
  /** Whether editors' identities (revision actors, `createdBy`) may be shown; absent means no. */
  seesActors?: boolean;
}

// An admin may do whatever an editor may, an editor whatever a viewer may.
const GRANTS: Record<Role, Role[]> = { viewer: ['viewer'], editor: ['viewer', 'editor'], admin: ['viewer', 'editor', 'admin'] };

/** Whether a token of role `held` may do what needs `needed`. */
export const grants = (held: Role, needed: Role): boolean => GRANTS[held].includes(needed);

export interface AuthConfig extends TokenRules {
  /** Checks the tokens `npm run token` mints (HS256, AUTH_JWT_SECRET); absent: those are refused. */
  jwtSecret?: string;
  /** An OpenID Connect provider whose tokens are accepted too (AUTH_JWKS_URL…); absent: none. */
  oidc?: OidcConfig;
  /** Queries need a token too (READS_REQUIRE_AUTH); false when absent. */
  readsRequireAuth?: boolean;
  /** Who made a change (revision actors, `createdBy`) is shown to everyone (HISTORY_ACTORS_PUBLIC); else to editors and admins only. */
  actorsPublic?: boolean;
}

/** Longer than this is no token of ours or of any provider's. */
export const MAX_TOKEN_LENGTH = 16_384;

// One key set (and its cache) per provider configuration, made on first use.
const verifiers = new WeakMap<OidcConfig, OidcVerifier>();
function oidcVerifier(auth: AuthConfig & { oidc: OidcConfig }): OidcVerifier {
  let verifier = verifiers.get(auth.oidc);
  if (!verifier) {
    verifier = createOidcVerifier(auth.oidc, auth.maxLifetimeSeconds);
    verifiers.set(auth.oidc, verifier);
  }
  return verifier;
}

/**
 * The claims of a bearer token: one this server signed (HS256 with AUTH_JWT_SECRET) or one of the
 * OpenID Connect provider (signed by a key of AUTH_JWKS_URL), told apart by the token's `alg`; an
 * HS256 token claiming the provider's issuer is refused, as is `alg: none`. Rejects with a reason.
 */
export async function verifyBearer(token: string, auth: AuthConfig): Promise<Claims> {
  if (token.length > MAX_TOKEN_LENGTH) throw new Error(`the bearer token is longer than ${MAX_TOKEN_LENGTH} characters`);
  let header: ProtectedHeaderParameters;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch {
    throw new Error('the bearer token is not valid (malformed: not a JSON Web Token)');
  }
  const alg = typeof header.alg === 'string' ? header.alg : '';
  if (!alg || alg.toLowerCase() === 'none') throw new Error('the bearer token is not signed (alg "none"); unsigned tokens are never accepted');
  if (alg.startsWith('HS')) {
    if (auth.oidc && payload.iss === auth.oidc.issuer) {
      throw new Error(`the bearer token is signed with a shared secret (${alg}) but claims the provider's issuer "${auth.oidc.issuer}"; provider tokens must be signed by a key of AUTH_JWKS_URL`);
    }
    if (!auth.jwtSecret) throw new Error('the server has no AUTH_JWT_SECRET configured, so it cannot check tokens minted by npm run token; sign in with the provider');
    return verifyToken(token, auth.jwtSecret, auth);
  }
  if (!auth.oidc) throw new Error(`the bearer token is signed with ${alg.slice(0, 20)}; this server checks only its own HS256 tokens (no AUTH_JWKS_URL is configured)`);
  return oidcVerifier(auth as AuthConfig & { oidc: OidcConfig })(token);
}

/** Reads `Authorization: Bearer <token>`; never rejects, the auth checker decides what matters. */
export async function viewerFrom(header: string | undefined, auth: AuthConfig): Promise<Viewer> {
  const anonymous = (problem: string | null): Viewer => ({ user: null, problem, seesActors: auth.actorsPublic === true });
  if (!auth.jwtSecret && !auth.oidc) {
    return anonymous('the server has no AUTH_JWT_SECRET configured (nor AUTH_JWKS_URL), so it cannot check tokens and refuses every mutation');
  }
  if (!header) return anonymous(null);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return anonymous('the Authorization header must read "Bearer <token>"');
  try {
    // Editors and admins may see who changed what; a viewer as much as anyone.
    const user = await verifyBearer(match[1], auth);
    return { user, problem: null, seesActors: user.role !== 'viewer' || auth.actorsPublic === true };
  } catch (error) {
    return anonymous((error as Error).message);
  }
}

/**
 * Why the read policy refuses this viewer, or null: with READS_REQUIRE_AUTH every read (GraphQL
 * or /export) needs a valid token. The one statement of that rule.
 */
export function readRefusal(viewer: Viewer, auth: AuthConfig): string | null {
  if (!auth.readsRequireAuth || viewer.user) return null;
  return viewer.problem ?? 'READS_REQUIRE_AUTH is on: every request needs a bearer token (Authorization: Bearer <token>)';
}
