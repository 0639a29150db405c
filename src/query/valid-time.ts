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

/** Which day a read answers for: `asOf` (today when omitted), or every period with `allTime`. */
export interface ValidTime {
  asOf?: string | null;
  allTime?: boolean | null;
}

/** The predicate that relationship `r` held on the day `time` names, or null when every period is asked for (allTime). */
export function validTimeCondition(r: string, time: ValidTime | null | undefined, params: ParamBag): string | null {
  if (time?.allTime) return null;
  return heldAt(r, asOfDay(params, time?.asOf));
}

/** `validTimeCondition` as a list of conditions (empty for allTime), for `where`. */
export function validTimeConditions(r: string, time: ValidTime | null | undefined, params: ParamBag): string[] {
  const condition = validTimeCondition(r, time, params);
  return condition ? [condition] : [];
}

/** The predicate that every relationship of path `p` held on the day `time` names, or null for allTime. */
export function pathHeldCondition(p: string, time: ValidTime | null | undefined, params: ParamBag): string | null {
  if (time?.allTime) return null;
  const day = asOfDay(params, time?.asOf);
  return `all(step IN relationships(${p}) WHERE ${heldAt('step', day)})`;
}

/** Tells apart reads for different days in loader names and prefetched values: the same key, the same answer. */
export function validTimeKey(time: ValidTime | null | undefined): string {
  return time?.allTime ? 'allTime' : `asOf:${time?.asOf ?? 'today'}`;
}
