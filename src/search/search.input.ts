import { ArgsType, Field, Int } from 'type-graphql';
import { badInput } from '../api/errors';
import { MAX_PAGE_SIZE } from '../api/connection';
import { EntityType } from '../api/entity-type';
import { ContextInput, contextRequestOf } from '../api/context-alias.type';
import { ContextRequest } from '../query/alias-context';

export const DEFAULT_SEARCH_SIZE = 10;
/** Longer text is no name; the bound keeps the Lucene query small. */
export const MAX_SEARCH_TEXT = 200;

@ArgsType()
export class SearchArgs {
  @Field(() => String, {
    description:
      'A name as it arrives: simplified or traditional script, with pinyin notes (婦聯(lián)), short forms (市妇联), ' +
      'pinyin with or without tones (fù lián, fu2lian2, fulian) or initials. Query syntax is not interpreted.',
  })
  text!: string;

  @Field(() => [EntityType], { nullable: true, description: 'Only these kinds of node; all kinds when omitted.' })
  types?: EntityType[] | null;

  @Field(() => ContextInput, {
    nullable: true,
    description:
      'Where the asker stands (a place, an organization, a source): aliases bound to it count as exact matches, ' +
      'aliases bound elsewhere not at all. Without it, bound aliases still match, ranked below.',
  })
  context?: ContextInput | null;

  @Field(() => Int, { defaultValue: DEFAULT_SEARCH_SIZE, description: `How many hits, at most ${MAX_PAGE_SIZE}.` })
  first!: number;
}

export interface SearchRequest {
  text: string;
  types: EntityType[] | null;
  first: number;
  context: ContextRequest | null;
}

export function searchRequest(args: SearchArgs): SearchRequest {
  const text = args.text ?? '';
  if (!text.trim()) throw badInput('text', 'must not be empty');
  if (text.length > MAX_SEARCH_TEXT) throw badInput('text', `must be at most ${MAX_SEARCH_TEXT} characters`);
  const first = args.first ?? DEFAULT_SEARCH_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return { text, types: args.types?.length ? [...new Set(args.types)] : null, first, context: contextRequestOf(args.context) };
}
