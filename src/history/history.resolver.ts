import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Context } from '../context';
import { checkFirst } from '../common/connection';
import { badInput } from '../common/errors';
import { FirstAfterArgs } from '../common/first-after.args';
import { checkId } from '../common/id';
import { Revision, RevisionConnection } from './revision.type';

const encode = (row: { at: string; seq: number; id: string }) => Buffer.from(JSON.stringify([row.at, row.seq, row.id])).toString('base64url');

function decode(cursor: string | null | undefined) {
  if (cursor == null) return null;
  try {
    const [at, seq, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof at === 'string' && typeof seq === 'number' && typeof id === 'string') return { at, seq, id };
  } catch {
    // fall through
  }
  throw badInput('after', 'is not a cursor this API issued');
}

@Resolver()
export class HistoryResolver {
  @Query(() => RevisionConnection, { description: "An entity's changes, newest first (also those made before a merge under the merged id)." })
  async history(@Arg('id', () => ID) id: string, @Args() args: FirstAfterArgs, @Ctx() ctx: Context) {
    const first = checkFirst(args.first);
    const after = decode(args.after);
    const rows = await ctx.repos.history.history(checkId(id), first, after);
    const page = rows.slice(0, first);
    const edges = page.map((node) => ({ cursor: encode(node), node }));
    return {
      edges,
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: after != null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      totalCount: ctx.repos.history.count(id),
    };
  }

  @Authorized('admin')
  @Mutation(() => Revision, { description: 'Reverts one revision (admin) when no later change depends on it; returns the undo revision.' })
  undo(@Arg('revisionId', () => ID) revisionId: string, @Ctx() ctx: Context) {
    return ctx.repos.history.undo(checkId(revisionId, 'revisionId'), ctx.viewer);
  }
}
