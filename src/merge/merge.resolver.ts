import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Context } from '../api/context';
import { checkId } from '../api/id';
import { Node } from '../api/node.type';
import { DuplicateDismissal } from '../duplicates/duplicate-pair.type';
import { DismissalService, MAX_DISMISS_NOTE } from './dismissal.service';
import { MergePreview } from './merge-preview.type';
import { MergePreviewService } from './merge-preview.service';
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

  @Authorized('editor')
  @Query(() => MergePreview, {
    description:
      'What mergeEntities(keepId, mergeId) would do, by its rules, writing nothing (editor, so an editor can judge a pair before an admin merges it): ' +
      'the relationships that move, unite or drop, the aliases and citations gained, the properties filled or lost, and whether the merge would be refused. ' +
      'NOT_FOUND for a missing id, BAD_USER_INPUT for the same id twice or two types, as mergeEntities.',
  })
  mergePreview(
    @Arg('keepId', () => ID, { description: 'The node that would stay.' }) keepId: string,
    @Arg('mergeId', () => ID, { description: 'The duplicate that would be merged into it.' }) mergeId: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(MergePreviewService).preview(checkId(keepId, 'keepId'), checkId(mergeId, 'mergeId'));
  }

  @Authorized('editor')
  @Mutation(() => DuplicateDismissal, {
    description:
      'Records that two entities of one type are not the same (editor): the pair leaves duplicateQueue. One revision; undo (admin) brings the pair back. ' +
      'Dismissing a pair again changes nothing. NOT_FOUND for a missing id, BAD_USER_INPUT for the same id twice or two types.',
  })
  dismissDuplicate(
    @Arg('aId', () => ID, { description: 'One of the two.' }) aId: string,
    @Arg('bId', () => ID, { description: 'The other one.' }) bId: string,
    @Arg('note', () => String, { nullable: true, description: `Why they are not the same (at most ${MAX_DISMISS_NOTE} characters).` }) note: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(DismissalService).dismiss(ctx.viewer, checkId(aId, 'aId'), checkId(bId, 'bId'), note);
  }
}
