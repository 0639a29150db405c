import { registerEnumType } from 'type-graphql';

/** The kinds of named entity an editor creates, searches and checks for duplicates. */
export enum EntityType {
  PERSON = 'PERSON',
  ORGANIZATION = 'ORGANIZATION',
  HONOR = 'HONOR',
  PROGRAM = 'PROGRAM',
  SOURCE = 'SOURCE',
}

registerEnumType(EntityType, { name: 'EntityType', description: 'A kind of named entity.' });

/** The node label of each entity type. */
export const ENTITY_LABELS: Record<EntityType, string> = {
  PERSON: 'Person',
  ORGANIZATION: 'Organization',
  HONOR: 'Honor',
  PROGRAM: 'Program',
  SOURCE: 'Source',
};
