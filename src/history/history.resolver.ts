import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Context } from '../api/context';
import { FirstAfterArgs, SortDirection, encodeCursor, keysetPage } from '../api/connection';
import { badInput } from '../api/errors';
import { checkId } from '../api/id';
import { Viewer } from '../auth/viewer';
import { withoutActors } from '../auth/actors';
import { RevisionRow, withValidTime } from './history.repository';
import { Revision, RevisionConnection } from './revision.type';
import { HistoryRepository } from './history.repository';

// Revisions have one order, newest first; the cursor holds (at, seq, id).
const NEWEST: { field: string; direction: SortDirection }[] = [{ field: 'AT', direction: SortDirection.DESC }];

function pageOf(args: FirstAfterArgs) {
  const page = keysetPage(args, NEWEST);
  if (page.key == null) return { ...page, after: null };
  const [at, seq, id] = page.key;
  if (typeof at !== 'string' || typeof seq !== 'number' || typeof id !== 'string') throw badInput('after', 'is not a cursor this API issued');
  return { ...page, after: { at, seq, id } };
}

/** A revision's before/after JSON without the properties that name editors. */
function hideActorsIn(json: string): string {
  const snapshot = JSON.parse(json);
  for (const [id, node] of Object.entries<any>(snapshot.nodes ?? {})) {
    if (node?.props) snapshot.nodes[id] = { ...node, props: withoutActors(node.props) };
  }
  snapshot.rels = (snapshot.rels ?? []).map((rel: any) => (rel?.props ? { ...rel, props: withoutActors(rel.props) } : rel));
  return JSON.stringify(snapshot);
}

/** Who made a change is for editors and admins (or everyone with HISTORY_ACTORS_PUBLIC=true). */
function visibleTo<T extends RevisionRow>(viewer: Viewer, row: T): Omit<T, 'actor'> & { actor: string | null } {
  if (viewer.seesActors) return row;
  return { ...row, actor: null, before: hideActorsIn(row.before), after: hideActorsIn(row.after) };
}

@Resolver()
export class HistoryResolver {
  @Query(() => RevisionConnection, {
    description: "An entity's changes, newest first (also those made before a merge under the merged id). Who made them (actor, createdBy) only for editors and admins unless HISTORY_ACTORS_PUBLIC=true.",
  })
  async history(@Arg('id', () => ID, { description: 'The id of the node whose changes to list.' }) id: string, @Args() args: FirstAfterArgs, @Ctx() ctx: Context) {
    const { limit: first, after, signature } = pageOf(args);
    const rows = await ctx.get(HistoryRepository).history(checkId(id), first, after);
    const page = rows.slice(0, first).map((row) => withValidTime(visibleTo(ctx.viewer, row)));
    const edges = page.map((node) => ({ cursor: encodeCursor(signature, [node.at, node.seq, node.id]), node }));
    return {
      edges,
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: after != null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      totalCount: ctx.get(HistoryRepository).count(id),
    };
  }

  @Authorized('admin')
  @Mutation(() => Revision, { description: 'Reverts one revision (admin) when no later change depends on it; returns the undo revision.' })
  undo(@Arg('revisionId', () => ID, { description: 'The revision to revert, as `history` lists it.' }) revisionId: string, @Ctx() ctx: Context) {
    return ctx.get(HistoryRepository).undo(checkId(revisionId, 'revisionId'), ctx.viewer);
  }
}
