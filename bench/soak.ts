/**
 * The soak of issue 12: the server started as the README says (`node dist/main.js`, embedded
 * Neo4j in a fresh folder, seeded), normal traffic alone, then normal traffic mixed with the
 * adversarial run's attacks, then normal traffic alone again. Reports per phase the normal
 * queries' latency (p50/p99) and errors, the attacks' answers by code, and from Neo4j
 * (`SHOW TRANSACTIONS`, polled every second) the oldest transaction seen and how many outlived
 * the request deadline; at the end /readyz and the pool gauge.
 *
 *   npm run soak [-- --seconds 60 --warm 10 --attackers 8 --normal 4 --json out.json]
 *   npm run soak -- --url http://host:4000 --bolt bolt://host:7687   (a server already running)
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import neo4j from 'neo4j-driver';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const SECONDS = Number(option('seconds', '60'));
const WARM = Number(option('warm', '10'));
const ATTACKERS = Number(option('attackers', '8'));
const NORMAL = Number(option('normal', '4'));
const SECRET = 'soak-secret-of-at-least-thirty-two-characters!';
const DEADLINE_MS = 10_000;
const CLIENT_TIMEOUT_MS = 20_000;

// bench/out/build/bench → the repository
const root = path.resolve(__dirname, '../../../..');
const log = (line: string) => process.stderr.write(`[soak] ${line}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

interface Target {
  url: string;
  bolt: string;
  child?: ChildProcess;
  home?: string;
}

async function startServer(): Promise<Target> {
  const given = option('url', '');
  if (given) return { url: given.replace(/\/$/, ''), bolt: option('bolt', 'bolt://127.0.0.1:7687') };
  const [port, boltPort] = [await freePort(), await freePort()];
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'honorgraph-soak-'));
  const child = spawn(process.execPath, [path.join(root, 'dist/main.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NEO4J_LOCAL_HOME: home, NEO4J_LOCAL_PORT: String(boltPort), AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'silent', NEO4J_URI: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const started = Date.now();
  log(`starting the server (embedded Neo4j in ${home})…`);
  while (!/GraphQL at /.test(output)) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`);
    if (Date.now() - started > 300_000) throw new Error(`the server did not start in 300 s:\n${output}`);
    await sleep(250);
  }
  log(`server ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { url, bolt: `bolt://127.0.0.1:${boltPort}`, child, home };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const token = (role: string, extra: Record<string, unknown> = {}, options: jwt.SignOptions = { expiresIn: '1h' }) =>
  jwt.sign({ role, ...extra }, SECRET, { algorithm: 'HS256', subject: `soak-${role}`, issuer: 'honorgraph', ...options });

interface Answer {
  ms: number;
  code: string;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    const text = await response.text();
    let code = response.status === 200 ? 'OK' : `HTTP_${response.status}`;
    try {
      const parsed = JSON.parse(text);
      if (parsed.errors?.length) code = String(parsed.errors[0].extensions?.code ?? 'ERROR');
      else if (response.status === 200 && parsed.data == null) code = 'NO_DATA';
    } catch {
      // not JSON: the status says it
    }
    return { ms: performance.now() - started, code };
  } catch (error: any) {
    const name = error?.name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : String(error?.cause?.code ?? error?.name ?? 'NETWORK');
    return { ms: performance.now() - started, code: name };
  }
}

/** What a researcher's page asks: a search, a filtered list, an org chart, recipients, a path. */
const NORMAL_QUERIES = [
  { query: 'query Search($t: String!) { search(text: $t, first: 10) { score node { id } } }', variables: { t: '妇联' } },
  { query: 'query Orgs { organizations(first: 20, where: { level: [MUNICIPAL] }) { totalCount edges { node { id name } } } }' },
  { query: 'query Chart { orgChart(rootId: "org-acwf", depth: 3) { id parentId name } }' },
  { query: 'query Recipients { honor(id: "honor-national-sanba-collective") { awardsConnection(first: 10) { totalCount edges { year node { id name } } } } }' },
  { query: 'query Path { shortestPath(fromId: "person-he-tingting", toId: "org-acwf") { length } }' },
];

const nested = (depth: number, wrap: (inner: string) => string, leaf: string) => {
  let text = leaf;
  for (let i = 0; i < depth; i++) text = wrap(text);
  return text;
};
const deepAnd = (depth: number): any => {
  let where: any = { name: { eq: 'x' } };
  for (let i = 0; i < depth; i++) where = { AND: [where] };
  return where;
};
const deepRelation = (depth: number): any => {
  let where: any = { name: { eq: 'x' } };
  for (let i = 0; i < depth; i++) where = i % 2 ? { awardsSome: { honor: { conferredBy: where } } } : { awardsSome: { recipient: { name: { eq: 'y' } } }, AND: [where] };
  return where;
};

