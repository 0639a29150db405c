import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../context';
import { EntityRow } from '../common/node.type';
import { toConnection } from '../common/connection';
import { OrganizationConnection } from './organization-connection.type';
import { FirstAfterArgs, pageRequest } from '../common/first-after.args';
import { checkId } from '../common/id';
import { Citation, citationsOf } from '../sources/citation.type';
import { Organization } from './organization.type';
import { OrganizationWhere } from './organization.input';
import { MAX_ORG_CHART_DEPTH, OrgChartInclude, OrgChartNode } from './org-chart.type';
import { badInput, notFound } from '../common/errors';


@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: 'An organization by id; null when there is none.' })
  organization(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.repos.organizations.byId(checkId(id));
  }

  @Query(() => OrganizationConnection, { description: 'Organizations by name, then id.' })
  async organizations(
    @Args() args: FirstAfterArgs,
    @Arg('where', () => OrganizationWhere, { nullable: true }) filter: OrganizationWhere | null,
    @Ctx() ctx: Context,
  ) {
    const page = pageRequest(args);
    const rows = await ctx.repos.organizations.list(filter, page);
    return toConnection(rows, page.first, page.after != null, () => ctx.repos.organizations.count(filter));
  }

  @Query(() => [OrgChartNode], {
    description:
      `The organizations under rootId (PART_OF, transitively) down to depth levels (${MAX_ORG_CHART_DEPTH} at most), ` +
      'as a flat list with one root, optionally with members, programs and honors as leaves.',
  })
  async orgChart(
    @Arg('rootId', () => ID) rootId: string,
    @Arg('depth', () => Int, { defaultValue: 3, description: `Levels below the root, 0 to ${MAX_ORG_CHART_DEPTH}.` }) depth: number,
    @Arg('include', () => [OrgChartInclude], { nullable: true, description: 'Leaves to add under each organization.' })
    include: OrgChartInclude[] | null,
    @Ctx() ctx: Context,
  ) {
    if (!Number.isInteger(depth) || depth < 0 || depth > MAX_ORG_CHART_DEPTH) {
      throw badInput('depth', `must be a whole number from 0 to ${MAX_ORG_CHART_DEPTH}, got ${depth}`);
    }
    const nodes = await ctx.repos.organizations.orgChart(checkId(rootId, 'rootId'), depth, include ?? []);
    if (!nodes) throw notFound('Organization', rootId);
    return nodes;
  }

  @FieldResolver()
  ancestors(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.organizations.ancestorsOf(org.id);
  }

  @FieldResolver(() => OrganizationConnection)
  async descendants(@Root() org: EntityRow, @Args() args: FirstAfterArgs, @Ctx() ctx: Context) {
    const page = pageRequest(args);
    const rows = await ctx.repos.organizations.descendantsOf(org.id, page);
    return toConnection(rows, page.first, page.after != null, () => ctx.repos.organizations.countDescendants(org.id));
  }

  @FieldResolver()
  aliases(@Root() org: EntityRow) {
    return org.aliases ?? [];
  }

  @FieldResolver()
  parent(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.organizations.parentOf(org.id);
  }

  @FieldResolver()
  children(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.organizations.childrenOf(org.id);
  }

  @FieldResolver()
  awards(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.honors.awardsOfRecipient(org.id);
  }

  @FieldResolver()
  members(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.organizations.membersOf(org.id);
  }

  @FieldResolver()
  memberships(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.organizations.membershipsOf(org.id);
  }

  @FieldResolver()
  programs(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.programs.ofOrganization(org.id);
  }

  @FieldResolver()
  figures(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.figures.ofSubject(org.id);
  }

  @FieldResolver(() => [Citation])
  sources(@Root() org: EntityRow) {
    return citationsOf(org);
  }
}
