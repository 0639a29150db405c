import neo4j from 'neo4j-driver';
import { Graph } from '../db/graph';
import { lockHierarchy } from '../organizations/hierarchy';
import { ExportBatch, GraphSnapshot, SnapshotEdge, SnapshotNode, TEMPORAL_FUNCTIONS, TypeTable, checkIdentifier, checkSupportedType, normalizeType, noteType, withDateText } from './snapshot';

export const MAX_EXPORT_HOPS = 6;
const BATCH = 2000;

export interface Scope {
  /** Export only nodes within `hops` of this node (and the edges among them). */
  root?: string | null;
  hops?: number;
}

export type Progress = (line: string) => void;

const TYPED_PROPERTIES = (v: string) => `[k IN keys(${v}) | [k, valueType(${v}[k])]]`;

function typesOf(pairs: [string, string][], where: string): Record<string, string> {
  const types: Record<string, string> = {};
  for (const [key, raw] of pairs) {
    const type = normalizeType(raw);
    checkSupportedType(type, `${where}.${key}`);
    types[key] = type;
  }
  return types;
}

/** The nodes an export covers, resolved once: their ids (null for the whole graph) and how many. */
export interface ResolvedScope {
  ids: string[] | null;
  nodes: number;
}

export interface BatchOptions {
  /** Properties left out of every node and relationship (and of the type table). */
  hide?: readonly string[];
  /** Relationship types to read arriving at the batch's nodes too (ExportBatch.incoming). */
  incoming?: readonly string[];
  /** Read the names of the nodes the batch's relationships lead to (ExportBatch.names). */
  names?: boolean;
  progress?: Progress;
}

const without = (props: Record<string, any>, hide: readonly string[]) => {
  if (!hide.length) return props;
  const out = { ...props };
  for (const name of hide) delete out[name];
  return out;
};
const typePairs = (pairs: [string, string][], hide: readonly string[]) => (hide.length ? pairs.filter(([k]) => !hide.includes(k)) : pairs);

/** Reads and writes whole graphs for export and import; the only Cypher of the export domain. */
export class ExportRepository {
  constructor(private readonly graph: Graph) {}

  /** Ids in scope, or null for the whole graph. Throws when the root does not exist. */
  private async scopeIds(scope: Scope): Promise<string[] | null> {
    if (!scope.root) return null;
    const hops = scope.hops ?? 1;
    if (!Number.isInteger(hops) || hops < 0 || hops > MAX_EXPORT_HOPS) throw new RangeError(`hops must be from 0 to ${MAX_EXPORT_HOPS}`);
    const rows = await this.graph.read(
      `MATCH (c:Entity {id: $root})
       ${hops > 0 ? `OPTIONAL MATCH (c)-[*1..${hops}]-(m:Entity) WITH c, collect(DISTINCT m.id) AS others` : 'WITH c, [] AS others'}
       RETURN [c.id] + [id IN others WHERE id <> c.id] AS ids`,
      { root: scope.root },
    );
    if (!rows.length) throw new ExportRootNotFound(scope.root);
    return (rows[0].ids as string[]).sort();
  }

  /** Which nodes are in scope and how many, before anything is read or sent. */
  async resolve(scope: Scope = {}): Promise<ResolvedScope> {
    const ids = await this.scopeIds(scope);
    if (ids) return { ids, nodes: ids.length };
    const [row] = await this.graph.read('MATCH (n:Entity) RETURN count(n) AS nodes');
    return { ids: null, nodes: row.nodes };
  }

  /** Every property name in scope with its Neo4j type (MIXED when values differ), for the files' headers. */
  async propertyTypes(scope: ResolvedScope, hide: readonly string[] = []): Promise<TypeTable> {
    const table: TypeTable = { node: {}, edge: {} };
    const nodes = await this.graph.read(
      `${scope.ids ? 'UNWIND $ids AS id MATCH (n:Entity {id: id})' : 'MATCH (n:Entity)'}
       UNWIND keys(n) AS name RETURN name, collect(DISTINCT valueType(n[name])) AS types ORDER BY name`,
      { ids: scope.ids },
    );
    const edges = await this.graph.read(
      `${scope.ids ? 'UNWIND $ids AS id MATCH (:Entity {id: id})-[r]->(b:Entity) WHERE b.id IN $ids' : 'MATCH (:Entity)-[r]->(:Entity)'}
       UNWIND keys(r) AS name RETURN name, collect(DISTINCT valueType(r[name])) AS types ORDER BY name`,
      { ids: scope.ids },
    );
    for (const [domain, rows] of [['node', nodes], ['edge', edges]] as const) {
      for (const row of rows) {
        if (hide.includes(row.name)) continue;
        for (const raw of row.types as string[]) noteType(table, domain, row.name, normalizeType(raw));
      }
    }
    return table;
  }

