import { EntityType } from '../api/entity-type';
import { ORGANIZATION_TYPENAMES, OrganizationKind } from '../api/organization-kind';

/**
 * What the reconciliation service offers, as plain data: its types (the GraphQL type names, an
 * organization also under `Organization`) and its properties, for matching and for extension.
 */

export interface ReconType {
  id: string;
  name: string;
  /** The duplicate check's kind of node behind the type. */
  entity: EntityType;
  /** For an organization kind: the stored `kind`. */
  kind?: OrganizationKind;
  description?: string;
}

const KIND_NAMES: Record<OrganizationKind, string> = {
  FEDERATION: "Women's federation",
  INSTITUTION: 'Public institution',
  ALLIANCE: 'Alliance of honorees',
  STUDIO: 'Pacesetter studio',
  THREE_NEW_SECTOR: 'New-sector organization',
  GOVERNMENT_BODY: 'Government body',
  PARTY_BODY: 'Party body',
  ENTERPRISE: 'Enterprise',
  BANK: 'Bank',
  ASSOCIATION: 'Association',
  TEAM: 'Team',
};

export const ORGANIZATION_TYPE: ReconType = { id: 'Organization', name: 'Organization (any kind)', entity: EntityType.ORGANIZATION };

export const RECON_TYPES: readonly ReconType[] = [
  ORGANIZATION_TYPE,
  ...(Object.keys(ORGANIZATION_TYPENAMES) as OrganizationKind[]).map((kind) => ({
    id: ORGANIZATION_TYPENAMES[kind],
    name: KIND_NAMES[kind],
    entity: EntityType.ORGANIZATION,
    kind,
    description: `An organization of kind ${kind}`,
  })),
  { id: 'Person', name: 'Person', entity: EntityType.PERSON },
  { id: 'Honor', name: 'Honor', entity: EntityType.HONOR, description: 'A title or prize that is conferred' },
  { id: 'Program', name: 'Program', entity: EntityType.PROGRAM, description: 'A campaign, event or project run by organizations' },
];

const TYPES_BY_ID = new Map(RECON_TYPES.map((type) => [type.id, type]));
export const reconType = (id: string): ReconType | undefined => TYPES_BY_ID.get(id);

/** The types a candidate belongs to: its own (an organization's kind) and, for an organization, `Organization`. */
export function typesOf(typename: string): ReconType[] {
  const own = TYPES_BY_ID.get(typename);
  if (!own) return [];
  return own.entity === EntityType.ORGANIZATION && own !== ORGANIZATION_TYPE ? [own, ORGANIZATION_TYPE] : [own];
}

export type ValueKind = 'entity' | 'str' | 'int';

export interface ReconProperty {
  id: string;
  name: string;
  description: string;
  /** Which entity kinds carry it. */
  on: readonly EntityType[];
  /** What its values are in data extension. */
  value: ValueKind;
  /** The type of its entity values, for the extension's metadata. */
  valueType?: string;
  /** Usable as a match condition (`properties` of a query). */
  matchable: boolean;
}

const { PERSON, ORGANIZATION, HONOR, PROGRAM } = EntityType;

export const RECON_PROPERTIES: readonly ReconProperty[] = [
  { id: 'parent', name: 'Parent organization', description: 'The organization it is part of (PART_OF)', on: [ORGANIZATION], value: 'entity', valueType: 'Organization', matchable: true },
  { id: 'unit', name: 'Unit', description: 'The organization a person is a member of (MEMBER_OF)', on: [PERSON], value: 'entity', valueType: 'Organization', matchable: true },
  { id: 'honor', name: 'Honor received', description: 'An honor the person or organization received (RECEIVED)', on: [PERSON, ORGANIZATION], value: 'entity', valueType: 'Honor', matchable: true },
  { id: 'place', name: 'Place', description: 'Where the name is used (淮南): short forms bound to that place count as names there', on: [PERSON, ORGANIZATION, HONOR, PROGRAM], value: 'str', matchable: true },
  { id: 'kind', name: 'Kind', description: 'The kind of an organization or program', on: [ORGANIZATION, PROGRAM], value: 'str', matchable: true },
  { id: 'level', name: 'Level', description: 'The level of an organization or honor (NATIONAL, PROVINCIAL, MUNICIPAL…)', on: [ORGANIZATION, HONOR], value: 'str', matchable: true },
  { id: 'nameEn', name: 'English name', description: 'The English name', on: [PERSON, ORGANIZATION, HONOR, PROGRAM], value: 'str', matchable: false },
  { id: 'aliases', name: 'Aliases', description: 'Other names (traditional script, short forms)', on: [PERSON, ORGANIZATION, HONOR, PROGRAM], value: 'str', matchable: false },
  { id: 'children', name: 'Sub-organizations', description: 'Organizations that are part of it', on: [ORGANIZATION], value: 'entity', valueType: 'Organization', matchable: false },
  { id: 'honors', name: 'Honors', description: 'Honors received, by year', on: [PERSON, ORGANIZATION], value: 'entity', valueType: 'Honor', matchable: false },
  { id: 'honorYears', name: 'Honor years', description: 'The year of each honor received, aligned with Honors', on: [PERSON, ORGANIZATION], value: 'int', matchable: false },
  { id: 'members', name: 'Members', description: 'People who are members of the organization', on: [ORGANIZATION], value: 'entity', valueType: 'Person', matchable: false },
  { id: 'conferredBy', name: 'Conferred by', description: 'The organizations that confer the honor', on: [HONOR], value: 'entity', valueType: 'Organization', matchable: false },
  { id: 'recipients', name: 'Recipients', description: 'Who received the honor', on: [HONOR], value: 'entity', matchable: false },
  { id: 'organizers', name: 'Organizers', description: 'The organizations that run the program', on: [PROGRAM], value: 'entity', valueType: 'Organization', matchable: false },
  { id: 'year', name: 'Year', description: 'The year of a program', on: [PROGRAM], value: 'int', matchable: false },
];

const PROPERTIES_BY_ID = new Map(RECON_PROPERTIES.map((property) => [property.id, property]));
export const reconProperty = (id: string): ReconProperty | undefined => PROPERTIES_BY_ID.get(id);
