import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { EntityRow } from '../api/node.type';
import { Recipient } from '../api/recipient.type';
import { DatedSort, FirstAfterArgs } from '../api/connection';
import { Organization } from '../organizations/organization.type';
import { AwardConnection } from './award-edges.type';
import { Award } from './award.type';
import { AwardWhere } from '../api/where.input';
import { ORDER_BY_NEWEST, whereOf } from '../api/descriptions';
import { awardsConnection } from './awards-connection';
import { HonorRepository } from './honor.repository';

/** The awards (RECEIVED) of every recipient; people and every kind of organization inherit them. */
@Resolver(() => Recipient)
export class RecipientResolver {
  @FieldResolver(() => [Award], { description: 'Honors received, newest first.' })
  awards(@Root() recipient: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(HonorRepository).awardsOfRecipient(recipient.id);
  }

  @FieldResolver(() => AwardConnection, { description: 'Honors received; edges carry year and sources.' })
  awardsConnection(
    @Root() recipient: EntityRow,
    @Args() args: FirstAfterArgs,
    @Arg('where', () => AwardWhere, { nullable: true, description: whereOf('awards') }) filter: AwardWhere | null,
    @Arg('orderBy', () => [DatedSort], { nullable: true, description: ORDER_BY_NEWEST })
    orderBy: DatedSort[] | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return awardsConnection('recipient', recipient, args, filter, orderBy, ctx, info);
  }
}

/** An organization's awards, described as a collective's. */
@Resolver(() => Organization)
export class OrganizationAwardResolver {
  @FieldResolver(() => [Award], { description: 'Honors this organization received as a collective, newest first.' })
  awards(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(HonorRepository).awardsOfRecipient(org.id);
  }
}
