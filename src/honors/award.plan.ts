import { GraphQLError } from 'graphql';
import { Selection, fieldsAt } from '../api/selection';
import { DatedSort, KeysetPage, NEWEST_FIRST, SortInput, pagingOf } from '../api/connection';
import type { AwardWhere } from '../api/where.input';

/** What a request shows of a page of awards: the fields of its edges and of their nodes (null: not selected). */
export interface AwardPageFields {
  edgeFields: Set<string> | null;
  nodeFields: Set<string> | null;
}

/** One `awardsConnection` selection, ready to be read along with its parent. */
export interface AwardPagePlan extends AwardPageFields {
  /** The selection the page is read for; the page answers it alone (`prefetchFor`). */
  selection: Selection;
  where: AwardWhere | null;
  order: SortInput[];
  page: KeysetPage;
}

/** What `connection` (an `awardsConnection` selection) shows of its page. */
export function awardPageFields(connection: Selection): AwardPageFields {
  return { edgeFields: fieldsAt(connection, ['edges']), nodeFields: fieldsAt(connection, ['edges', 'node']) };
}

/**
 * The plan of an `awardsConnection` selection, or null when its arguments make no page (a bad
 * cursor, say): the connection field then reads and refuses them itself, at its own path.
 */
export function awardPagePlan(connection: Selection): AwardPagePlan | null {
  const args = connection.args as { first?: number | null; after?: string | null; where?: AwardWhere | null; orderBy?: DatedSort[] | null };
  let paging: ReturnType<typeof pagingOf>;
  try {
    paging = pagingOf(args, args.orderBy, NEWEST_FIRST);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') return null;
    throw error;
  }
  return { selection: connection, where: args.where ?? null, order: paging.order, page: paging.page, ...awardPageFields(connection) };
}
