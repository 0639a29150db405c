import { spawn } from 'node:child_process';
import path from 'node:path';
import { SignJWT } from 'jose';
import { ConfigError, loadConfig } from '../src/config';
import { claimAt, roleFrom } from '../src/auth/oidc';
import { signToken } from '../src/auth/token';
import { bearer, startTestApp, TestApp, TEST_JWT_SECRET } from './support/app';
import { removeEditingFixtures } from './support/editing';
import { FakeProvider, makeKey, startFakeProvider } from './support/oidc-provider';

/**
 * Tokens of an OpenID Connect provider (docs/access.md, "OpenID Connect"), checked against the key
 * set this file serves itself (test/support/oidc-provider.ts), beside the server's own HS256 tokens.
 */
let provider: FakeProvider;
let app: TestApp;

const ME = '{ me { sub role expiresAt problem } }';
const CREATE = (name: string) => `mutation { createPerson(input: { name: "${name}" }) { id name } }`;
const jsonOf = async (response: Response): Promise<any> => response.json();
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  provider = await startFakeProvider();
  app = await startTestApp({ auth: { jwtSecret: TEST_JWT_SECRET, readsRequireAuth: false, oidc: provider.config() } });
  await removeEditingFixtures(app);
});
afterAll(async () => {
  await removeEditingFixtures(app);
  await app.close();
  await provider.close();
});
beforeEach(() => {
  provider.jwksMode = 'up';
  provider.served = [provider.signingKey];
});

