import { Field, Float, ObjectType } from 'type-graphql';
import { Node } from '../api/node.type';

@ObjectType({ simpleResolvers: true, description: 'An existing entity a new name may duplicate, and why.' })
export class DuplicateCandidate {
  @Field(() => Node, { description: 'The existing person, organization, honor, program or source.' })
  node!: Node;

  @Field(() => Float, { description: '1 for the same name; 0.7 and above refuses a create without allowDuplicate.' })
  score!: number;

  @Field({ description: 'Why it may be the same, in words: e.g. "same as the alias 市妇联", "same pinyin as 何婷婷 (hetingting)".' })
  reason!: string;
}
