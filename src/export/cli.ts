import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { ExportRootNotFound } from './export.repository';
import { ExportInputError, checkFormat, checkScope, exportGraph } from './export';

const USAGE = 'usage: npm run export -- --format graphml|csv|jsonld [--out path] [--root <id> [--hops N]]';
const log = (line: string) => process.stderr.write(`[export] ${line}\n`);

/**
 * Writes the graph (or the part within --hops of --root) to a file; CSV goes to a folder holding
 * nodes.csv and edges.csv. Progress goes to stderr, so `--out -` can pipe GraphML or JSON-LD.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { format: { type: 'string' }, out: { type: 'string' }, root: { type: 'string' }, hops: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const format = checkFormat(values.format);
  const scope = checkScope(values.root, values.hops);
  const started = Date.now();
  const database = await connectDatabase(loadConfig(), log);
  try {
    const files = await exportGraph(database.graph, format, scope, log);
    if (format === 'csv') {
      const folder = values.out ?? (scope.root ? files[0].name.replace(/-nodes\.csv$/, '-csv') : 'honorgraph-csv');
      fs.mkdirSync(folder, { recursive: true });
      const [nodes, edges] = files;
      fs.writeFileSync(path.join(folder, 'nodes.csv'), nodes.body);
      fs.writeFileSync(path.join(folder, 'edges.csv'), edges.body);
      log(`wrote ${path.join(folder, 'nodes.csv')} (${nodes.body.length} chars) and ${path.join(folder, 'edges.csv')} (${edges.body.length} chars)`);
    } else if (values.out === '-') {
      process.stdout.write(files[0].body);
    } else {
      const out = values.out ?? files[0].name;
      fs.writeFileSync(out, files[0].body);
      log(`wrote ${out} (${Buffer.byteLength(files[0].body)} bytes)`);
    }
    log(`done in ${Date.now() - started} ms`);
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  const known = error instanceof ExportInputError || error instanceof ExportRootNotFound;
  log(`failed: ${String(error?.message ?? error).split('\n')[0]}${known ? `\n${USAGE}` : ''}`);
  process.exit(1);
});
