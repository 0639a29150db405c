import { Field, Float, ObjectType } from 'type-graphql';
import { Node } from '../api/node.type';

@ObjectType({ simpleResolvers: true, description: 'One search result: the node, how well it matched and through which of its names.' })
export class SearchHit {
  @Field(() => Float, {
    description:
      'Higher is better; results come in descending order. 2 and above: the text is a name or alias (any script); ' +
      '1 to 2: it is the pinyin or initials of one; below 1: a full-text match.',
  })
  score!: number;

  @Field(() => Node, { description: 'The person, organization, honor, program or source found.' })
  node!: Node;

  @Field(() => String, {
    nullable: true,
    description: 'The name or alias the text matched (e.g. 市妇联 for "fulian"); null when no single name can be told.',
  })
  matchedOn!: string | null;
}
