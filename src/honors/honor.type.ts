import { Field, ID, ObjectType } from 'type-graphql';
import { Level } from '../api/enums';
import { Node } from '../api/node.type';
import { Citation } from '../sources/citation.type';
import { Organization } from '../organizations/organization.type';
import { Award } from './award.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A title or award, e.g. 三八红旗手 or 全国三八红旗集体.' })
export class Honor implements Node {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Canonical name, in simplified Chinese.' })
  name!: string;

  @Field(() => [String], { description: 'Other names: traditional script, short forms, earlier names.' })
  aliases!: string[];

  @Field(() => String, { nullable: true, description: 'English name, when one is established or clear.' })
  nameEn!: string | null;

  @Field(() => Level, { nullable: true, description: 'Level of the honor; null for a generic title.' })
  level!: Level | null;

  @Field(() => [Organization], { description: 'The bodies that confer this honor.' })
  conferredBy!: Organization[];

  @Field(() => Honor, { nullable: true, description: 'The generic title this honor is a level of.' })
  variantOf!: Honor | null;

  @Field(() => [Honor], { description: 'The level-specific honors of this generic title.' })
  variants!: Honor[];

  @Field(() => [Award], { description: 'Who received this honor, newest first.' })
  awards!: Award[];

  @Field(() => [Citation], { description: 'Where this honor is mentioned.' })
  sources!: Citation[];
}
