import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ENTITY_KEY } from '../api/entity-key';
import { connectionTypes } from '../api/connection';
import { Node } from '../api/node.type';
import { DateScalar } from '../api/date.scalar';
import { NODE_ID } from '../api/descriptions';

/** Properties only; `authors`, `figures` and `facts` are declared by source.resolver.ts. */
@Directive(ENTITY_KEY)
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A document facts come from, such as a news report.' })
export class Source implements Node {
  @Field(() => ID, { description: NODE_ID })
  id!: string;

  @Field({ description: 'Title of the document (a citation, not its text).' })
  title!: string;

  @Field({ description: 'What sort of document, e.g. NEWS_REPORT.' })
  kind!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Publication date as precise as the source gives it (YYYY, YYYY-MM or YYYY-MM-DD); stored as a DATE with its precision.' })
  published!: string | null;

  @Field(() => String, { nullable: true, description: 'Who published it (a newspaper, a website, an office); null when not known.' })
  publisher!: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag, e.g. zh-Hans.' })
  language!: string | null;

  @Field(() => String, { nullable: true, description: "An editor's remark on the document (e.g. the state of its text); null when there is none." })
  note!: string | null;
}

export const SourceConnection = connectionTypes(Source, 'Source');
