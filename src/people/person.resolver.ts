import { Resolver } from 'type-graphql';
import { NodeSort } from '../api/connection';
import { createResourceResolver } from '../api/resource.resolver';
import { Person, PersonConnection } from './person.type';
import { PersonWhere } from '../api/where.input';
import { PersonRepository } from './person.repository';

/**
 * `person(id)`, `people`, and a person's own fields. Its relationships are declared by the
 * features that own them: awards in honors/, memberships in organizations/, authored in sources/.
 */
@Resolver(() => Person)
export class PersonResolver extends createResourceResolver({
  type: Person,
  connection: PersonConnection,
  repository: PersonRepository,
  where: PersonWhere,
  sort: NodeSort,
  one: 'person',
  many: 'people',
  noun: 'a person',
  nouns: 'people',
  sortedBy: 'name',
  cited: { sources: 'Where this person is mentioned.' },
}) {}
