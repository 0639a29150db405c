import jwt from 'jsonwebtoken';

export type Role = 'editor' | 'admin';
export const ROLES: readonly Role[] = ['editor', 'admin'];

export interface Claims {
  sub: string;
  role: Role;
}

const ALGORITHM = 'HS256';
const ISSUER = 'honorgraph';

/** A signed bearer token for `claims`, valid for `expiresIn` (e.g. "12h", "7d"). */
export function signToken(claims: Claims, secret: string, expiresIn = '12h'): string {
  return jwt.sign({ role: claims.role }, secret, {
    algorithm: ALGORITHM,
    subject: claims.sub,
    issuer: ISSUER,
    expiresIn: expiresIn as jwt.SignOptions['expiresIn'],
  });
}

/** The claims of a token this server signed; throws with a reason a client can act on. */
export function verifyToken(token: string, secret: string): Claims {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, secret, { algorithms: [ALGORITHM], issuer: ISSUER });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new Error('the bearer token has expired; mint a new one');
    throw new Error('the bearer token is not valid (bad signature or malformed)');
  }
  if (typeof payload === 'string' || !payload.sub) throw new Error('the bearer token has no subject');
  if (!ROLES.includes(payload.role)) throw new Error(`the bearer token's role must be one of ${ROLES.join(', ')}`);
  return { sub: payload.sub, role: payload.role };
}

/** `npm run token -- --role editor --sub alice [--expires 12h]`: prints a token signed with AUTH_JWT_SECRET. */
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
  console.log(signToken({ sub, role: role as Role }, secret, option('expires') ?? '12h'));
  return 0;
}

if (require.main === module) process.exit(cli(process.argv.slice(2)));
