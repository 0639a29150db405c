import fs from 'node:fs';
import { createDriver, Graph } from '../../src/db/graph';
import { fingerprintChanges, graphFingerprint } from './graph-fingerprint';

/**
 * Every test file must leave the shared graph as it found it: another file counts entities and
 * awards, and jest's order changes from run to run (it runs slow and failed files first). Before
 * each file this compares the graph with the seeded one (global-setup.ts) and fails the file
 * naming the one that ran before it and what it left behind. The baseline then moves on, so only
 * one file fails for one leak.
 */
const baselineFile = process.env.HONORGRAPH_TEST_BASELINE;

beforeAll(async () => {
  if (!baselineFile || !fs.existsSync(baselineFile)) return;
  const state = JSON.parse(fs.readFileSync(baselineFile, 'utf8'));
  const driver = createDriver(process.env.TEST_NEO4J_URI!, process.env.TEST_NEO4J_USER ?? 'neo4j', process.env.TEST_NEO4J_PASSWORD ?? '');
  let changes: string[];
  let now: Awaited<ReturnType<typeof graphFingerprint>>;
  try {
    now = await graphFingerprint(new Graph(driver, process.env.TEST_NEO4J_DATABASE ?? 'neo4j'));
    changes = fingerprintChanges(state.fingerprint, now);
  } finally {
    await driver.close();
  }
  const previous: string | null = state.lastFile ?? null;
  fs.writeFileSync(baselineFile, JSON.stringify({ fingerprint: now, lastFile: expect.getState().testPath }));
  if (changes.length) {
    throw new Error(
      `${previous ?? 'a previous test file'} left the graph changed (${changes.length} differences); undo or delete what it wrote:\n` +
        changes.slice(0, 12).join('\n'),
    );
  }
});
