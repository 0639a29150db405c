import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
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

export enum ChangeAction {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  CHANGED = 'CHANGED',
}

registerEnumType(ChangeAction, {
  name: 'ChangeAction',
  description: 'What a revision did to one node or relationship.',
  valuesConfig: {
    ADDED: { description: 'It did not exist before the change and does after.' },
    REMOVED: { description: 'It existed before the change and does not after.' },
    CHANGED: { description: 'It existed on both sides; some of its properties differ.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'One property that differs between the two sides of a change.' })
export class PropertyChange {
  @Field({ description: 'The property, e.g. name, aliases, year, sourceIds.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Its value before, as JSON; null when it was absent.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'Its value after, as JSON; null when it is absent.' })
  after!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "One node or relationship a revision added, removed or changed, read from its before and after snapshots (derived keys such as nameKey and searchText left out). " +
    'A node change has entityId; a relationship change has relationship, fromId, toId and key.',
})
export class RevisionChange {
  @Field(() => ChangeAction, { description: 'Added, removed or changed.' })
  action!: ChangeAction;

  @Field(() => ID, { nullable: true, description: 'The node changed; null for a relationship.' })
  entityId!: string | null;

  @Field(() => [String], { description: "The node's labels (Person, Organization, Federation, …); empty for a relationship." })
  labels!: string[];

  @Field(() => String, { nullable: true, description: 'The relationship type (RECEIVED, MEMBER_OF, PART_OF, CONFERRED_BY, …); null for a node.' })
  relationship!: string | null;

  @Field(() => ID, { nullable: true, description: "The relationship's start node." })
  fromId!: string | null;

  @Field(() => ID, { nullable: true, description: "The relationship's end node." })
  toId!: string | null;

  @Field(() => String, { nullable: true, description: 'Tells apart relationships of one pair (a year, a role).' })
  key!: string | null;

  @Field(() => [PropertyChange], { description: 'The properties that differ (all of them for an addition or removal).' })
  properties!: PropertyChange[];
}

@ObjectType({ simpleResolvers: true, description: 'An entity a revision mentions, with the name to show for it.' })
export class RevisionEntity {
  @Field(() => ID, { description: 'Its id.' })
  id!: string;

  @Field(() => String, { nullable: true, description: "Its name (a source's title) as the graph holds it now, else as the revision recorded it; null when neither knows." })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Its most specific label (Person, Honor, Federation, …), when known.' })
  type!: string | null;

  @Field({ description: 'Whether it is in the graph now (false: deleted or merged away since).' })
  exists!: boolean;
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

  @Field(() => [RevisionChange], { description: 'What changed, node by node and relationship by relationship: the readable form of before and after.' })
  changes!: RevisionChange[];

  @Field(() => [RevisionEntity], { description: 'Every entity the revision mentions (those it touched and both ends of its relationships), with their names.' })
  entities!: RevisionEntity[];
}

export const RevisionConnection = connectionTypes(Revision, 'Revision');

/** A revision as Neo4j stores it: the row history, undo and the live feed read. */
export interface RevisionRow {
  id: string;
  at: string;
  actor: string;
  role: string;
  operation: string;
  entityIds: string[];
  before: string;
  after: string;
  undoneBy: string | null;
  undoes: string | null;
}
