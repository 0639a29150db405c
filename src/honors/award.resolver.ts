import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { Citation, citationsOf } from '../sources/citation.type';
import { Award } from './award.type';
import { AwardRow } from './honor.repository';
import { NodeRepository } from '../nodes/node.repository';

@Resolver(() => Award)
export class AwardResolver {
  @FieldResolver()
  recipient(@Root() award: AwardRow, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(award.recipientId);
  }

  @FieldResolver()
  honor(@Root() award: AwardRow, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(award.honorId);
  }

  @FieldResolver(() => [Citation])
  sources(@Root() award: AwardRow) {
    return citationsOf(award);
  }
}
