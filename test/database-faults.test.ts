import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Driver } from 'neo4j-driver';
import { Graph, createDriver } from '../src/db/graph';
import { LocalNeo4j, findFreePort, startLocalNeo4j } from '../src/local-neo4j/local-neo4j';
import { applyMigrations } from '../src/db/migrations';
import { loadSeeds } from '../src/seed/seed';
import { RunningServer, ServerOptions, startServer } from '../src/app/app';

/**
 * A second, private Neo4j (its own temp home and port) that these tests stop, kill -9 and start
 * again under a running server; the shared test database is never touched.
 */
jest.setTimeout(240_000);

/**
 * The kill -9 burst goes through the editing mutations (createPerson then awardHonor, as an
 * editor) once the schema has them; before that, through Graph.writeTransaction, the path every
 * mutation takes, with two statements per transaction.
 */
const SCHEMA = fs.readFileSync(path.resolve(__dirname, '../schema/schema.graphql'), 'utf8');
const VIA_MUTATIONS = /\bcreatePerson\(input: CreatePersonInput!\)/.test(SCHEMA) && /\bawardHonor\(/.test(SCHEMA);
const JWT_SECRET = 'test-hardening-secret-0123456789abcdef0123456789abcdef';
const BURST_HONOR = 'honor-sanba-pacesetter'; // an individual honor: the recipients are people

let home: string;
let port: number;
let neo4j: LocalNeo4j | null = null;
let driver: Driver;
let graph: Graph;
let server: RunningServer;
let faultsInjected = 0;

const start = async () => {
  neo4j = await startLocalNeo4j({ home, port, heap: '512m', pagecache: '64m', startTimeoutMs: 180_000 });
};

async function post(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const started = Date.now();
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: (await response.json()) as any, ms: Date.now() - started };
}

const get = async (route: string) => {
  const response = await fetch(`http://127.0.0.1:${server.port}${route}`, { signal: AbortSignal.timeout(30_000) });
  return { status: response.status, body: (await response.json()) as any };
};

