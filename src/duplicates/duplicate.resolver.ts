import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../api/context';
import { EntityType } from '../api/entity-type';
import { check, nameProblem } from '../api/validation';
import { DuplicateCandidate } from './duplicate.type';
import { DuplicateRepository } from './duplicate.repository';

@Resolver()
export class DuplicateResolver {
  @Query(() => [DuplicateCandidate], {
    description: 'Existing entities a name likely duplicates, across scripts, pinyin and short forms; best first.',
  })
  duplicateCandidates(@Arg('name') name: string, @Arg('type', () => EntityType) type: EntityType, @Ctx() ctx: Context) {
    check('name', name, nameProblem);
    return ctx.get(DuplicateRepository).candidates(name, type);
  }
}