/** The adversarial run's requests, each a function so every call sends a fresh one. */
function attacks(url: string): { name: string; run: () => Promise<Answer> }[] {
  const editor = { authorization: `Bearer ${token('editor')}` };
  return [
    { name: 'not-140-deep', run: () => post(url, { query: `{ organizations(where: ${nested(140, (i) => `{ NOT: ${i} }`, '{ name: { eq: "x" } }')}) { totalCount } }` }) },
    { name: 'and-1000-deep', run: () => post(url, { query: 'query Q($w: OrganizationWhere) { organizations(where: $w) { totalCount } }', variables: { w: deepAnd(1000) } }) },
    { name: 'relation-9-deep', run: () => post(url, { query: 'query Q($w: OrganizationWhere) { organizations(where: $w) { totalCount } }', variables: { w: deepRelation(9) } }) },
    { name: 'name-in-1100', run: () => post(url, { query: 'query Q($w: OrganizationWhere) { organizations(where: $w) { totalCount } }', variables: { w: { name: { in: Array.from({ length: 1100 }, (_, i) => `n${i}`) } } } }) },
    { name: 'or-10000-wide', run: () => post(url, { query: 'query Q($w: PersonWhere) { people(where: $w) { totalCount } }', variables: { w: { OR: Array.from({ length: 10_000 }, (_, i) => ({ name: { eq: `p${i}` } })) } } }) },
    { name: 'via-10000', run: () => post(url, { query: 'query Q($v: [RelationshipType!]) { shortestPath(fromId: "person-he-tingting", toId: "org-acwf", via: $v) { length } }', variables: { v: Array.from({ length: 10_000 }, () => 'PART_OF') } }) },
    { name: 'deep-chart', run: () => post(url, { query: '{ orgChart(rootId: "org-acwf", depth: 10, include: [MEMBERS, PROGRAMS, HONORS]) { id } }' }) },
    { name: 'junk-operation-name', run: () => post(url, { query: `query Junk${Math.random().toString(36).slice(2, 10)} { nope }` }) },
    { name: 'token-without-exp', run: () => post(url, { query: 'mutation { createPerson(input: { name: "永久令牌测试", sourceIds: ["src-huainan-wf-2024-report"] }) { id } }' }, { authorization: `Bearer ${token('editor', {}, {})}` }) },
    { name: 'lone-surrogate-source', run: () => post(url, { query: 'mutation M($s: [ID!]!) { createPerson(input: { name: "软件测试", sourceIds: $s }) { id } }', variables: { s: ['src-huainan-wf-2024-report\ud800'] } }, editor) },
    { name: 'bidi-duplicate', run: () => post(url, { query: 'mutation { createPerson(input: { name: "\u202e何婷婷", sourceIds: ["src-huainan-wf-2024-report"] }) { id } }' }, editor) },
    { name: 'export-anonymous', run: async () => {
      const started = performance.now();
      try {
        const response = await fetch(`${url}/export?format=graphml`, { signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
        await response.arrayBuffer();
        return { ms: performance.now() - started, code: `HTTP_${response.status}` };
      } catch (error: any) {
        return { ms: performance.now() - started, code: String(error?.cause?.code ?? error?.name) };
      }
    } },
  ];
}

/** Slow-header clients: each sends one header byte a second until the server closes it. */
function slowloris(url: string, count: number, until: () => boolean): { closedWithin: number[]; open: () => number } {
  const { hostname, port } = new URL(url);
  const closedWithin: number[] = [];
  let open = 0;
  for (let i = 0; i < count; i++) {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname, () => {
      open += 1;
      socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\n');
      const timer = setInterval(() => {
        if (until() || socket.destroyed) return clearInterval(timer);
        socket.write('X');
      }, 1000);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      open = Math.max(0, open - 1);
      closedWithin.push(Date.now() - started);
    });
    socket.setTimeout(SECONDS * 1000 + 30_000, () => socket.destroy());
  }
  return { closedWithin, open: () => open };
}

interface PhaseReport {
  requests: number;
  p50: number;
  p99: number;
  max: number;
  codes: Record<string, number>;
}

function summarize(answers: Answer[]): PhaseReport {
  const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10 : NaN);
  const codes: Record<string, number> = {};
  for (const a of answers) codes[a.code] = (codes[a.code] ?? 0) + 1;
  return { requests: answers.length, p50: at(0.5), p99: at(0.99), max: Math.round((sorted.at(-1) ?? NaN) * 10) / 10, codes };
}

/**
 * Normal traffic is another client than the attackers (all anonymous, from one address): it
 * carries a token of its own, so the per-client limit tells the two apart as it would two users.
 */
const READER = { authorization: `Bearer ${token('editor', {}, { expiresIn: '1h', subject: 'soak-reader' })}` };

async function normalTraffic(url: string, seconds: number, workers: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = w; Date.now() < end; i++) answers.push(await post(url, NORMAL_QUERIES[i % NORMAL_QUERIES.length], READER));
    }),
  );
  return answers;
}

