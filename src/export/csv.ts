import { stringify } from 'csv-stringify/sync';
import { GraphSnapshot, PropertyValue, isListType } from './snapshot';

/**
 * Two tables for spreadsheets, pandas or R: nodes (id, labels, one column per property) and
 * edges (from, type, to, one column per property). Lists are JSON text, labels `;`-separated.
 */
export interface CsvTables {
  nodes: string;
  edges: string;
}

const cell = (value: PropertyValue | undefined, type: string | undefined): string | number | boolean =>
  value === undefined || value === null ? '' : type && isListType(type) ? JSON.stringify(value) : Array.isArray(value) ? JSON.stringify(value) : value;

function columns(items: { properties: Record<string, PropertyValue> }[], fixed: string[]): string[] {
  const names = new Set<string>();
  for (const item of items) for (const name of Object.keys(item.properties)) if (!fixed.includes(name)) names.add(name);
  return [...names].sort();
}

export function toCsv(snapshot: GraphSnapshot): CsvTables {
  const nodeColumns = columns(snapshot.nodes, ['id']);
  const edgeColumns = columns(snapshot.edges, []);
  const nodes = stringify(
    snapshot.nodes.map((n) => [n.id, n.labels.join(';'), ...nodeColumns.map((c) => cell(n.properties[c], n.types[c]))]),
    { header: true, columns: ['id', 'labels', ...nodeColumns], cast: { boolean: (v) => String(v) } },
  );
  const edges = stringify(
    snapshot.edges.map((e) => [e.from, e.type, e.to, ...edgeColumns.map((c) => cell(e.properties[c], e.types[c]))]),
    { header: true, columns: ['from', 'type', 'to', ...edgeColumns.map((c) => (['from', 'type', 'to'].includes(c) ? `property.${c}` : c))], cast: { boolean: (v) => String(v) } },
  );
  return { nodes, edges };
}
