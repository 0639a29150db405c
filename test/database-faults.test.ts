import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Driver } from 'neo4j-driver';
import { Graph, createDriver } from '../src/db/graph';
import { LocalNeo4j, findFreePort, startLocalNeo4j } from '../src/db/local-neo4j';
import { applyMigrations } from '../src/db/migrations';
import { loadSeeds } from '../src/seed/seed';
import { RunningServer, startServer } from '../src/server/app';

/**
 * A second, private Neo4j (its own temp home and port) that these tests stop, kill -9 and start
 * again under a running server; the shared test database is never touched.
 */
jest.setTimeout(240_000);

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

async function post(query: string, variables?: Record<string, unknown>) {
  const started = Date.now();
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
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
  server = await startServer({ graph, port: 0, host: '127.0.0.1' });
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
    for (let i = 0; i < 3; i += 1) {
      const down = await post(ORGANIZATION);
      expect(down.ms).toBeLessThan(5_000);
      expect(down.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(down.body.errors[0].message).not.toMatch(/bolt|127\.0\.0\.1|ECONNREFUSED/);
    }
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(503);

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
    // Each write is two statements in one transaction (a node, then its part): both or neither.
    const acknowledged: string[] = [];
    let attempted = 0;
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; i < 2_000 && !killed; i += 1) {
        const id = `test-hardening-burst-${w}-${i}`;
        attempted += 1;
        try {
          await graph.writeTransaction(async (tx) => {
            await tx.run('CREATE (:TestHardeningBurst {id: $id})', { id });
            await tx.run('MATCH (b:TestHardeningBurst {id: $id}) CREATE (b)-[:HAS_PART]->(:TestHardeningPart {id: $id})', { id });
          });
          if (!killed) acknowledged.push(id);
        } catch (error: any) {
          if (!killed) throw error;
          expect(error.extensions?.code).toBe('SERVICE_UNAVAILABLE');
        }
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    const deadline = Date.now() + 30_000;
    while (acknowledged.length < 300 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    process.kill(neo4j!.pid, 'SIGKILL');
    // An acknowledgement racing the kill arrived before it: count it, it must be there too.
    const ackedBeforeKill = acknowledged.length;
    killed = true;
    faultsInjected += 1;
    await Promise.all(workers);
    await neo4j!.stop(); // resolves once the killed process is gone
    await start();

    let rows: Record<string, any>[] = [];
    for (let attempt = 0; attempt < 60; attempt += 1) {
      try {
        rows = await graph.read(
          `MATCH (b:TestHardeningBurst) OPTIONAL MATCH (b)-[:HAS_PART]->(p:TestHardeningPart)
           RETURN b.id AS id, count(p) AS parts`,
        );
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    const present = new Map(rows.map((row) => [row.id as string, row.parts as number]));
    const orphanParts = await graph.read('MATCH (p:TestHardeningPart) WHERE NOT (p)<-[:HAS_PART]-() RETURN count(p) AS n');
    process.stderr.write(
      `kill -9 burst: ${attempted} writes attempted, ${ackedBeforeKill} acknowledged and checked, ${present.size} present after restart\n`,
    );
    expect(ackedBeforeKill).toBeGreaterThanOrEqual(300);
    expect(acknowledged.filter((id) => !present.has(id))).toEqual([]);
    expect([...present.values()].filter((parts) => parts !== 1)).toEqual([]);
    expect(orphanParts[0].n).toBe(0);
    await graph.write('MATCH (n) WHERE n:TestHardeningBurst OR n:TestHardeningPart DETACH DELETE n');
  });
});
