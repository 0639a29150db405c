import { GraphQLResolveInfo } from 'graphql';
import { selectionOf, selectionsNamed } from '../api/selection';
import { prefetchFor, prefetchedFor } from '../api/prefetch';
import { Context } from '../api/context';
import { EntityRow } from '../api/node.type';
import { DatedSort, FirstAfterArgs, KeyedPage, NEWEST_FIRST, RelatedRow, pagingOf } from '../api/connection';
import { relationshipConnection } from '../api/cited-edge';
import { AwardWhere } from '../api/where.input';
import { awardPageFields, awardPagePlan } from './award.plan';
import { HonorRepository } from './honor.repository';

/**
 * `awardsConnection` of a recipient (the honors it received) or of an honor (its recipients):
 * the page read along with the parent for this very selection, if any, else a page per parent.
 */
export function awardsConnection(
  by: 'recipient' | 'honor',
  parent: EntityRow,
  args: FirstAfterArgs,
  filter: AwardWhere | null,
  orderBy: DatedSort[] | null,
  ctx: Context,
  info: GraphQLResolveInfo,
) {
  const { order, page } = pagingOf(args, orderBy, NEWEST_FIRST);
  const connection = selectionOf(info);
  const honors = ctx.get(HonorRepository);
  const read = prefetchedFor<KeyedPage<RelatedRow>>(parent, connection);
  const rows = read ? Promise.resolve(read) : honors.awardPage(by, parent.id, filter, order, page, awardPageFields(connection));
  return relationshipConnection(rows, page, () => honors.awardCount(by, parent.id, filter));
}

/**
 * `honor(id)`: when the request also asks for the honor's `awardsConnection`, the page of its
 * first selection whose arguments make one is read in the same query as the honor and handed to
 * that selection on the honor's row (a copy: the page is this selection's, not the cached honor's).
 */
export async function honorById(id: string, ctx: Context, info: GraphQLResolveInfo): Promise<EntityRow | null> {
  const plan = selectionsNamed(selectionOf(info), 'awardsConnection').map(awardPagePlan).find((planned) => planned !== null);
  if (!plan) return ctx.get(HonorRepository).byId(id);
  const read = await ctx.get(HonorRepository).byIdWithAwardPage(id, plan.where, plan.order, plan.page, plan);
  if (!read) return null;
  return read.page ? prefetchFor({ ...read.node }, plan.selection, read.page) : read.node;
}
