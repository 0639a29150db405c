/**
 * `npm run bench -- --size S|L [--seed N] [--duration s] [--warmup s] [--connections n] [--reload] [--check] [--load import|unwind]`
 *
 * Starts its own embedded Neo4j (with APOC, which @neo4j/graphql needs), loads the synthetic graph
 * of that size unless the data folder already holds the same generator version and seed (by
 * default with Neo4j's offline importer before Neo4j starts; see load.ts), starts
 * the three arms as separate processes on the same database, checks that their answers are equal,
 * then drives each arm with autocannon and writes bench/RESULTS.md (and bench/out/results-<size>.json).
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { createDriver } from '../src/db/graph';
import { LocalNeo4j, findFreePort, startLocalNeo4j } from '../src/local-neo4j/local-neo4j';
import { GENERATOR_VERSION, Size, SyntheticGraph } from './generate';
import { LoadMethod, LoadReport, buildSchema, importSynthetic, loadSynthetic, readMarker, restoreEmptyArrays, writeMarker } from './load';
import { Arm, BenchQuery, benchQueries, stableJson } from './queries';
import { eventsSection, runEvents, withEventsSection } from './events';

const ROOT = path.resolve(__dirname, '../../../..');
const OUT = path.join(ROOT, 'bench', 'out');
const ARMS: Arm[] = ['api', 'peer', 'floor'];
const ARM_HEAP_MB = 256;
const ARM_TITLES: Record<Arm, string> = {
  api: 'this API',
  peer: '@neo4j/graphql',
  floor: 'hand-written Cypher',
};

interface Args {
  size: Size;
  seed: number;
  duration: number;
  warmup: number;
  connections: number;
  reload: boolean;
  check: boolean;
  only?: string[];
  /** Fixed request counts instead of durations (for comparing CPU per request on a busy machine). */
  requests?: number;
  warmupRequests?: number;
  batchSize: number;
  concurrency: number;
  /** How a fresh data folder is filled: the offline importer (default) or batched UNWIND. */
  load: LoadMethod;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { size: 'L', seed: 1, duration: 10, warmup: 3, connections: 16, reload: false, check: false, batchSize: 10_000, concurrency: 2, load: 'import' };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${key} needs a value`);
      return v;
    };
    if (key === '--size') {
      const size = value().toUpperCase();
      if (size !== 'S' && size !== 'L') throw new Error('--size must be S or L');
      args.size = size;
    } else if (key === '--seed') args.seed = Number(value());
    else if (key === '--duration') args.duration = Number(value());
    else if (key === '--warmup') args.warmup = Number(value());
    else if (key === '--connections') args.connections = Number(value());
    else if (key === '--batch-size') args.batchSize = Number(value());
    else if (key === '--concurrency') args.concurrency = Number(value());
    else if (key === '--only') args.only = value().split(',');
    else if (key === '--load') {
      const method = value();
      if (method !== 'import' && method !== 'unwind') throw new Error('--load must be import or unwind');
      args.load = method;
    }
    else if (key === '--requests') args.requests = Number(value());
    else if (key === '--warmup-requests') args.warmupRequests = Number(value());
    else if (key === '--reload') args.reload = true;
    else if (key === '--check') args.check = true;
    else throw new Error(`unknown option ${key}`);
  }
  return args;
}

const log = (line: string) => console.log(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ArmProcess {
  arm: Arm;
  port: number;
  child: ChildProcess;
}

async function startArm(arm: Arm, uri: string): Promise<ArmProcess> {
  const port = await findFreePort();
  // The same V8 heap cap for every arm: without one V8 grows the heap long before it collects.
  const child = spawn(process.execPath, [`--max-old-space-size=${ARM_HEAP_MB}`, path.join(__dirname, 'serve.js'), arm, uri, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${arm} did not start within 120 s`)), 120_000);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('ARM_READY')) {
        clearTimeout(timer);
        resolve({ arm, port, child });
      } else log(`${arm}: ${line}`);
    });
    readline.createInterface({ input: child.stderr! }).on('line', (line) => log(`${arm}! ${line}`));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${arm} exited with ${code}`));
    });
  });
}

async function post(port: number, body: { path: string; body: unknown }): Promise<any> {
  const response = await fetch(`http://127.0.0.1:${port}${body.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body.body),
  });
  const json: any = await response.json();
  if (json.errors?.length) throw new Error(`${response.status} ${JSON.stringify(json.errors).slice(0, 500)}`);
  return json;
}

