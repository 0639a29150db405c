import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { EntityRow } from '../api/node.type';
import { FirstAfterArgs, NodeSort, pagingOf, toConnection } from '../api/connection';
import { createResourceResolver } from '../api/resource.resolver';
import { Person } from '../people/person.type';
import { Figure } from '../figures/figure.type';
import { SourceWhere } from '../api/where.input';
import { FactConnection } from './fact.type';
import { Source, SourceConnection } from './source.type';
import { PersonRepository } from '../people/person.repository';
import { FigureRepository } from '../figures/figure.repository';
import { SourceRepository } from './source.repository';
import { Arg, Authorized, ID, Mutation } from 'type-graphql';
import { checkId } from '../api/id';
import { UPDATE_INPUT, createInputOf, idOf } from '../api/descriptions';
import { CreateSourceInput, UpdateSourceInput } from './source.input';
import { SourceService } from './source.service';
import { AliasContext, AliasContextKind } from '../api/context-alias.type';

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

/** `source(id)`, `sources`, and what a source supports: its facts, authors (AUTHORED) and figures. */
@Resolver(() => Source)
export class SourceResolver extends createResourceResolver({
  type: Source,
  connection: SourceConnection,
  repository: SourceRepository,
  where: SourceWhere,
  sort: NodeSort,
  one: 'source',
  many: 'sources',
  noun: 'a source',
  nouns: 'sources',
  sortedBy: 'title',
}) {
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

  @FieldResolver(() => [Person], { description: 'Who wrote it.' })
  authors(@Root() source: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(SourceRepository).authors(source.id);
  }

  @FieldResolver(() => [Figure], { description: 'Figures this source reports.' })
  figures(@Root() source: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(FigureRepository).ofSource(source.id);
  }

  // ---- mutations

  @Authorized('editor')
  @Mutation(() => Source, { description: 'Adds a source document; its title is checked for duplicates.' })
  createSource(@Arg('input', () => CreateSourceInput, { description: createInputOf('source') }) input: CreateSourceInput, @Ctx() ctx: Context) {
    return ctx.get(SourceService).create(ctx.viewer, input);
  }

  @Authorized('editor')
  @Mutation(() => Source, { description: "Changes a source's title, kind, date, publisher or language; NOT_FOUND when there is none." })
  updateSource(
    @Arg('id', () => ID, { description: idOf('source') }) id: string,
    @Arg('input', () => UpdateSourceInput, { description: UPDATE_INPUT }) input: UpdateSourceInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(SourceService).update(ctx.viewer, checkId(id), input);
  }
}

/** The sources a person wrote (AUTHORED, owned here). */
@Resolver(() => Person)
export class AuthorResolver {
  @FieldResolver(() => [Source], { description: 'Sources this person wrote.' })
  authored(@Root() person: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(PersonRepository).authored(person.id);
  }
}

/** The source a SOURCE alias context names. */
@Resolver(() => AliasContext)
export class AliasContextSourceResolver {
  @FieldResolver(() => Source, { nullable: true, description: 'The source, for a SOURCE context; null otherwise.' })
  source(@Root() context: AliasContext, @Ctx() ctx: Context) {
    return context.kind === AliasContextKind.SOURCE ? ctx.get(SourceRepository).byId(context.value) : null;
  }
}
