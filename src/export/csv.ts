import { stringify } from 'csv-stringify/sync';
import { FormatWriter, PropertyValue, TypeTable, isListType } from './snapshot';

/**
 * Two tables for spreadsheets, pandas or R: nodes (id, labels, one column per property) and
 * edges (from, type, to, one column per property). Lists are JSON text, labels `;`-separated.
 * Each is written on its own (one download, one file), rows as their batch is read.
 */
export type CsvPart = 'nodes' | 'edges';

const cell = (value: PropertyValue | undefined, type: string | undefined): string | number | boolean =>
  value === undefined || value === null ? '' : type && isListType(type) ? JSON.stringify(value) : Array.isArray(value) ? JSON.stringify(value) : value;

const rows = (records: unknown[][]) => (records.length ? stringify(records, { cast: { boolean: (v) => String(v) } }) : '');

export function csvWriter(table: TypeTable, part: CsvPart): FormatWriter {
  if (part === 'nodes') {
    const columns = Object.keys(table.node).filter((c) => c !== 'id').sort();
    return {
      start: () => rows([['id', 'labels', ...columns]]),
      batch: ({ nodes }) => rows(nodes.map((n) => [n.id, n.labels.join(';'), ...columns.map((c) => cell(n.properties[c], n.types[c]))])),
      end: () => '',
    };
  }
  const columns = Object.keys(table.edge).sort();
  return {
    start: () => rows([['from', 'type', 'to', ...columns.map((c) => (['from', 'type', 'to'].includes(c) ? `property.${c}` : c))]]),
    batch: ({ edges }) => rows(edges.map((e) => [e.from, e.type, e.to, ...columns.map((c) => cell(e.properties[c], e.types[c]))])),
    end: () => '',
  };
}
