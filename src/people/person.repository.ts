import { EntityRow } from '../api/node.type';
import { KeyedPage, KeysetPage, SortInput } from '../api/connection';
import type { PersonWhere } from '../api/where.input';
import { ParamBag } from '../query/cypher';
import { nameAnchor, personConditions } from '../query/filter';
import { Repository, sortTerms } from '../query/repository';

export class PersonRepository extends Repository {
  byId(id: string): Promise<EntityRow | null> {
    return this.typedById(id, ['Person']);
  }

  list(filter: PersonWhere | null | undefined, order: SortInput[], page: KeysetPage): Promise<KeyedPage<{ node: EntityRow }>> {
    const params = new ParamBag();
    const conditions = personConditions('n', filter, params);
    return this.nodePage('Person', conditions, params, page, sortTerms('n', order), nameAnchor('Person', filter, params));
  }

  count(filter: PersonWhere | null | undefined): Promise<number> {
    const params = new ParamBag();
    const conditions = personConditions('n', filter, params);
    return this.countNodes('Person', conditions, params, nameAnchor('Person', filter, params));
  }

  authored(personId: string): Promise<EntityRow[]> {
    return this.relatedLoader('person.authored', 'MATCH (:Person {id: id})-[:AUTHORED]->(other:Source)').load(personId);
  }
}