  /**
   * Every node and relationship in scope, in batches of nodes ordered by id (keyset), each with
   * the relationships leaving its nodes: what one batch holds is all that is in memory at once.
   */
  async *batches(scope: ResolvedScope, options: BatchOptions = {}): AsyncGenerator<ExportBatch> {
    const { ids } = scope;
    const hide = options.hide ?? [];
    const incomingTypes = options.incoming ?? [];
    const progress = options.progress ?? (() => {});
    let after = '';
    let nodeCount = 0;
    let edgeCount = 0;
    for (let offset = 0; ; offset += BATCH) {
      const batchIds = ids ? ids.slice(offset, offset + BATCH) : null;
      if (batchIds && !batchIds.length) break;
      const rows = await this.graph.read(
        batchIds
          ? `UNWIND $ids AS id MATCH (n:Entity {id: id})
             RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, ${TYPED_PROPERTIES('n')} AS types ORDER BY n.id`
          : `MATCH (n:Entity) WHERE n.id > $after
             RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, ${TYPED_PROPERTIES('n')} AS types
             ORDER BY n.id LIMIT $batch`,
        { ids: batchIds, after, batch: neo4j.int(BATCH) },
      );
      if (!rows.length) break;
      const nodes: SnapshotNode[] = rows.map((row) => {
        const types = typesOf(typePairs(row.types, hide), `node ${row.id}`);
        return { id: row.id, labels: [...row.labels].sort(), properties: withDateText(without(row.props, hide), types), types };
      });
      const sources = rows.map((row) => row.id as string);
      const edge = (rel: Record<string, any>): SnapshotEdge => {
        const types = typesOf(typePairs(rel.types, hide), `${rel.type} ${rel.from}→${rel.to}`);
        return { type: rel.type, from: rel.from, to: rel.to, properties: withDateText(without(rel.props, hide), types), types };
      };
      const rels = await this.graph.read(
        `UNWIND $sources AS id MATCH (a:Entity {id: id})-[r]->(b:Entity)
         ${ids ? 'WHERE b.id IN $scope' : ''}
         RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props, ${TYPED_PROPERTIES('r')} AS types${options.names ? ', b.name AS toName' : ''}
         ORDER BY from, type, to, elementId(r)`,
        { sources, scope: ids },
      );
      const arriving = incomingTypes.length
        ? await this.graph.read(
            `UNWIND $sources AS id MATCH (a:Entity)-[r]->(b:Entity {id: id}) WHERE type(r) IN $types ${ids ? 'AND a.id IN $scope' : ''}
             RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props, ${TYPED_PROPERTIES('r')} AS types
             ORDER BY from, type, to, elementId(r)`,
            { sources, scope: ids, types: [...incomingTypes] },
          )
        : [];
      nodeCount += nodes.length;
      edgeCount += rels.length;
      progress(`read ${nodeCount}${ids ? `/${ids.length}` : ''} nodes, ${edgeCount} relationships`);
      const names = options.names
        ? Object.fromEntries(rels.flatMap((rel) => (typeof rel.toName === 'string' ? [[rel.to as string, rel.toName as string]] : [])))
        : undefined;
      yield { nodes, edges: rels.map(edge), incoming: arriving.map(edge), names };
      after = sources[sources.length - 1];
      if (!ids && rows.length < BATCH) break;
    }
  }

  /** Every node and relationship in scope, in memory (import round trips, tests). */
  async read(scope: Scope = {}, progress: Progress = () => {}): Promise<GraphSnapshot> {
    const nodes: SnapshotNode[] = [];
    const edges: SnapshotEdge[] = [];
    for await (const batch of this.batches(await this.resolve(scope), { progress })) {
      nodes.push(...batch.nodes);
      edges.push(...batch.edges);
    }
    return { nodes, edges };
  }

