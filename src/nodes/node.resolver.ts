import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Context } from '../api/context';
import { Node } from '../api/node.type';
import { checkId } from '../api/id';
import { NodeRepository } from './node.repository';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any node by its id; null when there is none.' })
  node(@Arg('id', () => ID, { description: 'The id of any node (person, organization, honor, program, source, figure…).' }) id: string, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(checkId(id));
  }
}
