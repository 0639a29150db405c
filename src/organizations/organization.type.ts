import { Directive, Field, ID, InterfaceType, ObjectType } from 'type-graphql';
import { ENTITY_KEY } from '../api/entity-key';
import { NODE_ID } from '../api/descriptions';
import { connectionTypes } from '../api/connection';
import { Level } from '../api/enums';
import { Node, resolveTypename } from '../api/node.type';
import { Recipient } from '../api/recipient.type';
import { OrganizationKind } from '../api/organization-kind';
import { ContextAlias } from '../api/context-alias.type';

/**
 * Properties only; each relationship field is declared by the resolver of the feature that owns
 * it (PART_OF and MEMBER_OF here, awards in honors/, programs in programs/, figures in figures/),
 * on this interface, so that every kind has it.
 */
@Directive(ENTITY_KEY)
@InterfaceType({
  implements: [Node, Recipient],
  resolveType: resolveTypename,
  description: 'A federation, institution, company or other body; each kind is its own type.',
})
export abstract class Organization implements Node, Recipient {
  @Field(() => ID, { description: NODE_ID })
  id!: string;

  @Field({ description: 'Canonical name, in simplified Chinese.' })
  name!: string;

  @Field(() => [String], { description: 'Other names: traditional script, short forms such as 市妇联.' })
  aliases!: string[];

  @Field(() => [ContextAlias], { description: 'Names that hold only in a context (市妇联 in Huainan); never null.' })
  contextAliases!: ContextAlias[];

  @Field(() => String, { nullable: true, description: 'English name, when clear.' })
  nameEn!: string | null;

  @Field(() => OrganizationKind, { description: 'What sort of body it is; the same as its GraphQL type (FEDERATION: Federation, …).' })
  kind!: OrganizationKind;

  @Field(() => Level, { nullable: true, description: 'Administrative level, when it has one.' })
  level!: Level | null;
}

const kindType = (name: string, description: string) => {
  // Federation's entity interfaces: every implementation of a keyed interface carries the key too.
  @Directive(ENTITY_KEY)
  @ObjectType(name, { simpleResolvers: true, implements: [Organization, Recipient, Node], description })
  class KindType extends Organization {}
  return KindType;
};

export const Federation = kindType('Federation', "A women's federation at any level.");
export const Institution = kindType('Institution', 'A public institution or one of its units.');
export const Alliance = kindType('Alliance', 'An alliance of honorees.');
export const Studio = kindType('Studio', 'A pacesetter (executive-committee member) studio.');
export const SectorOrganization = kindType('SectorOrganization', 'A federation organization in a "three new" sector.');
export const GovernmentBody = kindType('GovernmentBody', 'A government bureau or government.');
export const PartyBody = kindType('PartyBody', 'A Party committee or department.');
export const Enterprise = kindType('Enterprise', 'A company or group.');
export const Bank = kindType('Bank', 'A bank or branch.');
export const Association = kindType('Association', 'An association.');
export const Team = kindType('Team', 'A standing team.');

/** Every organization type, for buildSchema's orphanedTypes (none is returned directly). */
export const ORGANIZATION_TYPES = [
  Federation, Institution, Alliance, Studio, SectorOrganization, GovernmentBody, PartyBody, Enterprise, Bank, Association, Team,
];

export const OrganizationConnection = connectionTypes(Organization, 'Organization');