function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

interface Measurement {
  /** CPU milliseconds per request: the arm's server process, and Neo4j. */
  serverCpuMs: number;
  neo4jCpuMs: number;
  /** autocannon's own CPU (it shares the two cores). */
  loadGeneratorCpuMs: number;
  rps: number;
  p50: number;
  p99: number;
  roundTrips: number | null;
  rssMb: number;
  errors: number;
  non2xx: number;
  load: number[];
}

function cannonOptions(port: number, request: { path: string; body: unknown }, args: Args) {
  return {
    url: `http://127.0.0.1:${port}${request.path}`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request.body),
    connections: args.connections,
  };
}

async function warmUp(port: number, request: { path: string; body: unknown }, args: Args): Promise<void> {
  const options = cannonOptions(port, request, args);
  await autocannon(args.warmupRequests ? { ...options, amount: args.warmupRequests } : { ...options, duration: args.warmup });
}

async function measure(port: number, pid: number, neo4jPid: number, request: { path: string; body: unknown }, args: Args, roundTrips: number | null): Promise<Measurement> {
  const options = cannonOptions(port, request, args);
  // A short second warm-up right before timing: the previous arm's work is out of the way.
  await autocannon(args.warmupRequests ? { ...options, amount: Math.ceil(args.warmupRequests / 3) } : { ...options, duration: Math.max(1, args.warmup / 3) });
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 250);
  const cpu0 = [cpuSeconds(pid), cpuSeconds(neo4jPid)];
  const own0 = process.cpuUsage();
  const result = await autocannon(args.requests ? { ...options, amount: args.requests } : { ...options, duration: args.duration });
  const cpu1 = [cpuSeconds(pid), cpuSeconds(neo4jPid)];
  const own = process.cpuUsage(own0);
  clearInterval(sampler);
  const done = Math.max(1, result.requests.total);
  peak = Math.max(peak, rssMb(pid));
  return {
    serverCpuMs: ((cpu1[0] - cpu0[0]) * 1000) / done,
    neo4jCpuMs: ((cpu1[1] - cpu0[1]) * 1000) / done,
    loadGeneratorCpuMs: (own.user + own.system) / 1000 / done,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    roundTrips,
    rssMb: peak,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    load: os.loadavg(),
  };
}

async function apiFields(port: number): Promise<Set<string>> {
  const json = await post(port, { path: '/graphql', body: { query: '{ __schema { types { name fields { name } } } }' } });
  const fields = new Set<string>();
  for (const type of json.data.__schema.types) for (const field of type.fields ?? []) fields.add(`${type.name}.${field.name}`);
  return fields;
}

interface QueryResult {
  query: BenchQuery;
  equal: boolean | null;
  note: string;
  arms: Partial<Record<Arm, Measurement | null>>;
}

