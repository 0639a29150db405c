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
  description: 'A kind of node that search can return.',
});

/** The node label of each entity type. */
export const ENTITY_LABELS: Record<EntityType, string> = {
  PERSON: 'Person',
  ORGANIZATION: 'Organization',
  HONOR: 'Honor',
  PROGRAM: 'Program',
  SOURCE: 'Source',
};
