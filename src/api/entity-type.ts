import { EntityType } from '../search/search.type';

/** One enum for search and duplicate checks; it lives with search, which landed it first. */
export { EntityType };

/** The node label of each entity type. */
export const ENTITY_LABELS: Record<EntityType, string> = {
  PERSON: 'Person',
  ORGANIZATION: 'Organization',
  HONOR: 'Honor',
  PROGRAM: 'Program',
  SOURCE: 'Source',
};