async function main() {
  // Live event latency is its own run, on the seed data (bench/events.ts).
  if (process.argv[2] === '--only' && process.argv[3] === 'events') return runEvents(process.argv.slice(4));
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  fs.mkdirSync(OUT, { recursive: true });
  const graph = new SyntheticGraph(args.size, args.seed);
  const home = path.join(OUT, `neo4j-${args.size}-seed${args.seed}`);
  const marker = readMarker(home);
  const reuse = !args.reload && marker?.generatorVersion === GENERATOR_VERSION && marker.seed === args.seed && marker.size === args.size;
  if (!reuse) fs.rmSync(home, { recursive: true, force: true });

  const memory = args.size === 'L' ? { heap: '4g', pagecache: '2g' } : { heap: '1g', pagecache: '512m' };
  const loadStarted = Date.now();
  const loadAverage = os.loadavg();
  let imported: LoadReport | undefined;
  if (!reuse && args.load === 'import') {
    // The importer writes the store files itself, so it runs before Neo4j opens the folder.
    log(`importing synthetic graph ${args.size}, seed ${args.seed} with Neo4j's offline importer`);
    imported = await importSynthetic(home, graph, path.join(OUT, `csv-${args.size}-seed${args.seed}`), log);
  }
  log(`starting Neo4j (data in ${path.relative(ROOT, home)}, heap ${memory.heap}, page cache ${memory.pagecache}, APOC on)`);
  const neo4jStarted = Date.now();
  const neo4j: LocalNeo4j = await startLocalNeo4j({ home, port: await findFreePort(), ...memory, apoc: true, startTimeoutMs: 600_000 });
  const startMs = Date.now() - neo4jStarted;
  const arms: ArmProcess[] = [];
  const stopAll = async () => {
    for (const a of arms) a.child.kill('SIGTERM');
    await neo4j.stop();
  };
  process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    const driver = createDriver(neo4j.uri, 'neo4j', '');
    let load: LoadReport;
    let loadNote: string;
    if (reuse) {
      load = marker!.report;
      loadNote = `reused the data folder loaded ${marker!.loadedAt}`;
      log(`dataset ${args.size} seed ${args.seed} already loaded (${marker!.loadedAt}); reusing it`);
    } else {
      if (imported) {
        log(`Neo4j started on the imported store in ${(startMs / 1000).toFixed(1)} s`);
        const startCpu = cpuSeconds(neo4j.pid);
        let emptyArraysMs = 0;
        const indexesMs = await buildSchema(driver, 'neo4j', log, {
          bulk: true,
          beforeTheRest: async () => {
            emptyArraysMs = await restoreEmptyArrays(driver, 'neo4j', home, log);
          },
        });
        const cpu = { ...imported.cpu, neo4jStart: startCpu, neo4jIndexes: cpuSeconds(neo4j.pid) - startCpu };
        load = { ...imported, startMs, emptyArraysMs, indexesMs, totalMs: Date.now() - loadStarted, cpu };
        log(`CPU seconds: ${Object.entries(cpu).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
      } else {
        log(`loading synthetic graph ${args.size}, seed ${args.seed} by batched UNWIND`);
        load = await loadSynthetic(driver, 'neo4j', graph, { batchSize: args.batchSize, concurrency: args.concurrency, log });
      }
      log(`load: ${(load.totalMs / 1000).toFixed(1)} s in all (${load.method})`);
      loadNote = `loaded in this run (load average before: ${loadAverage.map((l) => l.toFixed(1)).join(' ')}, after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`;
      writeMarker(home, { generatorVersion: GENERATOR_VERSION, size: args.size, seed: args.seed, report: load, loadedAt: new Date().toISOString() });
    }
    await driver.close();

    for (const arm of ARMS) arms.push(await startArm(arm, neo4j.uri));
    const port = Object.fromEntries(arms.map((a) => [a.arm, a.port])) as Record<Arm, number>;
    const pid = Object.fromEntries(arms.map((a) => [a.arm, a.child.pid!])) as Record<Arm, number>;
    const idleRss = Object.fromEntries(ARMS.map((arm) => [arm, rssMb(pid[arm])])) as Record<Arm, number>;
    const fields = await apiFields(port.api);

    const results: QueryResult[] = [];
    const plans: { query: BenchQuery; result: QueryResult; arms: Arm[]; trips: Partial<Record<Arm, number | null>> }[] = [];
    for (const query of benchQueries(graph)) {
      if (args.only && !args.only.includes(query.name)) continue;
      const missing = (query.requires ?? []).filter((f) => !fields.has(f));
      const active = ARMS.filter((arm) => arm !== 'api' || missing.length === 0);
      const result: QueryResult = { query, equal: null, note: missing.length ? `this API has no ${missing.join(', ')} yet` : '', arms: {} };
      results.push(result);
      // Answers first: every arm must say the same thing before any is timed.
      const answers: Partial<Record<Arm, string>> = {};
      const trips: Partial<Record<Arm, number | null>> = {};
      for (const arm of active) {
        try {
          // Asked twice: the second answer's round trips are the steady state (a first request may
          // include one-time work such as a version check).
          await post(port[arm], query.request(arm, fields));
          const json = await post(port[arm], query.request(arm, fields));
          const canon = query.canon(arm, json.data);
          answers[arm] = stableJson(query.compare ? query.compare(canon) : canon);
          trips[arm] = json.extensions?.cypherRoundTrips ?? null;
          fs.writeFileSync(path.join(OUT, `answer-${args.size}-${query.name}-${arm}.json`), `${JSON.stringify(canon, null, 1)}\n`);
        } catch (error) {
          result.note += `${result.note ? '; ' : ''}${arm} failed: ${String((error as Error).message).slice(0, 300)}`;
          log(`${query.name} ${arm} failed: ${(error as Error).message}`);
        }
      }
      const given = Object.values(answers);
      result.equal = given.length >= 2 && given.every((a) => a === given[0]);
      log(`${query.name}: answers ${result.equal ? 'equal' : 'DIFFER'} across ${Object.keys(answers).join(', ')} (${given[0]?.length ?? 0} chars)`);
      if (!result.equal) {
        result.note += `${result.note ? '; ' : ''}answers differ (see bench/out/answer-${args.size}-${query.name}-*.json)`;
      }
      plans.push({ query, result, arms: active.filter((arm) => answers[arm] !== undefined), trips });
    }

    if (!args.check) {
      // One warm-up pass over every query and arm before any is measured: the JVM and the query
      // caches warm up once for all, instead of inside whichever arm happens to be timed first.
      log('warming up every arm on every query');
      for (const plan of plans) for (const arm of plan.arms) await warmUp(port[arm], plan.query.request(arm, fields), args);
      for (const plan of plans) {
        for (const arm of plan.arms) {
          const m = await measure(port[arm], pid[arm], neo4j.pid, plan.query.request(arm, fields), args, plan.trips[arm] ?? null);
          plan.result.arms[arm] = m;
          log(`${plan.query.name} ${arm}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.roundTrips ?? '?'} round trips, CPU/req ${m.serverCpuMs.toFixed(1)} ms server + ${m.neo4jCpuMs.toFixed(1)} ms Neo4j, RSS ${m.rssMb.toFixed(0)} MB, load ${m.load[0].toFixed(1)}${m.errors || m.non2xx ? `, ${m.errors} errors, ${m.non2xx} non-2xx` : ''}`);
        }
      }
    }

    const report = {
      when: new Date().toISOString(),
      args,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGb: os.totalmem() / 2 ** 30, node: process.version, loadAtEnd: os.loadavg() },
      dataset: { size: args.size, seed: args.seed, generatorVersion: GENERATOR_VERSION, counts: graph.counts(), picks: graph.picks() },
      load,
      loadNote,
      idleRss,
      results: results.map((r) => ({ name: r.query.name, title: r.query.title, equal: r.equal, note: r.note, arms: r.arms })),
      totalSeconds: (Date.now() - started) / 1000,
    };
    fs.writeFileSync(path.join(OUT, `results-${args.size}.json`), `${JSON.stringify(report, null, 2)}\n`);
    if (!args.check) {
      // Only the L run is the published report; smaller runs are for checking the harness.
      const file = args.size === 'L' ? path.join(ROOT, 'bench', 'RESULTS.md') : path.join(OUT, `RESULTS-${args.size}.md`);
      // The live-events section (bench/events.ts) stays as its own run wrote it.
      const events = fs.existsSync(file) ? eventsSection(fs.readFileSync(file, 'utf8')) : null;
      fs.writeFileSync(file, events ? withEventsSection(renderReport(report), events) : renderReport(report));
      log(`wrote ${path.relative(ROOT, file)}`);
    }
  } finally {
    await stopAll();
  }
}

const fmt = (n: number | undefined | null, digits = 0) => (n == null || Number.isNaN(n) ? '–' : n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ratio = (a?: number, b?: number) => (a && b ? a / b : undefined);

function renderReport(r: any): string {
  const lines: string[] = [];
  const c = r.dataset.counts;
  const nodes = Object.values(c.nodes as Record<string, number>).reduce((a, b) => a + b, 0);
  const rels = Object.values(c.relationships as Record<string, number>).reduce((a, b) => a + b, 0);
  lines.push(`# Benchmark results (size ${r.dataset.size})`, '');
  lines.push(`Written by \`npm run bench -- --size ${r.dataset.size}\` on ${r.when}. Do not edit by hand; rerun instead.`, '');
  lines.push('## Machine', '');
  lines.push(`- ${r.machine.cpus} cores (${r.machine.cpuModel}), ${fmt(r.machine.memGb, 1)} GB RAM, Node ${r.machine.node}`);
  lines.push(`- load average (1/5/15 min) at the end: ${r.machine.loadAtEnd.map((l: number) => l.toFixed(2)).join(' / ')}; the 1-minute load after each run is in the table`);
  lines.push(`- Neo4j 5.26 embedded (tools/neo4j-local) with APOC core, heap ${r.dataset.size === 'L' ? '4g' : '1g'}, page cache ${r.dataset.size === 'L' ? '2g' : '512m'}; all three arms (each Node with --max-old-space-size=${ARM_HEAP_MB}) and the load generator on the same machine`);
  lines.push(`- autocannon: ${r.args.connections} connections; one ${r.args.warmup} s warm-up pass over every query and arm first, then per query and arm ${fmt(r.args.warmup / 3, 1)} s warm-up and ${r.args.duration} s measured`, '');
  lines.push('## Dataset', '');
  lines.push(`Synthetic (bench/generate.ts, version ${r.dataset.generatorVersion}, seed ${r.dataset.seed}): ${fmt(nodes)} nodes, ${fmt(rels)} relationships.`, '');
  lines.push(`- nodes: ${Object.entries(c.nodes).map(([k, v]) => `${k} ${fmt(v as number)}`).join(', ')}`);
  lines.push(`- relationships: ${Object.entries(c.relationships).map(([k, v]) => `${k} ${fmt(v as number)}`).join(', ')}`, '');
  const l = r.load as LoadReport;
  const perSecond = (count: number, ms?: number) => (ms ? fmt(count / (ms / 1000)) : '');
  const seconds = (ms?: number) => (ms === undefined ? '–' : fmt(ms / 1000, 1));
  lines.push('## Bulk load', '');
  if (l.method === 'import') {
    lines.push(
      `${r.loadNote}. Neo4j's offline importer (\`neo4j-admin database import full\`, run from the embedded Neo4j's own jars) on CSV files the generator wrote in two worker threads; then Neo4j started on the new store, the empty arrays the importer leaves out were set, and the app's migrations were applied (full-text index first) and waited for until online. Total = everything from the first CSV row to the last index online.`,
      '',
    );
    const cpu = l.cpu ?? {};
    const cpuCell = (key: string) => (cpu[key] === undefined ? '' : fmt(cpu[key], 1));
    lines.push('| phase | count | seconds | per second | CPU seconds |', '| --- | ---: | ---: | ---: | ---: |');
    lines.push(`| generate CSV (two worker threads) | ${fmt(l.nodes + l.relationships)} rows | ${seconds(l.generateMs)} | ${perSecond(l.nodes + l.relationships, l.generateMs)} | ${cpuCell('csv')} |`);
    lines.push(`| import: nodes | ${fmt(l.nodes)} | ${seconds(l.nodesMs)} | ${perSecond(l.nodes, l.nodesMs)} | |`);
    lines.push(`| import: relationships (import, linking, post processing) | ${fmt(l.relationships)} | ${seconds(l.relationshipsMs)} | ${perSecond(l.relationships, l.relationshipsMs)} | |`);
    lines.push(`| importer run in all (JVM start included) | | ${seconds(l.importMs)} | | ${cpuCell('import')} |`);
    lines.push(`| start Neo4j on the store | | ${seconds(l.startMs)} | | ${cpuCell('neo4jStart')} |`);
    lines.push(`| indexes (range + full-text, online; empty arrays set meanwhile in ${seconds(l.emptyArraysMs)} s) | | ${seconds(l.indexesMs)} | | ${cpuCell('neo4jIndexes')} |`);
    lines.push(`| **total** | ${fmt(l.nodes + l.relationships)} | **${seconds(l.totalMs)}** | ${perSecond(l.nodes + l.relationships, l.totalMs)} | |`, '');
  } else {
    lines.push(`${r.loadNote}. Batched UNWIND into the running Neo4j, ${fmt(l.batchSize)} rows per transaction, ${l.concurrency} transactions in flight (\`--load unwind\`).`, '');
    lines.push('| phase | count | seconds | per second |', '| --- | ---: | ---: | ---: |');
    lines.push(`| nodes | ${fmt(l.nodes)} | ${fmt(l.nodesMs / 1000, 1)} | ${fmt(l.nodes / (l.nodesMs / 1000))} |`);
    lines.push(`| relationships | ${fmt(l.relationships)} | ${fmt(l.relationshipsMs / 1000, 1)} | ${fmt(l.relationships / (l.relationshipsMs / 1000))} |`);
    lines.push(`| indexes (range + full-text, online) | | ${fmt(l.indexesMs / 1000, 1)} | |`);
    lines.push(`| **total** | | **${fmt(l.totalMs / 1000, 1)}** | |`, '');
  }
  lines.push('## Queries', '');
  lines.push(
    'CPU per request is measured from /proc (user + system time of the arm\'s server process and of the Neo4j process over the measured run, divided by the requests completed), so it holds even when other work shares the machine.',
    '',
  );
  lines.push('| query | arm | req/s | p50 ms | p99 ms | Cypher round trips | server CPU ms/req | Neo4j CPU ms/req | autocannon CPU ms/req | RSS MB under load | load avg |', '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const q of r.results) {
    for (const arm of ARMS) {
      const m = q.arms[arm] as Measurement | undefined;
      if (!m) {
        lines.push(`| ${q.name} | ${ARM_TITLES[arm]} | – | – | – | – | – | – | – | – | – |`);
        continue;
      }
      lines.push(`| ${q.name} | ${ARM_TITLES[arm]} | ${fmt(m.rps)} | ${fmt(m.p50)} | ${fmt(m.p99)} | ${m.roundTrips ?? '?'} | ${fmt(m.serverCpuMs, 1)} | ${fmt(m.neo4jCpuMs, 1)} | ${fmt(m.loadGeneratorCpuMs, 1)} | ${fmt(m.rssMb)} | ${m.load[0].toFixed(1)} |`);
    }
  }
  lines.push('', '## This API against the targets', '');
  lines.push(
    'The "by CPU" ratios compare the CPU each request costs (server + Neo4j): the capacity ratio when the machine is CPU-bound, and steadier than req/s when other work shares the machine.',
    '',
  );
  lines.push(
    `With ${r.args?.connections ?? 16} connections each waiting for its answer, latency is about connections / throughput: a p99 under 50 ms needs far more than ${Math.round(((r.args?.connections ?? 16) * 1000) / 50)} req/s. The floor's p99 shows what the hand-written Cypher reaches on the same machine.`,
    '',
  );
  lines.push('| query | answers equal | API/peer req/s (≥ 1.5) | API/floor req/s (≥ 0.7) | API/peer by CPU | API/floor by CPU | API p99 (< 50 ms) | floor p99 | API RSS (< 300 MB) | note |', '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const q of r.results) {
    const api = q.arms.api as Measurement | undefined;
    const rp = ratio(api?.rps, q.arms.peer?.rps);
    const rf = ratio(api?.rps, q.arms.floor?.rps);
    const ok = (v: boolean | undefined) => (v === undefined ? '' : v ? ' ✓' : ' ✗');
    const p99Target = q.name === 'shortestPath' ? undefined : api ? api.p99 < 50 : undefined;
    const cpu = (m?: Measurement) => (m ? m.serverCpuMs + m.neo4jCpuMs : undefined);
    const cp = ratio(cpu(q.arms.peer), cpu(api));
    const cf = ratio(cpu(q.arms.floor), cpu(api));
    lines.push(
      `| ${q.name} | ${q.equal === null ? '–' : q.equal ? 'yes' : '**no**'} | ${rp ? fmt(rp, 2) + ok(rp >= 1.5) : '–'} | ${rf ? fmt(rf, 2) + ok(rf >= 0.7) : '–'} | ${cp ? fmt(cp, 2) : '–'} | ${cf ? fmt(cf, 2) : '–'} | ${api ? fmt(api.p99) + ok(p99Target) : '–'} | ${q.arms.floor ? fmt(q.arms.floor.p99) : '–'} | ${api ? fmt(api.rssMb) + ok(api.rssMb < 300) : '–'} | ${q.note || ''} |`,
    );
  }
  lines.push('', `Idle RSS before the runs: ${ARMS.map((a) => `${ARM_TITLES[a]} ${fmt(r.idleRss[a])} MB`).join(', ')}.`);
  lines.push('', 'Queries:', '');
  for (const q of r.results) lines.push(`- **${q.name}**: ${q.title}`);
  lines.push('', `Total run time ${fmt(r.totalSeconds)} s.`, '');
  return lines.join('\n');
}

main().catch((error) => {
  console.error(`[bench] failed: ${error?.stack ?? error}`);
  process.exit(1);
});
