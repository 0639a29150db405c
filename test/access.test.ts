import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { parse as parseCsv } from 'csv-parse/sync';
import { bearer, startTestApp, TestApp, TEST_JWT_SECRET } from './support/app';
import { FaultyGraph } from './support/faulty-graph';
import { DEFAULT_ACCESS } from '../src/config';
import { fromGraphml } from '../src/export/graphml';

/**
 * The holes of issue 12 items 3 and 10, each reproduced against the real server and Neo4j: the
 * export's read policy, limits and streaming, text XML cannot hold, tokens for ever, editors'
 * names in public history and exports, metrics labels used up by junk, and the security headers.
 */
const EDITOR_SUB = 'test-access-secret-editor';
const SCRATCH = fs.mkdtempSync(path.join(os.tmpdir(), 'honorgraph-access-'));
let app: TestApp;

const baseOf = (a: TestApp) => `http://127.0.0.1:${a.server.port}`;
async function get(a: TestApp, route: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseOf(a)}${route}`, { headers });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the test says what it expected
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** The server's one shape of HTTP errors. */
const httpError = (code: string, message: RegExp | string) => ({
  errors: [{ message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message), extensions: { code, requestId: expect.any(String) } }],
});

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', () => resolve({ status: null, stdout, stderr }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  app = await startTestApp();
  // What an editor's createPerson leaves (createdBy on the node), a citation edge carrying it too,
  // and a Source whose language holds a NUL and a U+FFFF, as data written before the input checks.
  await app.graph.write(
    `CREATE (p:Entity:Person {id: 'test-access-person', name: '测试访问人', aliases: [], createdBy: $sub})
     CREATE (s:Entity:Source {id: 'test-access-source', title: '测试访问来源', aliases: [], language: $language, createdBy: $sub})
     CREATE (p)-[:MEMBER_OF {key: 'test-access', role: '会员', createdBy: $sub}]->(:Entity:Organization {id: 'test-access-org', name: '测试访问协会', aliases: [], kind: 'ASSOCIATION'})`,
    { sub: EDITOR_SUB, language: 'zh\u0000CN\uFFFF' },
  );
});
afterAll(async () => {
  await app.graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-access-' DETACH DELETE n");
  await app.graph.write("MATCH (r:Revision) WHERE r.actor STARTS WITH 'test-access-' DETACH DELETE r");
  await app.close();
  fs.rmSync(SCRATCH, { recursive: true, force: true });
});

describe('export obeys the read policy of /graphql', () => {
  it('with READS_REQUIRE_AUTH an anonymous export gets 401 UNAUTHENTICATED in the JSON error shape; a token gets the file', async () => {
    const closed = await startTestApp({ auth: { jwtSecret: TEST_JWT_SECRET, readsRequireAuth: true } });
    try {
      const anonymous = await get(closed, '/export?format=graphml');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toEqual(httpError('UNAUTHENTICATED', 'READS_REQUIRE_AUTH'));
      expect(anonymous.text).not.toContain('<graphml');
      const badToken = await get(closed, '/export?format=jsonld', { authorization: 'Bearer not-a-token' });
      expect(badToken.body).toEqual(httpError('UNAUTHENTICATED', 'not valid'));
      const reader = await get(closed, '/export?format=jsonld', bearer('editor'));
      expect(reader.status).toBe(200);
      expect(JSON.parse(reader.text)['@graph'].length).toBeGreaterThan(80);
    } finally {
      await closed.close();
    }
  });

  it('EXPORT_REQUIRES_ROLE=admin: no token → 401, an editor → 403 FORBIDDEN, an admin → 200', async () => {
    const adminOnly = await startTestApp({ access: { ...DEFAULT_ACCESS, exportRequiresRole: 'admin' } });
    try {
      expect((await get(adminOnly, '/export?format=csv')).body).toEqual(httpError('UNAUTHENTICATED', 'EXPORT_REQUIRES_ROLE is admin'));
      const editor = await get(adminOnly, '/export?format=csv', bearer('editor'));
      expect(editor.status).toBe(403);
      expect(editor.body).toEqual(httpError('FORBIDDEN', 'has role editor'));
      expect((await get(adminOnly, '/export?format=csv', bearer('admin'))).status).toBe(200);
    } finally {
      await adminOnly.close();
    }
  });

  it("leaves editors' names (createdBy) out of every format for anonymous readers; editors get them", async () => {
    for (const query of ['format=graphml', 'format=jsonld', 'format=csv&part=nodes', 'format=csv&part=edges']) {
      const anonymous = await get(app, `/export?${query}`);
      expect(anonymous.status).toBe(200);
      expect(anonymous.text).toContain('test-access-person');
      expect(anonymous.text).not.toContain(EDITOR_SUB);
      expect(anonymous.text).not.toContain('createdBy');
      const editor = await get(app, `/export?${query}`, bearer('editor'));
      expect(editor.text).toContain(EDITOR_SUB);
    }
    const nodes: any[] = parseCsv((await get(app, '/export?format=csv&part=nodes', bearer('editor'))).text, { columns: true });
    expect(nodes.find((r: any) => r.id === 'test-access-person').createdBy).toBe(EDITOR_SUB);
  });

  it('HISTORY_ACTORS_PUBLIC=true shows them to everyone', async () => {
    const open = await startTestApp({ auth: { jwtSecret: TEST_JWT_SECRET, actorsPublic: true } });
    try {
      expect((await get(open, '/export?format=jsonld&root=test-access-person&hops=0')).text).toContain(EDITOR_SUB);
    } finally {
      await open.close();
    }
  });
});

describe('export is bounded and streams', () => {
  it('a second export while EXPORT_MAX_CONCURRENT=1 is running gets 429 TOO_MANY_REQUESTS with Retry-After; the first completes', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const slow = new FaultyGraph(app.graph, async (cypher) => {
      if (cypher.includes('RETURN count(n) AS nodes')) {
        entered();
        await held;
      }
    });
    const limited = await startTestApp({ graph: slow, access: { ...DEFAULT_ACCESS, exportMaxConcurrent: 1 } });
    try {
      const first = get(limited, '/export?format=graphml');
      await inside;
      const second = await get(limited, '/export?format=jsonld');
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toBe('10');
      expect(second.body).toEqual(httpError('TOO_MANY_REQUESTS', 'EXPORT_MAX_CONCURRENT (1)'));
      release();
      const done = await first;
      expect(done.status).toBe(200);
      expect(done.text).toContain('</graphml>');
      // The slot is free again.
      expect((await get(limited, '/export?format=csv')).status).toBe(200);
    } finally {
      release();
      await limited.close();
    }
  });

  it('an export over EXPORT_MAX_NODES is refused with 413 naming the limit before anything is sent; a subgraph within it passes', async () => {
    const small = await startTestApp({ access: { ...DEFAULT_ACCESS, exportMaxNodes: 5 } });
    try {
      const whole = await get(small, '/export?format=graphml');
      expect(whole.status).toBe(413);
      expect(whole.body).toEqual(httpError('BAD_USER_INPUT', /^the export would hold \d+ nodes, more than EXPORT_MAX_NODES \(5\)/));
      const part = await get(small, '/export?format=graphml&root=test-access-person&hops=1');
      expect(part.status).toBe(200);
      expect([...part.text.matchAll(/<node id=/g)]).toHaveLength(2);
    } finally {
      await small.close();
    }
  });

  it('sends the head of the file before the nodes are read (written as it is read, not built whole)', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Holds the read of the first batch of nodes.
    const slow = new FaultyGraph(app.graph, async (cypher) => {
      if (cypher.includes('ORDER BY n.id LIMIT $batch')) await held;
    });
    const streaming = await startTestApp({ graph: slow });
    try {
      const response = await fetch(`${baseOf(streaming)}/export?format=graphml`);
      const reader = response.body!.getReader();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'held'>((resolve) => (timer = setTimeout(() => resolve('held'), 20_000)));
      const head = await Promise.race([reader.read(), timeout]);
      clearTimeout(timer);
      expect(head).not.toBe('held');
      const text = new TextDecoder().decode((head as { value?: Uint8Array }).value);
      expect(text).toContain('<key id="g_types"');
      expect(text).not.toContain('<node ');
      expect(response.headers.get('content-length')).toBeNull();
      release();
      let rest = text;
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
      expect(rest).toContain('<node id="test-access-person">');
      expect(rest.trimEnd().endsWith('</graphml>')).toBe(true);
    } finally {
      release();
      await streaming.close();
    }
  });
});

describe('GraphML holds only what XML 1.0 can', () => {
  it('a NUL and a U+FFFF stored in Source.language (through the driver) still give GraphML that parses as XML, and come back exactly', async () => {
    const download = await get(app, '/export?format=graphml', bearer('editor'));
    expect(download.status).toBe(200);
    expect(download.text).not.toMatch(/[\u0000\uFFFF]/);
    const file = path.join(SCRATCH, 'nul.graphml');
    fs.writeFileSync(file, download.text);
    // Expat is a strict XML 1.0 parser: it refuses a NUL (also as &#0;) anywhere.
    const script = `import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