  /**
   * Creates every node and relationship of a snapshot in one transaction, into a database that
   * holds no node yet (else NotEmptyError, nothing written). Labels, types and temporal property
   * names go into the Cypher text, so they are checked to be identifiers; every value travels as
   * a parameter.
   *
   * PART_OF edges are hierarchy writes: the transaction first queues on the hierarchy lock every
   * editor's change takes (src/organizations/hierarchy.ts) and holds it until commit, and checks
   * the database is empty only then. The caller has checked the file's own edges (hierarchyProblem),
   * and nothing else is there to close a cycle with them.
   */
  async write(snapshot: GraphSnapshot, progress: Progress = () => {}): Promise<void> {
    await this.graph.writeTransaction(async (tx) => {
      if (snapshot.edges.some((e) => e.type === 'PART_OF')) await lockHierarchy(tx);
      // The lock node is no content (and the import may just have made it).
      const [{ empty }] = await tx.run('MATCH (n) WHERE NOT n:GraphLock RETURN count(n) = 0 AS empty');
      if (!empty) throw new NotEmptyError();
      const nodeGroups = groupRows(snapshot.nodes, (n) => [n.labels.map((l) => checkIdentifier(l, 'label')), n.types]);
      let written = 0;
      for (const { head, temporal, rows } of nodeGroups) {
        const labels = head.map((l) => `:\`${l}\``).join('');
        for (let i = 0; i < rows.length; i += BATCH) {
          await tx.run(
            `UNWIND $rows AS row CREATE (n${labels}) SET n = row.props ${temporalSets('n', temporal)}`,
            { rows: rows.slice(i, i + BATCH) },
          );
        }
        written += rows.length;
        progress(`created ${written}/${snapshot.nodes.length} nodes`);
      }
      written = 0;
      const edgeGroups = groupRows(snapshot.edges, (e) => [[checkIdentifier(e.type, 'relationship type')], e.types]);
      // A statement keeps the id it was exported with; one from a file made before ids gets one.
      for (const { head, temporal, rows } of edgeGroups) {
        for (let i = 0; i < rows.length; i += BATCH) {
          const [created] = await tx.run(
            `UNWIND $rows AS row
             MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to})
             CREATE (a)-[r:\`${head[0]}\`]->(b) SET r = row.props ${temporalSets('r', temporal)}
             SET r.id = coalesce(r.id, 'st-' + randomUUID())
             RETURN count(r) AS count`,
            { rows: rows.slice(i, i + BATCH) },
          );
          const expected = Math.min(BATCH, rows.length - i);
          if (created.count !== expected) throw new Error(`${head[0]}: ${expected - created.count} relationships name a node the file does not hold`);
        }
        written += rows.length;
        progress(`created ${written}/${snapshot.edges.length} relationships`);
      }
    });
  }
}

export class NotEmptyError extends Error {
  constructor() {
    super('the database is not empty: import loads an export into an empty database only');
  }
}

export class ExportRootNotFound extends Error {
  constructor(readonly root: string) {
    super(`root "${root}" does not exist`);
  }
}

interface Group {
  head: string[];
  temporal: [string, string][];
  rows: Record<string, unknown>[];
}

/**
 * Groups elements by what goes into the Cypher text (labels or type, and which properties are
 * temporal), and turns their values into driver values: INTEGER into Neo4j integers (a bare JS
 * number would be stored as a FLOAT), temporal text aside for its Cypher function.
 */
function groupRows<T extends SnapshotNode | SnapshotEdge>(items: T[], key: (item: T) => [string[], Record<string, string>]): Group[] {
  const groups = new Map<string, Group>();
  for (const item of items) {
    const [head, types] = key(item);
    const temporal = Object.entries(types)
      .filter(([, type]) => type in TEMPORAL_FUNCTIONS)
      .map(([name, type]) => [checkIdentifier(name, 'property'), TEMPORAL_FUNCTIONS[type]] as [string, string])
      .sort();
    const signature = JSON.stringify([head, temporal]);
    let group = groups.get(signature);
    if (!group) groups.set(signature, (group = { head, temporal, rows: [] }));
    const props: Record<string, unknown> = {};
    const temporalValues: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(item.properties)) {
      const type = types[name] ?? 'STRING';
      if (type in TEMPORAL_FUNCTIONS) temporalValues[name] = value;
      else props[name] = toDriverValue(value, type);
    }
    group.rows.push({ ...('id' in item ? {} : { from: item.from, to: item.to }), props, temporal: temporalValues });
  }
  return [...groups.values()];
}

const temporalSets = (v: string, temporal: [string, string][]) =>
  temporal.map(([name, fn]) => `SET ${v}.\`${name}\` = ${fn}(row.temporal.\`${name}\`)`).join(' ');

function toDriverValue(value: unknown, type: string): unknown {
  if (type === 'INTEGER') return neo4j.int(value as number);
  if (type === 'LIST<INTEGER>') return (value as number[]).map((v) => neo4j.int(v));
  return value;
}
