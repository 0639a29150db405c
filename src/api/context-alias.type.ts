import { IsOptional } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { BoundAlias, aliasContext, boundAliases, parseAliasContext, placeValue } from '../graph/alias-context';
import { badInput } from './errors';
import { checkId } from './id';
import { IsName, check, nameProblem } from './validation';

export enum AliasContextKind {
  PLACE = 'PLACE',
  ORGANIZATION = 'ORGANIZATION',
  SOURCE = 'SOURCE',
}

registerEnumType(AliasContextKind, {
  name: 'AliasContextKind',
  description: 'Where a context alias holds.',
  valuesConfig: {
    PLACE: { description: 'Where the asker names the place (淮南), or a new entity sits under an organization named with it.' },
    ORGANIZATION: { description: 'For the organization and anything under it (PART_OF at any depth).' },
    SOURCE: { description: 'For facts and documents citing the source.' },
  },
});

const KIND_OF = { place: AliasContextKind.PLACE, org: AliasContextKind.ORGANIZATION, source: AliasContextKind.SOURCE } as const;

@ObjectType({ simpleResolvers: true, description: 'The context in which an alias names its node.' })
export class AliasContext {
  @Field(() => AliasContextKind, { description: 'A place, an organization (with what is under it) or a source.' })
  kind!: AliasContextKind;

  @Field({ description: "The place's name (淮南), or the id of the organization or source." })
  value!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A name that holds only in a context, e.g. 市妇联 for Huainan\'s federation in Huainan.' })
export class ContextAlias {
  @Field({ description: 'The name as written.' })
  alias!: string;

  @Field(() => AliasContext, { description: 'Where the name holds.' })
  context!: AliasContext;
}

/** A node's context aliases as the API shows them. */
export const contextAliasesOf = (node: { contextAliases?: string[] | null; aliasContexts?: string[] | null; [property: string]: any }): ContextAlias[] =>
  boundAliases(node).map((b) => {
    const parsed = parseAliasContext(b.context)!;
    return { alias: b.alias, context: { kind: KIND_OF[parsed.kind], value: parsed.value } };
  });

@InputType({ description: 'A context: exactly one of a place, an organization or a source.' })
export class AliasContextInput {
  @Field(() => String, { nullable: true, description: 'A place by name (淮南 or 淮南市; a trailing 市, 省, 县 or 区 is dropped).' })
  @IsOptional()
  @IsName()
  place?: string | null;

  @Field(() => ID, { nullable: true, description: 'An organization, which must exist; the context covers what is under it.' })
  @IsOptional()
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A source, which must exist.' })
  @IsOptional()
  sourceId?: string | null;
}

@InputType({ description: 'An alias bound to a context.' })
export class ContextAliasInput {
  @Field({ description: 'The name as written (市妇联).' })
  alias!: string;

  @Field(() => AliasContextInput, { description: 'Where the name holds.' })
  context!: AliasContextInput;
}

/** The one context an input names, as stored (`place:淮南`, `org:<id>`, `source:<id>`); BAD_USER_INPUT unless exactly one. */
export function storedContext(input: AliasContextInput, field: string): string {
  const given = [input.place, input.organizationId, input.sourceId].filter((v) => v != null).length;
  if (given !== 1) throw badInput(field, 'must name exactly one of place, organizationId and sourceId');
  if (input.place != null) {
    check(`${field}.place`, input.place, nameProblem);
    return aliasContext('place', placeValue(input.place));
  }
  if (input.organizationId != null) return aliasContext('org', checkId(input.organizationId, `${field}.organizationId`));
  return aliasContext('source', checkId(input.sourceId!, `${field}.sourceId`));
}

/** The bound aliases an input list asks for (null when the list is not given). */
export function boundAliasesOf(list: ContextAliasInput[] | null | undefined, field = 'contextAliases'): BoundAlias[] | null {
  if (list == null) return null;
  return list.map((item, i) => {
    check(`${field}[${i}].alias`, item.alias, nameProblem);
    return { alias: item.alias, context: storedContext(item.context, `${field}[${i}].context`) };
  });
}

@InputType({ description: 'Where the asker stands, for context aliases: any of a place, an organization and a source.' })
export class ContextInput {
  @Field(() => String, { nullable: true, description: 'A place by name (淮南 or 淮南市).' })
  @IsOptional()
  @IsName()
  place?: string | null;

  @Field(() => ID, { nullable: true, description: 'An organization, which must exist; aliases bound to it or to one above it hold.' })
  @IsOptional()
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A source, which must exist; aliases bound to it hold.' })
  @IsOptional()
  sourceId?: string | null;
}

/** A context input checked (ids as ids, the place as a name), as the query layer takes it; null when empty. */
export function contextRequestOf(input: ContextInput | null | undefined, field = 'context') {
  if (!input) return null;
  if (input.place != null) check(`${field}.place`, input.place, nameProblem);
  const organizationId = input.organizationId != null ? checkId(input.organizationId, `${field}.organizationId`) : null;
  const sourceId = input.sourceId != null ? checkId(input.sourceId, `${field}.sourceId`) : null;
  if (input.place == null && organizationId == null && sourceId == null) return null;
  return {
    places: input.place != null ? [input.place] : [],
    organizationIds: organizationId ? [organizationId] : [],
    sourceIds: sourceId ? [sourceId] : [],
  };
}
