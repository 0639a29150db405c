import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import type { OidcConfig } from '../../src/auth/oidc';

/**
 * A made-up OpenID Connect provider on node:http, for the tests: discovery, a key set, an
 * authorize endpoint that redirects straight back with a code (as if the user had signed in), and
 * a token endpoint that checks the PKCE verifier and issues RS256/ES256 access tokens.
 */
export interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: KeyLike;
  jwk: JWK;
}

export async function makeKey(kid: string, alg: 'RS256' | 'ES256' = 'RS256'): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export interface TokenOptions {
  key?: SigningKey;
  issuer?: string;
  audience?: string | string[];
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
}

export interface FakeProvider {
  issuer: string;
  jwksUrl: string;
  audience: string;
  clientId: string;
  /** The keys the key set serves; change it to rotate. */
  served: SigningKey[];
  /** The key new tokens are signed with. */
  signingKey: SigningKey;
  /** 'up' answers; 'hang' accepts and never answers; 'error' answers 500. */
  jwksMode: 'up' | 'hang' | 'error';
  /** How often the key set was fetched. */
  jwksFetches: number;
  /** The claims the next code exchange's token carries (besides iss, aud, exp). */
  nextUser: Record<string, unknown>;
  /** Authorization requests seen (their query parameters). */
  authorizations: URLSearchParams[];
  sign(claims: Record<string, unknown>, options?: TokenOptions): Promise<string>;
  /** The server's OidcConfig for this provider. */
  config(overrides?: Partial<OidcConfig>): OidcConfig;
  close(): Promise<void>;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export async function startFakeProvider(): Promise<FakeProvider> {
  const first = await makeKey('key-1', 'RS256');
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; user: Record<string, unknown> }>();
  const sockets = new Set<Socket>();
  const read = (req: http.IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => resolve(body));
    });
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', provider.issuer);
    const path = url.pathname.replace('/realms/test', '');
    if (path === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer: provider.issuer,
        authorization_endpoint: `${provider.issuer}/protocol/openid-connect/auth`,
        token_endpoint: `${provider.issuer}/protocol/openid-connect/token`,
        jwks_uri: provider.jwksUrl,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (path === '/protocol/openid-connect/certs') {
      provider.jwksFetches++;
      if (provider.jwksMode === 'hang') return; // never answered; closed with the server
      if (provider.jwksMode === 'error') return json(res, 500, { error: 'down' });
      return json(res, 200, { keys: provider.served.map((key) => key.jwk) });
    }
    if (path === '/protocol/openid-connect/auth') {
      // As if the user signed in at once: straight back to the page with a code.
      provider.authorizations.push(url.searchParams);
      const redirectUri = url.searchParams.get('redirect_uri')!;
      const code = randomBytes(16).toString('base64url');
      codes.set(code, {
        clientId: url.searchParams.get('client_id') ?? '',
        redirectUri,
        challenge: url.searchParams.get('code_challenge') ?? '',
        user: provider.nextUser,
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (path === '/protocol/openid-connect/token' && req.method === 'POST') {
      const form = new URLSearchParams(await read(req));
      const grant = codes.get(form.get('code') ?? '');
      if (form.get('grant_type') !== 'authorization_code' || !grant) return json(res, 400, { error: 'invalid_grant', error_description: 'Code not valid' });
      codes.delete(form.get('code')!);
      if (grant.clientId !== form.get('client_id') || grant.redirectUri !== form.get('redirect_uri')) {
        return json(res, 400, { error: 'invalid_grant', error_description: 'client_id or redirect_uri differs from the authorization request' });
      }
      if (s256(form.get('code_verifier') ?? '') !== grant.challenge) return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
      const token = await provider.sign(grant.user);
      return json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
    }
    json(res, 404, { error: 'not found' });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}/realms/test`;

  const provider: FakeProvider = {
    issuer,
    jwksUrl: `${issuer}/protocol/openid-connect/certs`,
    audience: 'honorgraph-api',
    clientId: 'honorgraph-workspace',
    served: [first],
    signingKey: first,
    jwksMode: 'up',
    jwksFetches: 0,
    nextUser: { sub: 'test-oidc-user' },
    authorizations: [],
    async sign(claims, options = {}) {
      const key = options.key ?? provider.signingKey;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
        .setIssuer(options.issuer ?? provider.issuer)
        .setAudience(options.audience ?? provider.audience)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresIn ?? 3600))
        .sign(key.privateKey);
    },
    config(overrides = {}) {
      return {
        jwksUrl: provider.jwksUrl,
        issuer: provider.issuer,
        audience: provider.audience,
        rolesClaim: 'realm_access.roles',
        roleMap: { 'honorgraph-admin': 'admin', 'honorgraph-editor': 'editor' },
        clientId: provider.clientId,
        scope: 'openid profile',
        name: 'Test SSO',
        jwksTimeoutMs: 1_000,
        jwksCooldownMs: 0,
        jwksCacheMaxAgeMs: 600_000,
        ...overrides,
      };
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return provider;
}
