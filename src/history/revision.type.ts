import { Field, ID, ObjectType } from 'type-graphql';
import { connectionTypes } from '../api/connection';
import { DateScalar } from '../api/date.scalar';
import { RelationshipType } from '../api/relationship-type';

@ObjectType({
  simpleResolvers: true,
  description:
    'The valid time of one dated statement (a membership or hierarchy link) a revision changed: when it held in the world, before and after the change. ' +
    'The revision\'s recordedAt says when the graph learned it.',
})
export class StatementValidTime {
  @Field(() => RelationshipType, { description: 'The relationship: MEMBER_OF or PART_OF.' })
  relationship!: string;

  @Field(() => ID, { description: 'The id at its start: the member, or the organization that is part of another.' })
  fromId!: string;

  @Field(() => ID, { description: 'The id at its end: the organization.' })
  toId!: string;

  @Field({ description: 'Tells apart statements of one pair (a role, a period).' })
  key!: string;

  @Field({ description: 'Whether the statement existed before the change.' })
  existedBefore!: boolean;

  @Field({ description: 'Whether the statement exists after the change.' })
  existsAfter!: boolean;

  @Field(() => DateScalar, { nullable: true, description: 'When it began holding, before the change (null: not known, or it did not exist).' })
  sinceBefore!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last period it held, before the change (null: open, or it did not exist).' })
  untilBefore!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When it began holding, after the change (null: not known, or it no longer exists).' })
  sinceAfter!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last period it held, after the change (null: open, or it no longer exists).' })
  untilAfter!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'One change made by one mutation: who, when, what, and the state before and after.' })
export class Revision {
  @Field(() => ID, { description: 'Unique id of the revision; pass it to `undo`.' })
  id!: string;

  @Field({ description: 'When it was committed (ISO 8601).' })
  at!: string;

  @Field({ description: 'Transaction time: when the graph learned the change (ISO 8601; the same as at). Valid time, when the facts held in the world, is in validTime.' })
  recordedAt!: string;

  @Field(() => [StatementValidTime], { description: 'For each dated statement (membership, hierarchy link) the change touched: when it held, before and after.' })
  validTime!: StatementValidTime[];

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
