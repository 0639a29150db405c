import { badInput } from './errors';

/** Ids are short readable strings; anything else is a client error, not a lookup. */
export function checkId(id: string, field = 'id'): string {
  if (typeof id !== 'string' || id.trim() === '') throw badInput(field, 'must not be empty');
  if (id.length > 200) throw badInput(field, `must be at most 200 characters, got ${id.length}`);
  return id;
}
