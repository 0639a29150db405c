import { Repository } from '../query/repository';
import { Gazetteer, GazetteerEntry, GazetteerType } from './ingest.model';

/**
 * Every name and alias in the graph, for finding and matching mentions. (Stand-in of the
 * proposals branch: the matcher's owner replaces it, keeping `load(): Promise<Gazetteer>`.)
 */
export class GazetteerRepository extends Repository {
  async load(): Promise<Gazetteer> {
    const rows = await this.graph.read(
      `MATCH (n:Entity) WHERE n:Person OR n:Organization OR n:Honor OR n:Program
       OPTIONAL MATCH (n)-[p:PART_OF]->(parent:Organization) WHERE p.until IS NULL
       WITH n, head(collect(parent.id)) AS parentId
       RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS type, n.name AS name, coalesce(n.aliases, []) AS aliases,
              coalesce(n.contextAliases, []) AS contextAliases, coalesce(n.aliasContexts, []) AS aliasContexts,
              n.kind AS kind, n.level AS level, parentId
       ORDER BY id`,
    );
    const entries: GazetteerEntry[] = rows.map((row) => ({
      id: row.id,
      type: row.type as GazetteerType,
      name: row.name,
      aliases: row.aliases,
      contextAliases: (row.contextAliases as string[]).map((alias, i) => ({ alias, contexts: [(row.aliasContexts as string[])[i]].filter(Boolean) })),
      kind: row.kind ?? null,
      level: row.level ?? null,
      parentId: row.parentId ?? null,
    }));
    return { entries };
  }
}
