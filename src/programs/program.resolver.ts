import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../context';
import { EntityRow } from '../common/node.type';
import { connectionTypes, toConnection } from '../common/connection';
import { FirstAfterArgs, pageRequest } from '../common/first-after.args';
import { checkId } from '../common/id';
import { Citation, citationsOf } from '../sources/citation.type';
import { Program } from './program.type';
import { ProgramWhere } from './program.input';

export const ProgramConnection = connectionTypes(Program, 'Program');

@Resolver(() => Program)
export class ProgramResolver {
  @Query(() => Program, { nullable: true, description: 'A program by id; null when there is none.' })
  program(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.repos.programs.byId(checkId(id));
  }

  @Query(() => ProgramConnection, { description: 'Programs by name, then id.' })
  async programs(
    @Args() args: FirstAfterArgs,
    @Arg('where', () => ProgramWhere, { nullable: true }) filter: ProgramWhere | null,
    @Ctx() ctx: Context,
  ) {
    const page = pageRequest(args);
    const rows = await ctx.repos.programs.list(filter, page);
    return toConnection(rows, page.first, page.after != null, () => ctx.repos.programs.count(filter));
  }

  @FieldResolver()
  aliases(@Root() program: EntityRow) {
    return program.aliases ?? [];
  }

  @FieldResolver()
  organizers(@Root() program: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.programs.organizers(program.id);
  }

  @FieldResolver()
  partners(@Root() program: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.programs.partners(program.id);
  }

  @FieldResolver()
  figures(@Root() program: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.figures.ofSubject(program.id);
  }

  @FieldResolver(() => [Citation])
  sources(@Root() program: EntityRow) {
    return citationsOf(program);
  }
}
