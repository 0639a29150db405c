import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Context } from '../app/context';
import { Node } from '../api/node.type';
import { checkId } from '../api/id';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any node by its id; null when there is none.' })
  node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.repos.nodes.byId(checkId(id));
  }
}
