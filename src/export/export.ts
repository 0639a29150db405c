import { Graph } from '../db/graph';
import { hierarchyProblem } from '../organizations/hierarchy';
import { toCsv } from './csv';
import { ExportRepository, MAX_EXPORT_HOPS, Progress, Scope } from './export.repository';
import { fromGraphml, toGraphml } from './graphml';
import { toJsonLd } from './jsonld';
import { GraphSnapshot } from './snapshot';

export const EXPORT_FORMATS = ['graphml', 'csv', 'jsonld'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  name: string;
  contentType: string;
  body: string;
}

export class ExportInputError extends Error {}

export function checkFormat(value: unknown): ExportFormat {
  if (!EXPORT_FORMATS.includes(value as ExportFormat)) {
    throw new ExportInputError(`format must be one of ${EXPORT_FORMATS.join(', ')}, got ${JSON.stringify(value ?? null)}`);
  }
  return value as ExportFormat;
}

/** Checks a root and hop count given as text (CLI flag, query string). */
export function checkScope(root: unknown, hops: unknown): Scope {
  if (root === undefined || root === null || root === '') {
    if (hops !== undefined && hops !== null && hops !== '') throw new ExportInputError('hops needs a root');
    return {};
  }
  if (typeof root !== 'string' || root.length > 200) throw new ExportInputError('root must be a node id');
  const text = hops === undefined || hops === null || hops === '' ? '1' : String(hops);
  if (!/^\d+$/.test(text) || Number(text) > MAX_EXPORT_HOPS) throw new ExportInputError(`hops must be an integer from 0 to ${MAX_EXPORT_HOPS}, got ${text}`);
  return { root, hops: Number(text) };
}

const baseName = (scope: Scope) => (scope.root ? `honorgraph-${scope.root.replace(/[^A-Za-z0-9_-]/g, '_')}-${scope.hops}hops` : 'honorgraph');

/** The file(s) of one export: GraphML and JSON-LD are one file each, CSV is nodes.csv plus edges.csv. */
export function render(snapshot: GraphSnapshot, format: ExportFormat, scope: Scope = {}): ExportFile[] {
  const base = baseName(scope);
  switch (format) {
    case 'graphml':
      return [{ name: `${base}.graphml`, contentType: 'application/graphml+xml; charset=utf-8', body: toGraphml(snapshot) }];
    case 'jsonld':
      return [{ name: `${base}.jsonld`, contentType: 'application/ld+json; charset=utf-8', body: `${JSON.stringify(toJsonLd(snapshot), null, 2)}\n` }];
    case 'csv': {
      const tables = toCsv(snapshot);
      return [
        { name: `${base}-nodes.csv`, contentType: 'text/csv; charset=utf-8', body: tables.nodes },
        { name: `${base}-edges.csv`, contentType: 'text/csv; charset=utf-8', body: tables.edges },
      ];
    }
  }
}

export async function exportGraph(graph: Graph, format: ExportFormat, scope: Scope = {}, progress?: Progress): Promise<ExportFile[]> {
  const snapshot = await new ExportRepository(graph).read(scope, progress);
  return render(snapshot, format, scope);
}

export function readSnapshot(graph: Graph, scope: Scope = {}, progress?: Progress): Promise<GraphSnapshot> {
  return new ExportRepository(graph).read(scope, progress);
}

/**
 * Loads a GraphML export into a database that holds no node yet (constraints may exist), all or
 * nothing. A file whose PART_OF edges are no hierarchy the editors could have made (a cycle, an
 * organization with two parents, a non-organization end) is refused before anything is written.
 */
export async function importGraphml(graph: Graph, xml: string, progress?: Progress): Promise<{ nodes: number; edges: number }> {
  const snapshot = fromGraphml(xml);
  const organizations = new Set(snapshot.nodes.filter((n) => n.labels.includes('Organization')).map((n) => n.id));
  const problem = hierarchyProblem(
    snapshot.edges.filter((e) => e.type === 'PART_OF'),
    (id) => organizations.has(id),
  );
  if (problem) throw new ExportInputError(`PART_OF: ${problem}; nothing was imported`);
  await new ExportRepository(graph).write(snapshot, progress);
  return { nodes: snapshot.nodes.length, edges: snapshot.edges.length };
}
