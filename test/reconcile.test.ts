import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import Ajv, { ValidateFunction } from 'ajv';
import { createLogger } from '../src/app/observability';
import { bearer, startTestApp, TestApp } from './support/app';

/**
 * The reconciliation service against the real server and the seeded graph: every response shape
 * validated against the specification's JSON schemas of both versions (test/fixtures/reconciliation/),
 * then the behaviour a researcher relies on: batches, types, property conditions, suggest by id,
 * previews, extension, CORS, JSONP, bounds and the read policy.
 */

const FIXTURES = path.resolve(__dirname, 'fixtures/reconciliation');

/** One ajv per version: the two folders reuse some $ids. */
function schemas(version: '0.2' | '1.0-draft'): (name: string) => ValidateFunction {
  const ajv = new Ajv({ strict: false, validateSchema: false, validateFormats: false, allErrors: true });
  const dir = path.join(FIXTURES, version);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), file);
  return (name) => ajv.getSchema(`${name}.json`)!;
}
const v02 = schemas('0.2');
const v10 = schemas('1.0-draft');

function expectValid(validate: ValidateFunction, body: unknown) {
  const ok = validate(body);
  if (!ok) throw new Error(`${JSON.stringify(validate.errors, null, 1).slice(0, 2000)}\nbody: ${JSON.stringify(body).slice(0, 1000)}`);
  expect(ok).toBe(true);
}

let app: TestApp;
let base: string;
beforeAll(async () => {
  app = await startTestApp();
  base = `http://127.0.0.1:${app.server.port}/reconcile`;
});
afterAll(() => app.close());

const get = async (url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { headers });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // JSONP or HTML: the test reads the text
  }
  return { status: response.status, headers: response.headers, body, text };
};
const q02 = (queries: unknown) => get(`${base}?queries=${encodeURIComponent(JSON.stringify(queries))}`);
const postJson = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
};
const postForm = async (url: string, fields: Record<string, string>) => {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(fields) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
};

describe('the schemas themselves', () => {
  it('refuse what the spec calls invalid, so a passing validation means something', () => {
    expect(v02('reconciliation-result-batch')({ q0: { result: [{ name: 'no id', score: 1 }] } })).toBe(false);
    expect(v10('reconciliation-result-batch')({ results: [{ candidates: [{ id: 'x' }] }] })).toBe(false);
    expect(v02('manifest')({ name: 'no versions', identifierSpace: 'a', schemaSpace: 'b' })).toBe(false);
    expect(v10('manifest')({ versions: ['0.2'], name: 'old', view: { url: 'http://x/{id}' } })).toBe(false);
    expect(v10('data-extension-response')({ meta: [], rows: [{ id: 'x', properties: [{ id: 'p', values: [{ str: 1 }] }] }] })).toBe(false);
  });
});

