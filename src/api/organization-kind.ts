import { registerEnumType } from 'type-graphql';

export enum OrganizationKind {
  FEDERATION = 'FEDERATION',
  INSTITUTION = 'INSTITUTION',
  ALLIANCE = 'ALLIANCE',
  STUDIO = 'STUDIO',
  THREE_NEW_SECTOR = 'THREE_NEW_SECTOR',
  GOVERNMENT_BODY = 'GOVERNMENT_BODY',
  PARTY_BODY = 'PARTY_BODY',
  ENTERPRISE = 'ENTERPRISE',
  BANK = 'BANK',
  ASSOCIATION = 'ASSOCIATION',
  TEAM = 'TEAM',
}

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'What sort of body an organization is; each kind is its own GraphQL type.',
  valuesConfig: {
    FEDERATION: { description: "A women's federation at any level (national to village)." },
    INSTITUTION: { description: 'A public institution or one of its units, e.g. a court or its litigation service center.' },
    ALLIANCE: { description: 'An alliance of honorees, e.g. the red-banner pacesetter (collective) alliance.' },
    STUDIO: { description: 'A pacesetter (executive-committee member) studio.' },
    THREE_NEW_SECTOR: { description: 'A federation organization in the new economic, new social or new employment sectors.' },
    GOVERNMENT_BODY: { description: 'A government bureau or the government itself.' },
    PARTY_BODY: { description: 'A Party committee or one of its departments.' },
    ENTERPRISE: { description: 'A company or group.' },
    BANK: { description: 'A bank or one of its branches.' },
    ASSOCIATION: { description: 'An association, e.g. of women entrepreneurs.' },
    TEAM: { description: 'A standing team, e.g. a lecture team.' },
  },
});

/** The GraphQL object type that represents each kind. */
export const ORGANIZATION_TYPENAMES: Record<OrganizationKind, string> = {
  FEDERATION: 'Federation',
  INSTITUTION: 'Institution',
  ALLIANCE: 'Alliance',
  STUDIO: 'Studio',
  THREE_NEW_SECTOR: 'SectorOrganization',
  GOVERNMENT_BODY: 'GovernmentBody',
  PARTY_BODY: 'PartyBody',
  ENTERPRISE: 'Enterprise',
  BANK: 'Bank',
  ASSOCIATION: 'Association',
  TEAM: 'Team',
};
