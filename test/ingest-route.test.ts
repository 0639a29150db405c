import { createHash } from 'node:crypto';
import { startTestApp, TestApp, bearer } from './support/app';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeEditingFixtures } from './support/editing';
import { main as ingestCli } from '../src/proposals/cli';

/** POST /ingest on the real server and Neo4j: multipart and raw bodies, auth, size limit, bad input. */

let app: TestApp;
const editor = bearer('editor', 'test-ed-ingest-route');
const TEXT = ['【测试用虚构文件 — made up for testing】', '测试编辑路由通报', '测试编辑孙丽获评先进个人。'].join('\n');

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.graph.write("MATCH (p:Proposal) WHERE p.createdBy STARTS WITH 'test-' DETACH DELETE p");
  await removeEditingFixtures(app);
  await app.close();
});

const url = (query = '') => `http://127.0.0.1:${app.server.port}/ingest${query}`;
const proposals = async () => (await app.graph.read('MATCH (p:Proposal) RETURN count(p) AS n'))[0].n;
const entities = async () => (await app.graph.read('MATCH (n:Entity) RETURN count(n) AS n'))[0].n;

describe('POST /ingest', () => {
  it('takes a multipart upload (field "file") and answers the proposal id and counts; the graph is unchanged', async () => {
    const before = await entities();
    const form = new FormData();
    form.append('file', new Blob([TEXT], { type: 'text/plain' }), 'notice.txt');
    const response = await fetch(url(), { method: 'POST', body: form, headers: editor });
    const body: any = await response.json();
    expect(response.status).toBe(201);
    expect(body).toMatchObject({ status: 'OPEN', fileName: 'notice.txt', format: 'TEXT', contentHash: createHash('sha256').update(TEXT).digest('hex') });
    expect(body.summary.map((s: any) => s.kind)).toEqual(['ENTITY', 'AWARD', 'MEMBERSHIP', 'HIERARCHY_LINK', 'PROGRAM_LINK', 'FIGURE']);
    const read = await app.raw('query P($id: ID!) { proposal(id: $id) { id text fileName } }', { id: body.id }, editor);
    expect(read.data.proposal).toEqual({ id: body.id, text: TEXT, fileName: 'notice.txt' });
    expect(await entities()).toBe(before);
  });

  it('keeps a multipart file name written in Chinese (sent as UTF-8, as browsers send it)', async () => {
    const form = new FormData();
    form.append('file', new Blob([`${TEXT}\n（文件名）`], { type: 'text/plain' }), '测试编辑通知.txt');
    const response = await fetch(url(), { method: 'POST', body: form, headers: editor });
    expect(response.status).toBe(201);
    const body: any = await response.json();
    expect(body.fileName).toBe('测试编辑通知.txt');
  });

  it('takes a raw body with its Content-Type and ?fileName=; the same bytes again name the earlier proposal', async () => {
    const send = () => fetch(url('?fileName=again.txt'), { method: 'POST', body: TEXT, headers: { ...editor, 'content-type': 'text/plain; charset=utf-8' } });
    const first: any = await (await send()).json();
    const second = await send();
    expect(second.status).toBe(201);
    const body: any = await second.json();
    expect(body.fileName).toBe('again.txt');
    expect(body.duplicateOf).toBe(first.id);
  });

  it('needs a bearer token of role editor', async () => {
    const count = await proposals();
    const anonymous = await fetch(url(), { method: 'POST', body: TEXT, headers: { 'content-type': 'text/plain' } });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const bad = await fetch(url(), { method: 'POST', body: TEXT, headers: { authorization: 'Bearer nonsense', 'content-type': 'text/plain' } });
    expect(bad.status).toBe(401);
    expect(await proposals()).toBe(count);
  });

  it('refuses what is over INGEST_MAX_BYTES (413), empty or binary (400), storing nothing', async () => {
    const count = await proposals();
    const saved = process.env.INGEST_MAX_BYTES;
    process.env.INGEST_MAX_BYTES = '1024';
    const over = TEXT.repeat(Math.ceil(2048 / Buffer.byteLength(TEXT)));
    try {
      const big = await fetch(url(), { method: 'POST', body: over, headers: { ...editor, 'content-type': 'text/plain' } });
      expect(big.status).toBe(413);
      const error = ((await big.json()) as any).errors[0];
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.message).toMatch(/over the limit of 1024 .*INGEST_MAX_BYTES/);
      const form = new FormData();
      form.append('file', new Blob([over]), 'big.txt');
      const bigForm = await fetch(url(), { method: 'POST', body: form, headers: editor });
      expect(bigForm.status).toBe(413);
    } finally {
      if (saved === undefined) delete process.env.INGEST_MAX_BYTES;
      else process.env.INGEST_MAX_BYTES = saved;
    }
    const empty = await fetch(url(), { method: 'POST', body: '', headers: { ...editor, 'content-type': 'text/plain' } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as any).errors[0].message).toMatch(/^file: is empty/);
    const binary = await fetch(url('?fileName=x.bin'), { method: 'POST', body: new Uint8Array([0, 1, 2, 3, 0, 0, 255, 254]), headers: { ...editor, 'content-type': 'application/octet-stream' } });
    expect(binary.status).toBe(400);
    expect(((await binary.json()) as any).errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/^file: /) });
    const noFile = new FormData();
    noFile.append('other', 'x');
    const missing = await fetch(url(), { method: 'POST', body: noFile, headers: editor });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as any).errors[0].message).toMatch(/no "file" field/);
    expect(await proposals()).toBe(count);
  });
});

describe('npm run ingest', () => {
  /** Runs the CLI in-process against the test server, collecting what it prints. */
  async function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line) => void out.push(String(line)));
    const error = jest.spyOn(console, 'error').mockImplementation((line) => void err.push(String(line)));
    try {
      const code = await ingestCli([...args, '--url', app.server.url.replace('localhost', '127.0.0.1'), '--token', editor.authorization.slice('Bearer '.length)]);
      return { code, out: out.join('\n'), err: err.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  it('prints the summary, progress on stderr; --commit accepts everything and prints the revision', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-cli-'));
    const file = path.join(dir, 'cli-notice.txt');
    fs.writeFileSync(file, TEXT.replace('路由通报', '命令行通报'));
    const dry = await run([file]);
    expect(dry.code).toBe(0);
    expect(dry.err).toMatch(/sending cli-notice\.txt \(\d+ bytes\)/);
    expect(dry.out).toMatch(/^proposal prop-\S+ \(OPEN\)/);
    expect(dry.out).toMatch(/^ENTITY\s+\d+\s+\d+\s+\d+\s+\d+/m);
    expect(dry.out).toContain('nothing written');
    const before = await entities();
    const committed = await run([file, '--commit']);
    expect(committed.code).toBe(0);
    expect(committed.out).toContain('the same file was ingested before');
    expect(committed.out).toMatch(/committed: \d+ nodes created, \d+ facts written, \d+ skipped; revision (rev-\S+|\(none: nothing to write\))/);
    const created = Number(/committed: (\d+) nodes created/.exec(committed.out)![1]);
    expect(await entities()).toBe(before + created);
  });

  it('exits 1 with the reason when the server refuses the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-cli-'));
    const file = path.join(dir, 'empty.txt');
    fs.writeFileSync(file, '');
    const refused = await run([file]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/ingest refused \(400 BAD_USER_INPUT\): file: is empty/);
  });

  it('exits 2 with the usage when no file is given', async () => {
    expect((await run([])).code).toBe(2);
  });
});
