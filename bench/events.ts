/**
 * `npm run bench -- --only events [--subscribers 100] [--events 100] [--poll-ms 200]`
 *
 * Event latency of live subscriptions (docs/live.md) on the seed data: its own embedded Neo4j
 * (bench/out/neo4j-events/), migrated and seeded; two app instances, each its own process, on
 * it; half the subscribers on the instance that commits, half on the other. Each commit is an
 * editor's updatePerson through the first instance's HTTP; the next one is sent once every
 * subscriber has its event. Latency is from the mutation's response (the commit acknowledged) to
 * a subscriber's receipt of the event, per subscriber and event. Writes the "Live events"
 * section of bench/RESULTS.md (kept when `npm run bench` rewrites the rest).
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Graph, createDriver } from '../src/db/graph';
import { findFreePort, startLocalNeo4j } from '../src/local-neo4j/local-neo4j';
import { applyMigrations } from '../src/db/migrations';
import { loadSeeds } from '../src/seed/seed';
import { seedFiles } from '../src/seed/seed-file';
import { signToken } from '../src/auth/token';
import { DEFAULT_LIVE_SETTINGS } from '../src/config';

const ROOT = path.resolve(__dirname, '../../../..');
const OUT = path.join(ROOT, 'bench', 'out');
const RESULTS = path.join(ROOT, 'bench', 'RESULTS.md');
const SECRET = 'bench-secret-of-at-least-thirty-two-characters';
const BEGIN = '<!-- live events: written by npm run bench -- --only events -->';
const END = '<!-- /live events -->';

const log = (line: string) => console.log(`[bench:events] ${line}`);

interface Args {
  subscribers: number;
  events: number;
  pollMs: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { subscribers: 100, events: 100, pollMs: DEFAULT_LIVE_SETTINGS.pollMs };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const value = Number(argv[++i]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${key} needs a whole number`);
    if (key === '--subscribers') args.subscribers = value;
    else if (key === '--events') args.events = value;
    else if (key === '--poll-ms') args.pollMs = value;
    else throw new Error(`unknown option ${key}`);
  }
  return args;
}

/** One app instance as its own process: `node events.js --serve <boltUri> <port> <pollMs>`. */
async function serve([uri, port, pollMs]: string[]): Promise<void> {
  const { startServer } = await import('../src/app/app');
  const { BENCH_LIMITS } = await import('./limits');
  const driver = createDriver(uri, 'neo4j', '');
  await driver.verifyConnectivity();
  await startServer({
    graph: new Graph(driver, 'neo4j'),
    port: Number(port),
    host: '127.0.0.1',
    production: true,
    limits: BENCH_LIMITS,
    auth: { jwtSecret: SECRET, readsRequireAuth: false },
    live: { ...DEFAULT_LIVE_SETTINGS, pollMs: Number(pollMs), maxSubscriptions: 100_000, bufferEvents: 10_000 },
  });
  console.log(`ARM_READY ${port}`);
}

async function startInstance(uri: string, pollMs: number): Promise<{ port: number; child: ChildProcess }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ['--max-old-space-size=256', __filename, '--serve', uri, String(port), String(pollMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('an app instance did not start within 120 s')), 120_000);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('ARM_READY')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`an app instance exited with ${code}`)));
  });
  return { port, child };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