const ORGANIZATION = '{ organization(id: "org-huainan-wf") { name awards { year } } }';

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'honorgraph-faults-'));
  port = await findFreePort();
  await start();
  driver = createDriver(neo4j!.uri, 'neo4j', '');
  graph = new Graph(driver, 'neo4j');
  // A fresh Neo4j on a busy machine may take longer than the driver's 3 s connect budget to
  // answer its first query; the readiness tests below are about migrations, not start-up time.
  for (let tries = 0; ; tries += 1) {
    try {
      await driver.executeQuery('RETURN 1');
      break;
    } catch (error) {
      if (tries >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  const options: ServerOptions & { auth?: { jwtSecret: string } } = { graph, port: 0, host: '127.0.0.1' };
  if (VIA_MUTATIONS) options.auth = { jwtSecret: JWT_SECRET };
  server = await startServer(options);
});

afterAll(async () => {
  await server?.stop();
  await driver?.close();
  await neo4j?.stop();
  fs.rmSync(home, { recursive: true, force: true });
  process.stderr.write(`database faults injected: ${faultsInjected}\n`);
});

describe('a database that goes away and comes back', () => {
  it('is not ready until the migrations are applied', async () => {
    expect(await get('/readyz')).toMatchObject({ status: 503, body: { reason: 'migrations not applied' } });
    await applyMigrations(graph);
    await loadSeeds(graph);
    expect(await get('/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('fails fast with SERVICE_UNAVAILABLE while Neo4j is down, stays up, and serves again once it is back', async () => {
    expect((await post(ORGANIZATION)).body.data.organization.name).toBe('淮南市妇女联合会');

    await neo4j!.stop();
    faultsInjected += 1;
    const downTimes: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const down = await post(ORGANIZATION);
      downTimes.push(down.ms);
      expect(down.ms).toBeLessThan(5_000);
      expect(down.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(down.body.errors[0].message).not.toMatch(/bolt|127\.0\.0\.1|ECONNREFUSED/);
    }
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(503);
    process.stderr.write(`Neo4j down: SERVICE_UNAVAILABLE in ${downTimes.join(', ')} ms\n`);

    await start();
    let back: Awaited<ReturnType<typeof post>> | undefined;
    for (let attempt = 0; attempt < 60; attempt += 1) {
      back = await post(ORGANIZATION);
      if (!back.body.errors) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(back!.body.errors).toBeUndefined();
    expect(back!.body.data.organization.name).toBe('淮南市妇女联合会');
    expect((await get('/readyz')).status).toBe(200);
  });

  it('keeps every acknowledged write, and no half-applied one, after kill -9 during a burst', async () => {
    const acknowledged: string[] = [];
    let attempted = 0;
    let killed = false;
    let token = '';
    if (VIA_MUTATIONS) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { signToken } = require('../src/auth/token');
      token = signToken({ sub: 'test-hardening', role: 'editor' }, JWT_SECRET);
    }

    /** One acknowledged write, or a throw. */
    const writeOne = async (key: string): Promise<void> => {
      if (!VIA_MUTATIONS) {
        // Two statements in one transaction (a node, then its part): both or neither.
        await graph.writeTransaction(async (tx) => {
          await tx.run('CREATE (:TestHardeningBurst {id: $id})', { id: key });
          await tx.run('MATCH (b:TestHardeningBurst {id: $id}) CREATE (b)-[:HAS_PART]->(:TestHardeningPart {id: $id})', { id: key });
        });
        acknowledged.push(key);
        return;
      }
      const auth = { authorization: `Bearer ${token}` };
      const created = await post(
        'mutation BurstPerson($name: String!) { createPerson(input: { name: $name, allowDuplicate: true }) { id name } }',
        { name: `测试韧性${key}` },
        auth,
      );
      if (created.body.errors) throw Object.assign(new Error(created.body.errors[0].message), { extensions: created.body.errors[0].extensions });
      const personId = created.body.data.createPerson.id as string;
      acknowledged.push(personId);
      const awarded = await post(
        'mutation BurstAward($recipientId: ID!, $honorId: ID!) { awardHonor(recipientId: $recipientId, honorId: $honorId, year: 2024) { year } }',
        { recipientId: personId, honorId: BURST_HONOR },
        auth,
      );
      if (awarded.body.errors) throw Object.assign(new Error(awarded.body.errors[0].message), { extensions: awarded.body.errors[0].extensions });
      acknowledged.push(`${personId}#award`);
    };

    const failures: string[] = [];
    const worker = async (w: number) => {
      for (let i = 0; i < 2_000 && !killed; i += 1) {
        attempted += 1;
        try {
          await writeOne(`test-hardening-burst-${w}-${i}`);
        } catch (error: any) {
          if (!killed) throw error;
          failures.push(String(error.extensions?.code ?? error.message));
        }
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < 300 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    process.kill(neo4j!.pid, 'SIGKILL');
    const checked = [...acknowledged];
    killed = true;
    faultsInjected += 1;
    await Promise.all(workers);
    // Writes cut off by the kill fail with a code, not a hang or a crash.
    expect(failures.filter((code) => code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    await neo4j!.stop(); // resolves once the killed process is gone
    await start();

    const readBack = async (cypher: string, params: Record<string, unknown> = {}) => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await graph.read(cypher, params);
        } catch (error) {
          if (attempt >= 60) throw error;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    };
    let missing: string[];
    let halfApplied: unknown[];
    if (!VIA_MUTATIONS) {
      const rows = await readBack(
        `MATCH (b:TestHardeningBurst) OPTIONAL MATCH (b)-[:HAS_PART]->(p:TestHardeningPart) RETURN b.id AS id, count(p) AS parts`,
      );
      const present = new Set(rows.map((row) => row.id as string));
      missing = checked.filter((id) => !present.has(id));
      const orphans = await readBack('MATCH (p:TestHardeningPart) WHERE NOT (p)<-[:HAS_PART]-() RETURN p.id AS id');
      halfApplied = [...rows.filter((row) => row.parts !== 1), ...orphans];
      await graph.write('MATCH (n) WHERE n:TestHardeningBurst OR n:TestHardeningPart DETACH DELETE n');
    } else {
      const rows = await readBack(
        `MATCH (p:Person) WHERE p.name STARTS WITH '测试韧性'
         OPTIONAL MATCH (p)-[a:RECEIVED]->(:Honor {id: $honor})
         RETURN p.id AS id, p.name AS name, count(a) AS awards, collect(a.year) AS years`,
        { honor: BURST_HONOR },
      );
      const byId = new Map(rows.map((row) => [row.id as string, row]));
      missing = checked.filter((key) => {
        const [id, award] = key.split('#');
        const row = byId.get(id);
        return !row || (award && row.awards !== 1);
      });
      // A person is whole (id, name); an award is one relationship with its year.
      halfApplied = rows.filter((row) => !row.name || row.awards > 1 || row.years.some((year: unknown) => year !== 2024));
      await graph.write("MATCH (p:Person) WHERE p.name STARTS WITH '测试韧性' DETACH DELETE p");
    }
    process.stderr.write(
      `kill -9 burst (${VIA_MUTATIONS ? 'GraphQL mutations createPerson + awardHonor' : 'Graph.writeTransaction'}): ` +
        `${attempted} writes attempted, ${checked.length} acknowledged and checked, ${failures.length} cut off\n`,
    );
    expect(checked.length).toBeGreaterThanOrEqual(300);
    expect(missing).toEqual([]);
    expect(halfApplied).toEqual([]);
  });
});
