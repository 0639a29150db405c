import DataLoader from 'dataloader';
import { EntityRow } from '../api/node.type';
import { Graph, Row } from '../db/graph';
import { Loaders } from '../db/loaders';
import neo4j from 'neo4j-driver';
import { ParamBag, SortTerm, flip, keysetCondition, orderBy, project, projectFields, projectRelationship, sortExpressions, sortKey, where } from './cypher';
import { KeyedPage, KeysetPage, RelatedRow, SortInput } from '../api/connection';
import { badInput } from '../api/errors';
import { groupBy } from '../db/loaders';
import { toEntity } from './entity';

/**
 * One relationship connection field. `match` binds `id` (the parent's id, imported), `r` (the
 * relationship) and `other` (the node listed); `conditions` are the field's filter, compiled
 * again for each batch; `key` serializes that filter so equal arguments share a loader.
 */
export interface RelationshipQuery {
  field: string;
  match: string;
  conditions?: (params: ParamBag) => string[];
  terms: SortTerm[];
  key: string;
  /** Fields the request shows of the nodes listed (null: all): plain ones are read narrowly. */
  nodeFields?: Set<string> | null;
  /** Fields the request shows of the edges (null: all); when all are among `edgeProperties`, only those are read. */
  edgeFields?: Set<string> | null;
  /** The relationship's properties that are edge fields of the same name (year, role…). */
  edgeProperties?: string[];
}

const FIELD_PROPERTY: Record<string, keyof typeof sortExpressions> = { NAME: 'name', YEAR: 'year', CREATED_AT: 'createdAt' };

/** ORDER BY terms for an orderBy input over node variable `v`; `overrides` maps a field elsewhere (YEAR to the relationship). */
export function sortTerms(v: string, order: SortInput[], overrides: Record<string, (v: string) => Omit<SortTerm, 'direction'>> = {}): SortTerm[] {
  return order.map((s) => {
    const expression = overrides[s.field] ?? sortExpressions[FIELD_PROPERTY[s.field]];
    return { ...expression(v), direction: s.direction ?? 'ASC' };
  });
}

/** Whether a page's cursor key is one of a list sorted by `terms` (a cursor of another list is not). */
function keyFits(terms: SortTerm[], page: KeysetPage): boolean {
  return !page.key || page.key.length === terms.length;
}

function checkKey(terms: SortTerm[], page: KeysetPage): void {
  if (!keyFits(terms, page)) throw badInput(page.backward ? 'before' : 'after', 'is not a cursor of this list');
}

/** How one connection field's page is read: its sort terms, projections, and which batch it joins. */
interface RelationshipPlan {
  terms: SortTerm[];
  /** The narrow projection of the nodes listed, or null when they are read whole. */
  narrow: string | null;
  rel: string;
  /** Pages of many parents with the same batch are read in one query. */
  batch: string;
}

/** Edge fields answered without the relationship's properties. */
const EDGE_ANSWERED = ['node', 'cursor', 'relationship'];

/** The sort terms of a relationship page: the field's, then the listed node's id and the relationship's. */
function pageTerms(query: RelationshipQuery): SortTerm[] {
  const last = query.terms[query.terms.length - 1]?.direction ?? 'ASC';
  return [...query.terms, { expression: 'other.id', direction: last }, { expression: 'elementId(r)', direction: last }];
}

function relationshipPlan(query: RelationshipQuery, page: KeysetPage, terms: SortTerm[] = pageTerms(query)): RelationshipPlan {
  checkKey(terms, page);
  const narrow = projectFields('other', query.nodeFields ?? null);
  const rel =
    projectRelationship('r', query.edgeFields ?? null, query.edgeProperties ?? [], EDGE_ANSWERED, ['type: type(r)']) ??
    'r {.*, type: type(r), startId: start.id, endId: end.id}';
  const batch = `${query.field}|${page.signature}|${JSON.stringify(page.key)}|${page.limit}|${query.key}|${narrow ?? ''}|${rel}`;
  return { terms, narrow, rel, batch };
}

/** The subquery reading the page of the parent whose id is bound to `id`, one row more than the page. */
function pageSubquery(query: RelationshipQuery, page: KeysetPage, plan: RelationshipPlan, params: ParamBag): string {
  const conditions = query.conditions?.(params) ?? [];
  if (page.key) conditions.push(keysetCondition(plan.terms, page.key, params));
  const limit = params.add(neo4j.int(page.limit + 1));
  return `CALL (id) {
      ${query.match}
      ${where(conditions)}
      RETURN r, other, startNode(r) AS start, endNode(r) AS end ORDER BY ${orderBy(plan.terms)} LIMIT ${limit}
    }`;
}

