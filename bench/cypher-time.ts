/**
 * Development aid: times Cypher statements on a loaded bench data folder (server-side ms, best
 * of N after warm-up).   node bench/out/build/bench/cypher-time.js <size> <json file of {name: [cypher, params]}>
 */
import fs from 'node:fs';
import path from 'node:path';
import { createDriver } from '../src/db/graph';
import { findFreePort, startLocalNeo4j } from '../src/local-neo4j/local-neo4j';

async function main() {
  const [size, file] = process.argv.slice(2);
  const statements: Record<string, [string, Record<string, unknown>]> = JSON.parse(fs.readFileSync(file, 'utf8'));
  const home = path.resolve(__dirname, `../../neo4j-${size}-seed1`);
  const neo4j = await startLocalNeo4j({ home, port: await findFreePort(), heap: size === 'L' ? '4g' : '1g', pagecache: size === 'L' ? '2g' : '512m' });
  const driver = createDriver(neo4j.uri, 'neo4j', '');
  try {
    for (const [name, [cypher, params]] of Object.entries(statements)) {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < Number(process.env.N ?? 40); i++) {
        const t0 = process.hrtime.bigint();
        const result = await driver.executeQuery(cypher, params);
        rows = result.records.length;
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      times.sort((a, b) => a - b);
      console.log(`${name}: ${rows} rows, min ${times[0].toFixed(1)} ms, median ${times[times.length >> 1].toFixed(1)} ms (client wall)`);
    }
  } finally {
    await driver.close();
    await neo4j.stop();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
