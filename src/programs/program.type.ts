import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../api/connection';
import { Node } from '../api/node.type';
import { ProgramKind } from '../api/program-kind';
import { ContextAlias } from '../api/context-alias.type';

/** Properties only; each relationship field is declared by the resolver of the feature that owns it. */
@ObjectType({ simpleResolvers: true, implements: Node, description: 'An activity, campaign, event, agreement or service run by organizations.' })
export class Program implements Node {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Canonical name, in simplified Chinese.' })
  name!: string;

  @Field(() => [String])
  aliases!: string[];

  @Field(() => [ContextAlias], { description: 'Names that hold only in a context (市妇联 in Huainan); never null.' })
  contextAliases!: ContextAlias[];

  @Field(() => String, { nullable: true })
  nameEn!: string | null;

  @Field(() => ProgramKind)
  kind!: ProgramKind;

  @Field(() => Int, { nullable: true, description: 'Year it ran, when known.' })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'Start date (YYYY, YYYY-MM or YYYY-MM-DD), when known.' })
  startDate!: string | null;
}

export const ProgramConnection = connectionTypes(Program, 'Program');
