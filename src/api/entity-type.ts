import { registerEnumType } from 'type-graphql';

/** The kinds of node search and duplicate checks cover (figures are numbers, not names). */
export enum EntityType {
  PERSON = 'PERSON',
  ORGANIZATION = 'ORGANIZATION',
  HONOR = 'HONOR',
  PROGRAM = 'PROGRAM',
  SOURCE = 'SOURCE',
}

registerEnumType(EntityType, {
  name: 'EntityType',
  description: 'A kind of named node, as search and duplicate checks cover them.',
  valuesConfig: {
    PERSON: { description: 'A Person node.' },
    ORGANIZATION: { description: 'An Organization node of any kind.' },
    HONOR: { description: 'An Honor node (a title at a level, or a generic title).' },
    PROGRAM: { description: 'A Program node (an activity, campaign, event…).' },
    SOURCE: { description: 'A Source node (a document; matched by its title).' },
  },
});

/** The node label of each entity type. */
export const ENTITY_LABELS: Record<EntityType, string> = {
  PERSON: 'Person',
  ORGANIZATION: 'Organization',
  HONOR: 'Honor',
  PROGRAM: 'Program',
  SOURCE: 'Source',
};
