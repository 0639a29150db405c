import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { FirstAfterArgs, SortDirection, encodeCursor, keysetPage, onDemand } from '../api/connection';
import { badInput, forbidden } from '../api/errors';
import { checkId } from '../api/id';
import { Viewer } from '../auth/viewer';
import { RevisionRow, withValidTime } from './history.repository';
import { Revision, RevisionChange, RevisionConnection, RevisionEntity } from './revision.type';
import { mentionedIds, revisionChanges, snapshotNames } from './revision-diff';
import { visibleTo } from './revision-visibility';
import { HistoryRepository, RecentFilter } from './history.repository';

// Revisions have one order, newest first; the cursor holds (at, seq, id).
const NEWEST: { field: string; direction: SortDirection }[] = [{ field: 'AT', direction: SortDirection.DESC }];

function pageOf(args: FirstAfterArgs) {
  const page = keysetPage(args, NEWEST);
  if (page.key == null) return { ...page, after: null };
  const [at, seq, id] = page.key;
  if (typeof at !== 'string' || typeof seq !== 'number' || typeof id !== 'string') throw badInput('after', 'is not a cursor this API issued');
  return { ...page, after: { at, seq, id } };
}

/** At most this many operation names in one filter, each at most this long. */
const MAX_OPERATIONS = 50;
const MAX_TEXT = 200;

function recentFilter(viewer: Viewer, operations: string[] | null | undefined, actor: string | null | undefined): RecentFilter {
  if (operations && operations.length > MAX_OPERATIONS) throw badInput('operations', `must hold at most ${MAX_OPERATIONS} operations, got ${operations.length}`);
  for (const [i, operation] of (operations ?? []).entries()) {
    if (!operation.trim() || operation.length > MAX_TEXT) throw badInput(`operations[${i}]`, `must be an operation name of 1–${MAX_TEXT} characters`);
  }
  if (actor != null) {
    if (!actor.trim() || actor.length > MAX_TEXT) throw badInput('actor', `must be a token subject of 1–${MAX_TEXT} characters`);
    // Filtering by who made a change would tell a viewer who made it.
    if (!viewer.seesActors) throw forbidden('actor: who made a change is shown to editors and admins only (or everyone with HISTORY_ACTORS_PUBLIC=true), so filtering by it is too');
  }
  return { operations: operations?.length ? operations : null, actor: actor ?? null };
}

type ShownRevision = ReturnType<typeof withValidTime> & Omit<RevisionRow, 'actor'> & { actor: string | null; entities?: RevisionEntity[] };

/** Names for every entity the revisions mention, in one read: now, else as the revisions recorded them. */
async function withEntities<T extends ShownRevision>(repository: HistoryRepository, rows: T[]): Promise<T[]> {
  const mentioned = rows.map((row) => mentionedIds(row.entityIds, row.before, row.after));
  const current = await repository.names(mentioned.flat());
  return rows.map((row, i) => {
    const recorded = snapshotNames(row.before, row.after);
    const entities = mentioned[i].map((id) => {
      const now = current.get(id);
      const then = recorded.get(id);
      return { id, name: now?.name ?? then?.name ?? null, type: now?.type ?? then?.labels.find((l) => l !== 'Organization') ?? then?.labels[0] ?? null, exists: now != null };
    });
    return { ...row, entities };
  });
}

/** A page of revisions as a connection: (at, seq, id) in each cursor. */
function connectionOf(rows: (RevisionRow & { seq: number })[], first: number, after: unknown, signature: string, viewer: Viewer) {
  const page = rows.slice(0, first).map((row) => withValidTime(visibleTo(viewer, row)));
  return { page, hasNextPage: rows.length > first, hasPreviousPage: after != null, signature };
}

function edgesOf(page: (ShownRevision & { seq?: number })[], signature: string, hasNextPage: boolean, hasPreviousPage: boolean) {
  const edges = page.map((node) => ({ cursor: encodeCursor(signature, [node.at, (node as { seq: number }).seq, node.id]), node }));
  return {
    edges,
    pageInfo: { hasNextPage, hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
  };
}

@Resolver(() => Revision)
export class HistoryResolver {
  @Query(() => RevisionConnection, {
    description: "An entity's changes, newest first (also those made before a merge under the merged id). Who made them (actor, createdBy) only for editors and admins unless HISTORY_ACTORS_PUBLIC=true.",
  })
  async history(@Arg('id', () => ID, { description: 'The id of the node whose changes to list.' }) id: string, @Args() args: FirstAfterArgs, @Ctx() ctx: Context) {
    const { limit: first, after, signature } = pageOf(args);
    const repository = ctx.get(HistoryRepository);
    const rows = await repository.history(checkId(id), first, after);
    const { page, hasNextPage, hasPreviousPage } = connectionOf(rows, first, after, signature, ctx.viewer);
    return { ...edgesOf(await withEntities(repository, page), signature, hasNextPage, hasPreviousPage), totalCount: onDemand(() => repository.count(id)) };
  }

  @Query(() => RevisionConnection, {
    description:
      'Changes across the whole graph, newest first, paged like `history` (first at most 100). Filter by operation (createPerson, awardHonor, importHonorees, mergeEntities, undo, …) and, for editors and admins, by actor. ' +
      'Who made them (actor, createdBy) only for editors and admins unless HISTORY_ACTORS_PUBLIC=true.',
  })
  async recentChanges(
    @Args() args: FirstAfterArgs,
    @Arg('operations', () => [String], { nullable: true, description: 'Only revisions of these operations (at most 50); omitted or empty: all.' }) operations: string[] | null,
    @Arg('actor', () => String, { nullable: true, description: 'Only revisions made by this token subject; editors and admins only (FORBIDDEN otherwise, unless HISTORY_ACTORS_PUBLIC=true).' })
    actor: string | null,
    @Ctx() ctx: Context,
  ) {
    const filter = recentFilter(ctx.viewer, operations, actor);
    const { limit: first, after, signature } = pageOf(args);
    const repository = ctx.get(HistoryRepository);
    const rows = await repository.recent(first, after, filter);
    const { page, hasNextPage, hasPreviousPage } = connectionOf(rows, first, after, signature, ctx.viewer);
    return { ...edgesOf(await withEntities(repository, page), signature, hasNextPage, hasPreviousPage), totalCount: onDemand(() => repository.recentCount(filter)) };
  }

  @Authorized('admin')
  @Mutation(() => Revision, { description: 'Reverts one revision (admin) when no later change depends on it; returns the undo revision.' })
  undo(@Arg('revisionId', () => ID, { description: 'The revision to revert, as `history` lists it.' }) revisionId: string, @Ctx() ctx: Context) {
    return ctx.get(HistoryRepository).undo(checkId(revisionId, 'revisionId'), ctx.viewer);
  }

  @FieldResolver(() => [RevisionChange], { description: 'What changed, node by node and relationship by relationship: the readable form of before and after.' })
  changes(@Root() revision: { before: string; after: string }) {
    return revisionChanges(revision.before, revision.after);
  }

  @FieldResolver(() => [RevisionEntity], { description: 'Every entity the revision mentions (those it touched and both ends of its relationships), with their names.' })
  async entities(@Root() revision: ShownRevision, @Ctx() ctx: Context) {
    if (revision.entities) return revision.entities;
    const [shown] = await withEntities(ctx.get(HistoryRepository), [revision]);
    return shown.entities;
  }
}
