import { Resolver } from 'type-graphql';
import { NodeSort } from '../api/connection';
import { createResourceResolver } from '../api/resource.resolver';
import { Person, PersonConnection } from './person.type';
import { PersonWhere } from '../api/where.input';
import { PersonRepository } from './person.repository';
import { Arg, Ctx, ID, Authorized, Mutation } from 'type-graphql';
import { Context } from '../api/context';
import { checkId } from '../api/id';
import { UPDATE_INPUT, createInputOf, idOf } from '../api/descriptions';
import { CreatePersonInput, UpdatePersonInput } from './person.input';
import { PersonService } from './person.service';

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
}) {

  // ---- mutations

  @Authorized('editor')
  @Mutation(() => Person, { description: 'Adds a person; CONFLICT with candidates when the name matches one, unless allowDuplicate.' })
  createPerson(@Arg('input', () => CreatePersonInput, { description: createInputOf('person') }) input: CreatePersonInput, @Ctx() ctx: Context) {
    return ctx.get(PersonService).create(ctx.viewer, input);
  }

  @Authorized('editor')
  @Mutation(() => Person, { description: "Changes a person's name, aliases or English name and adds citations; NOT_FOUND when there is none." })
  updatePerson(
    @Arg('id', () => ID, { description: idOf('person') }) id: string,
    @Arg('input', () => UpdatePersonInput, { description: UPDATE_INPUT }) input: UpdatePersonInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(PersonService).update(ctx.viewer, checkId(id), input);
  }
}
