import { EntityRow } from '../common/node.type';
import { PageRequest, ParamBag } from '../db/cypher';
import { ListFilter, Repository } from '../nodes/base.repository';

export class PersonRepository extends Repository {
  byId(id: string): Promise<EntityRow | null> {
    return this.typedById(id, ['Person']);
  }

  list(filter: ListFilter | null | undefined, page: PageRequest): Promise<EntityRow[]> {
    const params = new ParamBag();
    return this.listPage('Person', this.filterConditions('n', filter, params), params, page);
  }

  count(filter: ListFilter | null | undefined): Promise<number> {
    const params = new ParamBag();
    return this.countNodes('Person', this.filterConditions('n', filter, params), params);
  }

  authored(personId: string): Promise<EntityRow[]> {
    return this.relatedLoader('person.authored', 'MATCH (:Person {id: id})-[:AUTHORED]->(other:Source)').load(personId);
  }
}
