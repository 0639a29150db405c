import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { LOCATORS, SOURCE_IDS, UPDATE_INPUT, createInputOf, idOf, whereOf } from '../api/descriptions';
import { selectionOf, selectionsNamed } from '../api/selection';
import { Context } from '../api/context';
import { EntityRow } from '../api/node.type';
import { BY_NAME, FirstAfterArgs, NodeSort, pagingOf, toConnection } from '../api/connection';
import { badInput, notFound } from '../api/errors';
import { relationshipConnection } from '../api/cited-edge';
import { checkId, checkIds, optionalText } from '../api/id';
import { checkLocators } from '../api/locators';
import { QualifierProvenanceInput, checkQualifierProvenance } from '../api/qualifier.type';
import { createResourceResolver } from '../api/resource.resolver';
import { Organization, OrganizationConnection } from './organization.type';
import { Membership } from './membership.type';
import { MembershipWhere, OrganizationWhere } from '../api/where.input';
import { LinkedOrganizationConnection, MemberConnection, MembershipConnection } from './organization-edges.type';
import { MAX_ORG_CHART_DEPTH, MAX_ORG_CHART_ORGANIZATIONS, OrgChartInclude, OrgChartNode } from './org-chart.type';
import { OrganizationRepository } from './organization.repository';
import { withChartIds } from './org-chart-id';
import { Authorized, Mutation } from 'type-graphql';
import { CreateOrganizationInput, UpdateOrganizationInput } from './organization.input';
import { OrganizationService } from './organization.service';
import { chartPlan, organizationPagePlan, subtreePlan } from './organization.plan';
import { DateScalar } from '../api/date.scalar';
import { ValidTimeArgs, checkValidTime } from '../api/valid-time.args';
import { prefetched } from '../api/prefetch';
import { prefetchedName } from './organization.repository';

