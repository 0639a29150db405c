import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Context } from '../api/context';
import { checkId } from '../api/id';
import { Node } from '../api/node.type';
import { MergeService } from './merge.service';

@Resolver()
export class MergeResolver {
  @Authorized('admin')
  @Mutation(() => Node, {
    description: 'Merges a duplicate into the node kept (admin): every relationship and property moves over, the merged name becomes an alias.',
  })
  mergeEntities(
    @Arg('keepId', () => ID, { description: 'The node that stays and receives everything.' }) keepId: string,
    @Arg('mergeId', () => ID, { description: 'The duplicate merged into it; afterwards its history is found under the kept id.' }) mergeId: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(MergeService).merge(ctx.viewer, checkId(keepId, 'keepId'), checkId(mergeId, 'mergeId'));
  }
}
