/**
 * Writes the synthetic graph as CSV files in the format of Neo4j's offline importer
 * (`neo4j-admin database import full`): per node label and per relationship type one header
 * file and one data file. The rows are the very rows the UNWIND loader sends (same generator
 * calls), so both paths store the same graph; property types follow what the JavaScript driver
 * sends for those values (a JS number is a Bolt float, hence `double`; years are driver integers,
 * `long`, and dates driver dates, `date`, as the app stores them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import neo4j, { isDate } from 'neo4j-driver';
import { NODE_LABELS, NodeLabel, RELATIONSHIP_TYPES, RelationshipType, Row, Size, SyntheticGraph } from './generate';

/** Separates the elements of an array field (no generated value contains it; checked). */
export const ARRAY_DELIMITER = ';';

export interface CsvFile {
  /** `Entity:Person` for nodes, the relationship type for relationships. */
  group: string;
  header: string;
  /** Data files (parts written in parallel), after the header on the importer's command line. */
  data: string[];
  rows: number;
  /**
   * Array properties some rows hold as an empty array. The importer stores no property for an
   * empty array (the UNWIND path stores []): these are set after the import (restoreEmptyArrays
   * in load.ts). Such a column never holds null, so "missing" means exactly "was []".
   */
  emptyArrays: { key: string; rows: number }[];
}

export interface CsvExport {
  nodes: CsvFile[];
  relationships: CsvFile[];
  nodeCount: number;
  relationshipCount: number;
  nodesMs: number;
  relationshipsMs: number;
}

type ColumnType = 'string' | 'long' | 'double' | 'boolean' | 'date' | 'string[]' | 'datetime';

