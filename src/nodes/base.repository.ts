import DataLoader from 'dataloader';
import { EntityRow } from '../common/node.type';
import { Graph } from '../db/graph';
import { Loaders } from '../db/loaders';
import neo4j from 'neo4j-driver';
import { PageRequest, ParamBag, StringFilterValue, nameFilter, pageCondition, project, where } from '../db/cypher';
import { groupBy } from '../db/loaders';
import { normalizeName } from '../text/normalize';
import { toEntity } from './entity';

/** Filters every listing understands; domains add their own conditions. */
export interface ListFilter {
  name?: StringFilterValue | null;
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
   * binds `id` (the key) and `other` (the related node).
   */
  protected relatedLoader(name: string, match: string, order = 'other.name, other.id'): DataLoader<string, EntityRow[]> {
    return this.loaders.get<EntityRow[]>(name, async (ids) => {
      // Each parent's list is cut to the cap, so no list is unbounded however the graph grows.
      const rows = await this.graph.read(
        `UNWIND $ids AS id ${match}
         WITH id, other ORDER BY ${order}
         WITH id, collect(other)[..$cap] AS others
         UNWIND others AS other
         RETURN id, ${project('other')} AS node`,
        { ids, cap: this.graph.listCap },
      );
      return groupBy(ids, rows, (row) => row.id).map((group) => this.entities(group.map((row) => row.node)));
    });
  }

  /** Name-filter conditions, with the input normalized as names are (婦聯 finds 妇联). */
  protected filterConditions(variable: string, filter: ListFilter | null | undefined, params: ParamBag): string[] {
    if (!filter?.name) return [];
    const f = filter.name;
    const norm = (value: string | null | undefined) => (value == null ? value : normalizeName(value));
    return nameFilter(
      variable,
      { eq: norm(f.eq), in: f.in?.map((v) => normalizeName(v)), contains: norm(f.contains), startsWith: norm(f.startsWith) },
      params,
    );
  }

  /** One page of `label` nodes ordered by (name, id), fetching one extra row to see if more follow. */
  protected async listPage(label: string, conditions: string[], params: ParamBag, page: PageRequest): Promise<EntityRow[]> {
    const all = [...conditions, ...pageCondition('n', page, params)];
    const limit = params.add(neo4j.int(page.first + 1));
    const rows = await this.graph.read(
      `MATCH (n:${label}) ${where(all)} RETURN ${project('n')} AS node ORDER BY n.name, n.id LIMIT ${limit}`,
      params.values,
    );
    return this.entities(rows.map((row) => row.node));
  }

  protected async countNodes(label: string, conditions: string[], params: ParamBag): Promise<number> {
    const rows = await this.graph.read(`MATCH (n:${label}) ${where(conditions)} RETURN count(n) AS count`, params.values);
    return rows[0]?.count ?? 0;
  }

  /** A node by id, or null when it is missing or of another type. */
  protected async typedById(id: string, typenames: string[]): Promise<EntityRow | null> {
    const row = await this.nodeLoader().load(id);
    return row && typenames.includes(row.__typename) ? row : null;
  }
}
