import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../api/node.type';
import { RelationshipType } from '../api/relationship-type';

/** What a merge would do to one relationship of the merged node. */
export enum MergeMoveOutcome {
  MOVED = 'MOVED',
  UNITED = 'UNITED',
  DROPPED = 'DROPPED',
}

registerEnumType(MergeMoveOutcome, {
  name: 'MergeMoveOutcome',
  description: 'What a merge would do to one relationship of the merged node.',
  valuesConfig: {
    MOVED: { description: 'It moves to the node kept.' },
    UNITED: { description: 'The node kept holds the same one (same type, other end and key): the two are united, the kept values win, citations are united.' },
    DROPPED: { description: 'It disappears: it joins the two nodes (it would loop), or it is the merged organization\'s parent link while the kept one has a parent of its own.' },
  },
});

/** Why a merge would lose or overwrite something. */
export enum MergeConflictKind {
  PROPERTY = 'PROPERTY',
  PARENT = 'PARENT',
  SHARED_STATEMENT = 'SHARED_STATEMENT',
  CYCLE = 'CYCLE',
}

registerEnumType(MergeConflictKind, {
  name: 'MergeConflictKind',
  description: 'What kind of conflict a merge would resolve (or refuse on).',
  valuesConfig: {
    PROPERTY: { description: 'Both hold a property (kind, level, English name…) with different values: the kept value stays, the merged one is lost.' },
    PARENT: { description: 'The two organizations have different parents: the kept one keeps its own, the merged one\'s parent link is dropped.' },
    SHARED_STATEMENT: { description: 'Both hold the same statement (an award of one honor in one year, a membership in one role): they are united into one.' },
    CYCLE: { description: 'The merge would make the organization hierarchy a cycle: mergeEntities refuses it.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'One relationship of the merged node, and what the merge would do to it.' })
export class MergeMove {
  @Field(() => RelationshipType, { description: 'The relationship type.' })
  relationship!: string;

  @Field({ description: 'Whether the merged node is its start (true) or its end (false).' })
  outgoing!: boolean;

  @Field(() => Node, { description: 'The node at its other end.' })
  other!: Node;

  @Field({ description: 'Tells apart parallel relationships of one type between two nodes (an award\'s year, a membership\'s role).' })
  key!: string;

  @Field(() => MergeMoveOutcome, { description: 'Moved, united with the kept node\'s own, or dropped.' })
  outcome!: MergeMoveOutcome;
}

@ObjectType({ simpleResolvers: true, description: 'A citation of the merged node that the kept node would gain.' })
export class MergeCitation {
  @Field({ description: 'The cited source\'s id.' })
  sourceId!: string;

  @Field({ description: "Where in the source ('' when not known)." })
  locator!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A property the kept node lacks and would take from the merged node.' })
export class MergeFill {
  @Field({ description: 'The property name (kind, level, nameEn…).' })
  property!: string;

  @Field({ description: 'The value it would take, as text.' })
  value!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Something the merge would lose, unite or refuse on.' })
export class MergeConflict {
  @Field(() => MergeConflictKind, { description: 'What kind of conflict.' })
  kind!: MergeConflictKind;

  @Field(() => String, { nullable: true, description: 'The property concerned (PROPERTY), or the relationship type (PARENT, SHARED_STATEMENT); null for a cycle.' })
  property!: string | null;

  @Field(() => String, { nullable: true, description: 'The kept node\'s value, as text (the kept parent\'s name for PARENT); null when it has none.' })
  kept!: string | null;

  @Field(() => String, { nullable: true, description: 'The merged node\'s value, as text; null when it has none.' })
  merged!: string | null;

  @Field({ description: 'The conflict in words, and how the merge resolves it.' })
  message!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'What mergeEntities(keepId, mergeId) would do, computed by its rules and writing nothing: what moves to the node kept, what it gains, what conflicts.',
})
export class MergePreview {
  @Field(() => Node, { description: 'The node that would stay.' })
  keep!: Node;

  @Field(() => Node, { description: 'The node that would be merged into it and deleted.' })
  merge!: Node;

  @Field(() => [MergeMove], { description: 'Every relationship of the merged node, with what the merge would do to it.' })
  moves!: MergeMove[];

  @Field(() => [String], { description: 'Names the kept node would gain as aliases (the merged name among them).' })
  aliasesAdded!: string[];

  @Field(() => [String], { description: 'Aliases bound to a context it would gain, as "alias (context)".' })
  contextAliasesAdded!: string[];

  @Field(() => [MergeCitation], { description: 'Citations of the merged node the kept one lacks: they would move over.' })
  citationsMoved!: MergeCitation[];

  @Field(() => Int, { description: 'For a source merged away: facts elsewhere citing it, which would cite the kept source instead (0 otherwise).' })
  citingFacts!: number;

  @Field(() => [MergeFill], { description: 'Properties the kept node lacks and would take from the merged one.' })
  filled!: MergeFill[];

  @Field(() => [MergeConflict], { description: 'What the merge would overwrite, unite or refuse on.' })
  conflicts!: MergeConflict[];

  @Field(() => String, { nullable: true, description: 'Why mergeEntities would refuse this merge (a cycle in the hierarchy); null when it would go through.' })
  refused!: string | null;
}
