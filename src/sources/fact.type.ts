import { Field, Int, ObjectType } from 'type-graphql';
import { connectionOf } from '../api/connection';
import { EDGE_CURSOR, INFERRED, NOTE, edgeNodeOf } from '../api/descriptions';

/** One relationship a source supports, shown with both ends (`subject`, `object`: fact.resolver.ts). */
@ObjectType({ simpleResolvers: true, description: 'A relationship a source supports: subject -[relationship]-> object, with where the source says so.' })
export class Fact {
  subjectId!: string;
  objectId!: string;

  @Field({ description: 'The relationship type: RECEIVED, MEMBER_OF, PART_OF, CONFERRED_BY, ORGANIZED, PARTNERED, DESCRIBES, …' })
  relationship!: string;

  @Field(() => Int, { nullable: true, description: 'Year (of an award), when the relationship has one.' })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'Role (of a membership or authorship), when it has one.' })
  role!: string | null;

  @Field(() => [String], { description: 'Where in this source the fact is stated (e.g. ¶5); several when it is stated more than once.' })
  locators!: string[];

  @Field({ description: INFERRED })
  inferred!: boolean;

  @Field(() => String, { nullable: true, description: NOTE })
  note!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A fact and its cursor.' })
export class FactEdge {
  @Field({ description: EDGE_CURSOR })
  cursor!: string;

  @Field(() => Fact, { description: edgeNodeOf('fact') })
  node!: Fact;
}
export const FactConnection = connectionOf(FactEdge, 'Fact', 'A page of the facts a source supports.');
