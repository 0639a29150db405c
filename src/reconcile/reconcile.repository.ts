import neo4j from 'neo4j-driver';
import { EntityRow } from '../api/node.type';
import { project } from '../query/cypher';
import { toEntity } from '../query/entity';
import { Repository } from '../query/repository';

/** Another node as a candidate's detail names it. */
export interface Related {
  id: string;
  name: string;
  aliases: string[];
  nameEn: string | null;
  /** A RECEIVED edge's year. */
  year?: number | null;
}

/** One entity with what matching, previews and extension read of it. */
export interface EntityDetails {
  node: EntityRow;
  parents: Related[];
  children: Related[];
  honors: Related[];
  units: Related[];
  members: Related[];
  conferredBy: Related[];
  organizers: Related[];
  recipients: Related[];
}

/** Related nodes per list: a node with more shows the first ones (by id). */
export const RELATED_CAP = 50;

const related = (pattern: string, v: string, extra = '') =>
  `COLLECT { MATCH ${pattern} RETURN DISTINCT ${v} {.id, .name, .aliases, .nameEn${extra}} AS x ORDER BY x.id LIMIT $cap }`;

/** The reconciliation service's reads: entities by id with their neighbours. Candidates come from duplicates/, suggestions from search/. */
export class ReconcileRepository extends Repository {
  /** The content entities among `ids` (persons, organizations, honors, programs), in one read; absent ids are left out. */
  async details(ids: readonly string[]): Promise<Map<string, EntityDetails>> {
    if (ids.length === 0) return new Map();
    const rows = await this.graph.read(
      `UNWIND $ids AS id
       MATCH (n:Entity {id: id}) WHERE n:Person OR n:Organization OR n:Honor OR n:Program
       RETURN ${project('n')} AS node,
         ${related('(n)-[:PART_OF]->(p:Organization)', 'p')} AS parents,
         ${related('(c:Organization)-[:PART_OF]->(n)', 'c')} AS children,
         COLLECT { MATCH (n)-[r:RECEIVED]->(h:Honor) RETURN h {.id, .name, .aliases, .nameEn, year: r.year} AS x ORDER BY x.year, x.id LIMIT $cap } AS honors,
         ${related('(n)-[:MEMBER_OF]->(o:Organization)', 'o')} AS units,
         ${related('(m:Person)-[:MEMBER_OF]->(n)', 'm')} AS members,
         ${related('(n)-[:CONFERRED_BY]->(o:Organization)', 'o')} AS conferredBy,
         ${related('(o:Organization)-[:ORGANIZED]->(n)', 'o')} AS organizers,
         ${related('(r:Entity)-[:RECEIVED]->(n)', 'r')} AS recipients`,
      { ids: [...new Set(ids)], cap: neo4j.int(RELATED_CAP) },
    );
    const out = new Map<string, EntityDetails>();
    for (const row of rows) {
      const node = toEntity(row.node);
      if (!node) continue;
      const list = (xs: any[]): Related[] =>
        (xs ?? []).map((x) => ({ id: x.id, name: x.name ?? x.id, aliases: x.aliases ?? [], nameEn: x.nameEn ?? null, ...('year' in x ? { year: x.year == null ? null : Number(x.year) } : {}) }));
      out.set(node.id, {
        node,
        parents: list(row.parents),
        children: list(row.children),
        honors: list(row.honors),
        units: list(row.units),
        members: list(row.members),
        conferredBy: list(row.conferredBy),
        organizers: list(row.organizers),
        recipients: list(row.recipients),
      });
    }
    return out;
  }
}
