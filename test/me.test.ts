import { bearer, startTestApp, TestApp } from './support/app';
import { signToken } from '../src/auth/token';
import { TEST_JWT_SECRET } from './support/app';

/** `me`: who the request's token speaks for, what the workspace asks after sign-in; and the viewer role. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const ME = '{ me { sub role expiresAt problem } }';

describe('me', () => {
  it('answers the subject, role and expiry of a valid token', async () => {
    const before = Math.floor(Date.now() / 1000);
    const response = await app.raw(ME, {}, bearer('editor', 'test-me-alice'));
    expect(response.errors).toBeUndefined();
    expect(response.data.me).toMatchObject({ sub: 'test-me-alice', role: 'EDITOR', problem: null });
    // Tokens from bearer() last 12 h.
    expect(response.data.me.expiresAt).toBeGreaterThanOrEqual(before + 12 * 3600 - 5);
    expect(response.data.me.expiresAt).toBeLessThanOrEqual(before + 12 * 3600 + 5);
    expect((await app.raw(ME, {}, bearer('admin', 'test-me-root'))).data.me.role).toBe('ADMIN');
  });

  it('is an anonymous VIEWER without a token, and says why a bad token is not accepted', async () => {
    expect((await app.raw(ME)).data.me).toEqual({ sub: null, role: 'VIEWER', expiresAt: null, problem: null });
    const bad = await app.raw(ME, {}, { authorization: `Bearer ${signToken({ sub: 'test-me-x', role: 'editor' }, 'another-secret-of-at-least-thirty-two-chars')}` });
    expect(bad.data.me).toMatchObject({ sub: null, role: 'VIEWER' });
    expect(bad.data.me.problem).toMatch(/not valid/);
  });

  it('a viewer token reads but may not edit: FORBIDDEN naming the role needed, nothing written', async () => {
    const viewer = bearer('viewer', 'test-me-reader');
    expect((await app.raw(ME, {}, viewer)).data.me).toMatchObject({ sub: 'test-me-reader', role: 'VIEWER' });
    const read = await app.raw('{ organization(id: "org-huainan-wf") { name } }', {}, viewer);
    expect(read.data.organization.name).toBe('淮南市妇女联合会');
    const refused = await app.raw('mutation { createPerson(input: { name: "测试编辑读者" }) { id } }', {}, viewer);
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(refused.errors![0].message).toMatch(/needs the role editor; the token of "test-me-reader" has role viewer/);
    const [row] = await app.graph.read("MATCH (n:Person {name: '测试编辑读者'}) RETURN count(n) AS n");
    expect(row.n).toBe(0);
  });

  it('with READS_REQUIRE_AUTH a viewer token is enough to read', async () => {
    const strict = await startTestApp({ auth: { jwtSecret: TEST_JWT_SECRET, readsRequireAuth: true } });
    try {
      expect((await strict.raw(ME)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect((await strict.raw(ME, {}, bearer('viewer', 'test-me-reader'))).data.me.role).toBe('VIEWER');
    } finally {
      await strict.close();
    }
  });
});
