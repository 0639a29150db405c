/**
 * Writes the synthetic graph as CSV files in the format of Neo4j's offline importer
 * (`neo4j-admin database import full`): per node label and per relationship type one header
 * file and one data file. The rows are the very rows the UNWIND loader sends (same generator
 * calls), so both paths store the same graph; property types follow what the JavaScript driver
 * sends for those values (a JS number is a Bolt float, hence `double`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { NODE_LABELS, RELATIONSHIP_TYPES, Row, SyntheticGraph } from './generate';

/** Separates the elements of an array field (no generated value contains it; checked). */
export const ARRAY_DELIMITER = ';';

export interface CsvFile {
  /** `Entity:Person` for nodes, the relationship type for relationships. */
  group: string;
  header: string;
  data: string;
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

type ColumnType = 'string' | 'double' | 'boolean' | 'string[]' | 'datetime';

const NEEDS_QUOTES = /[",\r\n]/;

function quote(s: string): string {
  // An empty field is "no property"; a quoted empty field is the empty string.
  return s === '' || NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One CSV file whose columns are fixed by the first row (every row of a label or type has the
 * same keys in the generator) and whose types are learned from all non-null values: the header
 * is written last, into its own file.
 */
class CsvWriter {
  private readonly fd: number;
  private readonly columns: string[] = [];
  private readonly types = new Map<string, ColumnType>();
  private readonly empties = new Map<string, number>();
  private readonly nulls = new Set<string>();
  private buffer: string[] = [];
  private buffered = 0;
  rows = 0;

  constructor(
    readonly dir: string,
    readonly name: string,
    /** Leading header fields for the importer's own columns (`id:ID`, `:START_ID`, …). */
    private readonly leading: string[],
    /** Columns written for every row with a fixed value (and type). */
    private readonly constants: { name: string; type: ColumnType; value: string }[] = [],
  ) {
    this.fd = fs.openSync(path.join(dir, `${name}.csv`), 'w');
  }

  private typeOf(key: string, value: unknown): ColumnType {
    if (typeof value === 'string') return 'string';
    if (typeof value === 'number') return 'double';
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

  /** `lead` are the values of the leading columns; `props` the properties. */
  write(lead: string[], props: Row): void {
    if (this.rows === 0) this.columns.push(...Object.keys(props));
    else if (Object.keys(props).length !== this.columns.length) throw new Error(`${this.name}: row ${this.rows} has other keys than the first row`);
    const fields = lead.map(quote);
    for (const key of this.columns) {
      if (!(key in props)) throw new Error(`${this.name}: row ${this.rows} has no ${key}`);
      fields.push(this.field(key, props[key]));
    }
    for (const c of this.constants) fields.push(c.value);
    const line = `${fields.join(',')}\n`;
    this.buffer.push(line);
    this.buffered += line.length;
    this.rows += 1;
    if (this.buffered > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buffer.length) fs.writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }

  close(group: string): CsvFile {
    this.flush();
    fs.closeSync(this.fd);
    const header = [
      ...this.leading,
      ...this.columns.map((key) => `${key}:${this.types.get(key) ?? 'string'}`),
      ...this.constants.map((c) => `${c.name}:${c.type}`),
    ];
    const headerFile = path.join(this.dir, `${this.name}.header.csv`);
    fs.writeFileSync(headerFile, `${header.join(',')}\n`);
    for (const key of this.empties.keys()) {
      if (this.nulls.has(key)) throw new Error(`${this.name}.${key}: both null and empty arrays; the importer would store neither`);
    }
    const emptyArrays = [...this.empties].map(([key, rows]) => ({ key, rows }));
    return { group, header: headerFile, data: path.join(this.dir, `${this.name}.csv`), rows: this.rows, emptyArrays };
  }
}

/**
 * Writes every node and relationship of `graph` under `dir` (emptied first). `createdAt` is the
 * one timestamp every node gets (the UNWIND path stamps each batch with its transaction's time).
 */
export function writeImportCsv(graph: SyntheticGraph, dir: string, createdAt: Date, progress: (what: string, n: number) => void = () => {}): CsvExport {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const stamp = createdAt.toISOString();
  const batch = 10_000;

  const nodesStarted = Date.now();
  const nodes: CsvFile[] = [];
  let nodeCount = 0;
  for (const label of NODE_LABELS) {
    const writer = new CsvWriter(dir, `nodes-${label}`, ['id:ID'], [{ name: 'createdAt', type: 'datetime', value: stamp }]);
    for (const rows of graph.nodeBatches(label, batch)) {
      for (const row of rows) {
        const { id, ...props } = row;
        writer.write([id as string], props);
      }
      nodeCount += rows.length;
      progress('nodes', nodeCount);
    }
    nodes.push(writer.close(`Entity:${label}`));
  }
  const nodesMs = Date.now() - nodesStarted;

  const relsStarted = Date.now();
  const relationships: CsvFile[] = [];
  let relationshipCount = 0;
  for (const type of RELATIONSHIP_TYPES) {
    const writer = new CsvWriter(dir, `relationships-${type}`, [':START_ID', ':END_ID']);
    for (const rows of graph.relationshipBatches(type, batch)) {
      for (const row of rows) writer.write([row.from, row.to], row.props);
      relationshipCount += rows.length;
      progress('relationships', relationshipCount);
    }
    relationships.push(writer.close(type));
  }
  const relationshipsMs = Date.now() - relsStarted;
  return { nodes, relationships, nodeCount, relationshipCount, nodesMs, relationshipsMs };
}
