import { EntityRow } from '../api/node.type';
import { KeyedPage, SortInput } from '../api/connection';
import { KeysetPage, Logical, ParamBag, withLogic } from '../query/cypher';
import { HierarchyFilterValue, ListFilter, Repository, nameAnchor, hierarchyCondition, nodeConditions, sortTerms } from '../query/repository';
import { AwardQuantifiers, awardQuantifierConditions } from '../honors/honor.repository';

export interface PersonFilter extends ListFilter, AwardQuantifiers, Logical<PersonFilter> {
  memberOf?: HierarchyFilterValue | null;
}

/** The Cypher conditions for a PersonWhere on node variable `v`. */
export function personConditions(v: string, filter: PersonFilter | null | undefined, params: ParamBag): string[] {
  return withLogic(filter, (f) => {
    const conditions = nodeConditions(v, f, params);
    if (f.memberOf) conditions.push(hierarchyCondition(v, 'MEMBER_OF', f.memberOf, params));
    conditions.push(...awardQuantifierConditions(v, f, params));
    return conditions;
  });
}

export class PersonRepository extends Repository {
  byId(id: string): Promise<EntityRow | null> {
    return this.typedById(id, ['Person']);
  }

  list(filter: PersonFilter | null | undefined, order: SortInput[], page: KeysetPage): Promise<KeyedPage<{ node: EntityRow }>> {
    const params = new ParamBag();
    const conditions = personConditions('n', filter, params);
    return this.nodePage('Person', conditions, params, page, sortTerms('n', order), nameAnchor('Person', filter, params));
  }

  count(filter: PersonFilter | null | undefined): Promise<number> {
    const params = new ParamBag();
    const conditions = personConditions('n', filter, params);
    return this.countNodes('Person', conditions, params, nameAnchor('Person', filter, params));
  }

  authored(personId: string): Promise<EntityRow[]> {
    return this.relatedLoader('person.authored', 'MATCH (:Person {id: id})-[:AUTHORED]->(other:Source)').load(personId);
  }
}
