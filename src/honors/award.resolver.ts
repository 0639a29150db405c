import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { Citation, citationsOf } from '../api/citation.type';
import { Recipient } from '../api/recipient.type';
import { Award } from './award.type';
import { Honor } from './honor.type';
import { AwardRow } from './honor.repository';
import { NodeRepository } from '../nodes/node.repository';

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
}
