import { badInput } from './errors';
import { check, nameProblem } from './validation';

/** Ids are short readable strings; anything else is a client error, not a lookup. */
export function checkId(id: string, field = 'id'): string {
  if (typeof id !== 'string' || id.trim() === '') throw badInput(field, 'must not be empty');
  if (id.length > 200) throw badInput(field, `must be at most 200 characters, got ${id.length}`);
  return id;
}

/** Each id of a list argument checked, named by its place (sourceIds[2]). */
export const checkIds = (list: string[] | null | undefined, field: string) => list?.map((id, i) => checkId(id, `${field}[${i}]`)) ?? null;

/** An optional text argument checked as a name. */
export function optionalText(value: string | null | undefined, field: string): string | null {
  if (value != null) check(field, value, nameProblem);
  return value ?? null;
}
