import { EntityRow } from '../api/node.type';
import { KeyedPage, KeysetPage, SortInput } from '../api/connection';
import type { SourceWhere } from '../api/where.input';
import { ParamBag } from '../query/cypher';
import { nameAnchor, sourceConditions } from '../query/filter';
import { RelationshipQuery, Repository, sortTerms } from '../query/repository';

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
