import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../api/node.type';
import { Recipient } from '../api/recipient.type';
import { Award } from '../honors/award.type';
import { Membership } from '../organizations/membership.type';
import { Citation } from '../sources/citation.type';
import { Source } from '../sources/source.type';

@ObjectType({ simpleResolvers: true, implements: [Recipient, Node], description: 'A person: an honoree, a reporter, a member.' })
export class Person implements Recipient, Node {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Canonical name, in simplified Chinese.' })
  name!: string;

  @Field(() => [String], { description: 'Other written forms of the name.' })
  aliases!: string[];

  @Field(() => String, { nullable: true, description: 'Name in Latin script (pinyin), e.g. He Tingting.' })
  nameEn!: string | null;

  @Field(() => [Award], { description: 'Honors received, newest first.' })
  awards!: Award[];

  @Field(() => [Membership], { description: 'Organizations this person belongs to.' })
  memberships!: Membership[];

  @Field(() => [Source], { description: 'Sources this person wrote.' })
  authored!: Source[];

  @Field(() => [Citation], { description: 'Where this person is mentioned.' })
  sources!: Citation[];
}
