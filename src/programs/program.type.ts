import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../api/node.type';
import { Citation } from '../sources/citation.type';
import { Organization } from '../organizations/organization.type';
import { Figure } from '../figures/figure.type';
import { ProgramKind } from './program-kind';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'An activity, campaign, event, agreement or service run by organizations.' })
export class Program implements Node {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Canonical name, in simplified Chinese.' })
  name!: string;

  @Field(() => [String])
  aliases!: string[];

  @Field(() => String, { nullable: true })
  nameEn!: string | null;

  @Field(() => ProgramKind)
  kind!: ProgramKind;

  @Field(() => Int, { nullable: true, description: 'Year it ran, when known.' })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'Start date (YYYY, YYYY-MM or YYYY-MM-DD), when known.' })
  startDate!: string | null;

  @Field(() => [Organization], { description: 'Who ran it.' })
  organizers!: Organization[];

  @Field(() => [Organization], { description: 'Who took part as partners.' })
  partners!: Organization[];

  @Field(() => [Figure], { description: 'Figures reported about it.' })
  figures!: Figure[];

  @Field(() => [Citation])
  sources!: Citation[];
}
