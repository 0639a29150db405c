import { Writable } from 'node:stream';
import { Graph } from '../db/graph';
import { hierarchyProblem } from '../organizations/hierarchy';
import { CsvPart, csvWriter } from './csv';
import { ExportRepository, MAX_EXPORT_HOPS, Progress, Scope } from './export.repository';
import { fromGraphml, graphmlWriter } from './graphml';
import { JSONLD_INCOMING_TYPES, jsonLdWriter, linkedDataBase } from './jsonld';
import { DERIVED_NODE_PROPERTIES } from '../graph/model';
import { GraphSnapshot } from './snapshot';
import { duplicateExternalId, withDerivedProperties } from './derived';

export const EXPORT_FORMATS = ['graphml', 'csv', 'jsonld'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

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

export const CSV_PARTS: readonly CsvPart[] = ['nodes', 'edges'];

export function checkPart(value: unknown): CsvPart {
  const part = value ?? 'nodes';
  if (!CSV_PARTS.includes(part as CsvPart)) throw new ExportInputError(`part must be nodes or edges, got ${JSON.stringify(part)}`);
  return part as CsvPart;
}

/** An export larger than it may be (EXPORT_MAX_NODES); nothing was sent. */
export class ExportTooLarge extends Error {
  constructor(readonly nodes: number, readonly max: number) {
    super(
      `the export would hold ${nodes} nodes, more than EXPORT_MAX_NODES (${max}); export a subgraph (root and hops) or raise EXPORT_MAX_NODES`,
    );
  }
}

export interface ExportRequest {
  format: ExportFormat;
  scope?: Scope;
  /** CSV only: which of the two tables. */
  part?: CsvPart;
  /** Properties to leave out (the actor properties, for viewers who may not see them). */
  hide?: readonly string[];
  /** Refuse an export of more nodes than this, also when the graph grows while it is written. */
  maxNodes?: number;
}

/** Where an export's text goes; may wait (backpressure). */
export type Sink = (chunk: string) => void | Promise<void>;

/** An export whose scope, size and property types are known; nothing is written yet. */
export interface PreparedExport {
  name: string;
  contentType: string;
  nodes: number;
  /** Writes the file batch by batch; resolves with how many characters XML could not hold (GraphML). */
  write(sink: Sink): Promise<{ replacedCharacters: number }>;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  graphml: 'application/graphml+xml; charset=utf-8',
  jsonld: 'application/ld+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Resolves the scope, refuses an export over `maxNodes` (ExportTooLarge) and reads the property
 * types the file's header needs, so that every refusal comes before the first byte is sent.
 */
export async function prepareExport(graph: Graph, request: ExportRequest, progress?: Progress): Promise<PreparedExport> {
  const { format, scope = {}, part = 'nodes', maxNodes = Infinity } = request;
  // The derived search fields leave every format: import-graph computes them again.
  const hide = [...(request.hide ?? []), ...DERIVED_NODE_PROPERTIES];
  const base = format === 'jsonld' ? linkedDataBase() : null;
  const repository = new ExportRepository(graph);
  const resolved = await repository.resolve(scope);
  if (resolved.nodes > maxNodes) throw new ExportTooLarge(resolved.nodes, maxNodes);
  const table = await repository.propertyTypes(resolved, hide);
  const fileName = baseName(scope);
  return {
    name: format === 'csv' ? `${fileName}-${part}.csv` : `${fileName}.${format}`,
    contentType: CONTENT_TYPES[format],
    nodes: resolved.nodes,
    async write(sink) {
      const graphml = format === 'graphml' ? graphmlWriter(table) : null;
      const writer = graphml ?? (base ? jsonLdWriter(base) : csvWriter(table, part));
      await sink(writer.start());
      let written = 0;
      const incoming = format === 'jsonld' ? JSONLD_INCOMING_TYPES : [];
      for await (const batch of repository.batches(resolved, { hide, incoming, names: format === 'jsonld', progress })) {
        written += batch.nodes.length;
        if (written > maxNodes) throw new ExportTooLarge(written, maxNodes);
        const text = writer.batch(batch);
        if (text) await sink(text);
      }
      await sink(writer.end());
      return { replacedCharacters: graphml?.replaced ?? 0 };
    },
  };
}

/** A sink writing to a Node stream, waiting for it to drain; fails when the stream closes first. */
export function streamSink(stream: Writable): Sink {
  return (chunk) => {
    if (stream.destroyed) throw new Error('the destination was closed');
    if (stream.write(chunk)) return;
    return new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        stream.off('drain', onDrain);
        stream.off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(new Error('the destination was closed'));
      stream.on('drain', onDrain);
      stream.on('close', onClose);
    });
  };
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
  const duplicate = duplicateExternalId(snapshot);
  if (duplicate) throw new ExportInputError(`externalIds: ${duplicate}; nothing was imported`);
  // Exports leave the derived search fields out: computed again as the writes compute them.
  await new ExportRepository(graph).write(withDerivedProperties(snapshot), progress);
  return { nodes: snapshot.nodes.length, edges: snapshot.edges.length };
}
