/**
 * Cypher fragments that several repositories read in their own queries, named once.
 */
import { project } from './cypher';

/**
 * A subquery body returning `awards`: the awards of recipient `v` as `{a, far}` maps (far = the
 * honor), newest first and cut at `$cap`, in the order the honors' awards loader uses, so that a
 * page reading them along (the organization page) shows what `awards` would.
 */
export const AWARDS_OF_RECIPIENT = (v: string, honorProjection = project('h'), awardProjection = 'a {.*}') => `
  MATCH (${v})-[a:RECEIVED]->(h:Honor)
  WITH a, h ORDER BY a.year DESC, h.name, h.id
  LIMIT $cap
  RETURN collect({a: ${awardProjection}, far: ${honorProjection}}) AS awards`;
