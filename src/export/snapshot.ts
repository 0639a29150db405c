/**
 * The graph as plain data, independent of any file format: every node with its labels and
 * properties, every relationship with its ends and properties, and the Neo4j type of each
 * property value (so 2024 stays an INTEGER or a FLOAT, and createdAt stays a DATETIME, after a
 * trip through a file).
 */
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
