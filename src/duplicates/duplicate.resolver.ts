import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../api/context';
import { EntityType } from '../api/entity-type';
import { ContextInput, contextRequestOf } from '../api/context-alias.type';
import { FirstAfterArgs, SortDirection, encodeCursor, keysetPage } from '../api/connection';
import { badInput } from '../api/errors';
import { check, nameProblem } from '../api/validation';
import { DuplicateCandidate } from './duplicate.type';
import { DuplicatePairConnection } from './duplicate-pair.type';
import { DuplicateRepository, QueuedPair } from './duplicate.repository';

/** The queue's one order: best first, then by the two ids; the cursor holds (score, a, b). */
const BEST_FIRST = [{ field: 'SCORE', direction: SortDirection.DESC }];
const QUEUED_TYPES = [EntityType.PERSON, EntityType.ORGANIZATION, EntityType.HONOR, EntityType.PROGRAM];

const after = (pair: QueuedPair, [score, a, b]: [number, string, string]) =>
  pair.score < score || (pair.score === score && (pair.a.id > a || (pair.a.id === a && pair.b.id > b)));

@Resolver()
export class DuplicateResolver {
  @Query(() => [DuplicateCandidate], {
    description: 'Existing entities a name likely duplicates, across scripts, pinyin and short forms; best first.',
  })
  duplicateCandidates(
    @Arg('name', { description: 'The name about to be written, as typed (any script, damaged or not).' }) name: string,
    @Arg('type', () => EntityType, { description: 'The kind of entity the name is for.' }) type: EntityType,
    @Arg('context', () => ContextInput, {
      nullable: true,
      description: 'Where the new entity would stand (its parent organization, a source, a place): aliases bound to a context count only there.',
    })
    context: ContextInput | null,
    @Ctx() ctx: Context,
  ) {
    check('name', name, nameProblem);
    return ctx.get(DuplicateRepository).candidates(name, type, undefined, 10, contextRequestOf(context), 'context');
  }

  @Query(() => DuplicatePairConnection, {
    description:
      'Pairs of existing entities of one type whose names likely name the same thing (the duplicate check\'s scoring: the same name, a script variant, an alias, pinyin, look-alike characters, short forms), ' +
      'best first, for an editor to merge or dismiss (dismissDuplicate). Pairs dismissed as not the same are left out. Found by blocking on stored name keys, never by comparing all pairs.',
  })
  async duplicateQueue(
    @Arg('types', () => [EntityType], { nullable: true, description: 'Which types to pair; people, organizations, honors and programs when absent.' }) types: EntityType[] | null,
    @Args() args: FirstAfterArgs,
    @Ctx() ctx: Context,
  ) {
    const page = keysetPage(args, BEST_FIRST);
    let key: [number, string, string] | null = null;
    if (page.key) {
      const [score, a, b] = page.key;
      if (typeof score !== 'number' || typeof a !== 'string' || typeof b !== 'string') throw badInput('after', 'is not a cursor this API issued');
      key = [score, a, b];
    }
    const wanted = types?.length ? [...new Set(types)] : QUEUED_TYPES;
    const pairs = await ctx.get(DuplicateRepository).queue(wanted);
    const rest = key ? pairs.filter((pair) => after(pair, key)) : pairs;
    const edges = rest.slice(0, page.limit).map((node) => ({ cursor: encodeCursor(page.signature, [node.score, node.a.id, node.b.id]), node }));
    return {
      edges,
      pageInfo: {
        hasNextPage: rest.length > page.limit,
        hasPreviousPage: key != null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      totalCount: pairs.length,
    };
  }
}
