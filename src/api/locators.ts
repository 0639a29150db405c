import { badInput } from './errors';

/** A locator names a place in a source (¶5, p.3 ¶2, a section title): short text. */
export const MAX_LOCATOR_LENGTH = 200;

/**
 * Locators given beside `sourceIds` (locators[i] is where sourceIds[i] states the fact; '' when not
 * known), checked: they need sourceIds, at most as many, each at most MAX_LOCATOR_LENGTH
 * characters. BAD_USER_INPUT naming `field` (locators[1]); answers them trimmed, or null.
 */
export function checkLocators(locators: string[] | null | undefined, sourceIds: string[] | null | undefined, field = 'locators'): string[] | null {
  if (locators == null) return null;
  if (!sourceIds?.length) {
    if (locators.every((l) => l.trim() === '')) return null;
    throw badInput(field, 'needs sourceIds to be aligned with');
  }
  if (locators.length > sourceIds.length) throw badInput(field, `must not be more than the sourceIds (${sourceIds.length}), got ${locators.length}`);
  return locators.map((locator, i) => {
    const trimmed = locator.trim();
    if ([...trimmed].length > MAX_LOCATOR_LENGTH) throw badInput(`${field}[${i}]`, `must be at most ${MAX_LOCATOR_LENGTH} characters, got ${[...trimmed].length}`);
    return trimmed;
  });
}
