/**
 * Where an asker or a new entity stands, for context aliases (graph/alias-context.ts): the
 * organizations named and every one above them, read in one query, with the sources and places
 * given. Search and duplicate checks weigh context aliases against it.
 */
import { notFound } from '../api/errors';
import { StandingContext, aliasContext, placeValue } from '../graph/alias-context';

export interface ContextRequest {
  places?: readonly string[] | null;
  organizationIds?: readonly string[] | null;
  sourceIds?: readonly string[] | null;
}

/** Returns `ids` and `names` of the organizations `$organizationIds` and all above them (PART_OF). */
export const ORGANIZATIONS_AND_ABOVE = `
  OPTIONAL MATCH (:Organization {id: organizationId})-[:PART_OF*0..]->(above:Organization)`;

/** One row: `ids` and `names` of the organizations and those above them, `sources` the ids of `$sourceIds` that exist. */
export const STANDING_QUERY = `
  UNWIND (CASE WHEN size($organizationIds) = 0 THEN [null] ELSE $organizationIds END) AS organizationId
  ${ORGANIZATIONS_AND_ABOVE}
  WITH collect(DISTINCT above.id) AS ids, collect(DISTINCT above.name) AS names
  OPTIONAL MATCH (source:Source) WHERE source.id IN $sourceIds
  RETURN ids, names, collect(source.id) AS sources`;

export const standingParams = (request: ContextRequest) => ({
  organizationIds: [...(request.organizationIds ?? [])],
  sourceIds: [...(request.sourceIds ?? [])],
});

/** NOT_FOUND naming the first organization or source of a context that does not exist. */
export function requireStanding(request: ContextRequest, row: { ids?: string[]; sources?: string[] } | undefined, field: string): void {
  const organization = (request.organizationIds ?? []).find((id) => !(row?.ids ?? []).includes(id));
  if (organization) throw notFound(`${field}.organizationId`, organization);
  const source = (request.sourceIds ?? []).find((id) => !(row?.sources ?? []).includes(id));
  if (source) throw notFound(`${field}.sourceId`, source);
}

export const isEmptyRequest = (request: ContextRequest | null | undefined) =>
  !request || (!request.places?.length && !request.organizationIds?.length && !request.sourceIds?.length);

/** The standing context from the row STANDING_QUERY returned. */
export function standingFrom(request: ContextRequest, row: { ids?: string[]; names?: string[] } | undefined): StandingContext {
  const contexts = new Set<string>([
    ...(request.places ?? []).map((place) => aliasContext('place', placeValue(place))),
    ...(row?.ids ?? []).map((id) => aliasContext('org', id)),
    ...(request.sourceIds ?? []).map((id) => aliasContext('source', id)),
  ]);
  return { contexts, organizationNames: row?.names ?? [] };
}
