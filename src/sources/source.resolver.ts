import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../context';
import { EntityRow } from '../common/node.type';
import { connectionTypes, toConnection } from '../common/connection';
import { FirstAfterArgs, pageRequest } from '../common/first-after.args';
import { checkId } from '../common/id';
import { NameWhere } from '../common/named.input';
import { Source } from './source.type';

export const SourceConnection = connectionTypes(Source, 'Source');

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => Source, { nullable: true, description: 'A source by id; null when there is none.' })
  source(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.repos.sources.byId(checkId(id));
  }

  @Query(() => SourceConnection, { description: 'Sources by title, then id.' })
  async sources(
    @Args() args: FirstAfterArgs,
    @Arg('where', () => NameWhere, { nullable: true, description: '`name` filters the title.' }) filter: NameWhere | null,
    @Ctx() ctx: Context,
  ) {
    const page = pageRequest(args);
    const rows = await ctx.repos.sources.list(filter, page);
    return toConnection(rows, page.first, page.after != null, () => ctx.repos.sources.count(filter));
  }

  @FieldResolver()
  authors(@Root() source: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.sources.authors(source.id);
  }

  @FieldResolver()
  figures(@Root() source: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.figures.ofSource(source.id);
  }
}
