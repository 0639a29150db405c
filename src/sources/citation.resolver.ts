import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../context';
import { Citation } from './citation.type';
import { Source } from './source.type';

@Resolver(() => Citation)
export class CitationResolver {
  @FieldResolver(() => Source, { description: 'The cited source.' })
  source(@Root() citation: Citation, @Ctx() ctx: Context) {
    return ctx.repos.sources.byId(citation.sourceId);
  }
}
