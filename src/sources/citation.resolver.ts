import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { Citation } from '../api/citation.type';
import { Source } from './source.type';
import { SourceRepository } from './source.repository';

@Resolver(() => Citation)
export class CitationResolver {
  // Nullable: a citation naming a source that does not exist (written before every citing write
  // compared ids exactly) reads as null with its sourceId, instead of failing the whole read.
  @FieldResolver(() => Source, { nullable: true, description: 'The cited source; null when no source has this id (a dangling citation: sourceId says which).' })
  source(@Root() citation: Citation, @Ctx() ctx: Context) {
    return ctx.get(SourceRepository).byId(citation.sourceId);
  }
}
