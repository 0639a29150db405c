import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../api/context';
import { EntityType } from '../api/entity-type';
import { ContextInput, contextRequestOf } from '../api/context-alias.type';
import { check, nameProblem } from '../api/validation';
import { DuplicateCandidate } from './duplicate.type';
import { DuplicateRepository } from './duplicate.repository';

@Resolver()
export class DuplicateResolver {
  @Query(() => [DuplicateCandidate], {
    description: 'Existing entities a name likely duplicates, across scripts, pinyin and short forms; best first.',
  })
  duplicateCandidates(
    @Arg('name', { description: 'The name about to be written, as typed (any script, damaged or not).' }) name: string,
    @Arg('type', () => EntityType, { description: 'The kind of entity the name is for.' }) type: EntityType,
    @Arg('context', () => ContextInput, {
      nullable: true,
      description: 'Where the new entity would stand (its parent organization, a source, a place): aliases bound to a context count only there.',
    })
    context: ContextInput | null,
    @Ctx() ctx: Context,
  ) {
    check('name', name, nameProblem);
    return ctx.get(DuplicateRepository).candidates(name, type, undefined, 10, contextRequestOf(context), 'context');
  }
}
