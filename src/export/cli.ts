import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { connectDatabase } from '../local-neo4j/connect-database';
import { ExportRootNotFound } from './export.repository';
import { CSV_PARTS, ExportInputError, PreparedExport, checkFormat, checkScope, prepareExport, streamSink } from './export';

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
    const replaced = (count: number) => (count ? log(`${count} character(s) XML 1.0 cannot hold were written as U+FFFD`) : undefined);
    if (format === 'csv') {
      const folder = values.out ?? (scope.root ? `honorgraph-${scope.root.replace(/[^A-Za-z0-9_-]/g, '_')}-${scope.hops}hops-csv` : 'honorgraph-csv');
      fs.mkdirSync(folder, { recursive: true });
      for (const part of CSV_PARTS) {
        const out = path.join(folder, `${part}.csv`);
        await writeFile(out, await prepareExport(database.graph, { format, scope, part }, part === 'nodes' ? log : undefined));
        log(`wrote ${out} (${fs.statSync(out).size} bytes)`);
      }
    } else if (values.out === '-') {
      const prepared = await prepareExport(database.graph, { format, scope }, log);
      replaced((await prepared.write(streamSink(process.stdout))).replacedCharacters);
    } else {
      const prepared = await prepareExport(database.graph, { format, scope }, log);
      const out = values.out ?? prepared.name;
      replaced(await writeFile(out, prepared));
      log(`wrote ${out} (${fs.statSync(out).size} bytes)`);
    }
    log(`done in ${Date.now() - started} ms`);
  } finally {
    await database.close();
  }
}

/** Streams a prepared export into a file; resolves once it is on disk. */
async function writeFile(file: string, prepared: PreparedExport): Promise<number> {
  const stream = fs.createWriteStream(file);
  try {
    const { replacedCharacters } = await prepared.write(streamSink(stream));
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return replacedCharacters;
  } catch (error) {
    stream.destroy();
    throw error;
  }
}

main().catch((error) => {
  const known = error instanceof ExportInputError || error instanceof ExportRootNotFound;
  log(`failed: ${String(error?.message ?? error).split('\n')[0]}${known ? `\n${USAGE}` : ''}`);
  process.exit(1);
});
