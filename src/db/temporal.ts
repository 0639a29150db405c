import neo4j from 'neo4j-driver';
import { parsePartialDate, precisionProperty } from '../graph/partial-date';

/**
 * The properties that store date `name` written as text (YYYY, YYYY-MM or YYYY-MM-DD): a Neo4j
 * DATE (the period's first day) and its precision. Null (or undefined) clears both. For a
 * `SET x += $props` map; the text must already have passed api/validation.ts dateProblem.
 */
export function dateProps(name: string, text: string | null | undefined): Record<string, unknown> {
  if (text == null) return { [name]: null, [precisionProperty(name)]: null };
  const date = parsePartialDate(text);
  if (!date) throw new Error(`${name}: not a date written YYYY, YYYY-MM or YYYY-MM-DD: ${text}`);
  const [year, month, day] = date.start.split('-').map(Number);
  return { [name]: new neo4j.types.Date(year, month, day), [precisionProperty(name)]: date.precision };
}

/** A whole number as a Neo4j INTEGER parameter (a JavaScript number is sent as a FLOAT). */
export function integer(value: number | null | undefined): unknown {
  return value == null ? null : neo4j.int(value);
}

/**
 * Properties read back from Neo4j (a DATE comes as YYYY-MM-DD text, say in a revision's snapshot)
 * as they were stored: every property `x` beside an `xPrecision` (graph/partial-date.ts) becomes a
 * DATE again. Other properties are left as they are.
 */
export function withStoredDates(props: Record<string, unknown>): Record<string, unknown> {
  const out = { ...props };
  for (const [name, value] of Object.entries(props)) {
    if (typeof value !== 'string' || typeof props[precisionProperty(name)] !== 'string') continue;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (match) out[name] = new neo4j.types.Date(Number(match[1]), Number(match[2]), Number(match[3]));
  }
  return out;
}