describe('the manifests validate against the spec and point at the explorer', () => {
  it('0.2 at /reconcile', async () => {
    const { status, body } = await get(base);
    expect(status).toBe(200);
    expectValid(v02('manifest'), body);
    expect(body.versions).toEqual(['0.2']);
    expect(body.view.url).toBe(`http://127.0.0.1:${app.server.port}/?node={{id}}`);
    expect(body.batchSize).toBe(20);
    expect(body.defaultTypes.map((t: any) => t.id)).toEqual(expect.arrayContaining(['Organization', 'Federation', 'Bank', 'Person', 'Honor', 'Program']));
    expect(body.preview.url).toContain('/reconcile/preview?id={{id}}');
  });

  it('1.0-draft at /reconcile/1.0', async () => {
    const { status, body } = await get(`${base}/1.0`);
    expect(status).toBe(200);
    expectValid(v10('manifest'), body);
    expect(body.versions).toEqual(['1.0-draft']);
    expect(body.view.url).toMatch(/\/\?node=\{id\}$/);
    expect(body.suggest).toEqual({ entity: true, type: true, property: true });
  });

  it('the explorer page answers the view link', async () => {
    const page = await get(`http://127.0.0.1:${app.server.port}/?node=person-he-tingting`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });
});

describe('matching', () => {
  it('answers a 0.2 batch (GET) with candidates that validate, in the query order', async () => {
    const { status, body } = await q02({
      q0: { query: '婦聯', type: 'Organization', properties: [{ pid: 'place', v: '淮南' }] },
      q1: { query: '何婷婷', type: 'Person', limit: 3 },
      q2: { query: '不存在的机构名称', type: 'Organization' },
    });
    expect(status).toBe(200);
    expectValid(v02('reconciliation-result-batch'), body);
    expect(Object.keys(body)).toEqual(['q0', 'q1', 'q2']);
    expect(body.q0.result[0]).toMatchObject({ id: 'org-huainan-wf', match: true });
    expect(body.q0.result[0].type).toEqual([{ id: 'Federation', name: "Women's federation" }, { id: 'Organization', name: 'Organization (any kind)' }]);
    expect(body.q1.result[0]).toMatchObject({ id: 'person-he-tingting', name: '何婷婷', score: 100, match: true });
    expect(body.q2.result).toEqual([]);
  });

  it('answers a POSTed form field `queries` as OpenRefine sends it', async () => {
    const { status, body } = await postForm(base, { queries: JSON.stringify({ q0: { query: '淮南中院', type: 'Institution', type_strict: 'should' } }) });
    expect(status).toBe(200);
    expectValid(v02('reconciliation-result-batch'), body);
    expect(body.q0.result[0].id).toBe('org-huainan-intermediate-court');
  });

  it('answers a 1.0 batch with name and property conditions that validates', async () => {
    const { status, body } = await postJson(`${base}/1.0/match`, {
      queries: [
        { type: 'Organization', limit: 2, conditions: [{ matchType: 'name', propertyValue: '安徽省妇联' }, { matchType: 'property', propertyId: 'parent', propertyValue: { id: 'org-acwf', name: '全国妇联' } }] },
        { conditions: [{ matchType: 'id', propertyValue: 'honor-sanba-pacesetter' }] },
      ],
    });
    expect(status).toBe(200);
    expectValid(v10('reconciliation-result-batch'), body);
    const [first, second] = body.results;
    expect(first.candidates[0]).toMatchObject({ id: 'org-anhui-wf', match: true });
    expect(first.candidates[0].features).toEqual(expect.arrayContaining([{ id: 'parent_match', name: 'Parent organization matches', value: true }, expect.objectContaining({ id: 'alias', value: true })]));
    expect(second.candidates[0]).toMatchObject({ id: 'honor-sanba-pacesetter', score: 100, match: true });
  });

  it('a parent that does not hold costs the candidate its match', async () => {
    const { body } = await q02({ q0: { query: '淮南市妇联', type: 'Organization', properties: [{ pid: 'parent', v: '徽商银行' }] } });
    expect(body.q0.result[0]).toMatchObject({ id: 'org-huainan-wf', score: 95 - 15, match: false });
    expect(body.q0.result[0].features).toContainEqual({ id: 'parent_match', name: 'Parent organization matches', value: false });
  });

  it('an honor received is a condition too, and a required 1.0 condition drops those who fail it', async () => {
    const met = await q02({ q0: { query: '淮南市妇女联合会', type: 'Organization', properties: [{ pid: 'honor', v: '省三八红旗集体' }] } });
    expect(met.body.q0.result[0].features).toContainEqual({ id: 'honor_match', name: 'Honor received matches', value: true });
    const dropped = await postJson(`${base}/1.0/match`, {
      queries: [{ type: 'Organization', conditions: [{ matchType: 'name', propertyValue: '淮南市妇女联合会' }, { matchType: 'property', propertyId: 'honor', propertyValue: '全国三八红旗集体', required: true }] }],
    });
    expectValid(v10('reconciliation-result-batch'), dropped.body);
    expect(dropped.body.results[0].candidates).toEqual([]);
  });

  it('a type of another kind leaves the candidate out, and the type is strict unless "should"', async () => {
    const strict = await q02({ q0: { query: '淮南市妇女联合会', type: 'Bank' } });
    expect(strict.body.q0.result).toEqual([]);
    const should = await q02({ q0: { query: '淮南市妇女联合会', type: 'Bank', type_strict: 'should' } });
    expect(should.body.q0.result[0]).toMatchObject({ id: 'org-huainan-wf', score: 90, match: false });
  });

  it('typing an id as the query finds that entity', async () => {
    const { body } = await q02({ q0: { query: 'org-huishang-bank' } });
    expect(body.q0.result[0]).toMatchObject({ id: 'org-huishang-bank', score: 100, match: true });
    expect(body.q0.result[0].features).toContainEqual({ id: 'id_match', name: 'The query is the entity id', value: true });
  });
});

describe('suggest, preview and extension', () => {
  it('suggests entities (an id returns its entity), types and properties, in both versions', async () => {
    for (const [prefix, version] of [['', v02], ['/1.0', v10]] as const) {
      const byName = await get(`${base}${prefix}/suggest/entity?prefix=${encodeURIComponent('淮南市妇')}`);
      expectValid(version('suggest-entities-response'), byName.body);
      expect(byName.body.result.map((r: any) => r.id)).toContain('org-huainan-wf');
      const byId = await get(`${base}${prefix}/suggest/entity?prefix=person-he-tingting`);
      expectValid(version('suggest-entities-response'), byId.body);
      expect(byId.body.result[0]).toMatchObject({ id: 'person-he-tingting', name: '何婷婷' });
      const types = await get(`${base}${prefix}/suggest/type?prefix=fed`);
      expectValid(version('suggest-types-response'), types.body);
      expect(types.body.result.map((t: any) => t.id)).toEqual(['Federation']);
      const properties = await get(`${base}${prefix}/suggest/property?prefix=par&type=Organization`);
      expectValid(version('suggest-properties-response'), properties.body);
      expect(properties.body.result.map((p: any) => p.id)).toEqual(['parent']);
    }
  });

  it('previews an entity as a small escaped HTML card that a client may frame', async () => {
    const { status, headers, text } = await get(`${base}/preview?id=org-huainan-wf`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/html');
    expect(headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors *");
    expect(headers.get('x-frame-options')).toBeNull();
    expect(text).toContain('<h1>淮南市妇女联合会</h1>');
    expect(text).toContain('安徽省妇女联合会');
    expect(text).toContain('省三八红旗集体 (2024)');
    expect(text).toContain('Women&#39;s federation');
    const missing = await get(`${base}/1.0/preview?id=org-nowhere`);
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('proposes properties for a type, in both versions', async () => {
    const p02 = await get(`${base}/propose_properties?type=Organization`);
    expectValid(v02('data-extension-property-proposal'), p02.body);
    const p10 = await get(`${base}/1.0/extend/propose?type=Person&limit=3`);
    expectValid(v10('data-extension-property-proposal'), p10.body);
    expect(p10.body).toMatchObject({ type: 'Person', limit: 3 });
    expect(p10.body.properties).toHaveLength(3);
    expect(p02.body.properties.map((p: any) => p.id)).toEqual(expect.arrayContaining(['parent', 'level', 'kind', 'honors', 'honorYears', 'members']));
  });

  const extendQuery = { ids: ['org-huainan-wf', 'person-he-tingting', 'org-nowhere'], properties: [{ id: 'parent' }, { id: 'level' }, { id: 'kind' }, { id: 'honors' }, { id: 'honorYears' }, { id: 'members' }] };

  it('extends rows with parent, level, kind, honors with their years and members (0.2)', async () => {
    const { status, body } = await get(`${base}?extend=${encodeURIComponent(JSON.stringify(extendQuery))}`);
    expect(status).toBe(200);
    expectValid(v02('data-extension-response'), body);
    const wf = body.rows['org-huainan-wf'];
    expect(wf.parent).toEqual([{ id: 'org-anhui-wf', name: '安徽省妇女联合会' }]);
    expect(wf.level).toEqual([{ str: 'MUNICIPAL' }]);
    expect(wf.kind).toEqual([{ str: 'FEDERATION' }]);
    expect(wf.honors).toHaveLength(3);
    expect(wf.honorYears).toEqual([{ int: 2024 }, { int: 2024 }, { int: 2024 }]);
    expect(body.rows['person-he-tingting'].parent).toEqual([]);
    expect(body.rows['org-nowhere'].level).toEqual([]);
    expect(body.meta[0]).toEqual({ id: 'parent', name: 'Parent organization', type: { id: 'Organization', name: 'Organization' } });
  });

  it('extends rows in the 1.0 shape', async () => {
    const { status, body } = await postJson(`${base}/1.0/extend`, extendQuery);
    expect(status).toBe(200);
    expectValid(v10('data-extension-response'), body);
    expect(body.rows[0]).toMatchObject({ id: 'org-huainan-wf' });
    expect(body.rows[0].properties.find((p: any) => p.id === 'level').values).toEqual([{ str: 'MUNICIPAL' }]);
  });
});

describe('CORS, JSONP, bounds and the read policy', () => {
  it('answers a preflight and every answer with CORS headers', async () => {
    const preflight = await fetch(`${base}/1.0/match`, { method: 'OPTIONS', headers: { origin: 'http://openrefine.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    for (const url of [base, `${base}/1.0`, `${base}/suggest/type?prefix=p`, `${base}/preview?id=org-acwf`, `${base}?queries=x`]) {
      const response = await fetch(url, { headers: { origin: 'http://openrefine.example' } });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    }
  });

  it('wraps 0.2 answers in a JSONP callback, and refuses a callback that is not an identifier', async () => {
    const manifest = await get(`${base}?callback=jsonp123`);
    expect(manifest.headers.get('content-type')).toContain('application/javascript');
    const json = /jsonp123\((.*)\);$/s.exec(manifest.text)![1];
    expectValid(v02('manifest'), JSON.parse(json));
    const suggest = await get(`${base}/suggest/entity?prefix=${encodeURIComponent('何婷婷')}&callback=cb.done`);
    expect(suggest.text).toMatch(/cb\.done\(\{"result":\[\{"id":"person-he-tingting"/);
    const bad = await get(`${base}?callback=${encodeURIComponent('alert(1)//')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a batch over batchSize with 413, and bad input with 400 BAD_USER_INPUT naming the field', async () => {
    const big = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`q${i}`, { query: '妇联' }]));
    const over = await q02(big);
    expect(over.status).toBe(413);
    expect(over.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(over.body.errors[0].message).toContain('at most 20');
    const over10 = await postJson(`${base}/1.0/match`, { queries: Array.from({ length: 21 }, () => ({ conditions: [{ matchType: 'name', propertyValue: '妇联' }] })) });
    expect(over10.status).toBe(413);
    const cases: [unknown, string][] = [
      [{ q0: { query: '妇'.repeat(201) } }, 'queries.q0.query: must be at most 200 characters'],
      [{ q0: { query: '妇联', limit: 1000 } }, 'queries.q0.limit'],
      [{ q0: { query: '妇联', type: 'Planet' } }, 'unknown type'],
      [{ q0: { query: '妇联', properties: Array.from({ length: 9 }, () => ({ pid: 'place', v: '淮南' })) } }, 'at most 8 properties'],
      [{ q0: { query: '妇联', properties: [{ pid: 'password', v: 'x' }] } }, 'unknown property'],
      [[1, 2], 'queries: must be a JSON object'],
    ];
    for (const [queries, message] of cases) {
      const { status, body } = await q02(queries);
      expect(status).toBe(400);
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].message).toContain(message);
    }
    const notJson = await get(`${base}?queries=%7Bnope`);
    expect(notJson.status).toBe(400);
    expect(notJson.body.errors[0].message).toBe('queries: is not valid JSON');
    const huge = await postJson(`${base}/1.0/match`, JSON.stringify({ queries: [], pad: 'x'.repeat(300_000) }));
    expect(huge.status).toBe(413);
    expect(huge.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const tooManyIds = await postJson(`${base}/1.0/extend`, { ids: Array.from({ length: 101 }, (_, i) => `org-${i}`), properties: [{ id: 'level' }] });
    expect(tooManyIds.status).toBe(413);
  });

  it('logs one JSON line per request with its id, path and status', async () => {
    const lines: any[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logged = await startTestApp({ logger: createLogger('info', stream) });
    try {
      const queries = encodeURIComponent(JSON.stringify({ q0: { query: '何婷婷', type: 'Person' } }));
      await fetch(`http://127.0.0.1:${logged.server.port}/reconcile?queries=${queries}`, { headers: { 'x-request-id': 'test-reconcile-log-1' } });
      await fetch(`http://127.0.0.1:${logged.server.port}/reconcile?queries=%7B`, { headers: { 'x-request-id': 'test-reconcile-log-2' } });
      expect(lines.find((l) => l.requestId === 'test-reconcile-log-1')).toMatchObject({ msg: 'reconcile request', method: 'GET', path: '/', status: 200 });
      expect(lines.find((l) => l.requestId === 'test-reconcile-log-2')).toMatchObject({ msg: 'reconcile request', status: 400 });
      const metrics = await (await fetch(`http://127.0.0.1:${logged.server.port}/metrics`)).text();
      expect(metrics).toMatch(/graphql_errors_total\{code="BAD_USER_INPUT"\} 1/);
    } finally {
      await logged.close();
    }
  });

  it('with READS_REQUIRE_AUTH, everything but the manifests needs a token', async () => {
    const locked = await startTestApp({ auth: { jwtSecret: 'test-secret-of-at-least-thirty-two-characters', readsRequireAuth: true } });
    try {
      const root = `http://127.0.0.1:${locked.server.port}/reconcile`;
      const manifest = await get(root);
      expect(manifest.status).toBe(200);
      expectValid(v02('manifest'), manifest.body);
      expect(manifest.body.authentication).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
      expectValid(v10('manifest'), (await get(`${root}/1.0`)).body);
      const queries = encodeURIComponent(JSON.stringify({ q0: { query: '何婷婷' } }));
      for (const url of [`${root}?queries=${queries}`, `${root}/suggest/entity?prefix=he`, `${root}/preview?id=org-acwf`, `${root}/propose_properties?type=Person`]) {
        const refused = await get(url);
        expect(refused.status).toBe(401);
        expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
        expect(refused.headers.get('access-control-allow-origin')).toBe('*');
      }
      const allowed = await get(`${root}?queries=${queries}`, bearer('viewer'));
      expect(allowed.status).toBe(200);
      expect(allowed.body.q0.result[0].id).toBe('person-he-tingting');
    } finally {
      await locked.close();
    }
  });
});
