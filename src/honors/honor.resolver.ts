import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { EntityRow } from '../api/node.type';
import { BY_NAME, DatedSort, FirstAfterArgs, NodeSort, pagingOf } from '../api/connection';
import { relationshipConnection } from '../api/cited-edge';
import { checkId, checkIds } from '../api/id';
import { checkLocators } from '../api/locators';
import { LOCATORS, ORDER_BY_NAME, ORDER_BY_NEWEST, SOURCE_IDS, UPDATE_INPUT, createInputOf, idOf, whereOf } from '../api/descriptions';
import { createResourceResolver } from '../api/resource.resolver';
import { Organization } from '../organizations/organization.type';
import { LinkedOrganizationConnection } from '../organizations/organization-edges.type';
import { HonorRecipientConnection } from './award-edges.type';
import { Award } from './award.type';
import { Honor, HonorConnection } from './honor.type';
import { AwardWhere, HonorWhere, OrganizationWhere } from '../api/where.input';
import { awardsConnection, honorById } from './awards-connection';
import { HonorRepository } from './honor.repository';
import { OrganizationRepository } from '../organizations/organization.repository';
import { ID, Authorized, Mutation } from 'type-graphql';
import { CreateHonorInput, UpdateHonorInput } from './honor.input';
import { HonorService } from './honor.service';

/** `honor(id)`, `honors`, and what honors own: their awards (RECEIVED), conferrers (CONFERRED_BY) and variants (VARIANT_OF). */
@Resolver(() => Honor)
export class HonorResolver extends createResourceResolver({
  type: Honor,
  connection: HonorConnection,
  repository: HonorRepository,
  where: HonorWhere,
  sort: NodeSort,
  one: 'honor',
  many: 'honors',
  noun: 'an honor',
  nouns: 'honors',
  sortedBy: 'name',
  cited: { sources: 'Where this honor is mentioned.' },
}) {
  /** `honor(id)` reads the honor's `awardsConnection` page in the same query when the request asks for it. */
  protected override byId(id: string, ctx: Context, info: GraphQLResolveInfo) {
    return honorById(checkId(id), ctx, info);
  }

  @FieldResolver(() => HonorRecipientConnection, { description: 'Who received this honor; edges carry year and sources.' })
  awardsConnection(
    @Root() honor: EntityRow,
    @Args() args: FirstAfterArgs,
    @Arg('where', () => AwardWhere, { nullable: true, description: whereOf('awards') }) filter: AwardWhere | null,
    @Arg('orderBy', () => [DatedSort], { nullable: true, description: ORDER_BY_NEWEST })
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
    @Arg('where', () => OrganizationWhere, { nullable: true, description: whereOf('conferring organizations') }) filter: OrganizationWhere | null,
    @Arg('orderBy', () => [NodeSort], { nullable: true, description: ORDER_BY_NAME }) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    const { page: rows, count } = ctx.get(OrganizationRepository).linkedPage('conferredBy', honor.id, filter, order, page);
    return relationshipConnection(rows, page, count);
  }

  @FieldResolver(() => [Organization], { description: 'The bodies that confer this honor.' })
  conferredBy(@Root() honor: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(HonorRepository).conferredBy(honor.id);
  }

  @FieldResolver(() => Honor, { nullable: true, description: 'The generic title this honor is a level of.' })
  variantOf(@Root() honor: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(HonorRepository).variantOf(honor.id);
  }

  @FieldResolver(() => [Honor], { description: 'The level-specific honors of this generic title.' })
  variants(@Root() honor: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(HonorRepository).variants(honor.id);
  }

  @FieldResolver(() => [Award], { description: 'Who received this honor, newest first.' })
  awards(@Root() honor: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(HonorRepository).awardsOfHonor(honor.id);
  }

  // ---- mutations

  @Authorized('editor')
  @Mutation(() => Honor, { description: 'Adds an honor (title).' })
  createHonor(@Arg('input', () => CreateHonorInput, { description: createInputOf('honor') }) input: CreateHonorInput, @Ctx() ctx: Context) {
    return ctx.get(HonorService).create(ctx.viewer, input);
  }

  @Authorized('editor')
  @Mutation(() => Honor, { description: "Changes an honor's name, aliases, English name or level and adds citations; NOT_FOUND when there is none." })
  updateHonor(
    @Arg('id', () => ID, { description: idOf('honor') }) id: string,
    @Arg('input', () => UpdateHonorInput, { description: UPDATE_INPUT }) input: UpdateHonorInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(HonorService).update(ctx.viewer, checkId(id), input);
  }

  @Authorized('editor')
  @Mutation(() => Honor, { description: 'Records that an organization confers the honor (CONFERRED_BY). Idempotent: again, only new citations are added. NOT_FOUND when either does not exist.' })
  linkHonorConferrer(
    @Arg('honorId', () => ID, { description: idOf('honor') }) honorId: string,
    @Arg('organizationId', () => ID, { description: idOf('organization that confers it') }) organizationId: string,
    @Arg('sourceIds', () => [ID], { nullable: true, description: SOURCE_IDS }) sourceIds: string[] | null,
    @Arg('locators', () => [String], { nullable: true, description: LOCATORS }) locators: string[] | null,
    @Ctx() ctx: Context,
  ) {
    const sources = checkIds(sourceIds, 'sourceIds');
    return ctx.get(HonorService).linkConferrer(ctx.viewer, checkId(honorId, 'honorId'), checkId(organizationId, 'organizationId'), sources, checkLocators(locators, sources));
  }
}
