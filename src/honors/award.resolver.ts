import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { Citation, citationsOf } from '../api/citation.type';
import { Recipient } from '../api/recipient.type';
import { Award } from './award.type';
import { Honor } from './honor.type';
import { AwardRow } from './honor.repository';
import { NodeRepository } from '../nodes/node.repository';
import { Arg, Authorized, ID, Int, Mutation } from 'type-graphql';
import { checkId, checkIds } from '../api/id';
import { AwardService } from './award.service';

/** An award's two ends and its sources. */
@Resolver(() => Award)
export class AwardResolver {
  @FieldResolver(() => Recipient, { description: 'Who received the honor.' })
  recipient(@Root() award: AwardRow, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(award.recipientId);
  }

  @FieldResolver(() => Honor)
  honor(@Root() award: AwardRow, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(award.honorId);
  }

  @FieldResolver(() => [Citation], { description: 'Where this award is reported.' })
  sources(@Root() award: AwardRow) {
    return citationsOf(award);
  }

  // ---- mutations

  @Authorized('editor')
  @Mutation(() => Award, { description: 'Records that a person or organization received an honor in a year. Idempotent: the same three never make a second award; new sourceIds are added.' })
  awardHonor(
    @Arg('recipientId', () => ID) recipientId: string,
    @Arg('honorId', () => ID) honorId: string,
    @Arg('year', () => Int) year: number,
    @Arg('sourceIds', () => [ID], { nullable: true }) sourceIds: string[] | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(AwardService).award(ctx.viewer, checkId(recipientId, 'recipientId'), checkId(honorId, 'honorId'), year, checkIds(sourceIds, 'sourceIds'));
  }

  @Authorized('admin')
  @Mutation(() => Boolean, { description: 'Removes an award (admin). It stays in history and can be undone.' })
  revokeAward(
    @Arg('recipientId', () => ID) recipientId: string,
    @Arg('honorId', () => ID) honorId: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(AwardService).revoke(ctx.viewer, checkId(recipientId, 'recipientId'), checkId(honorId, 'honorId'), year);
  }
}
