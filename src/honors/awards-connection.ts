import { GraphQLResolveInfo } from 'graphql';
import { argumentsAt, fieldsAt } from '../api/selection';
import { Context } from '../api/context';
import { EntityRow } from '../api/node.type';
import { DatedSort, FirstAfterArgs, NEWEST_FIRST, pagingOf } from '../api/connection';
import { relationshipConnection } from '../api/cited-edge';
import { AwardWhere } from '../api/where.input';
import { AwardPageFields } from './honor.repository';
import { HonorRepository } from './honor.repository';

/** What the request shows of an award page whose connection field is at `path` from the field resolved. */
function pageFields(info: GraphQLResolveInfo, path: string[]): AwardPageFields {
  return { edge: fieldsAt(info, [...path, 'edges']), node: fieldsAt(info, [...path, 'edges', 'node']) };
}

/** `awardsConnection` of a recipient (the honors it received) or of an honor (its recipients). */
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
  const { page: rows, count } = ctx.get(HonorRepository).awardPage(by, parent.id, filter, order, page, pageFields(info, []));
  return relationshipConnection(rows, page, count);
}

/**
 * `honor(id)`: when the request also asks for the honor's `awardsConnection`, its page is read in
 * the same query as the honor. Arguments that do not make a page (a bad cursor, say) leave the
 * page to the connection field, which reports them.
 */
export function honorById(id: string, ctx: Context, info: GraphQLResolveInfo): Promise<EntityRow | null> {
  const args = argumentsAt(info, ['awardsConnection']);
  let paging: ReturnType<typeof pagingOf> | null = null;
  try {
    if (args) paging = pagingOf(args, args.orderBy as DatedSort[] | null, NEWEST_FIRST);
  } catch {
    // The connection field refuses these arguments itself, at its own path.
  }
  if (!args || !paging) return ctx.get(HonorRepository).byId(id);
  return ctx.get(HonorRepository).byIdWithAwardPage(id, args.where as AwardWhere | null, paging.order, paging.page, pageFields(info, ['awardsConnection']));
}
