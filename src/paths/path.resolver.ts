import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Int, Query, Resolver } from 'type-graphql';
import { fieldsAt, selectionOf, selects } from '../api/selection';
import { Context } from '../api/context';
import { checkId } from '../api/id';
import { badInput, notFound } from '../api/errors';
import { RelationshipType } from '../api/relationship-type';
import { Neighborhood, Path } from './path.type';
import { MAX_NEIGHBORHOOD_HOPS, MAX_NEIGHBORHOOD_NODES, MAX_PATH_HOPS } from './path.repository';
import { PathRepository } from './path.repository';

function checkRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(field, `must be from ${min} to ${max}, got ${value}`);
  return value;
}

@Resolver()
export class PathResolver {
  @Query(() => Path, {
    nullable: true,
    description:
      'The shortest path between two nodes, following relationships in either direction; null when none is at most maxHops long (1–6).',
  })
  async shortestPath(
    @Arg('fromId', () => ID, { description: 'Id of the node the path starts at; NOT_FOUND when there is none.' }) fromId: string,
    @Arg('toId', () => ID, { description: 'Id of the node the path ends at; NOT_FOUND when there is none.' }) toId: string,
    @Arg('maxHops', () => Int, { defaultValue: 6, description: `Longest path to look for, in relationships: 1 to ${MAX_PATH_HOPS}.` }) maxHops: number,
    @Arg('via', () => [RelationshipType], {
      nullable: true,
      description: 'Only walk these relationship types (e.g. leave out MENTIONS to connect through stated facts only); all when absent.',
    })
    via: RelationshipType[] | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const hops = checkRange('maxHops', maxHops, 1, MAX_PATH_HOPS);
    const { missing, path } = await ctx.get(PathRepository).shortestPath(checkId(fromId, 'fromId'), checkId(toId, 'toId'), hops, via, {
      nodeFields: fieldsAt(selectionOf(info), ['nodes']),
      relationships: selects(selectionOf(info), 'relationships'),
    });
    if (missing.length) throw notFound('node', missing[0]);
    return path;
  }

  @Query(() => Neighborhood, {
    description: 'A node, up to `first` nodes within `hops` (1–3) of it, nearest first, and every edge among them: ready for a graph view.',
  })
  async neighborhood(
    @Arg('id', () => ID, { description: 'Id of the center node; NOT_FOUND when there is none.' }) id: string,
    @Arg('hops', () => Int, { defaultValue: 1, description: `How far from the center to reach, in relationships: 1 to ${MAX_NEIGHBORHOOD_HOPS}.` }) hops: number,
    @Arg('first', () => Int, { defaultValue: 50, description: `How many nodes besides the center: 1 to ${MAX_NEIGHBORHOOD_NODES}.` }) first: number,
    @Ctx() ctx: Context,
  ) {
    const checkedHops = checkRange('hops', hops, 1, MAX_NEIGHBORHOOD_HOPS);
    const checkedFirst = checkRange('first', first, 1, MAX_NEIGHBORHOOD_NODES);
    const result = await ctx.get(PathRepository).neighborhood(checkId(id), checkedHops, checkedFirst);
    if (!result) throw notFound('node', id);
    return result;
  }
}
