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