/** The columns of a page row. The parent's end of each relationship is not read again: the request holds the parent. */
function pageColumns(plan: RelationshipPlan): [string, string][] {
  return [
    ['rel', plan.rel],
    ['node', plan.narrow ?? project('other')],
    ['key', sortKey(plan.terms)],
    ['start', `CASE WHEN other = start OR start.id = id THEN null ELSE ${project('start')} END`],
    ['end', `CASE WHEN other = end OR end.id = id THEN null ELSE ${project('end')} END`],
  ];
}

/** What every repository gets for one request: the counted graph and the request's loaders. */
export abstract class Repository {
  constructor(
    protected readonly graph: Graph,
    protected readonly loaders: Loaders,
  ) {}

  /** Any node by id, batched across the whole request. */
  protected nodeLoader(): DataLoader<string, EntityRow | null> {
    return this.loaders.get<EntityRow | null>('node.byId', async (ids) => {
      const rows = await this.graph.read(
        `UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN ${project('n')} AS node`,
        { ids },
      );
      const byId = new Map(rows.map((row) => [row.node.id as string, toEntity(row.node)]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /** Remembers nodes that a query returned anyway, so resolving them later costs nothing. */
  protected remember(rows: (EntityRow | null)[]): void {
    const loader = this.nodeLoader();
    for (const row of rows) if (row) loader.prime(row.id, row);
  }

  /** Projects nodes, keeps them in the request cache and returns them. */
  protected entities(nodes: Record<string, any>[]): EntityRow[] {
    const rows = nodes.map((node) => toEntity(node)).filter((row): row is EntityRow => row !== null);
    this.remember(rows);
    return rows;
  }

  /**
   * Nodes related to each of many ids, in one round trip per request and relation. `match`
   * binds `id` (the key) and `other` (the related node); `params` are the ones `match` uses
   * besides `$ids` and `$cap` (a name that differs with them keeps the loaders apart).
   */
  protected relatedLoader(name: string, match: string, order = 'other.name, other.id', params: Record<string, unknown> = {}): DataLoader<string, EntityRow[]> {
    return this.loaders.get<EntityRow[]>(name, async (ids) => {
      // Each parent's list is cut to the cap, so no list is unbounded however the graph grows.
      const rows = await this.graph.read(
        `UNWIND $ids AS id ${match}
         WITH id, other ORDER BY ${order}
         WITH id, collect(other)[..$cap] AS others
         UNWIND others AS other
         RETURN id, ${project('other')} AS node`,
        { ...params, ids, cap: this.graph.listCap },
      );
      return groupBy(ids, rows, (row) => row.id).map((group) => this.entities(group.map((row) => row.node)));
    });
  }

  /**
   * One page of `label` nodes in the order of `terms` (id breaks ties), fetching one extra row to
   * see whether more follow. Backward pages read in the reverse order and are turned around.
   */
  protected async nodePage(
    label: string,
    conditions: string[],
    params: ParamBag,
    page: KeysetPage,
    order: SortTerm[],
    anchor: string | null = null,
  ): Promise<KeyedPage<{ node: EntityRow }>> {
    const forward = [...order, { expression: 'n.id', direction: order[order.length - 1]?.direction ?? 'ASC' } as SortTerm];
    checkKey(forward, page);
    const terms = page.backward ? flip(forward) : forward;
    const all = [...conditions];
    // Lets the planner read the name index in order instead of sorting every node.
    if (!anchor && terms[0].expression === 'n.name') all.push('n.name IS NOT NULL');
    if (page.key) all.push(keysetCondition(terms, page.key, params));
    const limit = params.add(neo4j.int(page.limit + 1));
    const rows = await this.graph.read(
      `${anchor ? `${anchor} WITH n` : `MATCH (n:${label})`} ${where(all)}
       RETURN ${project('n')} AS node, ${sortKey(forward)} AS key
       ORDER BY ${orderBy(terms)} LIMIT ${limit}`,
      params.values,
    );
    const nodes = this.entities(rows.map((row) => row.node));
    const keyed = rows.map((row, i) => ({ edge: { node: nodes[i] }, key: row.key as unknown[] })).slice(0, page.limit);
    if (page.backward) keyed.reverse();
    return { rows: keyed, more: rows.length > page.limit };
  }

  /**
   * A page of related nodes for each of many parents in one round trip per request, field and
   * arguments: the parents' ids are unwound and each parent's page is cut inside its own
   * subquery, so one parent's many relationships never crowd out another's.
   */
  protected relationshipPage(query: RelationshipQuery, page: KeysetPage, parentId: string): Promise<KeyedPage<RelatedRow>> {
    return this.pageLoader(query, page, relationshipPlan(query, page)).load(parentId);
  }

  /**
   * A node by id (null unless it is one of `typenames`) and one relationship page of it, in one
   * statement: the caller hands the page to the connection field on the node's row. When the page's
   * cursor is not one of this list, only the node is read (page null), and the connection field
   * reports the cursor where it belongs.
   */
  protected async typedByIdWithPage(
    id: string,
    typenames: string[],
    query: RelationshipQuery,
    page: KeysetPage,
  ): Promise<{ node: EntityRow; page: KeyedPage<RelatedRow> | null } | null> {
    const terms = pageTerms(query);
    if (!keyFits(terms, page)) {
      const node = await this.typedById(id, typenames);
      return node && { node, page: null };
    }
    const plan = relationshipPlan(query, page, terms);
    const params = new ParamBag();
    const subquery = pageSubquery(query, page, plan, params);
    const [row] = await this.graph.read(
      `MATCH (n:Entity {id: ${params.add(id)}})
       WITH n, n.id AS id
       CALL (id) { ${subquery} RETURN collect({${pageColumns(plan).map(([name, expression]) => `${name}: ${expression}`).join(', ')}}) AS page }
       RETURN ${project('n')} AS node, page`,
      params.values,
    );
    if (!row) return null;
    const [node] = this.entities([row.node]);
    if (!typenames.includes(node.__typename)) return null;
    return { node, page: this.pageFromRows(row.page, page, plan) };
  }

  private pageLoader(query: RelationshipQuery, page: KeysetPage, plan: RelationshipPlan): DataLoader<string, KeyedPage<RelatedRow>> {
    return this.loaders.get<KeyedPage<RelatedRow>>(plan.batch, async (ids) => {
      const params = new ParamBag();
      const idList = params.add(ids);
      const subquery = pageSubquery(query, page, plan, params);
      const rows = await this.graph.read(
        `UNWIND ${idList} AS id ${subquery}
         RETURN id, ${pageColumns(plan).map(([name, expression]) => `${expression} AS ${name}`).join(', ')}`,
        params.values,
      );
      return groupBy(ids, rows, (row) => row.id).map((group) => this.pageFromRows(group, page, plan));
    });
  }

  /** One parent's page from the rows `pageColumns` returned (one more than the page, to see whether more follow). */
  private pageFromRows(rows: Row[], page: KeysetPage, plan: RelationshipPlan): KeyedPage<RelatedRow> {
    // Narrow rows are partial, so they stay out of the request's node cache.
    const nodes = plan.narrow ? rows.map((row) => toEntity(row.node)!) : this.entities(rows.map((row) => row.node));
    // Both ends of every relationship are remembered, so resolving either costs no query.
    this.entities(rows.flatMap((row) => [row.start, row.end].filter(Boolean)));
    const keyed = rows.map((row, i) => ({ edge: { node: nodes[i], rel: row.rel }, key: row.key as unknown[] }));
    return { rows: keyed.slice(0, page.limit), more: keyed.length > page.limit };
  }

  /** How many relationships match a connection field's filter, per parent, batched like the pages. */
  protected relationshipCount(query: RelationshipQuery, parentId: string): Promise<number> {
    return this.loaders
      .get<number>(`${query.field}|count|${query.key}`, async (ids) => {
        const params = new ParamBag();
        const idList = params.add(ids);
        const conditions = query.conditions?.(params) ?? [];
        const rows = await this.graph.read(
          `UNWIND ${idList} AS id
           CALL (id) { ${query.match} ${where(conditions)} RETURN count(*) AS total }
           RETURN id, total`,
          params.values,
        );
        const totals = new Map(rows.map((row) => [row.id as string, row.total as number]));
        return ids.map((id) => totals.get(id) ?? 0);
      })
      .load(parentId);
  }

  protected async countNodes(label: string, conditions: string[], params: ParamBag, anchor: string | null = null): Promise<number> {
    const rows = await this.graph.read(
      `${anchor ? `${anchor} WITH n` : `MATCH (n:${label})`} ${where(conditions)} RETURN count(n) AS count`,
      params.values,
    );
    return rows[0]?.count ?? 0;
  }

  /** A node by id, or null when it is missing or of another type. */
  protected async typedById(id: string, typenames: string[]): Promise<EntityRow | null> {
    const row = await this.nodeLoader().load(id);
    return row && typenames.includes(row.__typename) ? row : null;
  }

  /** A node read again now, not from the request cache: what a write just committed. */
  async byIdFresh(id: string): Promise<EntityRow> {
    const [row] = await this.graph.read(`MATCH (n:Entity {id: $id}) RETURN ${project('n')} AS node`, { id });
    const [entity] = this.entities([row.node]);
    return entity;
  }
}
