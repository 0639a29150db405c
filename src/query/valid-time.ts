import { ParamBag } from './cypher';
import { parsePartialDate } from '../graph/partial-date';

/**
 * Valid time in Cypher: whether a statement (a MEMBER_OF or PART_OF relationship) held on a
 * day. `since` and `until` are DATEs with a precision (graph/partial-date.ts); a missing one is
 * open. The statement holds on day D when it began on or before D (since ≤ D) and had not ended
 * before D (D falls before the end of until's period: until 2022 holds through 2022-12-31).
 */
export function heldAt(r: string, day: string): string {
  const untilEnd =
    `${r}.until + CASE ${r}.untilPrecision WHEN 'YEAR' THEN duration('P1Y') WHEN 'MONTH' THEN duration('P1M') ELSE duration('P1D') END`;
  return `((${r}.since IS NULL OR ${r}.since <= ${day}) AND (${r}.until IS NULL OR ${day} < ${untilEnd}))`;
}

/**
 * The Cypher expression of the day an `asOf` argument names: its first day as a parameter
 * (asOf 2020 is 2020-01-01), or today (`date()`) when it is not given.
 */
export function asOfDay(params: ParamBag, asOf: string | null | undefined): string {
  if (asOf == null) return 'date()';
  const date = parsePartialDate(asOf);
  if (!date) throw new Error(`asOf: not a date: ${asOf}`);
  return `date(${params.add(date.start)})`;
}
