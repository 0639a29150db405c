import { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { fieldsAt } from '../api/selection';
import { Context } from '../app/context';
import { SearchArgs, searchRequest } from './search.input';
import { SearchHit } from './search.type';

@Resolver(() => SearchHit)
export class SearchResolver {
  @Query(() => [SearchHit], {
    description:
      'People, organizations, honors, programs and sources by any of their names, best first: exact names and ' +
      'aliases, then pinyin and initials, then full-text matches. One Cypher round trip.',
  })
  search(@Args() args: SearchArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.repos.search.search(searchRequest(args), fieldsAt(info, ['node']));
  }
}
