import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Node } from '../api/node.type';
import { Citation } from '../api/citation.type';

export enum WalkDirection {
  FORWARD = 'FORWARD',
  BACKWARD = 'BACKWARD',
}

registerEnumType(WalkDirection, {
  name: 'WalkDirection',
  description: 'How a relationship points relative to a walk: FORWARD from the earlier node to the later one, BACKWARD against it.',
  valuesConfig: {
    FORWARD: { description: 'The relationship is stored from the earlier node of the walk to the later one.' },
    BACKWARD: { description: 'The relationship is stored from the later node of the walk to the earlier one.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'One relationship of a path, in the order walked.' })
export class PathRelationship {
  @Field({ description: 'Relationship type, e.g. RECEIVED, PART_OF.' })
  type!: string;

  @Field(() => ID, { description: 'Id of the node the relationship starts at (as stored).' })
  from!: string;

  @Field(() => ID, { description: 'Id of the node the relationship ends at (as stored).' })
  to!: string;

  @Field(() => WalkDirection, { description: 'FORWARD when the walk follows the stored direction.' })
  direction!: WalkDirection;

  @Field(() => Int, { nullable: true, description: 'Award year (RECEIVED), when known.' })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'Role (MEMBER_OF, AUTHORED), when known.' })
  role!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Every other stored property of the relationship.' })
  properties!: Record<string, unknown>;

  @Field(() => [Citation], { description: 'Where this relationship is reported.' })
  sources!: Citation[];
}

@ObjectType({ simpleResolvers: true, description: 'A shortest path: nodes in walking order and the relationships between them.' })
export class Path {
  @Field(() => Int, { description: 'Number of relationships walked.' })
  length!: number;

  @Field(() => [Node], { description: 'Nodes in order, from the start to the end.' })
  nodes!: Node[];

  @Field(() => [PathRelationship], { description: 'The relationships walked, in order: the i-th joins nodes[i] and nodes[i+1].' })
  relationships!: PathRelationship[];
}

@ObjectType({ simpleResolvers: true, description: 'A relationship between two nodes of a neighborhood, shaped for a graph view.' })
export class GraphEdge {
  @Field(() => ID, { description: 'The database id of the relationship (stable while the database lives).' })
  id!: string;

  @Field({ description: 'Relationship type, e.g. RECEIVED, PART_OF.' })
  type!: string;

  @Field(() => ID, { description: 'Id of the node the relationship starts at (as stored); one of the neighborhood\'s nodes.' })
  from!: string;

  @Field(() => ID, { description: 'Id of the node the relationship ends at (as stored); one of the neighborhood\'s nodes.' })
  to!: string;

  @Field(() => GraphQLJSONObject, { description: 'Stored properties other than provenance (year, role, inferred, note…).' })
  properties!: Record<string, unknown>;

  @Field(() => [Citation], { description: 'Where this relationship is reported.' })
  sources!: Citation[];
}

@ObjectType({ simpleResolvers: true, description: 'Nodes around a center and every edge among them.' })
export class Neighborhood {
  @Field(() => [Node], { description: 'The center first, then the nearest nodes (by hops, then name).' })
  nodes!: Node[];

  @Field(() => [GraphEdge], { description: 'Every relationship whose both ends are among `nodes`.' })
  edges!: GraphEdge[];
}
