import jwt from 'jsonwebtoken';

/** viewer: reads only (useful with READS_REQUIRE_AUTH); editor: edits; admin: also merges, revokes and undoes. */
export type Role = 'viewer' | 'editor' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'editor', 'admin'];

export interface Claims {
  sub: string;
  role: Role;
  /** When the token expires, seconds since the epoch (verified tokens always carry it). */
  exp?: number;
}

/** What a token must carry besides a good signature; see docs/access.md, "Tokens". */
export interface TokenRules {
  /** The longest a token may be valid, in seconds: exp − iat, and exp − now (AUTH_MAX_TOKEN_LIFETIME). */
  maxLifetimeSeconds?: number;
  /** `iss` the token must carry (AUTH_ISSUER); "honorgraph" when absent. */
  issuer?: string;
  /** `aud` the token must carry (AUTH_AUDIENCE); not checked when absent. */
  audience?: string;
}

const ALGORITHM = 'HS256';
export const DEFAULT_ISSUER = 'honorgraph';
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 30 * 24 * 3600;

/** A signed bearer token for `claims`, valid for `expiresIn` (e.g. "12h", "7d", or seconds). */
export function signToken(claims: Claims, secret: string, expiresIn: string | number = '12h', rules: TokenRules = {}): string {
  return jwt.sign({ role: claims.role }, secret, {
    algorithm: ALGORITHM,
    subject: claims.sub,
    issuer: rules.issuer ?? DEFAULT_ISSUER,
    ...(rules.audience ? { audience: rules.audience } : {}),
    expiresIn: expiresIn as jwt.SignOptions['expiresIn'],
  });
}

const describeSeconds = (seconds: number) =>
  seconds % 86_400 === 0 ? `${seconds / 86_400}d` : seconds % 3600 === 0 ? `${seconds / 3600}h` : `${seconds}s`;

/** The claims of a token this server signed; throws with a reason a client can act on. */
export function verifyToken(token: string, secret: string, rules: TokenRules = {}): Claims {
  const issuer = rules.issuer ?? DEFAULT_ISSUER;
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, secret, { algorithms: [ALGORITHM], issuer, ...(rules.audience ? { audience: rules.audience } : {}) });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new Error('the bearer token has expired; mint a new one');
    if (error instanceof jwt.NotBeforeError) throw new Error('the bearer token is not valid yet (nbf)');
    const message = String((error as Error).message);
    if (/jwt issuer invalid/.test(message)) throw new Error(`the bearer token's issuer (iss) must be "${issuer}"`);
    if (/jwt audience invalid/.test(message)) throw new Error(`the bearer token's audience (aud) must be "${rules.audience}"`);
    throw new Error('the bearer token is not valid (bad signature or malformed)');
  }
  if (typeof payload === 'string' || !payload.sub) throw new Error('the bearer token has no subject');
  // A token without exp would be valid for ever: refused, and so is one valid for longer than allowed.
  if (typeof payload.exp !== 'number') throw new Error('the bearer token has no expiry (exp); mint one with npm run token');
  const max = rules.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const now = Math.floor(Date.now() / 1000);
  const lifetime = Math.max(payload.exp - now, typeof payload.iat === 'number' ? payload.exp - payload.iat : 0);
  if (lifetime > max) {
    throw new Error(`the bearer token is valid for longer than AUTH_MAX_TOKEN_LIFETIME (${describeSeconds(max)}); mint a shorter one`);
  }
  if (!ROLES.includes(payload.role)) throw new Error(`the bearer token's role must be one of ${ROLES.join(', ')}`);
  return { sub: payload.sub, role: payload.role, exp: payload.exp };
}

/** "90", "90s", "15m", "12h", "30d" → seconds; null when it is none of these. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+)\s*([smhd]?)$/i.exec(text.trim());
  if (!match) return null;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2].toLowerCase() as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/**
 * `npm run token -- --role editor --sub alice [--expires-in 12h]`: prints a token signed with
 * AUTH_JWT_SECRET, carrying AUTH_ISSUER / AUTH_AUDIENCE when set, refusing a lifetime over
 * AUTH_MAX_TOKEN_LIFETIME (the server would refuse the token).
 */
function cli(argv: string[]): number {
  const option = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const role = option('role') ?? 'editor';
  const sub = option('sub');
  const secret = process.env.AUTH_JWT_SECRET;
  if (!secret) {
    console.error('token: AUTH_JWT_SECRET is not set; use the same secret as the server (e.g. export AUTH_JWT_SECRET=$(openssl rand -hex 32))');
    return 1;
  }
  if (!sub) {
    console.error('token: --sub is required: who the token speaks for (recorded in history), e.g. --sub alice');
    return 1;
  }
  if (!ROLES.includes(role as Role)) {
    console.error(`token: --role must be one of ${ROLES.join(', ')}, got "${role}"`);
    return 1;
  }
  const expiresIn = option('expires-in') ?? option('expires') ?? '12h';
  const seconds = parseDuration(expiresIn);
  if (seconds === null || seconds < 1) {
    console.error(`token: --expires-in must be a duration such as 3600, 15m, 12h or 7d, got "${expiresIn}"`);
    return 1;
  }
  const maxText = process.env.AUTH_MAX_TOKEN_LIFETIME?.trim();
  const max = maxText ? parseDuration(maxText) : DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  if (max !== null && seconds > max) {
    console.error(`token: --expires-in ${expiresIn} is longer than AUTH_MAX_TOKEN_LIFETIME (${describeSeconds(max)}); the server would refuse the token`);
    return 1;
  }
  const rules = { issuer: process.env.AUTH_ISSUER?.trim() || undefined, audience: process.env.AUTH_AUDIENCE?.trim() || undefined };
  console.log(signToken({ sub, role: role as Role }, secret, seconds, rules));
  return 0;
}

if (require.main === module) process.exit(cli(process.argv.slice(2)));
