import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * What revokeAward removed, as a client cache needs it: the award's statement id and key, and the
 * two ends (declared by award.resolver.ts) so their award lists can be updated or refetched.
 */
@ObjectType({
  simpleResolvers: true,
  description:
    'The award revokeAward removed: its id and key, its recipient and honor (whose award lists changed) and the revision that records it. ' +
    'A cache evicts the award by awardId and updates or refetches the recipient\'s and the honor\'s awards.',
})
export class RevokeAwardPayload {
  @Field(() => ID, { description: 'The statement id the removed award had (Award.id).' })
  awardId!: string;

  @Field(() => ID, { description: 'Who had received the honor (the key\'s first part).' })
  recipientId!: string;

  @Field(() => ID, { description: 'The honor (the key\'s second part).' })
  honorId!: string;

  @Field(() => Int, { description: 'The year of the removed award (the key\'s third part).' })
  year!: number;

  @Field(() => ID, { description: 'The revision recording the removal: `undo(revisionId)` gives the award back, with its id.' })
  revisionId!: string;
}
