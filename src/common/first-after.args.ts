import { ArgsType, Field, Int } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, checkFirst, decodeCursor } from './connection';
import { PageRequest } from '../db/cypher';

@ArgsType()
export class FirstAfterArgs {
  @Field(() => Int, { nullable: true, description: `Page size, ${DEFAULT_PAGE_SIZE} by default, at most ${MAX_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

/** Validates first/after into the repository's page request. */
export function pageRequest(args: FirstAfterArgs): PageRequest {
  return { first: checkFirst(args.first), after: decodeCursor(args.after) };
}
