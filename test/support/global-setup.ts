import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDriver, Graph } from '../../src/db/graph';
import { applyMigrations } from '../../src/db/migrations';
import { findFreePort, startLocalNeo4j } from '../../src/local-neo4j/local-neo4j';
import { loadSeeds } from '../../src/seed/seed';
import { graphFingerprint } from './graph-fingerprint';

/**
 * Starts one real Neo4j for the whole test run: the embedded one from tools/neo4j-local, in a
 * throwaway folder on a free port, unless TEST_NEO4J_URI names a server to use (it is wiped).
 * Test files find it through TEST_NEO4J_URI.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  // The explorer's browser test needs Debian's Chromium and a CJK font: installed here when missing.
  execFileSync('bash', [path.resolve(__dirname, '../../tools/ensure-browser.sh')], { stdio: 'inherit' });
  let uri = process.env.TEST_NEO4J_URI;
  if (!uri) {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'honorgraph-test-'));
    const port = await findFreePort();
    const log = (line: string) => process.stderr.write(`[neo4j-local] ${line}\n`);
    const local = await startLocalNeo4j({ home, port, heap: '1g', pagecache: '128m', log: (line) => {
      if (/download|build|first run/i.test(line)) log(line);
    } });
    (globalThis as any).__HONORGRAPH_NEO4J__ = { local, home };
    uri = local.uri;
    process.env.TEST_NEO4J_URI = uri;
  }
  const driver = createDriver(uri, process.env.TEST_NEO4J_USER ?? 'neo4j', process.env.TEST_NEO4J_PASSWORD ?? '');
  try {
    const graph = new Graph(driver, process.env.TEST_NEO4J_DATABASE ?? 'neo4j');
    await graph.write('MATCH (n) DETACH DELETE n');
    await applyMigrations(graph);
    await loadSeeds(graph);
    // What every test file must leave as it found it (graph-left-as-found.ts).
    const baseline = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'honorgraph-test-baseline-')), 'graph.json');
    fs.writeFileSync(baseline, JSON.stringify({ fingerprint: await graphFingerprint(graph), lastFile: null }));
    process.env.HONORGRAPH_TEST_BASELINE = baseline;
  } finally {
    await driver.close();
  }
  process.stderr.write(`\n[test] Neo4j at ${uri}, migrated and seeded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
