import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * A RECEIVED relationship: a recipient was given an honor, in a year, according to sources.
 * Its `recipient`, `honor`, `sources` and `qualifiers` are declared by award.resolver.ts.
 */
@ObjectType({ simpleResolvers: true, description: 'An honor given to a person or an organization, with its year and sources.' })
export class Award {
  @Field(() => ID, { description: 'The statement id of this award (its RECEIVED relationship): stable, kept by undo, merge and export.' })
  id!: string;

  recipientId!: string;
  honorId!: string;
  sourceIds?: string[];
  locators?: string[];

  @Field(() => Int, { nullable: true, description: 'Year the honor was given, when known.' })
  year!: number | null;

  @Field({ description: 'True when the award itself (that the recipient received the honor) is implied by its sources rather than stated; the year says for itself in qualifiers.' })
  inferred!: boolean;

  @Field(() => String, { nullable: true, description: 'Why an inferred fact is believed, or other remarks.' })
  note!: string | null;
}
