/**
 * Look-alike characters: the Unicode TR39 skeleton of a string, so that names written with
 * characters that look the same (Latin a and Cyrillic а, Latin and Greek capitals, rn and m) give
 * the same key. The mapping is Unicode's confusables.txt, as the unhomoglyph package ships it
 * (version 13.0 of the data); a skeleton is for comparing, never for showing.
 */
import unhomoglyph from 'unhomoglyph';

/**
 * Characters that display as nothing (zero-width spaces and joiners, soft hyphen, variation
 * selectors U+FE00–FE0F and U+E0100–E01EF, bidi controls, BOM, tag characters, Hangul fillers…):
 * Unicode's Default_Ignorable_Code_Point, which TR39 removes before mapping.
 */
export const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/** TR39 skeleton(X): NFD, invisible characters removed, each character mapped to its prototype, NFD again. */
export function skeleton(text: string): string {
  return unhomoglyph(text.normalize('NFD').replace(INVISIBLE, '')).normalize('NFD');
}
