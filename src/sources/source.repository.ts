import { EntityRow } from '../api/node.type';
import { KeyedPage, KeysetPage, SortInput } from '../api/connection';
import type { SourceWhere } from '../api/where.input';
import { ParamBag } from '../query/cypher';
import { Transaction } from '../db/graph';
import { nameAnchor, sourceConditions } from '../query/filter';
import { RelationshipQuery, Repository, sortTerms } from '../query/repository';

/**
 * Of `ids`, those that name no source (any more), each with the source it was merged into, or
 * null when none was. Citing writes refuse them; undo re-cites the sources kept.
 *
 * The ids found come back from Neo4j and are compared with the ones asked for by strict
 * equality here, not in Cypher: the driver sends a string that is not well-formed UTF-16 (a lone
 * surrogate) as U+FFFD, so a Cypher-side match could approve an id that differs from the one the
 * caller then stores. Whatever is not found exactly as given counts as missing.
 */
export async function missingSources(tx: Transaction, ids: readonly string[]): Promise<Map<string, string | null>> {
  const asked = [...new Set(ids)];
  if (asked.length === 0) return new Map();
  const rows = await tx.run('UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN s.id AS id', { ids: asked });
  const found = new Set(rows.map((row) => row.id as string));
  const missing = asked.filter((id) => !found.has(id));
  if (missing.length === 0) return new Map();
  const kept = await tx.run(
    `UNWIND $ids AS id MATCH (k:Source) WHERE id IN k.mergedIds
     RETURN k.id AS keptId, [m IN k.mergedIds WHERE m = id][0] AS mergedId ORDER BY keptId`,
    { ids: missing },
  );
  const mergedInto = new Map<string, string>();
  for (const row of kept) if (!mergedInto.has(row.mergedId)) mergedInto.set(row.mergedId, row.keptId);
  return new Map(missing.map((id) => [id, mergedInto.get(id) ?? null]));
}

/**
 * Every relationship citing the source. Relationships keep their sources in a list property,
 * which no index covers, so this reads the relationships once per page; the graph is small and
 * a source's facts are read by hand, a page at a time.
 */
const FACTS: Omit<RelationshipQuery, 'key'> = {
  field: 'source.facts',
  match: 'MATCH ()-[r]->(other:Entity)',
  conditions: () => ['id IN r.sourceIds'],
  terms: [{ expression: 'type(r)', direction: 'ASC' }],
};

export class SourceRepository extends Repository {
  byId(id: string): Promise<EntityRow | null> {
    return this.typedById(id, ['Source']);
  }

  list(filter: SourceWhere | null | undefined, order: SortInput[], page: KeysetPage): Promise<KeyedPage<{ node: EntityRow }>> {
    const params = new ParamBag();
    const conditions = sourceConditions('n', filter, params);
    return this.nodePage('Source', conditions, params, page, sortTerms('n', order), nameAnchor('Source', filter, params));
  }

  count(filter: SourceWhere | null | undefined): Promise<number> {
    const params = new ParamBag();
    const conditions = sourceConditions('n', filter, params);
    return this.countNodes('Source', conditions, params, nameAnchor('Source', filter, params));
  }

  /** The relationships a source supports, by type, a page per source; both ends come with each row. */
  factsPage(sourceId: string, page: KeysetPage) {
    const query = { ...FACTS, key: '' };
    return { page: this.relationshipPage(query, page, sourceId), count: () => this.relationshipCount(query, sourceId) };
  }

  authors(sourceId: string): Promise<EntityRow[]> {
    return this.relatedLoader('source.authors', 'MATCH (:Source {id: id})<-[:AUTHORED]-(other:Person)').load(sourceId);
  }
}
