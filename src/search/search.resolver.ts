import { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { fieldsAt, selectionOf } from '../api/selection';
import { Context } from '../api/context';
import { SearchArgs, searchRequest } from './search.input';
import { SearchHit } from './search.type';
import { SearchRepository } from './search.repository';

@Resolver(() => SearchHit)
export class SearchResolver {
  @Query(() => [SearchHit], {
    description:
      'People, organizations, honors, programs and sources by any of their names, best first: exact names and ' +
      'aliases, then pinyin and initials, then full-text matches. One Cypher round trip.',
  })
  search(@Args() args: SearchArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.get(SearchRepository).search(searchRequest(args), fieldsAt(selectionOf(info), ['node']));
  }
}
