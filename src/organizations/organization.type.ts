import { Field, ID, InterfaceType, ObjectType } from 'type-graphql';
import { Level } from '../api/enums';
import { Node, resolveTypename } from '../api/node.type';
import { Recipient } from '../api/recipient.type';
import { Citation } from '../sources/citation.type';
import type { Award } from '../honors/award.type';
import type { Program } from '../programs/program.type';
import type { Figure } from '../figures/figure.type';
import type { Membership } from './membership.type';

// Interfaces must be defined before the types that implement them are decorated, so the field
// types that lead back here are required lazily, when the schema is built.
const lazy = (path: string, name: string) => require(path)[name];
import { OrganizationKind } from './organization-kind';

@InterfaceType({
  implements: [Node, Recipient],
  resolveType: resolveTypename,
  description: 'A federation, institution, company or other body; each kind is its own type.',
})
export abstract class Organization implements Node, Recipient {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Canonical name, in simplified Chinese.' })
  name!: string;

  @Field(() => [String], { description: 'Other names: traditional script, short forms such as 市妇联.' })
  aliases!: string[];

  @Field(() => String, { nullable: true, description: 'English name, when clear.' })
  nameEn!: string | null;

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Field(() => Level, { nullable: true, description: 'Administrative level, when it has one.' })
  level!: Level | null;

  @Field(() => Organization, { nullable: true, description: 'The organization this one is part of.' })
  parent!: Organization | null;

  @Field(() => [Organization], { description: 'Organizations directly under this one, by name.' })
  children!: Organization[];

  @Field(() => [Organization], { description: 'The chain of organizations above this one, root first (for breadcrumbs).' })
  ancestors!: Organization[];

  @Field(() => lazy('./organization-connection.type', 'OrganizationConnection'), {
    description: 'Every organization below this one at any depth, a page at a time by name (for drill-down).',
  })
  descendants!: unknown;

  @Field(() => [lazy('../honors/award.type', 'Award')], { description: 'Honors this organization received as a collective, newest first.' })
  awards!: Award[];

  @Field(() => [lazy('./membership.type', 'Membership')], { description: 'Its members (people or organizations), with role and dates.' })
  members!: Membership[];

  @Field(() => [lazy('./membership.type', 'Membership')], { description: 'Organizations this one is a member of.' })
  memberships!: Membership[];

  @Field(() => [lazy('../programs/program.type', 'Program')], { description: 'Programs it organized or partnered in.' })
  programs!: Program[];

  @Field(() => [lazy('../figures/figure.type', 'Figure')], { description: 'Figures reported about it (counts, amounts).' })
  figures!: Figure[];

  @Field(() => [Citation], { description: 'Where this organization is mentioned.' })
  sources!: Citation[];
}

const kindType = (name: string, description: string) => {
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
