/**
 * Development aid: starts Neo4j on a loaded bench data folder and the API in-process, then times
 * one benchmark query per arm-free request and profiles a Cypher statement.
 *   node bench/out/build/bench/probe.js <size> <queryName> [cypher to PROFILE]
 */
import 'reflect-metadata';
import path from 'node:path';
import { Graph, createDriver } from '../src/db/graph';
import { findFreePort, startLocalNeo4j } from '../src/local-neo4j/local-neo4j';
import { startServer } from '../src/app/app';
import { BENCH_LIMITS } from './limits';
import { Size, SyntheticGraph } from './generate';
import { benchQueries } from './queries';

async function main() {
  const [size, name, profile] = process.argv.slice(2);
  const graph = new SyntheticGraph(size as Size, 1);
  const home = path.resolve(__dirname, `../../neo4j-${size}-seed1`);
  const neo4j = await startLocalNeo4j({ home, port: await findFreePort(), heap: size === 'L' ? '4g' : '1g', pagecache: size === 'L' ? '2g' : '512m' });
  const driver = createDriver(neo4j.uri, 'neo4j', '');
  try {
    if (profile) {
      const result = await driver.executeQuery(`PROFILE ${profile}`, JSON.parse(process.argv[5] ?? '{}'));
      const walk = (p: any, depth = 0): void => {
        console.log(`${'  '.repeat(depth)}${p.operatorType} rows=${p.rows} dbHits=${p.dbHits} ${p.arguments?.Details ?? ''}`);
        for (const c of p.children ?? []) walk(c, depth + 1);
      };
      walk(result.summary.profile);
    }
    const server = await startServer({ graph: new Graph(driver, 'neo4j'), port: await findFreePort(), host: '127.0.0.1', production: true, limits: BENCH_LIMITS });
    const query = benchQueries(graph).find((q) => q.name === name)!;
    const request = query.request('api', new Set()) as any;
    for (let i = 0; i < Number(process.env.PROBE_N ?? 5); i++) {
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.body) });
      const json: any = await response.json();
      const cpu = process.cpuUsage(c0);
      console.log(`${name}: ${Number(process.hrtime.bigint() - t0) / 1e6} ms wall, ${(cpu.user + cpu.system) / 1000} ms CPU, ${json.extensions?.cypherRoundTrips} round trips, ${JSON.stringify(json).length} chars${json.errors ? ' ' + JSON.stringify(json.errors).slice(0, 300) : ''}`);
    }
    await server.stop();
  } finally {
    await driver.close();
    await neo4j.stop();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