async function main() {
  const target = await startServer();
  const driver = neo4j.driver(target.bolt, neo4j.auth.basic('neo4j', ''), { disableLosslessIntegers: true });
  let oldestMs = 0;
  let overDeadline = 0;
  const overdue = new Set<string>();
  let polling = true;
  const poll = (async () => {
    while (polling) {
      try {
        const rows = await driver.executeQuery('SHOW TRANSACTIONS YIELD transactionId, elapsedTime, currentQuery WHERE NOT currentQuery STARTS WITH "SHOW TRANSACTIONS" RETURN transactionId, elapsedTime.milliseconds AS ms', {}, { database: 'system' });
        for (const row of rows.records) {
          const ms = Number(row.get('ms'));
          oldestMs = Math.max(oldestMs, ms);
          if (ms > DEADLINE_MS + 2_000) overdue.add(String(row.get('transactionId')));
        }
        overDeadline = overdue.size;
      } catch (error: any) {
        log(`SHOW TRANSACTIONS failed: ${String(error?.message).split('\n')[0]}`);
      }
      await sleep(1000);
    }
  })();
  try {
    // The first requests after a start compile Cypher plans and warm the JIT: not part of any phase.
    for (let round = 0; round < 3; round++) for (const query of NORMAL_QUERIES) await post(target.url, query, READER);
    log(`phase 1: normal traffic alone for ${WARM} s (${NORMAL} clients)`);
    const before = summarize(await normalTraffic(target.url, WARM, NORMAL));
    log(`phase 1: ${JSON.stringify(before)}`);

    log(`phase 2: ${SECONDS} s of normal traffic (${NORMAL} clients) mixed with attacks (${ATTACKERS} clients, 100 slow-header sockets)`);
    const soakEnd = Date.now() + SECONDS * 1000;
    const loris = slowloris(target.url, 100, () => Date.now() > soakEnd);
    const list = attacks(target.url);
    const attackAnswers: Record<string, Answer[]> = {};
    const attacking = Promise.all(
      Array.from({ length: ATTACKERS }, async (_, w) => {
        for (let i = w; Date.now() < soakEnd; i++) {
          const attack = list[i % list.length];
          (attackAnswers[attack.name] ??= []).push(await attack.run());
        }
      }),
    );
    const during = summarize(await normalTraffic(target.url, SECONDS, NORMAL));
    await attacking;
    log(`phase 2: normal ${JSON.stringify(during)}`);
    const attackReport = Object.fromEntries(Object.entries(attackAnswers).map(([name, answers]) => [name, summarize(answers)]));
    for (const [name, report] of Object.entries(attackReport)) log(`  attack ${name}: ${JSON.stringify(report)}`);
    const lorisOpenAtEnd = loris.open();
    const lorisClosed = [...loris.closedWithin].sort((a, b) => a - b);

    log(`slow-header sockets: ${lorisClosed.length} of 100 closed by the server (median after ${lorisClosed[Math.floor(lorisClosed.length / 2)] ?? '-'} ms), ${lorisOpenAtEnd} still open at the end of the soak`);
    log(`phase 3: normal traffic alone for ${WARM} s`);
    const after = summarize(await normalTraffic(target.url, WARM, NORMAL));
    log(`phase 3: ${JSON.stringify(after)}`);

    // Connections still held a few seconds after the last request are held by nothing of ours.
    await sleep(3000);
    const ready = await fetch(`${target.url}/readyz`).then((r) => r.status).catch(() => 0);
    const metrics = await fetch(`${target.url}/metrics`).then((r) => r.text()).catch(() => '');
    const inUse = Number(/^neo4j_pool_connections_in_use (\S+)/m.exec(metrics)?.[1] ?? NaN);
    polling = false;
    await poll;
    const report = {
      seconds: SECONDS,
      normal: { before, during, after },
      attacks: attackReport,
      slowloris: { sockets: 100, closedByServer: lorisClosed.length, openAtSoakEnd: lorisOpenAtEnd, medianCloseMs: lorisClosed[Math.floor(lorisClosed.length / 2)] ?? null },
      neo4j: { oldestTransactionMs: oldestMs, transactionsOverDeadline: overDeadline },
      end: { readyz: ready, poolConnectionsInUse: inUse },
    };
    log(`neo4j: oldest transaction seen ${oldestMs} ms, ${overDeadline} outlived the ${DEADLINE_MS} ms deadline (+2 s)`);
    log(`end: /readyz ${ready}, pool connections in use ${inUse}`);
    log(`normal p99: before ${before.p99} ms, during ${during.p99} ms, after ${after.p99} ms`);
    const out = option('json', '');
    if (out) fs.writeFileSync(out, JSON.stringify(report, null, 2));
    console.log(JSON.stringify(report, null, 2));
    const healthy = ready === 200 && overDeadline === 0 && (after.codes.OK ?? 0) === after.requests;
    process.exitCode = healthy ? 0 : 1;
    if (!healthy) log('UNHEALTHY after the soak (see above)');
  } finally {
    polling = false;
    await driver.close().catch(() => undefined);
    if (target.child) {
      target.child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => target.child!.kill('SIGKILL'), 30_000);
        target.child!.once('exit', () => resolve(clearTimeout(timer)));
      });
      fs.rmSync(target.home!, { recursive: true, force: true });
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
