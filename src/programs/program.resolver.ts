import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { EntityRow } from '../api/node.type';
import {
  BY_NAME, ConnectionArgs, DatedSort, FirstAfterArgs, NodeSort, connectionTypes, pagingOf, toConnection,
} from '../api/connection';
import { relationshipConnection } from '../api/cited-edge';
import { LinkedOrganizationConnection } from '../organizations/organization-edges.type';
import { checkId } from '../api/id';
import { Citation, citationsOf } from '../sources/citation.type';
import { Program } from './program.type';
import { OrganizationWhere, ProgramWhere } from '../api/where.input';
import { FigureRepository } from '../figures/figure.repository';
import { OrganizationRepository } from '../organizations/organization.repository';
import { ProgramRepository } from './program.repository';

export const ProgramConnection = connectionTypes(Program, 'Program');

@Resolver(() => Program)
export class ProgramResolver {
  @Query(() => Program, { nullable: true, description: 'A program by id; null when there is none.' })
  program(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.get(ProgramRepository).byId(checkId(id));
  }

  @Query(() => ProgramConnection, { description: 'Programs, by name unless orderBy says otherwise.' })
  async programs(
    @Args() args: ConnectionArgs,
    @Arg('where', () => ProgramWhere, { nullable: true }) filter: ProgramWhere | null,
    @Arg('orderBy', () => [DatedSort], { nullable: true, description: 'Sort keys in order; id breaks ties. Default: by name.' }) orderBy: DatedSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    return toConnection(await ctx.get(ProgramRepository).list(filter, order, page), page, () => ctx.get(ProgramRepository).count(filter));
  }

  @FieldResolver(() => LinkedOrganizationConnection, { description: 'Who ran it (ORGANIZED), with each link\'s sources.' })
  organizersConnection(
    @Root() program: EntityRow,
    @Args() args: FirstAfterArgs,
    @Arg('where', () => OrganizationWhere, { nullable: true }) filter: OrganizationWhere | null,
    @Arg('orderBy', () => [NodeSort], { nullable: true, description: 'Sort keys in order; id breaks ties. Default: by name.' }) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    const { page: rows, count } = ctx.get(OrganizationRepository).linkedPage('organizers', program.id, filter, order, page);
    return relationshipConnection(rows, page, count);
  }

  @FieldResolver(() => LinkedOrganizationConnection, { description: 'Who took part as partners (PARTNERED), with each link\'s sources.' })
  partnersConnection(
    @Root() program: EntityRow,
    @Args() args: FirstAfterArgs,
    @Arg('where', () => OrganizationWhere, { nullable: true }) filter: OrganizationWhere | null,
    @Arg('orderBy', () => [NodeSort], { nullable: true, description: 'Sort keys in order; id breaks ties. Default: by name.' }) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    const { page: rows, count } = ctx.get(OrganizationRepository).linkedPage('partners', program.id, filter, order, page);
    return relationshipConnection(rows, page, count);
  }

  @FieldResolver()
  aliases(@Root() program: EntityRow) {
    return program.aliases ?? [];
  }

  @FieldResolver()
  organizers(@Root() program: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(ProgramRepository).organizers(program.id);
  }

  @FieldResolver()
  partners(@Root() program: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(ProgramRepository).partners(program.id);
  }

  @FieldResolver()
  figures(@Root() program: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(FigureRepository).ofSubject(program.id);
  }

  @FieldResolver(() => [Citation])
  sources(@Root() program: EntityRow) {
    return citationsOf(program);
  }
}
