/**
 * Runs Neo4j's offline batch importer (`neo4j-admin database import full`, class
 * org.neo4j.cli.AdminTool from the embedded Neo4j's own jars) into the `neo4j` database of a
 * data folder, which no Neo4j may have open. It writes the store files directly, without
 * transactions: the fastest way to fill an empty database.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { ensureLocalNeo4jBuilt, localNeo4jClasspath } from '../src/local-neo4j/local-neo4j';
import { ARRAY_DELIMITER, CsvExport } from './csv';

export interface ImportReport {
  /** The importer's own stage times (ms): node import; relationship import, linking, post processing. */
  stages: Record<string, number>;
  nodesMs: number;
  relationshipsMs: number;
  totalMs: number;
  /** CPU seconds the importer's JVM used (sampled from /proc every half second). */
  cpuSeconds: number;
}

function processCpuSeconds(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** "1m 2s 345ms" → 62345. */
export function parseDuration(text: string): number {
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(ms|h|m|s)\b/g)) {
    ms += Number(n) * ({ h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as Record<string, number>)[unit];
  }
  return ms;
}

export async function importCsv(home: string, csv: CsvExport, options: { heap?: string; log?: (line: string) => void } = {}): Promise<ImportReport> {
  const log = options.log ?? (() => {});
  await ensureLocalNeo4jBuilt(log);
  // The importer reads neo4j.conf from NEO4J_CONF: an empty one means the defaults, whose data
  // directory (<home>/data) is the one the launcher opens.
  fs.mkdirSync(path.join(home, 'conf'), { recursive: true });
  const args = [
    `-Xmx${options.heap ?? '1g'}`,
    '-Dfile.encoding=UTF-8',
    '-cp',
    localNeo4jClasspath(),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    // The database name goes first: the file lists after --nodes/--relationships take every
    // following argument.
    'neo4j',
    '--overwrite-destination=true',
    // The :ID columns hold the node ids themselves (csv.ts nodeNumbers).
    '--id-type=actual',
    `--array-delimiter=${ARRAY_DELIMITER}`,
    `--report-file=${path.join(home, 'logs', 'import.report')}`,
    ...csv.nodes.map((f) => `--nodes=${f.group}=${[f.header, ...f.data].join(',')}`),
    ...csv.relationships.map((f) => `--relationships=${f.group}=${[f.header, ...f.data].join(',')}`),
  ];
  fs.mkdirSync(path.join(home, 'logs'), { recursive: true });
  const started = Date.now();
  const child = spawn('java', args, {
    cwd: home,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') },
  });
  let cpuSeconds = 0;
  const sampler = setInterval(() => {
    cpuSeconds = processCpuSeconds(child.pid!) ?? cpuSeconds;
  }, 500);
  const stages: Record<string, number> = {};
  const tail: string[] = [];
  let stage = '';
  let stageStarted = Date.now();
  let lastPercent = -1;
  const totals: Record<string, number> = { 'Node import': csv.nodeCount, 'Relationship import': csv.relationshipCount };
  const onLine = (line: string) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    const begin = /^\(\d+\/\d+\) (.+?) \d{4}-\d\d-\d\d/.exec(line);
    if (begin) {
      stage = begin[1];
      stageStarted = Date.now();
      lastPercent = -1;
      return;
    }
    const done = /^(.+) COMPLETED in (.+)$/.exec(line);
    if (done) {
      stages[done[1]] = parseDuration(done[2]);
      log(`  import: ${done[1]} done in ${(stages[done[1]] / 1000).toFixed(1)} s`);
      return;
    }
    const percent = /\s(\d+)% ∆/.exec(line);
    if (percent && stage) {
      const p = Number(percent[1]);
      if (p >= lastPercent + 20) {
        lastPercent = p;
        const total = totals[stage];
        const seconds = Math.max((Date.now() - stageStarted) / 1000, 0.001);
        const rows = total ? ` (about ${Math.round((total * p) / 100).toLocaleString('en')} rows, ${Math.round((total * p) / 100 / seconds).toLocaleString('en')}/s)` : '';
        log(`  import: ${stage} ${p}%${rows}`);
      }
      return;
    }
    if (/^IMPORT (DONE|FAILED)|^Imported:|^\s+\d+ (nodes|relationships|properties)|^Peak memory/.test(line)) log(`  import: ${line.trim()}`);
  };
  readline.createInterface({ input: child.stdout! }).on('line', onLine);
  readline.createInterface({ input: child.stderr! }).on('line', onLine);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c));
  });
  clearInterval(sampler);
  if (code !== 0) throw new Error(`neo4j-admin database import exited with ${code}:\n${tail.join('\n')}`);
  const totalMs = Date.now() - started;
  const nodesMs = stages['Node import'] ?? 0;
  const relationshipsMs = ['Relationship import', 'Relationship linking', 'Post processing'].reduce((sum, s) => sum + (stages[s] ?? 0), 0);
  return { stages, nodesMs, relationshipsMs, totalMs, cpuSeconds };
}
