import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { EntityRow } from '../api/node.type';
import { BY_NAME, ConnectionArgs, FirstAfterArgs, NodeSort, connectionTypes, pagingOf, toConnection } from '../api/connection';
import { checkId } from '../api/id';
import { SourceWhere } from '../api/where.input';
import { FactConnection } from './fact.type';
import { Source } from './source.type';
import { FigureRepository } from '../figures/figure.repository';
import { SourceRepository } from './source.repository';

export const SourceConnection = connectionTypes(Source, 'Source');

/** A relationship row as a Fact of one source: the locators are those given for this source. */
function factOf(sourceId: string, rel: Record<string, any>) {
  const sourceIds: string[] = rel.sourceIds ?? [];
  const locators = sourceIds.flatMap((id, i) => (id === sourceId && rel.locators?.[i] ? [rel.locators[i] as string] : []));
  return {
    relationship: rel.type,
    subjectId: rel.startId,
    objectId: rel.endId,
    year: rel.year ?? null,
    role: rel.role ?? null,
    locators,
    inferred: rel.inferred ?? false,
    note: rel.note ?? null,
  };
}

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => Source, { nullable: true, description: 'A source by id; null when there is none.' })
  source(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.get(SourceRepository).byId(checkId(id));
  }

  @Query(() => SourceConnection, { description: 'Sources, by title unless orderBy says otherwise.' })
  async sources(
    @Args() args: ConnectionArgs,
    @Arg('where', () => SourceWhere, { nullable: true }) filter: SourceWhere | null,
    @Arg('orderBy', () => [NodeSort], { nullable: true, description: 'Sort keys in order; id breaks ties. Default: by title.' }) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    return toConnection(await ctx.get(SourceRepository).list(filter, order, page), page, () => ctx.get(SourceRepository).count(filter));
  }

  @FieldResolver(() => FactConnection, { description: 'The relationships this source supports, by relationship type, each with both ends and its locators.' })
  async facts(@Root() source: EntityRow, @Args() args: FirstAfterArgs, @Ctx() ctx: Context) {
    const page = pagingOf(args, [{ field: 'RELATIONSHIP' }], [{ field: 'RELATIONSHIP' }]).page;
    const { page: rows, count } = ctx.get(SourceRepository).factsPage(source.id, page);
    const read = await rows;
    return toConnection(
      {
        more: read.more,
        rows: read.rows.map(({ edge, key }) => ({ edge: { node: factOf(source.id, edge.rel) }, key })),
      },
      page,
      count,
    );
  }

  @FieldResolver()
  authors(@Root() source: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(SourceRepository).authors(source.id);
  }

  @FieldResolver()
  figures(@Root() source: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(FigureRepository).ofSource(source.id);
  }
}