describe('provider tokens', () => {
  it('are accepted with the role from a nested claim, through the role map; the highest role wins', async () => {
    const token = await provider.sign({ sub: 'test-oidc-ed', realm_access: { roles: ['offline_access', 'honorgraph-editor'] } });
    const me = (await app.raw(ME, {}, auth(token))).data.me;
    expect(me).toMatchObject({ sub: 'test-oidc-ed', role: 'EDITOR', problem: null });
    expect(me.expiresAt).toBeGreaterThan(Date.now() / 1000 + 3000);

    const both = await provider.sign({ sub: 'test-oidc-root', realm_access: { roles: ['honorgraph-editor', 'honorgraph-admin'] } });
    expect((await app.raw(ME, {}, auth(both))).data.me).toMatchObject({ sub: 'test-oidc-root', role: 'ADMIN' });

    // The editor edits, and the revision names the provider's subject.
    const created = await app.raw(CREATE('测试编辑OIDC甲'), {}, auth(token));
    expect(created.errors).toBeUndefined();
    const [row] = await app.graph.read(
      "MATCH (p:Person {name: '测试编辑OIDC甲'}) OPTIONAL MATCH (r:Revision {actor: 'test-oidc-ed'}) RETURN p.createdBy AS by, count(r) AS revisions",
    );
    expect(row).toMatchObject({ by: 'test-oidc-ed' });
    expect(row.revisions).toBeGreaterThanOrEqual(1);
  });

  it('a valid token without a known role is a signed-in viewer: reads allowed, mutations FORBIDDEN', async () => {
    const token = await provider.sign({ sub: 'test-oidc-reader', realm_access: { roles: ['offline_access', 'editor'] } });
    // "editor" is not in the role map, which replaces the plain names.
    expect((await app.raw(ME, {}, auth(token))).data.me).toMatchObject({ sub: 'test-oidc-reader', role: 'VIEWER', problem: null });
    const read = await app.raw('{ organization(id: "org-huainan-wf") { name } }', {}, auth(token));
    expect(read.data.organization.name).toBe('淮南市妇女联合会');
    const refused = await app.raw(CREATE('测试编辑OIDC读者'), {}, auth(token));
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(refused.errors![0].message).toMatch(/needs the role editor; the token of "test-oidc-reader" has role viewer/);
    const none = await provider.sign({ sub: 'test-oidc-nobody' });
    expect((await app.raw(ME, {}, auth(none))).data.me).toMatchObject({ sub: 'test-oidc-nobody', role: 'VIEWER' });
    const [row] = await app.graph.read("MATCH (n:Person {name: '测试编辑OIDC读者'}) RETURN count(n) AS n");
    expect(row.n).toBe(0);
  });

  it('are refused with a message saying why: wrong audience, wrong issuer, expired, no subject, alg none', async () => {
    const problem = async (token: string) => {
      const refused = await app.raw(CREATE('测试编辑OIDC拒'), {}, auth(token));
      expect(refused.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      return refused.errors![0].message;
    };
    const roles = { realm_access: { roles: ['honorgraph-admin'] } };
    expect(await problem(await provider.sign({ sub: 'test-oidc-x', ...roles }, { audience: 'someone-else' }))).toMatch(/audience \(aud\) does not include AUTH_OIDC_AUDIENCE "honorgraph-api"/);
    expect(await problem(await provider.sign({ sub: 'test-oidc-x', ...roles }, { issuer: 'https://evil.example.org/realms/test' }))).toMatch(/issuer \(iss\) is not AUTH_OIDC_ISSUER/);
    expect(await problem(await provider.sign({ sub: 'test-oidc-x', ...roles }, { expiresIn: -60 }))).toMatch(/provider token has expired/);
    expect(await problem(await provider.sign({ ...roles }))).toMatch(/no subject \(sub\)/);
    // alg none: an unsigned token claiming everything.
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'test-oidc-x', iss: provider.issuer, aud: provider.audience, exp: Math.floor(Date.now() / 1000) + 600, ...roles })}.`;
    expect(await problem(unsigned)).toMatch(/not signed \(alg "none"\)/);
    // A good key's signature over another payload.
    const good = await provider.sign({ sub: 'test-oidc-x', ...roles });
    const [h, , sig] = good.split('.');
    expect(await problem(`${h}.${b64({ sub: 'test-oidc-x', iss: provider.issuer, aud: provider.audience, exp: Math.floor(Date.now() / 1000) + 600, role: 'admin' })}.${sig}`)).toMatch(/bad signature/);
    const [row] = await app.graph.read("MATCH (n:Person {name: '测试编辑OIDC拒'}) RETURN count(n) AS n");
    expect(row.n).toBe(0);
  });

  it('an HS256 token claiming the provider issuer is refused, even signed with the server secret', async () => {
    const forged = await new SignJWT({ role: 'admin', realm_access: { roles: ['honorgraph-admin'] } })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('test-oidc-forger')
      .setIssuer(provider.issuer)
      .setAudience(provider.audience)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const me = (await app.raw(ME, {}, auth(forged))).data.me;
    expect(me).toMatchObject({ sub: null, role: 'VIEWER' });
    expect(me.problem).toMatch(/signed with a shared secret \(HS256\) but claims the provider's issuer/);
  });

  it("today's HS256 tokens keep working beside the provider's", async () => {
    expect((await app.raw(ME, {}, bearer('admin', 'test-oidc-hs'))).data.me).toMatchObject({ sub: 'test-oidc-hs', role: 'ADMIN', problem: null });
    const wrongSecret = signToken({ sub: 'test-oidc-hs', role: 'editor' }, 'another-secret-of-at-least-thirty-two-chars');
    expect((await app.raw(ME, {}, auth(wrongSecret))).data.me.problem).toMatch(/not valid \(bad signature/);
  });
});

describe('key rotation', () => {
  it('accepts a token of a new key once the key set serves it, and refuses tokens of a removed key', async () => {
    const oldKey = provider.signingKey;
    const oldToken = await provider.sign({ sub: 'test-oidc-rot', realm_access: { roles: ['honorgraph-editor'] } });
    expect((await app.raw(ME, {}, auth(oldToken))).data.me.role).toBe('EDITOR');

    // The provider adds an ES256 key and signs with it; the old one is still served for a while.
    const newKey = await makeKey('key-2', 'ES256');
    provider.served = [oldKey, newKey];
    const newToken = await provider.sign({ sub: 'test-oidc-rot2', realm_access: { roles: ['honorgraph-admin'] } }, { key: newKey });
    const fetches = provider.jwksFetches;
    expect((await app.raw(ME, {}, auth(newToken))).data.me).toMatchObject({ sub: 'test-oidc-rot2', role: 'ADMIN', problem: null });
    expect(provider.jwksFetches).toBe(fetches + 1); // the unknown kid made the server fetch the set again
    expect((await app.raw(ME, {}, auth(oldToken))).data.me.role).toBe('EDITOR');
    // Known keys are served from the cache: no fetch per request.
    expect(provider.jwksFetches).toBe(fetches + 1);

    // The old key is removed: once the set is fetched again (a token with an unknown kid), its tokens are refused.
    provider.served = [newKey];
    const other = await makeKey('key-3', 'RS256');
    const stray = await provider.sign({ sub: 'test-oidc-rot3' }, { key: other });
    expect((await app.raw(ME, {}, auth(stray))).data.me.problem).toMatch(/key the provider's key set \(AUTH_JWKS_URL\) does not hold/);
    const refused = await app.raw(CREATE('测试编辑OIDC旧钥'), {}, auth(oldToken));
    expect(refused.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(refused.errors![0].message).toMatch(/unknown or removed kid/);
    expect((await app.raw(ME, {}, auth(newToken))).data.me.role).toBe('ADMIN');
    provider.served = [oldKey];
  });
});

describe('a key set that is down', () => {
  it('gives a clear UNAUTHENTICATED within the fetch timeout, never a 500 or a hang; reads still answer', async () => {
    // A fresh server: its key set is not cached yet.
    const fresh = await startTestApp({ auth: { jwtSecret: TEST_JWT_SECRET, readsRequireAuth: false, oidc: provider.config({ jwksTimeoutMs: 800 }) } });
    try {
      const token = await provider.sign({ sub: 'test-oidc-down', realm_access: { roles: ['honorgraph-editor'] } });
      provider.jwksMode = 'hang';
      let started = Date.now();
      const hung = await fresh.post({ query: CREATE('测试编辑OIDC断') }, auth(token));
      const hungMs = Date.now() - started;
      expect(hung.status).toBe(401);
      expect(hung.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(hung.body.errors[0].message).toMatch(/sign-in provider's keys \(AUTH_JWKS_URL\) cannot be fetched \(no answer within 800 ms\)/);
      expect(hungMs).toBeLessThan(3_000);

      provider.jwksMode = 'error';
      started = Date.now();
      const failed = await fresh.post({ query: CREATE('测试编辑OIDC断') }, auth(token));
      expect(failed.status).toBe(401);
      expect(failed.body.errors[0].message).toMatch(/cannot be fetched/);
      expect(Date.now() - started).toBeLessThan(2_000);
      // A read with that token still answers, as for any caller without an accepted token.
      const read = await fresh.raw('{ organization(id: "org-huainan-wf") { name } }', {}, auth(token));
      expect(read.data.organization.name).toBe('淮南市妇女联合会');

      // Back up: accepted again (the cooldown is 0 in this test).
      provider.jwksMode = 'up';
      expect((await fresh.raw(ME, {}, auth(token))).data.me).toMatchObject({ sub: 'test-oidc-down', role: 'EDITOR' });
    } finally {
      await fresh.close();
    }
    const unreachable = await startTestApp({ auth: { readsRequireAuth: true, oidc: provider.config({ jwksUrl: 'http://127.0.0.1:1/certs' }) } });
    try {
      const started = Date.now();
      const token = await provider.sign({ sub: 'test-oidc-down' });
      const refused = await unreachable.post({ query: ME }, auth(token));
      expect(refused.status).toBe(401);
      expect(refused.body.errors[0].message).toMatch(/cannot be fetched \(ECONNREFUSED\)/);
      expect(Date.now() - started).toBeLessThan(2_000);
      // Without AUTH_JWT_SECRET, a pasted HS256 token is refused, saying so.
      const hs = await unreachable.post({ query: ME }, bearer('editor'));
      expect(hs.body.errors[0].message).toMatch(/no AUTH_JWT_SECRET configured, so it cannot check tokens minted by npm run token/);
    } finally {
      await unreachable.close();
    }
    const [row] = await app.graph.read("MATCH (n:Person {name: '测试编辑OIDC断'}) RETURN count(n) AS n");
    expect(row.n).toBe(0);
  });
});

describe('roles claim', () => {
  it('follows a dotted path, matches namespaced keys whole, takes a string or a list', () => {
    expect(claimAt({ realm_access: { roles: ['a'] } }, 'realm_access.roles')).toEqual(['a']);
    expect(claimAt({ 'https://example.org/roles': ['admin'] }, 'https://example.org/roles')).toEqual(['admin']);
    expect(claimAt({ 'https://example.org': { roles: 'x' } }, 'https://example.org.roles')).toBe('x');
    expect(claimAt({ a: 1 }, 'a.b')).toBeUndefined();
    expect(roleFrom({ roles: 'editor' }, 'roles')).toBe('editor');
    expect(roleFrom({ roles: ['viewer', 'admin', 'editor'] }, 'roles')).toBe('admin');
    expect(roleFrom({ roles: [1, {}, 'nobody'] }, 'roles')).toBe('viewer');
    expect(roleFrom({ 'https://example.org/roles': ['hg-editor'] }, 'https://example.org/roles', { 'hg-editor': 'editor' })).toBe('editor');
  });
});

describe('configuration', () => {
  const base = { AUTH_JWKS_URL: 'https://sso.example.org/realms/hg/protocol/openid-connect/certs', AUTH_OIDC_ISSUER: 'https://sso.example.org/realms/hg', AUTH_OIDC_AUDIENCE: 'honorgraph-api' };
  const refusal = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  it('reads the provider settings, with defaults', () => {
    const { oidc } = loadConfig({ ...base, AUTH_ROLES_CLAIM: 'realm_access.roles', AUTH_ROLE_MAP: 'honorgraph-admin=admin, honorgraph-editor=editor', AUTH_OIDC_CLIENT_ID: 'hg-web' }).auth;
    expect(oidc).toMatchObject({ ...{ jwksUrl: base.AUTH_JWKS_URL, issuer: base.AUTH_OIDC_ISSUER, audience: 'honorgraph-api' }, rolesClaim: 'realm_access.roles', roleMap: { 'honorgraph-admin': 'admin', 'honorgraph-editor': 'editor' }, clientId: 'hg-web', jwksTimeoutMs: 5000, jwksCooldownMs: 30000 });
    expect(loadConfig(base).auth.oidc).toMatchObject({ rolesClaim: 'roles', roleMap: undefined, clientId: undefined });
    expect(loadConfig({}).auth.oidc).toBeUndefined();
  });

  it('refuses a JWKS URL without issuer or audience, a bad URL, a bad role map, provider settings without a JWKS URL', () => {
    expect(refusal({ AUTH_JWKS_URL: base.AUTH_JWKS_URL, AUTH_OIDC_AUDIENCE: 'x' })).toMatch(/^AUTH_OIDC_ISSUER: is required with AUTH_JWKS_URL/);
    expect(refusal({ AUTH_JWKS_URL: base.AUTH_JWKS_URL, AUTH_OIDC_ISSUER: base.AUTH_OIDC_ISSUER })).toMatch(/^AUTH_OIDC_AUDIENCE: is required with AUTH_JWKS_URL/);
    expect(refusal({ ...base, AUTH_JWKS_URL: 'ftp://sso.example.org/certs' })).toMatch(/^AUTH_JWKS_URL: must be an https:\/\//);
    expect(refusal({ ...base, AUTH_ROLE_MAP: 'honorgraph-admin=superuser' })).toMatch(/^AUTH_ROLE_MAP: entry "honorgraph-admin=superuser": the role must be one of viewer, editor, admin/);
    expect(refusal({ ...base, AUTH_ROLE_MAP: 'justaname' })).toMatch(/^AUTH_ROLE_MAP: entry "justaname" must read name=role/);
    expect(refusal({ AUTH_OIDC_ISSUER: base.AUTH_OIDC_ISSUER })).toMatch(/^AUTH_OIDC_ISSUER: is set but AUTH_JWKS_URL is not/);
    expect(refusal({ ...base, AUTH_JWKS_TIMEOUT_MS: '0' })).toMatch(/^AUTH_JWKS_TIMEOUT_MS: must be between 100 and 60000/);
  });

  it('the server refuses to start with one line naming the setting', async () => {
    const child = spawn(process.execPath, [path.resolve(__dirname, '../dist/main.js')], {
      env: { ...process.env, NODE_ENV: 'development', NEO4J_URI: 'bolt://127.0.0.1:1', AUTH_JWKS_URL: base.AUTH_JWKS_URL, AUTH_OIDC_AUDIENCE: 'x', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^\[honorgraph\] cannot start: AUTH_OIDC_ISSUER: is required with AUTH_JWKS_URL/)]);
  });
});

describe('GET /auth/config and POST /auth/token', () => {
  const base = () => `http://127.0.0.1:${app.server.port}`;
  it('/auth/config tells the page the provider from its discovery document, no secrets', async () => {
    const response = await fetch(`${base()}/auth/config`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toEqual({
      tokenSignIn: true,
      provider: {
        name: 'Test SSO',
        issuer: provider.issuer,
        authorizationEndpoint: `${provider.issuer}/protocol/openid-connect/auth`,
        clientId: 'honorgraph-workspace',
        scope: 'openid profile',
        audience: 'honorgraph-api',
      },
    });
    expect(JSON.stringify(body)).not.toContain(TEST_JWT_SECRET);
    // Without a provider: the token paste only.
    const plain = await startTestApp();
    try {
      expect(await (await fetch(`http://127.0.0.1:${plain.server.port}/auth/config`)).json()).toEqual({ tokenSignIn: true, provider: null });
      const none = await fetch(`http://127.0.0.1:${plain.server.port}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(none.status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('/auth/token exchanges a code with its PKCE verifier; refuses bad input naming the field, and a wrong verifier', async () => {
    const verifier = 'v'.repeat(43) + 'erifier-of-the-test';
    const challenge = require('node:crypto').createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = `${base()}/edit/`;
    provider.nextUser = { sub: 'test-oidc-page', realm_access: { roles: ['honorgraph-editor'] } };
    const authorize = async () => {
      const response = await fetch(`${provider.issuer}/protocol/openid-connect/auth?${new URLSearchParams({ client_id: provider.clientId, redirect_uri: redirectUri, state: 's', code_challenge: challenge, code_challenge_method: 'S256', response_type: 'code' })}`, { redirect: 'manual' });
      return new URL(response.headers.get('location')!).searchParams.get('code')!;
    };
    const exchange = (body: unknown) => fetch(`${base()}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const ok = await exchange({ code: await authorize(), codeVerifier: verifier, redirectUri });
    expect(ok.status).toBe(200);
    const answer = await jsonOf(ok);
    expect(answer).toMatchObject({ sub: 'test-oidc-page', role: 'EDITOR', expiresAt: expect.any(Number) });
    expect((await app.raw(ME, {}, auth(answer.accessToken))).data.me).toMatchObject({ sub: 'test-oidc-page', role: 'EDITOR' });

    const wrong = await exchange({ code: await authorize(), codeVerifier: 'w'.repeat(50), redirectUri });
    expect(wrong.status).toBe(401);
    expect((await jsonOf(wrong)).errors[0].message).toMatch(/provider refused the sign-in \(invalid_grant: PKCE verification failed\)/);

    const short = await exchange({ code: 'abc', codeVerifier: 'too-short', redirectUri });
    expect(short.status).toBe(400);
    expect((await jsonOf(short)).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'codeVerifier' });
    const elsewhere = await exchange({ code: 'abc', codeVerifier: verifier, redirectUri: 'https://evil.example.org/steal' });
    expect((await jsonOf(elsewhere)).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'redirectUri' });
    const noCode = await exchange({ codeVerifier: verifier, redirectUri });
    expect((await jsonOf(noCode)).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
  });
});
