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
  mergeEntities(@Arg('keepId', () => ID) keepId: string, @Arg('mergeId', () => ID) mergeId: string, @Ctx() ctx: Context) {
    return ctx.get(MergeService).merge(ctx.viewer, checkId(keepId, 'keepId'), checkId(mergeId, 'mergeId'));
  }
}
