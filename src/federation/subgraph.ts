import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLFieldResolver, GraphQLNamedType, GraphQLSchema, isInterfaceType, isObjectType, lexicographicSortSchema, parse } from 'graphql';
import { createResolversMap } from 'type-graphql';
import { Context } from '../api/context';
import { EntityRow } from '../api/node.type';
import { badInput } from '../api/errors';
import { checkId } from '../api/id';
import { NodeRepository } from '../nodes/node.repository';

/** Federation 2.3: the first version with entity interfaces (`@key` on an interface, `@interfaceObject`). */
export const FEDERATION_SPEC = 'https://specs.apollo.dev/federation/v2.3';

/**
 * Most representations one `_entities` call resolves. The gateway sends one per entity of a list it
 * joins (an organization's 500 members, say); a larger batch is a BAD_USER_INPUT, not a huge query.
 * The same as the node DataLoader's batch, so one call is one Cypher round trip.
 */
export const MAX_REPRESENTATIONS = 1_000;

const LINK = `extend schema @link(url: "${FEDERATION_SPEC}", import: ["@key"])\n\n`;

/** Whether a type carries a federation `@key` (type-graphql's @Directive puts it on the AST node). */
const isEntity = (type: GraphQLNamedType) =>
  (isObjectType(type) || isInterfaceType(type)) && (type.astNode?.directives ?? []).some((directive) => directive.name.value === 'key');

/**
 * The reference resolver of entity type `type`: the gateway's `{ __typename, id }` becomes the node
 * read through the request's node loader, so every representation of a call (all types together)
 * is one `UNWIND $ids` query. Null when no node has the id or the node is of another type (an
 * organization's id given as a Person): `_entities` answers null there, as the spec asks.
 */
function referenceResolver(schema: GraphQLSchema, type: GraphQLNamedType) {
  const fits = (row: EntityRow) => {
    if (row.__typename === type.name) return true;
    const concrete = schema.getType(row.__typename);
    return isInterfaceType(type) && isObjectType(concrete) && schema.isSubType(type, concrete);
  };
  return async (reference: { id?: unknown }, ctx: Context): Promise<EntityRow | null> => {
    if (typeof reference.id !== 'string') throw badInput('representations', `a ${type.name} representation needs its id as a string`);
    const row = await ctx.get(NodeRepository).byId(checkId(reference.id, 'representations.id'));
    return row && fits(row) ? row : null;
  };
}

/**
 * `_entities` refusing, before any is read, more than MAX_REPRESENTATIONS or a representation that
 * names no entity type (@apollo/subgraph would fail on it with an internal error, or echo it back).
 */
function boundedEntities(resolve: GraphQLFieldResolver<unknown, unknown>, entityTypes: ReadonlySet<string>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const representations = (args as { representations?: unknown[] }).representations ?? [];
    if (representations.length > MAX_REPRESENTATIONS) {
      throw badInput('representations', `at most ${MAX_REPRESENTATIONS} representations in one _entities call, got ${representations.length}`);
    }
    representations.forEach((representation, i) => {
      const typename = (representation as { __typename?: unknown } | null)?.__typename;
      if (typeof typename !== 'string' || !entityTypes.has(typename)) {
        throw badInput(`representations[${i}]`, `__typename must name an entity type (${[...entityTypes].sort().join(', ')})`);
      }
    });
    return resolve(source, args, context, info);
  };
}

/**
 * The Federation 2 subgraph of a built type-graphql schema: its SDL (sorted, the entities' `@key`
 * printed, federation linked), its resolvers, a reference resolver for each entity, `_service` and
 * a bounded `_entities` (docs/federation.md).
 */
export function buildSubgraph(schema: GraphQLSchema): GraphQLSchema {
  const resolvers: Record<string, any> = createResolversMap(schema);
  const entityTypes = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isEntity(type)) continue;
    entityTypes.add(type.name);
    resolvers[type.name] = { ...resolvers[type.name], __resolveReference: referenceResolver(schema, type) };
  }
  const typeDefs = parse(LINK + printSchemaWithDirectives(lexicographicSortSchema(schema)));
  const subgraph = buildSubgraphSchema({ typeDefs, resolvers });
  const entities = subgraph.getQueryType()?.getFields()._entities;
  if (!entities?.resolve) throw new Error('buildSubgraphSchema made no _entities field: no type carries @key');
  entities.resolve = boundedEntities(entities.resolve, entityTypes);
  return subgraph;
}
