import neo4j from 'neo4j-driver';
import { PropertySpec } from '../graph/model';
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
 * Properties turned into what the model stores (graph/model.ts), for every write of values that
 * come from an input or were read back (create, update, undo, restore, merge): whole numbers of
 * `integer` properties as INTEGER (the driver sends a JavaScript number as a FLOAT, and reads
 * INTEGER and FLOAT alike as numbers); the text of `date` properties (YYYY, YYYY-MM, YYYY-MM-DD,
 * or a DATE read back as text) as a DATE, with its `<name>Precision` set from the text unless the
 * props give it (a value read back carries its own). Null clears a date and its precision. Other
 * properties, values already typed, a fractional `integer` value (kept, never rounded) and date text
 * of another shape (older data; the migration reports it) pass unchanged.
 */
export function storedProps<T extends Record<string, unknown>>(props: T, model: Readonly<Record<string, PropertySpec>>): T {
  const out: Record<string, unknown> = { ...props };
  for (const [name, value] of Object.entries(props)) {
    const kind = model[name]?.kind;
    if (kind === 'integer' && typeof value === 'number' && Number.isInteger(value)) out[name] = neo4j.int(value);
    else if (kind === 'date' && (value === null || (typeof value === 'string' && parsePartialDate(value.slice(0, 10))))) {
      const stored = dateProps(name, value === null ? null : (value as string).slice(0, 10));
      out[name] = stored[name];
      const precision = precisionProperty(name);
      if (!(precision in props)) out[precision] = stored[precision];
    }
  }
  return out as T;
}