const NEEDS_QUOTES = /[",\n\r]/;

function quote(s: string): string {
  // An empty field is "no property"; a quoted empty field is the empty string.
  if (s === '') return '""';
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** What a writer learned about its rows; parts of one group are merged into one header. */
interface CsvPart {
  name: string;
  group: string;
  data: string;
  leading: string[];
  columns: string[];
  types: Record<string, ColumnType>;
  constants: { name: string; type: ColumnType }[];
  empties: Record<string, number>;
  nulls: string[];
  rows: number;
}

/**
 * One CSV data file whose columns are fixed by the first row (every row of a label or type has
 * the same keys in the generator) and whose types are learned from all non-null values: the
 * header is written last, into its own file, once every part of the group is written.
 */
class CsvWriter {
  private readonly fd: number;
  private readonly file: string;
  private readonly columns: string[] = [];
  private readonly types = new Map<string, ColumnType>();
  private readonly empties = new Map<string, number>();
  private readonly nulls = new Set<string>();
  private buffer = '';
  rows = 0;

  constructor(
    dir: string,
    readonly name: string,
    readonly group: string,
    /** Leading header fields for the importer's own columns (`id:ID`, `:START_ID`, …). */
    private readonly leading: string[],
    /** Columns written for every row with a fixed value (and type). */
    private readonly constants: { name: string; type: ColumnType; value: string }[] = [],
  ) {
    this.file = path.join(dir, `${name}.csv`);
    this.fd = fs.openSync(this.file, 'w');
  }

  private typeOf(key: string, value: unknown): ColumnType {
    if (typeof value === 'string') return 'string';
    if (typeof value === 'number') return 'double';
    if (neo4j.isInt(value)) return 'long';
    if (isDate(value)) return 'date';
    if (typeof value === 'boolean') return 'boolean';
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return 'string[]';
    throw new Error(`${this.name}.${key}: cannot write ${JSON.stringify(value)} as CSV`);
  }

  private field(key: string, value: unknown): string {
    if (value === null || value === undefined) {
      this.nulls.add(key);
      return '';
    }
    const type = this.typeOf(key, value);
    const known = this.types.get(key);
    if (known && known !== type) throw new Error(`${this.name}.${key}: both ${known} and ${type} values`);
    if (!known) this.types.set(key, type);
    if (type === 'string[]') {
      const items = value as string[];
      for (const item of items) {
        if (item.includes(ARRAY_DELIMITER) || item === '') throw new Error(`${this.name}.${key}: element ${JSON.stringify(item)} cannot be written as an array element`);
      }
      if (items.length === 0) {
        this.empties.set(key, (this.empties.get(key) ?? 0) + 1);
        return '';
      }
      return quote(items.join(ARRAY_DELIMITER));
    }
    return type === 'string' ? quote(value as string) : String(value);
  }

  /**
   * `lead` are the values of the leading columns; `props` the properties, minus `skip` (the id,
   * which is the leading column of a node). Built by concatenation: a million rows make garbage
   * collection the largest cost otherwise.
   */
  write(lead: string[], props: Row, skip?: string): void {
    if (this.rows === 0) for (const key of Object.keys(props)) if (key !== skip) this.columns.push(key);
    let count = 0;
    for (const key in props) if (key !== skip) count += 1;
    if (count !== this.columns.length) throw new Error(`${this.name}: row ${this.rows} has other keys than the first row`);
    let line = '';
    for (let i = 0; i < lead.length; i++) line += (i ? ',' : '') + quote(lead[i]);
    for (const key of this.columns) {
      if (!(key in props)) throw new Error(`${this.name}: row ${this.rows} has no ${key}`);
      line += `,${this.field(key, props[key])}`;
    }
    for (const c of this.constants) line += `,${c.value}`;
    this.buffer += `${line}\n`;
    this.rows += 1;
    if (this.buffer.length > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buffer) fs.writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  close(): CsvPart {
    this.flush();
    fs.closeSync(this.fd);
    return {
      name: this.name,
      group: this.group,
      data: this.file,
      leading: this.leading,
      columns: this.columns,
      types: Object.fromEntries(this.types),
      constants: this.constants.map(({ name, type }) => ({ name, type })),
      empties: Object.fromEntries(this.empties),
      nulls: [...this.nulls],
      rows: this.rows,
    };
  }
}

/** One header for the parts of a group (same columns in the same order; types must agree). */
function mergeParts(dir: string, name: string, parts: CsvPart[]): CsvFile {
  const first = parts.find((p) => p.rows > 0) ?? parts[0];
  const types: Record<string, ColumnType> = {};
  const empties: Record<string, number> = {};
  const nulls = new Set<string>();
  for (const part of parts) {
    if (part.rows > 0 && part.columns.join() !== first.columns.join()) throw new Error(`${name}: parts with other columns`);
    for (const [key, type] of Object.entries(part.types)) {
      if (types[key] && types[key] !== type) throw new Error(`${name}.${key}: both ${types[key]} and ${type} values`);
      types[key] = type;
    }
    for (const [key, n] of Object.entries(part.empties)) empties[key] = (empties[key] ?? 0) + n;
    for (const key of part.nulls) nulls.add(key);
  }
  for (const key of Object.keys(empties)) {
    if (nulls.has(key)) throw new Error(`${name}.${key}: both null and empty arrays; the importer would store neither`);
  }
  const header = [...first.leading, ...first.columns.map((key) => `${key}:${types[key] ?? 'string'}`), ...first.constants.map((c) => `${c.name}:${c.type}`)];
  const headerFile = path.join(dir, `${name}.header.csv`);
  fs.writeFileSync(headerFile, `${header.join(',')}\n`);
  return {
    group: first.group,
    header: headerFile,
    data: parts.filter((p) => p.rows > 0).map((p) => p.data),
    rows: parts.reduce((sum, p) => sum + p.rows, 0),
    emptyArrays: Object.entries(empties).map(([key, rows]) => ({ key, rows })),
  };
}

/**
 * The Neo4j node id each generated id gets: nodes are numbered 0… in load order (Source,
 * Organization, Honor, Program, Person), and the importer runs with --id-type=actual, so it
 * stores them under exactly these ids and needs no id map (whose building and look-ups cost a
 * good part of an import with string ids). The string id stays the `id` property.
 */
export function nodeNumbers(graph: SyntheticGraph): (id: string) => number {
  const numbers = new Map<string, number>();
  numbers.set(graph.sourceId, 0);
  for (const org of graph.orgs) numbers.set(org.id, numbers.size);
  for (const honor of graph.honors) numbers.set(honor.id, numbers.size);
  for (const program of graph.programs) numbers.set(program.id, numbers.size);
  const firstPerson = numbers.size;
  const personPrefix = graph.personId(0).replace(/0$/, '');
  return (id: string) => {
    const n = numbers.get(id);
    if (n !== undefined) return n;
    if (id.startsWith(personPrefix)) {
      const i = Number(id.slice(personPrefix.length));
      if (Number.isInteger(i) && i >= 0 && i < graph.people && graph.personId(i) === id) return firstPerson + i;
    }
    throw new Error(`no node has the id ${id}`);
  };
}

/** What one worker writes: node labels (Person limited to a range of persons) and relationship types. */
export interface CsvTask {
  size: Size;
  seed: number;
  dir: string;
  part: number;
  createdAt: string;
  labels: NodeLabel[];
  people: [number, number];
  types: RelationshipType[];
}

/** Writes one task's files (in a worker thread: csv-worker.ts); reports rows written as it goes. */
export function writeCsvTask(task: CsvTask, progress: (nodes: number, relationships: number) => void = () => {}): { nodes: CsvPart[]; relationships: CsvPart[]; nodesMs: number; relationshipsMs: number } {
  const graph = new SyntheticGraph(task.size, task.seed);
  const nodeNumber = nodeNumbers(graph);
  const batch = 10_000;
  let nodeCount = 0;
  let relationshipCount = 0;
  const nodesStarted = Date.now();
  const nodes: CsvPart[] = [];
  for (const label of task.labels) {
    const writer = new CsvWriter(task.dir, `nodes-${label}.${task.part}`, `Entity:${label}`, [':ID'], [{ name: 'createdAt', type: 'datetime', value: task.createdAt }]);
    for (const rows of graph.nodeBatches(label, batch, task.people)) {
      for (const row of rows) writer.write([String(nodeNumber(row.id as string))], row);
      nodeCount += rows.length;
      progress(nodeCount, relationshipCount);
    }
    nodes.push(writer.close());
  }
  const nodesMs = Date.now() - nodesStarted;
  const relsStarted = Date.now();
  const relationships: CsvPart[] = [];
  for (const type of task.types) {
    const writer = new CsvWriter(task.dir, `relationships-${type}.${task.part}`, type, [':START_ID', ':END_ID']);
    for (const rows of graph.relationshipBatches(type, batch)) {
      for (const row of rows) writer.write([String(nodeNumber(row.from)), String(nodeNumber(row.to))], row.props);
      relationshipCount += rows.length;
      progress(nodeCount, relationshipCount);
    }
    relationships.push(writer.close());
  }
  return { nodes, relationships, nodesMs, relationshipsMs: Date.now() - relsStarted };
}

/**
 * The two workers' tasks (one per core): one writes the small labels and the first three
 * quarters of the people, the other the remaining people and every relationship.
 */
export function csvTasks(graph: SyntheticGraph, dir: string, createdAt: Date): CsvTask[] {
  const split = Math.floor(graph.people * 0.75);
  const common = { size: graph.size, seed: graph.seed, dir, createdAt: createdAt.toISOString() };
  return [
    { ...common, part: 0, labels: [...NODE_LABELS], people: [0, split], types: [] },
    { ...common, part: 1, labels: ['Person'], people: [split, graph.people], types: [...RELATIONSHIP_TYPES] },
  ];
}

/**
 * Writes every node and relationship of `graph` under `dir` (emptied first), in two worker
 * threads (csvTasks). `createdAt` is the one timestamp every node gets (the UNWIND path stamps
 * each batch with its transaction's time).
 */
export async function writeImportCsv(graph: SyntheticGraph, dir: string, createdAt: Date, progress: (nodes: number, relationships: number) => void = () => {}): Promise<CsvExport> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const tasks = csvTasks(graph, dir, createdAt);
  const counts = tasks.map(() => ({ nodes: 0, relationships: 0 }));
  const results = await Promise.all(
    tasks.map(
      (task, i) =>
        new Promise<ReturnType<typeof writeCsvTask>>((resolve, reject) => {
          const worker = new Worker(path.join(__dirname, 'csv-worker.js'), { workerData: task });
          worker.on('message', (message: { progress?: { nodes: number; relationships: number }; done?: ReturnType<typeof writeCsvTask> }) => {
            if (message.progress) {
              counts[i] = message.progress;
              progress(
                counts.reduce((sum, c) => sum + c.nodes, 0),
                counts.reduce((sum, c) => sum + c.relationships, 0),
              );
            }
            if (message.done) resolve(message.done);
          });
          worker.once('error', reject);
          worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`CSV worker ${i} exited with ${code}`))));
        }),
    ),
  );
  const nodes = NODE_LABELS.map((label) => mergeParts(dir, `nodes-${label}`, results.flatMap((r) => r.nodes.filter((p) => p.group === `Entity:${label}`))));
  const relationships = RELATIONSHIP_TYPES.map((type) => mergeParts(dir, `relationships-${type}`, results.flatMap((r) => r.relationships.filter((p) => p.group === type))));
  return {
    nodes,
    relationships,
    nodeCount: nodes.reduce((sum, f) => sum + f.rows, 0),
    relationshipCount: relationships.reduce((sum, f) => sum + f.rows, 0),
    nodesMs: Math.max(...results.map((r) => r.nodesMs)),
    relationshipsMs: Math.max(...results.map((r) => r.relationshipsMs)),
  };
}
