import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ENTITY_KEY } from '../api/entity-key';
import { connectionTypes } from '../api/connection';
import { Node } from '../api/node.type';
import { Recipient } from '../api/recipient.type';
import { NODE_ID } from '../api/descriptions';
import { ContextAlias } from '../api/context-alias.type';

/** Properties only; each relationship field is declared by the resolver of the feature that owns it. */
@Directive(ENTITY_KEY)
@ObjectType({ simpleResolvers: true, implements: [Recipient, Node], description: 'A person: an honoree, a reporter, a member.' })
export class Person implements Recipient, Node {
  @Field(() => ID, { description: NODE_ID })
  id!: string;

  @Field({ description: 'Canonical name, in simplified Chinese.' })
  name!: string;

  @Field(() => [String], { description: 'Other written forms of the name.' })
  aliases!: string[];

  @Field(() => [ContextAlias], { description: 'Names that hold only in a context (市妇联 in Huainan); never null.' })
  contextAliases!: ContextAlias[];

  @Field(() => String, { nullable: true, description: 'Name in Latin script (pinyin), e.g. He Tingting.' })
  nameEn!: string | null;
}

export const PersonConnection = connectionTypes(Person, 'Person');
