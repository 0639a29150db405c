import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Info, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { EntityRow } from '../api/node.type';
import {
  BY_NAME, ConnectionArgs, DatedSort, FirstAfterArgs, NodeSort, connectionTypes, pagingOf, toConnection,
} from '../api/connection';
import { relationshipConnection } from '../api/cited-edge';
import { LinkedOrganizationConnection } from '../organizations/organization-edges.type';
import { HonorRecipientConnection } from './award-edges.type';
import { checkId } from '../api/id';
import { Citation, citationsOf } from '../sources/citation.type';
import { Honor } from './honor.type';
import { AwardWhere, HonorWhere, OrganizationWhere } from '../api/where.input';
import { awardsConnection, honorById } from './awards-connection';
import { HonorRepository } from './honor.repository';
import { OrganizationRepository } from '../organizations/organization.repository';

export const HonorConnection = connectionTypes(Honor, 'Honor');

@Resolver(() => Honor)
export class HonorResolver {
  @Query(() => Honor, { nullable: true, description: 'An honor by id; null when there is none.' })
  honor(@Arg('id', () => ID) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return honorById(checkId(id), ctx, info);
  }

  @Query(() => HonorConnection, { description: 'Honors, by name unless orderBy says otherwise.' })
  async honors(
    @Args() args: ConnectionArgs,
    @Arg('where', () => HonorWhere, { nullable: true }) filter: HonorWhere | null,
    @Arg('orderBy', () => [NodeSort], { nullable: true, description: 'Sort keys in order; id breaks ties. Default: by name.' }) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    return toConnection(await ctx.get(HonorRepository).list(filter, order, page), page, () => ctx.get(HonorRepository).count(filter));
  }

  @FieldResolver(() => HonorRecipientConnection, { description: 'Who received this honor; edges carry year and sources.' })
  awardsConnection(
    @Root() honor: EntityRow,
    @Args() args: FirstAfterArgs,
    @Arg('where', () => AwardWhere, { nullable: true }) filter: AwardWhere | null,
    @Arg('orderBy', () => [DatedSort], { nullable: true, description: 'Sort keys in order; id breaks ties. Default: newest first, then by name.' })
    orderBy: DatedSort[] | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return awardsConnection('honor', honor, args, filter, orderBy, ctx, info);
  }

  @FieldResolver(() => LinkedOrganizationConnection, { description: 'The bodies that confer this honor (CONFERRED_BY), with each link\'s sources.' })
  conferredByConnection(
    @Root() honor: EntityRow,
    @Args() args: FirstAfterArgs,
    @Arg('where', () => OrganizationWhere, { nullable: true }) filter: OrganizationWhere | null,
    @Arg('orderBy', () => [NodeSort], { nullable: true, description: 'Sort keys in order; id breaks ties. Default: by name.' }) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    const { page: rows, count } = ctx.get(OrganizationRepository).linkedPage('conferredBy', honor.id, filter, order, page);
    return relationshipConnection(rows, page, count);
  }

  @FieldResolver()
  aliases(@Root() honor: EntityRow) {
    return honor.aliases ?? [];
  }

  @FieldResolver()
  conferredBy(@Root() honor: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(HonorRepository).conferredBy(honor.id);
  }

  @FieldResolver()
  variantOf(@Root() honor: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(HonorRepository).variantOf(honor.id);
  }

  @FieldResolver()
  variants(@Root() honor: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(HonorRepository).variants(honor.id);
  }

  @FieldResolver()
  awards(@Root() honor: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(HonorRepository).awardsOfHonor(honor.id);
  }

  @FieldResolver(() => [Citation])
  sources(@Root() honor: EntityRow) {
    return citationsOf(honor);
  }
}
