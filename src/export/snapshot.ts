/**
 * The graph as plain data, independent of any file format: every node with its labels and
 * properties, every relationship with its ends and properties, and the Neo4j type of each
 * property value (so 2024 stays an INTEGER or a FLOAT, and createdAt stays a DATETIME, after a
 * trip through a file).
 */
import { partialDateText, precisionProperty } from '../graph/partial-date';

export type PropertyValue = string | number | boolean | PropertyValue[] | null;

export interface SnapshotNode {
  id: string;
  labels: string[];
  properties: Record<string, PropertyValue>;
  /** Neo4j value type per property, without NOT NULL: STRING, INTEGER, FLOAT, LIST<STRING>, ZONED DATETIME… */
  types: Record<string, string>;
}

export interface SnapshotEdge {
  type: string;
  from: string;
  to: string;
  properties: Record<string, PropertyValue>;
  types: Record<string, string>;
}

export interface GraphSnapshot {
  nodes: SnapshotNode[];
  edges: SnapshotEdge[];
}

/** Types a snapshot can carry through a file and back into Neo4j. */
export const SCALAR_TYPES = new Set(['STRING', 'INTEGER', 'FLOAT', 'BOOLEAN']);

/** Temporal types travel as their ISO text and are rebuilt by the matching Cypher function. */
export const TEMPORAL_FUNCTIONS: Record<string, string> = {
  'ZONED DATETIME': 'datetime',
  'LOCAL DATETIME': 'localdatetime',
  DATE: 'date',
  'ZONED TIME': 'time',
  'LOCAL TIME': 'localtime',
  DURATION: 'duration',
};

export const isListType = (type: string) => type.startsWith('LIST<');

/**
 * Properties with every DATE that has a `<name>Precision` sibling written as the partial date it
 * stands for ("2025", "2024-09", "2024-09-01"), on nodes and relationships alike: what every
 * format shows. The Cypher `date()` an import rebuilds it with reads the short forms too, and the
 * precision travels as its own property.
 */
export function withDateText(properties: Record<string, PropertyValue>, types: Record<string, string>): Record<string, PropertyValue> {
  let out = properties;
  for (const [name, type] of Object.entries(types)) {
    const precision = properties[precisionProperty(name)];
    if (type !== 'DATE' || typeof precision !== 'string' || typeof properties[name] !== 'string') continue;
    if (out === properties) out = { ...properties };
    out[name] = partialDateText(properties[name] as string, precision);
  }
  return out;
}

export function checkSupportedType(type: string, where: string): void {
  if (SCALAR_TYPES.has(type) || type in TEMPORAL_FUNCTIONS) return;
  if (isListType(type) && /^LIST<(STRING|INTEGER|FLOAT|BOOLEAN|NOTHING)>$/.test(type)) return;
  throw new Error(`${where}: values of type ${type} cannot be exported`);
}

/** `valueType()` answers e.g. "LIST<STRING NOT NULL> NOT NULL"; nullability says nothing here. */
export const normalizeType = (valueType: string) => valueType.replace(/ NOT NULL/g, '');

/** Labels, types and property names from a file end up in Cypher text: only plain identifiers pass. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkIdentifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`${what} "${name}" is not a plain identifier`);
  return name;
}

export const snapshotCounts = (snapshot: GraphSnapshot) => ({ nodes: snapshot.nodes.length, edges: snapshot.edges.length });

/** One batch of an export as it is read: nodes ordered by id, the relationships leaving them, and (when asked) some arriving. */
export interface ExportBatch {
  nodes: SnapshotNode[];
  /** Relationships from a node of the batch to a node in scope. */
  edges: SnapshotEdge[];
  /** Relationships of the asked types from a node in scope to a node of the batch (JSON-LD's `author`). */
  incoming: SnapshotEdge[];
  /** The names of the nodes its relationships lead to, when asked (JSON-LD writes an award as the honor's name). */
  names?: Record<string, string>;
}

export type Domain = 'node' | 'edge';
/** Per domain and property: its one Neo4j type, or MIXED when elements disagree. */
export type TypeTable = Record<Domain, Record<string, string>>;

/** Notes that `name` has `type` somewhere in `domain`. */
export function noteType(table: TypeTable, domain: Domain, name: string, type: string): void {
  const known = table[domain][name];
  table[domain][name] = known === undefined || known === type ? type : 'MIXED';
}

export function typeTableOf(snapshot: GraphSnapshot): TypeTable {
  const table: TypeTable = { node: {}, edge: {} };
  for (const node of snapshot.nodes) for (const [name, type] of Object.entries(node.types)) noteType(table, 'node', name, type);
  for (const edge of snapshot.edges) for (const [name, type] of Object.entries(edge.types)) noteType(table, 'edge', name, type);
  return table;
}

/** A whole snapshot as one batch, for the writers that also stream. */
export const asBatch = (snapshot: GraphSnapshot): ExportBatch => ({
  nodes: snapshot.nodes,
  edges: snapshot.edges,
  incoming: snapshot.edges,
  names: Object.fromEntries(snapshot.nodes.flatMap((n) => (typeof n.properties.name === 'string' ? [[n.id, n.properties.name]] : []))),
});

/** Writes one format piece by piece: `start`, then `batch` per batch of nodes, then `end`. */
export interface FormatWriter {
  start(): string;
  batch(batch: ExportBatch): string;
  end(): string;
}
