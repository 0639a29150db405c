import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { selectionOf, selectionsNamed } from '../api/selection';
import { Context } from '../api/context';
import { EntityRow } from '../api/node.type';
import { BY_NAME, FirstAfterArgs, NodeSort, pagingOf, toConnection } from '../api/connection';
import { badInput, notFound } from '../api/errors';
import { relationshipConnection } from '../api/cited-edge';
import { checkId, checkIds, optionalText } from '../api/id';
import { createResourceResolver } from '../api/resource.resolver';
import { Organization, OrganizationConnection } from './organization.type';
import { Membership } from './membership.type';
import { MembershipWhere, OrganizationWhere } from '../api/where.input';
import { LinkedOrganizationConnection, MemberConnection, MembershipConnection } from './organization-edges.type';
import { MAX_ORG_CHART_DEPTH, MAX_ORG_CHART_ORGANIZATIONS, OrgChartInclude, OrgChartNode } from './org-chart.type';
import { OrganizationRepository } from './organization.repository';
import { Authorized, Mutation } from 'type-graphql';
import { CreateOrganizationInput, UpdateOrganizationInput } from './organization.input';
import { OrganizationService } from './organization.service';
import { chartPlan, organizationPagePlan, subtreePlan } from './organization.plan';
import { AliasContext, AliasContextKind } from '../api/context-alias.type';

const SORT = { nullable: true, description: 'Sort keys in order; id breaks ties. Default: by name.' } as const;

/**
 * `organization(id)`, `organizations`, `orgChart`, and what organizations own: the hierarchy
 * (PART_OF) and memberships (MEMBER_OF). Declared on the Organization interface, every kind has
 * them; awards, programs and figures are declared by honors/, programs/ and figures/.
 */