key = [k.get("id") for k in root.findall("g:key", ns) if k.get("attr.name") == "language" and k.get("for") == "node"][0]
node = [n for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node") if n.get("id") == "test-access-source"][0]
print([d.text for d in node.findall("g:data", ns) if d.get("key") == key][0])`;
    const parsed = await run('python3', ['-c', script, file], process.env);
    expect(parsed.stderr).toBe('');
    // Written as JSON text with the characters XML cannot hold escaped (docs/export.md), nothing replaced.
    expect(parsed.stdout.trim()).toBe('"zh\\u0000CN\\uffff"');
    expect(download.text).not.toContain('character(s) that XML 1.0 cannot hold');
    // And the project's own reader takes it back exactly.
    const source = fromGraphml(download.text).nodes.find((n) => n.id === 'test-access-source')!;
    expect(source.properties.language).toBe('zh\u0000CN\uFFFF');
    // JSON can carry the NUL as \u0000: JSON-LD keeps the value exactly.
    const jsonld = JSON.parse((await get(app, '/export?format=jsonld&root=test-access-source&hops=0')).text);
    expect(jsonld['@graph'][0].inLanguage).toEqual(['zh\u0000CN\uFFFF']);
  });
});

describe('tokens expire, within a bounded lifetime', () => {
  const UNDO = 'mutation { undo(revisionId: "rev-test-access-none") { id } }';
  const sign = (payload: object, options: jwt.SignOptions = {}) =>
    `Bearer ${jwt.sign({ role: 'admin', ...payload }, TEST_JWT_SECRET, { algorithm: 'HS256', subject: 'test-access-admin', issuer: 'honorgraph', ...options })}`;
  const answer = async (a: TestApp, authorization: string) => {
    const response = await a.raw(UNDO, {}, { authorization });
    return { code: response.errors?.[0]?.extensions?.code, message: response.errors?.[0]?.message };
  };

  it('a signed token without exp is refused (UNAUTHENTICATED), and writes nothing', async () => {
    expect(await answer(app, sign({}))).toEqual({ code: 'UNAUTHENTICATED', message: 'the bearer token has no expiry (exp); mint one with npm run token' });
    // The same token with an exp gets past authentication (to NOT_FOUND: there is no such revision).
    expect((await answer(app, sign({}, { expiresIn: '1h' }))).code).toBe('NOT_FOUND');
  });

  it('a token valid for longer than AUTH_MAX_TOKEN_LIFETIME (30 days) is refused, by exp − iat and by exp − now', async () => {
    expect(await answer(app, sign({}, { expiresIn: '400d' }))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'the bearer token is valid for longer than AUTH_MAX_TOKEN_LIFETIME (30d); mint a shorter one',
    });
    const now = Math.floor(Date.now() / 1000);
    expect((await answer(app, sign({ iat: now - 40 * 86_400, exp: now + 3600 }))).code).toBe('UNAUTHENTICATED');
    expect((await answer(app, sign({ exp: now + 40 * 86_400 }, { noTimestamp: true }))).code).toBe('UNAUTHENTICATED');
    expect((await answer(app, sign({}, { expiresIn: '29d' }))).code).toBe('NOT_FOUND');
  });

  it('AUTH_ISSUER and AUTH_AUDIENCE, when set, are checked', async () => {
    const strict = await startTestApp({ auth: { jwtSecret: TEST_JWT_SECRET, issuer: 'hg-test', audience: 'hg-api' } });
    try {
      expect(await answer(strict, sign({}, { expiresIn: '1h', audience: 'hg-api' }))).toEqual({ code: 'UNAUTHENTICATED', message: 'the bearer token\'s issuer (iss) must be "hg-test"' });
      expect(await answer(strict, sign({}, { expiresIn: '1h', issuer: 'hg-test' }))).toEqual({ code: 'UNAUTHENTICATED', message: 'the bearer token\'s audience (aud) must be "hg-api"' });
      expect((await answer(strict, sign({}, { expiresIn: '1h', issuer: 'hg-test', audience: 'hg-api' }))).code).toBe('NOT_FOUND');
    } finally {
      await strict.close();
    }
  });

  it('npm run token mints an exp (12h by default, --expires-in), carries AUTH_ISSUER/AUTH_AUDIENCE, and refuses a lifetime over the limit', async () => {
    const cli = path.resolve(__dirname, '../dist/auth/token.js');
    const env = { ...process.env, AUTH_JWT_SECRET: TEST_JWT_SECRET };
    const plain = await run(process.execPath, [cli, '--sub', 'test-access-cli'], env);
    expect(plain.status).toBe(0);
    const claims = jwt.verify(plain.stdout.trim(), TEST_JWT_SECRET) as jwt.JwtPayload;
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
    const short = await run(process.execPath, [cli, '--sub', 'test-access-cli', '--expires-in', '2h'], { ...env, AUTH_ISSUER: 'hg-test', AUTH_AUDIENCE: 'hg-api' });
    const shortClaims = jwt.verify(short.stdout.trim(), TEST_JWT_SECRET) as jwt.JwtPayload;
    expect(shortClaims).toMatchObject({ iss: 'hg-test', aud: 'hg-api', role: 'editor' });
    expect(shortClaims.exp! - shortClaims.iat!).toBe(7200);
    const long = await run(process.execPath, [cli, '--sub', 'test-access-cli', '--expires-in', '400d'], env);
    expect(long.status).toBe(1);
    expect(long.stderr).toContain('longer than AUTH_MAX_TOKEN_LIFETIME (30d)');
  });
});

describe('who changed what is for editors', () => {
  const HISTORY = 'query ($id: ID!) { history(id: $id) { edges { node { actor role operation before after } } } }';
  let id: string;

  beforeAll(async () => {
    const created = await app.raw('mutation { createPerson(input: {name: "测试访问历史人", allowDuplicate: true}) { id } }', {}, bearer('editor', 'test-access-historian'));
    id = created.data.createPerson.id;
  });
  afterAll(async () => {
    await app.graph.write('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id });
  });

  it("anonymous history shows no actor and no createdBy; an editor's shows both", async () => {
    const anonymous = await app.raw(HISTORY, { id });
    expect(anonymous.errors).toBeUndefined();
    const [revision] = anonymous.data.history.edges.map((e: any) => e.node);
    expect(revision).toMatchObject({ actor: null, role: 'editor', operation: 'createPerson' });
    expect(JSON.stringify(anonymous)).not.toContain('test-access-historian');
    expect(JSON.parse(revision.after).nodes[id].props).not.toHaveProperty('createdBy');
    expect(JSON.parse(revision.after).nodes[id].props.name).toBe('测试访问历史人');

    const editor = await app.raw(HISTORY, { id }, bearer('editor'));
    const [seen] = editor.data.history.edges.map((e: any) => e.node);
    expect(seen.actor).toBe('test-access-historian');
    expect(JSON.parse(seen.after).nodes[id].props.createdBy).toBe('test-access-historian');
  });

  it('with HISTORY_ACTORS_PUBLIC=true everyone sees them', async () => {
    const open = await startTestApp({ auth: { jwtSecret: TEST_JWT_SECRET, actorsPublic: true } });
    try {
      const anonymous = await open.raw(HISTORY, { id });
      expect(anonymous.data.history.edges[0].node.actor).toBe('test-access-historian');
    } finally {
      await open.close();
    }
  });
});

describe('/metrics', () => {
  it('210 junk operation names whose operations fail (validation, variables) take no label; a real operation after them keeps its own', async () => {
    const fresh = await startTestApp();
    try {
      for (let i = 0; i < 210; i++) {
        // Half pass validation and fail at execution (a missing variable), half fail validation.
        const junk = i % 2 ? await fresh.raw(`query Junk${i} { nosuchfield }`) : await fresh.raw(`query Junk${i}($id: ID!) { organization(id: $id) { name } }`);
        expect(junk.errors?.[0]?.extensions?.code).toBe(i % 2 ? 'GRAPHQL_VALIDATION_FAILED' : 'BAD_USER_INPUT');
      }
      const real = await fresh.raw('query RealAfterJunk { organization(id: "org-huainan-wf") { name } }');
      expect(real.data.organization.name).toBe('淮南市妇女联合会');
      const text = (await get(fresh, '/metrics')).text;
      expect(text).toMatch(/^graphql_request_duration_seconds_count\{operation="RealAfterJunk",outcome="ok"\} 1$/m);
      expect(text).not.toMatch(/operation="Junk\d+"/);
      expect(text).toMatch(/^graphql_request_duration_seconds_count\{operation="other",outcome="error"\} 105$/m);
    } finally {
      await fresh.close();
    }
  });

  it('with METRICS_TOKEN set, /metrics needs it as a bearer token', async () => {
    const token = 'test-metrics-token-0123456789';
    const guarded = await startTestApp({ access: { ...DEFAULT_ACCESS, metricsToken: token } });
    try {
      const none = await get(guarded, '/metrics');
      expect(none.status).toBe(401);
      expect(none.body).toEqual(httpError('UNAUTHENTICATED', 'METRICS_TOKEN'));
      expect((await get(guarded, '/metrics', { authorization: `Bearer ${token}x` })).status).toBe(401);
      const good = await get(guarded, '/metrics', { authorization: `Bearer ${token}` });
      expect(good.status).toBe(200);
      expect(good.text).toMatch(/^neo4j_pool_connections_max /m);
    } finally {
      await guarded.close();
    }
  });
});

describe('security headers', () => {
  it('the explorer, /graphql, /export and errors carry CSP with frame-ancestors none, nosniff, DENY and no-referrer', async () => {
    const responses = [
      await get(app, '/'),
      await get(app, '/graphql?query=%7B__typename%7D', { accept: 'application/json' }),
      await get(app, '/export?format=nope'),
      await get(app, '/no-such-page'),
    ];
    const post = await app.post({ query: '{ __typename }' });
    for (const { headers } of [...responses, post]) {
      const csp = headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect(responses[0].text).toContain('HonorGraph');
    expect(responses[3].status).toBe(404);
    expect(responses[3].body).toEqual(httpError('NOT_FOUND', 'nothing is served at GET /no-such-page'));
  });
});
