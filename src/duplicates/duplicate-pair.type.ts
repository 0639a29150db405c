import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../api/connection';
import { EntityType } from '../api/entity-type';
import { Node } from '../api/node.type';
import { EDGE_CURSOR } from '../api/descriptions';
import { DuplicateFeatureKind } from './pair-features';

registerEnumType(DuplicateFeatureKind, {
  name: 'DuplicateFeatureKind',
  description: 'One way two names may name the same thing.',
  valuesConfig: {
    SAME_NAME: { description: 'The same name, as written.' },
    SCRIPT_VARIANT: { description: 'The same name in another script or spelling (婦聯 and 妇联): the same once normalized.' },
    ALIAS: { description: "One's name is an alias of the other." },
    ENGLISH_NAME: { description: 'The same English name.' },
    PINYIN: { description: 'The same toneless pinyin (何婷婷 and He Tingting).' },
    LOOK_ALIKE: { description: 'Names that look the same (confusable characters: a Cyrillic а for a Latin a).' },
    SHORT_FORM: { description: 'One reads as a short form of the other (市妇联 and 淮南市妇女联合会); not for people.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'A feature two entities share that makes them likely the same.' })
export class DuplicateFeature {
  @Field(() => DuplicateFeatureKind, { description: 'Which feature.' })
  kind!: DuplicateFeatureKind;

  @Field({ description: 'The feature in words, naming the names that match (e.g. "the same pinyin (hetingting)").' })
  reason!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Two existing entities of one type that likely are the same: a candidate for merging, or for dismissing as not the same.' })
export class DuplicatePair {
  @Field(() => EntityType, { description: 'The type both are.' })
  type!: EntityType;

  @Field(() => Node, { description: 'One of the two: the one whose id sorts first.' })
  a!: Node;

  @Field(() => Node, { description: 'The other one.' })
  b!: Node;

  @Field(() => Float, { description: "How alike the names are, 0.7 to 1, as the duplicate check scores them (the higher of the two directions): 1 the same name, 0.95 an alias, 0.9 the same once short forms are expanded, 0.85 the same pinyin, 0.8 look-alike characters, 0.75 a short form." })
  score!: number;

  @Field(() => [DuplicateFeature], { description: 'Every feature the two share, strongest first.' })
  features!: DuplicateFeature[];
}

@ObjectType({ simpleResolvers: true, description: 'One pair of the duplicate queue, with its cursor.' })
export class DuplicatePairEdge {
  @Field({ description: EDGE_CURSOR })
  cursor!: string;

  @Field(() => DuplicatePair, { description: 'The pair.' })
  node!: DuplicatePair;
}

export const DuplicatePairConnection = connectionOf(DuplicatePairEdge, 'DuplicatePair', 'A page of the duplicate queue: candidate pairs, best first.');

@ObjectType({ simpleResolvers: true, description: 'Two entities an editor judged not the same: they leave the duplicate queue (undo the revision to bring them back).' })
export class DuplicateDismissal {
  @Field(() => Node, { description: 'The first of the two, as given.' })
  a!: Node;

  @Field(() => Node, { description: 'The second of the two, as given.' })
  b!: Node;

  @Field(() => String, { nullable: true, description: "Why they are not the same, as the editor wrote it; null when not said." })
  note!: string | null;

  @Field(() => ID, { nullable: true, description: 'The revision that recorded the dismissal (undo reverts it); null when the pair was dismissed already and nothing changed.' })
  revisionId!: string | null;
}