@Resolver(() => Organization)
export class OrganizationResolver extends createResourceResolver({
  type: Organization,
  connection: OrganizationConnection,
  repository: OrganizationRepository,
  where: OrganizationWhere,
  sort: NodeSort,
  one: 'organization',
  many: 'organizations',
  noun: 'an organization',
  nouns: 'organizations',
  sortedBy: 'name',
  cited: { sources: 'Where this organization is mentioned.' },
}) {
  /** `organization(id)` reads what the request shows below it (children levels, members) in the same query. */
  protected override byId(id: string, ctx: Context, info: GraphQLResolveInfo) {
    const organization = selectionOf(info);
    // A nested chart: the organization and every level of children asked for, in one query.
    const subtree = subtreePlan(selectionsNamed(organization, 'children'));
    if (subtree) return ctx.get(OrganizationRepository).byIdWithSubtree(checkId(id), subtree);
    return ctx.get(OrganizationRepository).byId(checkId(id), organizationPagePlan(organization));
  }

  @Query(() => [OrgChartNode], {
    description:
      `The organizations under rootId (PART_OF, transitively) down to depth levels (${MAX_ORG_CHART_DEPTH} at most), ` +
      'as a flat list with one root, optionally with members, programs and honors as leaves ' +
      `(at most QUERY_MAX_LIST_ITEMS of each kind per organization). A chart of more than ${MAX_ORG_CHART_ORGANIZATIONS} organizations is refused (BAD_USER_INPUT): ask for fewer levels or root it lower.`,
  })
  async orgChart(
    @Arg('rootId', () => ID) rootId: string,
    @Arg('depth', () => Int, { defaultValue: 3, description: `Levels below the root, 0 to ${MAX_ORG_CHART_DEPTH}.` }) depth: number,
    @Arg('include', () => [OrgChartInclude], { nullable: true, description: 'Leaves to add under each organization.' })
    include: OrgChartInclude[] | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    if (!Number.isInteger(depth) || depth < 0 || depth > MAX_ORG_CHART_DEPTH) {
      throw badInput('depth', `must be a whole number from 0 to ${MAX_ORG_CHART_DEPTH}, got ${depth}`);
    }
    const nodes = await ctx.get(OrganizationRepository).orgChart(checkId(rootId, 'rootId'), depth, include ?? [], chartPlan(selectionOf(info)));
    if (!nodes) throw notFound('Organization', rootId);
    if (nodes === 'too-large') {
      throw badInput('depth', `the chart under "${rootId}" down to depth ${depth} holds more than ${MAX_ORG_CHART_ORGANIZATIONS} organizations; ask for fewer levels or root it lower`);
    }
    return nodes;
  }

  @FieldResolver(() => [Organization], { description: 'The chain of organizations above this one, root first (for breadcrumbs).' })
  ancestors(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(OrganizationRepository).ancestorsOf(org.id);
  }

  @FieldResolver(() => OrganizationConnection, { description: 'Every organization below this one at any depth, a page at a time by name (for drill-down).' })
  async descendants(@Root() org: EntityRow, @Args() args: FirstAfterArgs, @Ctx() ctx: Context) {
    const { order, page } = pagingOf(args, null, BY_NAME);
    return toConnection(await ctx.get(OrganizationRepository).descendantsOf(org.id, order, page), page, () =>
      ctx.get(OrganizationRepository).countDescendants(org.id));
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organization this one is part of.' })
  parent(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(OrganizationRepository).parentOf(org.id);
  }

  @FieldResolver(() => [Organization], { description: 'Organizations directly under this one, by name.' })
  children(@Root() org: EntityRow, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context) {
    return ctx.get(OrganizationRepository).childrenOf(org.id, subtreePlan([selectionOf(info)])!);
  }

  @FieldResolver(() => LinkedOrganizationConnection, { description: 'The organization this one is part of (PART_OF), with the link\'s sources: at most one edge.' })
  parentConnection(@Root() org: EntityRow, @Ctx() ctx: Context) {
    const { order, page } = pagingOf({}, null, BY_NAME);
    const { page: rows, count } = ctx.get(OrganizationRepository).linkedPage('parent', org.id, null, order, page);
    return relationshipConnection(rows, page, count);
  }

  @FieldResolver(() => LinkedOrganizationConnection, { description: 'Organizations directly under this one (PART_OF), with each link\'s sources.' })
  childrenConnection(
    @Root() org: EntityRow,
    @Args() args: FirstAfterArgs,
    @Arg('where', () => OrganizationWhere, { nullable: true }) filter: OrganizationWhere | null,
    @Arg('orderBy', () => [NodeSort], SORT) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    const { page: rows, count } = ctx.get(OrganizationRepository).linkedPage('children', org.id, filter, order, page);
    return relationshipConnection(rows, page, count);
  }

  @FieldResolver(() => [Membership], { description: 'Its members (people or organizations), with role and dates.' })
  members(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(OrganizationRepository).membersOf(org.id);
  }

  @FieldResolver(() => MemberConnection, { description: 'Its members (people or organizations); edges carry role, dates and sources.' })
  membersConnection(
    @Root() org: EntityRow,
    @Args() args: FirstAfterArgs,
    @Arg('where', () => MembershipWhere, { nullable: true }) filter: MembershipWhere | null,
    @Arg('orderBy', () => [NodeSort], SORT) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    const { page: rows, count } = ctx.get(OrganizationRepository).membershipPage('members', org.id, filter, order, page);
    return relationshipConnection(rows, page, count);
  }

  @FieldResolver(() => [Membership], { description: 'Organizations this one is a member of.' })
  memberships(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(OrganizationRepository).membershipsOf(org.id);
  }

  @FieldResolver(() => MembershipConnection, { description: 'Organizations this one is a member of; edges carry role, dates and sources.' })
  membershipsConnection(
    @Root() org: EntityRow,
    @Args() args: FirstAfterArgs,
    @Arg('where', () => MembershipWhere, { nullable: true }) filter: MembershipWhere | null,
    @Arg('orderBy', () => [NodeSort], SORT) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    const { page: rows, count } = ctx.get(OrganizationRepository).membershipPage('memberships', org.id, filter, order, page);
    return relationshipConnection(rows, page, count);
  }

  // ---- mutations

  @Authorized('editor')
  @Mutation(() => Organization, { description: 'Adds an organization, optionally under a parent.' })
  createOrganization(@Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput, @Ctx() ctx: Context) {
    return ctx.get(OrganizationService).create(ctx.viewer, input);
  }

  @Authorized('editor')
  @Mutation(() => Organization)
  updateOrganization(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateOrganizationInput) input: UpdateOrganizationInput, @Ctx() ctx: Context) {
    return ctx.get(OrganizationService).update(ctx.viewer, checkId(id), input);
  }

  @Authorized('editor')
  @Mutation(() => Organization, { description: 'Puts an organization under another (null: top level); refuses cycles.' })
  setOrganizationParent(
    @Arg('id', () => ID) id: string,
    @Arg('parentId', () => ID, { nullable: true }) parentId: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(OrganizationService).setParent(ctx.viewer, checkId(id), parentId == null ? null : checkId(parentId, 'parentId'));
  }

  @Authorized('editor')
  @Mutation(() => Membership, { description: 'Records that a person or organization belongs to an organization in a role. Idempotent per role.' })
  addMembership(
    @Arg('memberId', () => ID) memberId: string,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('role', () => String, { nullable: true }) role: string | null,
    @Arg('since', () => String, { nullable: true, description: 'YYYY, YYYY-MM or YYYY-MM-DD.' }) since: string | null,
    @Arg('sourceIds', () => [ID], { nullable: true }) sourceIds: string[] | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(OrganizationService).addMembership(
      ctx.viewer,
      checkId(memberId, 'memberId'),
      checkId(organizationId, 'organizationId'),
      optionalText(role, 'role'),
      since,
      checkIds(sourceIds, 'sourceIds'),
    );
  }

  @Authorized('editor')
  @Mutation(() => Membership, { description: 'Ends a membership: sets its until date.' })
  endMembership(
    @Arg('memberId', () => ID) memberId: string,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('role', () => String, { nullable: true }) role: string | null,
    @Arg('until', () => String, { description: 'YYYY, YYYY-MM or YYYY-MM-DD.' }) until: string,
    @Ctx() ctx: Context,
  ) {
    return ctx
      .get(OrganizationService)
      .endMembership(ctx.viewer, checkId(memberId, 'memberId'), checkId(organizationId, 'organizationId'), optionalText(role, 'role'), until);
  }
}

/** The organization an ORGANIZATION alias context names. */
@Resolver(() => AliasContext)
export class AliasContextOrganizationResolver {
  @FieldResolver(() => Organization, { nullable: true, description: 'The organization, for an ORGANIZATION context; null otherwise.' })
  organization(@Root() context: AliasContext, @Ctx() ctx: Context) {
    return context.kind === AliasContextKind.ORGANIZATION ? ctx.get(OrganizationRepository).byId(context.value) : null;
  }
}
