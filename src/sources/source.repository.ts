import { EntityRow } from '../common/node.type';
import { PageRequest, ParamBag } from '../db/cypher';
import { ListFilter, Repository } from '../nodes/base.repository';

export class SourceRepository extends Repository {
  byId(id: string): Promise<EntityRow | null> {
    return this.typedById(id, ['Source']);
  }

  list(filter: ListFilter | null | undefined, page: PageRequest): Promise<EntityRow[]> {
    const params = new ParamBag();
    return this.listPage('Source', this.filterConditions('n', filter, params), params, page);
  }

  count(filter: ListFilter | null | undefined): Promise<number> {
    const params = new ParamBag();
    return this.countNodes('Source', this.filterConditions('n', filter, params), params);
  }

  authors(sourceId: string): Promise<EntityRow[]> {
    return this.relatedLoader('source.authors', 'MATCH (:Source {id: id})<-[:AUTHORED]-(other:Person)').load(sourceId);
  }
}
