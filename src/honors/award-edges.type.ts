import { Field, Int, ObjectType } from 'type-graphql';
import { connectionOf } from '../api/connection';
import { CitedEdge } from '../api/cited-edge';
import { Recipient } from '../api/recipient.type';
import { Honor } from './honor.type';

@ObjectType({ simpleResolvers: true })
abstract class AwardProperties extends CitedEdge {
  @Field(() => Int, { nullable: true, description: 'Year the honor was given, when known.' })
  year!: number | null;
}

@ObjectType({ simpleResolvers: true, implements: CitedEdge, description: 'An honor a recipient received (RECEIVED), with its year and provenance.' })
export class AwardEdge extends AwardProperties {
  @Field(() => Honor, { description: 'The honor received.' })
  node!: Honor;
}
export const AwardConnection = connectionOf(AwardEdge, 'Award', 'A page of the honors a person or organization received.');

@ObjectType({ simpleResolvers: true, implements: CitedEdge, description: 'A recipient of an honor (RECEIVED), with the year and provenance.' })
export class HonorRecipientEdge extends AwardProperties {
  @Field(() => Recipient, { description: 'The recipient: a person or an organization.' })
  node!: Recipient;
}
export const HonorRecipientConnection = connectionOf(HonorRecipientEdge, 'HonorRecipient', 'A page of the recipients of an honor.');
