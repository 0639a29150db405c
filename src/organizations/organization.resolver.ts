import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { lookahead } from '../common/lookahead';
import { Context } from '../context';
import { EntityRow } from '../common/node.type';
import { connectionTypes, toConnection } from '../common/connection';
import { FirstAfterArgs, pageRequest } from '../common/first-after.args';
import { checkId } from '../common/id';
import { Citation, citationsOf } from '../sources/citation.type';
import { Organization } from './organization.type';
import { OrganizationWhere } from './organization.input';

export const OrganizationConnection = connectionTypes(Organization, 'Organization');

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

  @FieldResolver()
  aliases(@Root() org: EntityRow) {
    return org.aliases ?? [];
  }

  @FieldResolver()
  parent(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.organizations.parentOf(org.id);
  }

  @FieldResolver()
  children(@Root() org: EntityRow, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context) {
    const { levels, fields } = lookahead(info);
    return ctx.repos.organizations.childrenOf(org.id, levels, fields);
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
