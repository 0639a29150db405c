import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ENTITY_KEY } from '../api/entity-key';
import { connectionTypes } from '../api/connection';
import { Level } from '../api/enums';
import { Node } from '../api/node.type';
import { NODE_ID } from '../api/descriptions';
import { ContextAlias } from '../api/context-alias.type';

/** Properties only; each relationship field is declared by the resolver of the feature that owns it. */
@Directive(ENTITY_KEY)
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A title or award, e.g. 三八红旗手 or 全国三八红旗集体.' })
export class Honor implements Node {
  @Field(() => ID, { description: NODE_ID })
  id!: string;

  @Field({ description: 'Canonical name, in simplified Chinese.' })
  name!: string;

  @Field(() => [String], { description: 'Other names: traditional script, short forms, earlier names.' })
  aliases!: string[];

  @Field(() => [ContextAlias], { description: 'Names that hold only in a context (市妇联 in Huainan); never null.' })
  contextAliases!: ContextAlias[];

  @Field(() => String, { nullable: true, description: 'English name, when one is established or clear.' })
  nameEn!: string | null;

  @Field(() => Level, { nullable: true, description: 'Level of the honor; null for a generic title.' })
  level!: Level | null;
}

export const HonorConnection = connectionTypes(Honor, 'Honor');