function summary(values: number[]) {
  const sorted = [...values].sort((x, y) => x - y);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

async function measure(args: Args): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const home = path.join(OUT, 'neo4j-events');
  log('starting Neo4j (embedded) for the seed data');
  const neo4j = await startLocalNeo4j({ home, port: await findFreePort(), heap: '1g', pagecache: '256m', startTimeoutMs: 600_000 });
  const children: ChildProcess[] = [];
  const driver = createDriver(neo4j.uri, 'neo4j', '');
  try {
    const graph = new Graph(driver, 'neo4j');
    // Compiled under bench/out/build/, so the migrations and seeds are found from the repository root.
    await applyMigrations(graph, log, path.join(ROOT, 'schema', 'migrations'));
    const [{ entities }] = await graph.read('MATCH (n:Entity) RETURN count(n) AS entities');
    const seeded = entities === 0 ? await loadSeeds(graph, log, seedFiles(path.join(ROOT, 'seeds'))) : null;
    log(seeded ? `seeded: ${seeded.totals.nodes} nodes, ${seeded.totals.relationships} relationships` : 'reusing the seeded data folder');
    const committer = await startInstance(neo4j.uri, args.pollMs);
    const other = await startInstance(neo4j.uri, args.pollMs);
    children.push(committer.child, other.child);
    log(`two app instances on ports ${committer.port} (commits) and ${other.port}; LIVE_POLL_MS=${args.pollMs}`);

    const token = `Bearer ${signToken({ sub: 'bench-live', role: 'editor' }, SECRET)}`;
    const post = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(`http://127.0.0.1:${committer.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: token },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as any;
      if (body.errors) throw new Error(`mutation failed: ${body.errors[0].message}`);
      return body.data;
    };
    const created = await post('mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }', { input: { name: '基准测试直播人物', allowDuplicate: true } });
    const personId: string = created.createPerson.id;

    // Subscribers: half on the committing instance (woken by its own commit), half on the other (polling).
    const latencies = { same: [] as number[], other: [] as number[] };
    let arrived: { where: 'same' | 'other'; at: number }[] = [];
    let allArrived: () => void = () => {};
    const clients = [];
    for (let i = 0; i < args.subscribers; i++) {
      const where = i % 2 === 0 ? 'same' : 'other';
      const port = where === 'same' ? committer.port : other.port;
      const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
      clients.push(client);
      client.subscribe(
        { query: 'subscription($id: ID!) { entityChanged(id: $id) { position revision { id operation } } }', variables: { id: personId } },
        {
          next: () => {
            arrived.push({ where, at: performance.now() });
            if (arrived.length === args.subscribers) allArrived();
          },
          error: (error) => log(`a subscriber failed: ${JSON.stringify(error)}`),
          complete: () => undefined,
        },
      );
    }
    /** One commit; resolves with its response time once every subscriber has the event (or after `waitMs`). */
    const commit = async (n: number, waitMs: number): Promise<{ responseAt: number; complete: boolean }> => {
      arrived = [];
      const all = new Promise<boolean>((resolve) => {
        allArrived = () => resolve(true);
        setTimeout(() => resolve(false), waitMs);
      });
      await post('mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id } }', { id: personId, input: { nameEn: `bench live ${n}` } });
      const responseAt = performance.now();
      return { responseAt, complete: await all };
    };
    // Warm-up: until one commit reaches every subscriber (all subscribed, code paths compiled).
    let warm = false;
    for (let n = 0; n < 20 && !warm; n++) warm = (await commit(-1 - n, 3_000)).complete;
    if (!warm) throw new Error(`not every subscriber got the warm-up events (${arrived.length} of ${args.subscribers})`);
    log(`${args.subscribers} subscribers receiving; measuring ${args.events} commits`);
    for (let n = 0; n < args.events; n++) {
      const { responseAt, complete } = await commit(n, 30_000);
      if (!complete) throw new Error(`commit ${n} reached ${arrived.length} of ${args.subscribers} subscribers within 30 s`);
      for (const { where, at } of arrived) latencies[where].push(at - responseAt);
      if ((n + 1) % 10 === 0) log(`${n + 1}/${args.events} commits, each delivered to ${args.subscribers} subscribers`);
    }
    const arrivals = new Map(Object.entries(latencies));

    const same = summary(arrivals.get('same')!);
    const otherInstance = summary(arrivals.get('other')!);
    const all = summary([...arrivals.get('same')!, ...arrivals.get('other')!]);
    for (const client of clients) await client.dispose();
    await graph.write('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id: personId });
    await graph.write("MATCH (r:Revision) WHERE r.actor = 'bench-live' DETACH DELETE r");
    const cpus = os.cpus();
    const load = os.loadavg().map((v) => v.toFixed(2)).join(' / ');
    const ms = (v: number) => v.toFixed(1);
    const section = [
      BEGIN,
      '## Live events',
      '',
      `Written by \`npm run bench -- --only events\` on ${new Date().toISOString()} (bench/events.ts). ${cpus.length} cores (${cpus[0]?.model.trim()}), Node ${process.version}, load average at the end ${load}.`,
      '',
      `The seed data in its own embedded Neo4j; two app instances (each its own process) on it, LIVE_POLL_MS=${args.pollMs}; ${args.subscribers} subscribers (graphql-ws, one connection each, \`entityChanged\` of one person), half on the instance that commits and half on the other; ${args.events} commits (an editor's \`updatePerson\`), one at a time, the next once every subscriber had the last. Latency: from the mutation's response (commit acknowledged) to the subscriber's receipt.`,
      '',
      '| subscribers | deliveries | p50 ms | p99 ms | max ms |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| on the committing instance (its poller woken by the commit) | ${same.count} | ${ms(same.p50)} | ${ms(same.p99)} | ${ms(same.max)} |`,
      `| on the other instance (polling every ${args.pollMs} ms) | ${otherInstance.count} | ${ms(otherInstance.p50)} | ${ms(otherInstance.p99)} | ${ms(otherInstance.max)} |`,
      `| all ${args.subscribers} | ${all.count} | ${ms(all.p50)} | ${ms(all.p99)} | ${ms(all.max)} |`,
      END,
    ].join('\n');
    const current = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : '';
    fs.writeFileSync(RESULTS, withEventsSection(current, section));
    log(`p50 ${ms(all.p50)} ms, p99 ${ms(all.p99)} ms over ${all.count} deliveries (same instance p50 ${ms(same.p50)} / p99 ${ms(same.p99)}; other instance p50 ${ms(otherInstance.p50)} / p99 ${ms(otherInstance.p99)}); wrote bench/RESULTS.md`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await driver.close();
    await neo4j.stop();
  }
}

/** The report with its live-events section replaced (or appended): run.ts keeps it when it rewrites the rest. */
export function withEventsSection(report: string, section: string): string {
  const start = report.indexOf(BEGIN);
  const end = report.indexOf(END);
  if (start >= 0 && end > start) return `${report.slice(0, start)}${section}${report.slice(end + END.length)}`;
  return `${report.trimEnd()}\n\n${section}\n`;
}

/** The live-events section of a report, or null. */
export function eventsSection(report: string): string | null {
  const start = report.indexOf(BEGIN);
  const end = report.indexOf(END);
  return start >= 0 && end > start ? report.slice(start, end + END.length) : null;
}

export async function runEvents(argv: string[]): Promise<void> {
  await measure(parseArgs(argv));
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  (argv[0] === '--serve' ? serve(argv.slice(1)) : runEvents(argv)).catch((error) => {
    console.error(`[bench:events] failed: ${error?.stack ?? error}`);
    process.exit(1);
  });
}
