import { Field, ID, InterfaceType } from 'type-graphql';
import { NODE_ID } from './descriptions';

/**
 * What every repository returns: the node's properties plus the GraphQL type it resolves to.
 * Interfaces resolve their concrete type from `__typename`, so plain rows need no classes.
 */
export interface EntityRow {
  __typename: string;
  id: string;
  [property: string]: any;
}

export const resolveTypename = (value: EntityRow) => value.__typename;

@InterfaceType({ description: 'Anything with a globally unique id.', resolveType: resolveTypename })
export abstract class Node {
  @Field(() => ID, { description: NODE_ID })
  id!: string;
}
