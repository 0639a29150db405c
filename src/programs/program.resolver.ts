import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { EntityRow } from '../api/node.type';
import { BY_NAME, DatedSort, FirstAfterArgs, NEWEST_FIRST, NodeSort, pagingOf } from '../api/connection';
import { relationshipConnection } from '../api/cited-edge';
import { createResourceResolver } from '../api/resource.resolver';
import { Organization } from '../organizations/organization.type';
import { LinkedOrganizationConnection } from '../organizations/organization-edges.type';
import { OrganizationWhere } from '../api/where.input';
import { Program, ProgramConnection } from './program.type';
import { OrganizationProgramConnection } from './program-edges.type';
import { ProgramWhere } from '../api/where.input';
import { OrganizationRepository } from '../organizations/organization.repository';
import { ProgramRepository } from './program.repository';
import { Authorized, ID, Mutation } from 'type-graphql';
import { checkId, checkIds } from '../api/id';
import { ORDER_BY_NAME, ORDER_BY_NEWEST, SOURCE_IDS, UPDATE_INPUT, createInputOf, idOf, whereOf } from '../api/descriptions';
import { CreateProgramInput, UpdateProgramInput } from './program.input';
import { ProgramService } from './program.service';

/** `program(id)`, `programs`, and who ran a program or took part (ORGANIZED, PARTNERED). */
@Resolver(() => Program)
export class ProgramResolver extends createResourceResolver({
  type: Program,
  connection: ProgramConnection,
  repository: ProgramRepository,
  where: ProgramWhere,
  sort: DatedSort,
  one: 'program',
  many: 'programs',
  noun: 'a program',
  nouns: 'programs',
  sortedBy: 'name',
  cited: { sources: 'Where this program is mentioned.' },
}) {
  @FieldResolver(() => LinkedOrganizationConnection, { description: 'Who ran it (ORGANIZED), with each link\'s sources.' })
  organizersConnection(
    @Root() program: EntityRow,
    @Args() args: FirstAfterArgs,
    @Arg('where', () => OrganizationWhere, { nullable: true, description: whereOf('organizations') }) filter: OrganizationWhere | null,
    @Arg('orderBy', () => [NodeSort], { nullable: true, description: ORDER_BY_NAME }) orderBy: NodeSort[] | null,
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
    @Arg('where', () => OrganizationWhere, { nullable: true, description: whereOf('organizations') }) filter: OrganizationWhere | null,
    @Arg('orderBy', () => [NodeSort], { nullable: true, description: ORDER_BY_NAME }) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    const { page: rows, count } = ctx.get(OrganizationRepository).linkedPage('partners', program.id, filter, order, page);
    return relationshipConnection(rows, page, count);
  }

  @FieldResolver(() => [Organization], { description: 'Who ran it.' })
  organizers(@Root() program: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(ProgramRepository).organizers(program.id);
  }

  @FieldResolver(() => [Organization], { description: 'Who took part as partners.' })
  partners(@Root() program: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(ProgramRepository).partners(program.id);
  }
}

/** The programs an organization organized or partnered in, declared on the Organization interface. */
@Resolver(() => Organization)
export class OrganizationProgramResolver {
  @FieldResolver(() => [Program], { description: 'Programs it organized or partnered in.' })
  programs(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(ProgramRepository).ofOrganization(org.id);
  }

  @FieldResolver(() => OrganizationProgramConnection, {
    description: 'Programs it organized or partnered in, one edge per relationship; edges carry the role and sources.',
  })
  programsConnection(
    @Root() org: EntityRow,
    @Args() args: FirstAfterArgs,
    @Arg('where', () => ProgramWhere, { nullable: true, description: whereOf('programs') }) filter: ProgramWhere | null,
    @Arg('orderBy', () => [DatedSort], { nullable: true, description: ORDER_BY_NEWEST })
    orderBy: DatedSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, NEWEST_FIRST);
    const { page: rows, count } = ctx.get(ProgramRepository).ofOrganizationPage(org.id, filter, order, page);
    return relationshipConnection(rows, page, count);
  }

  // ---- mutations

  @Authorized('editor')
  @Mutation(() => Program, { description: 'Adds a program, optionally with the organizations that ran it.' })
  createProgram(@Arg('input', () => CreateProgramInput, { description: createInputOf('program') }) input: CreateProgramInput, @Ctx() ctx: Context) {
    return ctx.get(ProgramService).create(ctx.viewer, input);
  }

  @Authorized('editor')
  @Mutation(() => Program, { description: "Changes a program's name, aliases, kind, year or start date and adds citations; NOT_FOUND when there is none." })
  updateProgram(
    @Arg('id', () => ID, { description: idOf('program') }) id: string,
    @Arg('input', () => UpdateProgramInput, { description: UPDATE_INPUT }) input: UpdateProgramInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(ProgramService).update(ctx.viewer, checkId(id), input);
  }

  @Authorized('editor')
  @Mutation(() => Program, { description: 'Records an organization as a partner of a program. Idempotent.' })
  linkProgramPartner(
    @Arg('programId', () => ID, { description: 'The program; NOT_FOUND when there is none.' }) programId: string,
    @Arg('organizationId', () => ID, { description: 'The partnering organization; NOT_FOUND when there is none.' }) organizationId: string,
    @Arg('sourceIds', () => [ID], { nullable: true, description: SOURCE_IDS }) sourceIds: string[] | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(ProgramService).linkPartner(ctx.viewer, checkId(programId, 'programId'), checkId(organizationId, 'organizationId'), checkIds(sourceIds, 'sourceIds'));
  }
}
