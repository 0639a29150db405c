import { Field, ID, ObjectType } from 'type-graphql';
import { connectionTypes } from '../api/connection';

@ObjectType({ simpleResolvers: true, description: 'One change made by one mutation: who, when, what, and the state before and after.' })
export class Revision {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'When it was committed (ISO 8601).' })
  at!: string;

  @Field(() => String, { nullable: true, description: 'The subject of the token that made the change; null unless the viewer is an editor or admin, or HISTORY_ACTORS_PUBLIC=true.' })
  actor!: string | null;

  @Field({ description: 'The role that token carried (editor or admin).' })
  role!: string;

  @Field({ description: 'The mutation, e.g. createPerson, awardHonor, mergeEntities, undo.' })
  operation!: string;

  @Field(() => [ID], { description: 'Every entity the change touched.' })
  entityIds!: string[];

  @Field(() => String, { description: 'JSON: {nodes: {id: {labels, props} | null}, rels: [{type, from, to, key, props | null}]} before the change.' })
  before!: string;

  @Field(() => String, { description: 'JSON of the same shape after the change.' })
  after!: string;

  @Field(() => ID, { nullable: true, description: 'The revision that undid this one, if any.' })
  undoneBy!: string | null;

  @Field(() => ID, { nullable: true, description: 'For an undo: the revision it reverted.' })
  undoes!: string | null;
}

export const RevisionConnection = connectionTypes(Revision, 'Revision');
