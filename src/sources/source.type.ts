import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../api/node.type';
import { Person } from '../people/person.type';
import { Figure } from '../figures/figure.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A document facts come from, such as a news report.' })
export class Source implements Node {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Title of the document (a citation, not its text).' })
  title!: string;

  @Field({ description: 'What sort of document, e.g. NEWS_REPORT.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'Publication date as precise as known (YYYY, YYYY-MM, YYYY-MM-DD).' })
  published!: string | null;

  @Field(() => String, { nullable: true })
  publisher!: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag, e.g. zh-Hans.' })
  language!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => [Person], { description: 'Who wrote it.' })
  authors!: Person[];

  @Field(() => [Figure], { description: 'Figures this source reports.' })
  figures!: Figure[];
}
