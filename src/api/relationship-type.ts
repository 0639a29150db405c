import { registerEnumType } from 'type-graphql';
import { RELATIONSHIPS, RELATIONSHIP_TYPES, RelationshipTypeName } from '../graph/model';

/** Every relationship type in the graph, as the GraphQL enum `RelationshipType` (values and descriptions from graph/model.ts). */
export const RelationshipType = Object.fromEntries(RELATIONSHIP_TYPES.map((type) => [type, type])) as { readonly [T in RelationshipTypeName]: T };
export type RelationshipType = RelationshipTypeName;

registerEnumType(RelationshipType, {
  name: 'RelationshipType',
  description: 'A kind of relationship between two nodes.',
  valuesConfig: Object.fromEntries(RELATIONSHIP_TYPES.map((type) => [type, { description: RELATIONSHIPS[type].description }])),
});