const AS_OF = {
  nullable: true,
  description: 'Answer as the graph stood on this day (a year or month means its first day). Default: today.',
} as const;
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
    @Arg('rootId', () => ID, { description: 'The organization at the top of the chart; NOT_FOUND when there is none.' }) rootId: string,
    @Arg('depth', () => Int, { defaultValue: 3, description: `Levels below the root, 0 to ${MAX_ORG_CHART_DEPTH}.` }) depth: number,
    @Arg('include', () => [OrgChartInclude], { nullable: true, description: 'Leaves to add under each organization.' })
    include: OrgChartInclude[] | null,
    @Args() time: ValidTimeArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    if (!Number.isInteger(depth) || depth < 0 || depth > MAX_ORG_CHART_DEPTH) {
      throw badInput('depth', `must be a whole number from 0 to ${MAX_ORG_CHART_DEPTH}, got ${depth}`);
    }
    const valid = checkValidTime(time);
    const nodes = await ctx
      .get(OrganizationRepository)
      .orgChart(checkId(rootId, 'rootId'), depth, include ?? [], chartPlan(selectionOf(info)), valid);
    if (!nodes) throw notFound('Organization', rootId);
    if (nodes === 'too-large') {
      throw badInput('depth', `the chart under "${rootId}" down to depth ${depth} holds more than ${MAX_ORG_CHART_ORGANIZATIONS} organizations; ask for fewer levels or root it lower`);
    }
    return withChartIds(nodes, { rootId, depth, include: include ?? [], asOf: time.allTime ? 'all' : time.asOf ?? null });
  }

  @FieldResolver(() => [Organization], { description: 'The chain of organizations above this one on the day asOf names (today by default), root first (for breadcrumbs).' })
  ancestors(@Root() org: EntityRow, @Arg('asOf', () => DateScalar, AS_OF) asOf: string | null, @Ctx() ctx: Context) {
    return ctx.get(OrganizationRepository).ancestorsOf(org.id, { asOf });
  }

  @FieldResolver(() => OrganizationConnection, {
    description: 'Every organization below this one at any depth, a page at a time by name (for drill-down), through links that hold on the day asOf names (today by default) or, with allTime, of any period.',
  })
  async descendants(@Root() org: EntityRow, @Args() args: FirstAfterArgs, @Args() validTime: ValidTimeArgs, @Ctx() ctx: Context) {
    const { order, page } = pagingOf(args, null, BY_NAME);
    const time = checkValidTime(validTime);
    return toConnection(await ctx.get(OrganizationRepository).descendantsOf(org.id, order, page, time), page, () =>
      ctx.get(OrganizationRepository).countDescendants(org.id, time));
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organization this one is part of on the day asOf names (today by default).' })
  parent(@Root() org: EntityRow, @Arg('asOf', () => DateScalar, AS_OF) asOf: string | null, @Ctx() ctx: Context) {
    return ctx.get(OrganizationRepository).parentOf(org.id, { asOf });
  }

  @FieldResolver(() => [Organization], { description: 'Organizations directly under this one on the day asOf names (today by default) or, with allTime, in any period; by name.' })
  children(@Root() org: EntityRow, @Args() validTime: ValidTimeArgs, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context) {
    const time = checkValidTime(validTime);
    const read = prefetched(org, prefetchedName('children', time));
    if (read !== undefined) return read;
    return ctx.get(OrganizationRepository).childrenOf(org.id, subtreePlan([selectionOf(info)])!);
  }

  @FieldResolver(() => LinkedOrganizationConnection, {
    description:
      "The organization this one is part of (PART_OF), with the link's dates and sources: at most one edge on the day asOf names (today by default); with allTime, one edge per period.",
  })
  parentConnection(@Root() org: EntityRow, @Args() args: FirstAfterArgs, @Args() validTime: ValidTimeArgs, @Ctx() ctx: Context) {
    const { order, page } = pagingOf(args, null, BY_NAME);
    const { page: rows, count } = ctx.get(OrganizationRepository).linkedPage('parent', org.id, null, order, page, checkValidTime(validTime));
    return relationshipConnection(rows, page, count);
  }

  @FieldResolver(() => LinkedOrganizationConnection, {
    description: "Organizations directly under this one (PART_OF), with each link's dates and sources: links that hold on the day asOf names (today by default), or every period with allTime.",
  })
  childrenConnection(
    @Root() org: EntityRow,
    @Args() args: FirstAfterArgs,
    @Args() validTime: ValidTimeArgs,
    @Arg('where', () => OrganizationWhere, { nullable: true, description: whereOf('organizations directly under this one') }) filter: OrganizationWhere | null,
    @Arg('orderBy', () => [NodeSort], SORT) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    const { page: rows, count } = ctx.get(OrganizationRepository).linkedPage('children', org.id, filter, order, page, checkValidTime(validTime));
    return relationshipConnection(rows, page, count);
  }

  @FieldResolver(() => [Membership], { description: 'Its members (people or organizations), with role and dates: memberships that hold on the day asOf names (today by default), or every period with allTime.' })
  members(@Root() org: EntityRow, @Args() validTime: ValidTimeArgs, @Ctx() ctx: Context) {
    const time = checkValidTime(validTime);
    const read = prefetched(org, prefetchedName('members', time));
    if (read !== undefined) return read;
    return ctx.get(OrganizationRepository).membersOf(org.id, time);
  }

  @FieldResolver(() => MemberConnection, {
    description: 'Its members (people or organizations); edges carry role, dates and sources. Memberships that hold on the day asOf names (today by default), or every period with allTime.',
  })
  membersConnection(
    @Root() org: EntityRow,
    @Args() args: FirstAfterArgs,
    @Args() validTime: ValidTimeArgs,
    @Arg('where', () => MembershipWhere, { nullable: true, description: whereOf('memberships (by role, member, provenance…)') }) filter: MembershipWhere | null,
    @Arg('orderBy', () => [NodeSort], SORT) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    const { page: rows, count } = ctx.get(OrganizationRepository).membershipPage('members', org.id, filter, order, page, checkValidTime(validTime));
    return relationshipConnection(rows, page, count);
  }

  @FieldResolver(() => [Membership], { description: 'Organizations this one is a member of: memberships that hold on the day asOf names (today by default), or every period with allTime.' })
  memberships(@Root() org: EntityRow, @Args() validTime: ValidTimeArgs, @Ctx() ctx: Context) {
    return ctx.get(OrganizationRepository).membershipsOf(org.id, checkValidTime(validTime));
  }

  @FieldResolver(() => MembershipConnection, {
    description: 'Organizations this one is a member of; edges carry role, dates and sources. Memberships that hold on the day asOf names (today by default), or every period with allTime.',
  })
  membershipsConnection(
    @Root() org: EntityRow,
    @Args() args: FirstAfterArgs,
    @Args() validTime: ValidTimeArgs,
    @Arg('where', () => MembershipWhere, { nullable: true, description: whereOf('memberships (by role, member, provenance…)') }) filter: MembershipWhere | null,
    @Arg('orderBy', () => [NodeSort], SORT) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    const { page: rows, count } = ctx.get(OrganizationRepository).membershipPage('memberships', org.id, filter, order, page, checkValidTime(validTime));
    return relationshipConnection(rows, page, count);
  }

  // ---- mutations

  @Authorized('editor')
  @Mutation(() => Organization, { description: 'Adds an organization, optionally under a parent.' })
  createOrganization(@Arg('input', () => CreateOrganizationInput, { description: createInputOf('organization') }) input: CreateOrganizationInput, @Ctx() ctx: Context) {
    return ctx.get(OrganizationService).create(ctx.viewer, input);
  }

  @Authorized('editor')
  @Mutation(() => Organization, { description: "Changes an organization's name, aliases, English name, kind or level and adds citations; NOT_FOUND when there is none." })
  updateOrganization(
    @Arg('id', () => ID, { description: idOf('organization') }) id: string,
    @Arg('input', () => UpdateOrganizationInput, { description: UPDATE_INPUT }) input: UpdateOrganizationInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(OrganizationService).update(ctx.viewer, checkId(id), input);
  }

  @Authorized('editor')
  @Mutation(() => Organization, {
    description:
      'Puts an organization under another (null: top level); refuses cycles. Without since, the record is corrected: every link of the organization, of any period, ' +
      'is replaced by one undated link. With since, a reorganization is recorded: the current link ends with the period just before since and the new one starts at since.',
  })
  setOrganizationParent(
    @Arg('id', () => ID, { description: idOf('organization to move') }) id: string,
    @Arg('parentId', () => ID, { nullable: true, description: 'The organization it is part of from now (or from since); null makes it top level.' }) parentId: string | null,
    @Arg('since', () => DateScalar, {
      nullable: true,
      description: 'When the new link starts (YYYY, YYYY-MM or YYYY-MM-DD); the current link then ends with the period of the same precision just before it (2021-03: until 2021-02).',
    })
    since: string | null,
    @Arg('sourceIds', () => [ID], { nullable: true, description: 'Ids of the sources that state the link; each must exist. Added to the link to parentId (new or kept); needs a parentId.' })
    sourceIds: string[] | null,
    @Arg('sinceProvenance', () => QualifierProvenanceInput, { nullable: true, description: "Whether the start date is stated or inferred, with its note and sources, when that differs from the link's; needs since and a parentId." })
    sinceProvenance: QualifierProvenanceInput | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(OrganizationService).setParent(ctx.viewer, checkId(id), parentId == null ? null : checkId(parentId, 'parentId'), since, {
      sourceIds: checkIds(sourceIds, 'sourceIds'),
      sinceProvenance: checkQualifierProvenance(sinceProvenance, 'sinceProvenance'),
    });
  }

  @Authorized('editor')
  @Mutation(() => Membership, { description: 'Records that a person or organization belongs to an organization in a role. Idempotent per role.' })
  addMembership(
    @Arg('memberId', () => ID, { description: idOf('member: a person or an organization') }) memberId: string,
    @Arg('organizationId', () => ID, { description: idOf('organization the member belongs to') }) organizationId: string,
    @Arg('role', () => String, { nullable: true, description: 'The role held, e.g. 执委; one membership per member, organization and role (null: plain member).' }) role: string | null,
    @Arg('since', () => DateScalar, { nullable: true, description: 'When the membership began: YYYY, YYYY-MM or YYYY-MM-DD.' }) since: string | null,
    @Arg('sourceIds', () => [ID], { nullable: true, description: SOURCE_IDS }) sourceIds: string[] | null,
    @Arg('locators', () => [String], { nullable: true, description: LOCATORS }) locators: string[] | null,
    @Arg('roleProvenance', () => QualifierProvenanceInput, { nullable: true, description: "Whether the role is stated or inferred, with its note and sources, when that differs from the membership's; needs a role." })
    roleProvenance: QualifierProvenanceInput | null,
    @Arg('sinceProvenance', () => QualifierProvenanceInput, { nullable: true, description: "Whether the start date is stated or inferred, with its note and sources, when that differs from the membership's; needs since." })
    sinceProvenance: QualifierProvenanceInput | null,
    @Ctx() ctx: Context,
  ) {
    const sources = checkIds(sourceIds, 'sourceIds');
    return ctx.get(OrganizationService).addMembership(
      ctx.viewer,
      checkId(memberId, 'memberId'),
      checkId(organizationId, 'organizationId'),
      optionalText(role, 'role'),
      since,
      sources,
      { role: checkQualifierProvenance(roleProvenance, 'roleProvenance'), since: checkQualifierProvenance(sinceProvenance, 'sinceProvenance') },
      checkLocators(locators, sources),
    );
  }

  @Authorized('editor')
  @Mutation(() => Membership, { description: 'Ends a membership: sets its until date.' })
  endMembership(
    @Arg('memberId', () => ID, { description: idOf('member: a person or an organization') }) memberId: string,
    @Arg('organizationId', () => ID, { description: idOf('organization the member belongs to') }) organizationId: string,
    @Arg('role', () => String, { nullable: true, description: 'The role held, e.g. 执委; one membership per member, organization and role (null: plain member).' }) role: string | null,
    @Arg('until', () => DateScalar, { description: 'The last period it held (YYYY, YYYY-MM or YYYY-MM-DD), through its last day.' }) until: string,
    @Arg('untilProvenance', () => QualifierProvenanceInput, { nullable: true, description: "Whether the end date is stated or inferred, with its note and sources, when that differs from the membership's." })
    untilProvenance: QualifierProvenanceInput | null,
    @Ctx() ctx: Context,
  ) {
    return ctx
      .get(OrganizationService)
      .endMembership(ctx.viewer, checkId(memberId, 'memberId'), checkId(organizationId, 'organizationId'), optionalText(role, 'role'), until, {
        until: checkQualifierProvenance(untilProvenance, 'untilProvenance'),
      });
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
