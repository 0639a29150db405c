import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { EntityRow } from '../api/node.type';
import { Recipient } from '../api/recipient.type';
import { DatedSort, FirstAfterArgs } from '../api/connection';
import { AwardConnection } from './award-edges.type';
import { AwardWhere } from '../api/where.input';
import { awardsConnection } from './awards-connection';

/** Fields every recipient has; people and every kind of organization inherit them. */
@Resolver(() => Recipient)
export class RecipientResolver {
  @FieldResolver(() => AwardConnection, { description: 'Honors received; edges carry year and sources.' })
  awardsConnection(
    @Root() recipient: EntityRow,
    @Args() args: FirstAfterArgs,
    @Arg('where', () => AwardWhere, { nullable: true }) filter: AwardWhere | null,
    @Arg('orderBy', () => [DatedSort], { nullable: true, description: 'Sort keys in order; id breaks ties. Default: newest first, then by name.' })
    orderBy: DatedSort[] | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return awardsConnection('recipient', recipient, args, filter, orderBy, ctx, info);
  }
}
