import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ENTITY_KEY } from '../api/entity-key';
import { connectionTypes } from '../api/connection';
import { Node } from '../api/node.type';
import { ProgramKind } from '../api/program-kind';
import { DateScalar } from '../api/date.scalar';
import { ALIASES, NODE_ID } from '../api/descriptions';
import { ContextAlias } from '../api/context-alias.type';

/** Properties only; each relationship field is declared by the resolver of the feature that owns it. */
@Directive(ENTITY_KEY)
@ObjectType({ simpleResolvers: true, implements: Node, description: 'An activity, campaign, event, agreement or service run by organizations.' })
export class Program implements Node {
  @Field(() => ID, { description: NODE_ID })
  id!: string;

  @Field({ description: 'Canonical name, in simplified Chinese.' })
  name!: string;

  @Field(() => [String], { description: ALIASES })
  aliases!: string[];

  @Field(() => [ContextAlias], { description: 'Names that hold only in a context (市妇联 in Huainan); never null.' })
  contextAliases!: ContextAlias[];

  @Field(() => String, { nullable: true, description: 'English name, when one is established or clear.' })
  nameEn!: string | null;

  @Field(() => ProgramKind, { description: 'What sort of activity it is: campaign, event, training…' })
  kind!: ProgramKind;

  @Field(() => Int, { nullable: true, description: 'Year it ran, four digits; null when not known.' })
  year!: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'Start date as precise as known (YYYY, YYYY-MM or YYYY-MM-DD); stored as a DATE with its precision.' })
  startDate!: string | null;
}

export const ProgramConnection = connectionTypes(Program, 'Program');
