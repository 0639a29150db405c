import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../api/node.type';
import { NODE_ID } from '../api/descriptions';

/**
 * A number a source reports (31 studios, 4542 caring mothers): kept as a fact with provenance
 * rather than turned into invented nodes. Its `subject` and `sources` are declared by figure.resolver.ts.
 */
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A reported figure: a count or amount about an organization or program.' })
export class Figure implements Node {
  @Field(() => ID, { description: NODE_ID })
  id!: string;

  subjectId!: string;

  @Field({ description: 'Machine name of the measure, e.g. pacesetter_studios_established.' })
  metric!: string;

  @Field({ description: 'Short Chinese label of the measure.' })
  label!: string;

  @Field(() => Float, { description: 'The number reported, in `unit` (a lower bound when approximate).' })
  value!: number;

  @Field({ description: 'Unit of the value: count, person, event, CNY, year…' })
  unit!: string;

  @Field({ description: 'True when the source says "more than" (余, 多).' })
  approximate!: boolean;

  @Field(() => Int, { nullable: true, description: 'The year the figure is about, four digits; null when the source gives none.' })
  year!: number | null;
}
