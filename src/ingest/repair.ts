/**
 * Repair of damaged text (issue 15, part 1): the seed article and documents like it arrive in
 * traditional script, with pinyin annotations in parentheses after characters (婦聯(lián)) and with
 * characters lost to `?`, the loss sometimes eating the neighbour's opening bracket (`?lián)`).
 *
 * Each line is repaired in two passes. The first uses the normalizer (text/normalize.ts):
 * annotations are stripped (stripPinyinAnnotations) and the script simplified (toSimplified); the
 * reading left behind a lost character (`?lián)` → lián) is kept as a clue. The second fills each lost
 * character from context (lost-characters.ts): the rest of the document, the graph's names and the
 * jieba dictionary. Every repair is reported: SCRIPT and PINYIN once per line with a count, one
 * LOST_CHARACTER per `?`, an unresolved one (kept as `?`) included.
 */
import { stripPinyinAnnotations, toSimplified } from '../text/normalize';
import { Repair } from './ingest.model';
import { fillLostCharacters, LostSite } from './lost-characters';
import { SourceLine } from './text.reader';

/** A line after repair; offsets of its repairs are relative to the line. */
export interface RepairedLine {
  locator: string;
  raw: string;
  text: string;
  repairs: Repair[];
}

export interface RepairOptions {
  /** The graph's names (any script): candidates for a lost character's word. */
  knownNames?: readonly string[];
}

// The letters of a pinyin syllable, with tone marks (as normalize.ts reads them).
const PINYIN_LETTERS = 'a-z\\u00e0-\\u00fc\\u0101-\\u01dc\\u0144\\u0148\\u01f9\\u1e3f';
/** A lost character followed by the reading that survived it: `?lián)`. */
const RESIDUE = new RegExp(`[?？\\uFFFD]([${PINYIN_LETTERS}]+)[)）]`, 'gu');
/** A stray capital between such a residue and the next Han character (`?jì)D聯`): debris of the loss. */
const DEBRIS = new RegExp(`(?<=[?？\\uFFFD][${PINYIN_LETTERS}]+[)）])[A-Z](?=\\p{Script=Han})`, 'gu');
const HAN = /\p{Script=Han}/u;
const CLOSING = /[)）]/g;

/**
 * For each character of `kept` (a subsequence of `from`, made by deleting characters), its index in
 * `from`; null when `kept` is not such a subsequence (then offsets cannot be traced).
 */
function subsequenceMap(from: string, kept: string): number[] | null {
  const map: number[] = [];
  let j = 0;
  for (let i = 0; i < from.length && j < kept.length; i += 1) {
    if (from[i] === kept[j]) {
      map.push(i);
      j += 1;
    }
  }
  return j === kept.length ? map : null;
}

/** Whether the character at `i` is a lost character: U+FFFD, an ASCII `?` in Chinese text, a `？` before a Han character. */
function isLost(s: string, i: number): boolean {
  const ch = s[i];
  if (ch === '\uFFFD') return true;
  // A full-width ？ is also Chinese's own question mark: only taken as a loss before a Han character.
  if (ch === '？') return HAN.test(s[i + 1] ?? '');
  if (ch !== '?') return false;
  // An ASCII ? in Chinese text is a loss, unless it ends Latin words or stands in a URL (`what?`,
  // `a.html?x=1`), or ends a question (after 吗, 呢, 吧, 么 and before no Han character).
  if (/[吗呢吧么嘛]/.test(s[i - 1] ?? '') && !HAN.test(s[i + 1] ?? '')) return false;
  return HAN.test(s) && !/[A-Za-z/=&]/.test(s[i - 1] ?? '');
}

interface FirstPass {
  locator: string;
  raw: string;
  /** Annotations stripped, script simplified; lost characters still `?`. */
  text: string;
  /** For each index of `text`, the index of the same character in `raw` (null when untraceable). */
  toRaw: ((i: number) => number) | null;
  pinyinCount: number;
  /** First removed stretch of annotation in `raw` and the index in `text` of the character it annotated. */
  pinyinExample: { rawStart: number; rawEnd: number; at: number } | null;
  scriptCount: number;
  scriptExample: { start: number; end: number } | null;
  sites: LostSite[];
}

function firstPass(line: SourceLine): FirstPass {
  const raw = line.text;
  // The residue left after a lost character is its reading (often; not always).
  const residueAt = new Map<number, string>();
  for (const m of raw.matchAll(RESIDUE)) residueAt.set(m.index ?? 0, m[1]);
  const debrisFree = raw.replace(DEBRIS, '');
  const stripped = stripPinyinAnnotations(debrisFree);
  const simplified = toSimplified(stripped);
  const mapA = subsequenceMap(raw, debrisFree);
  const mapB = subsequenceMap(debrisFree, stripped);
  const sameLength = simplified.length === stripped.length;
  const toRaw = mapA && mapB && sameLength ? (i: number) => mapA[mapB[i]] : null;

  const pinyinCount = (debrisFree.match(CLOSING)?.length ?? 0) - (stripped.match(CLOSING)?.length ?? 0);
  let pinyinExample: FirstPass['pinyinExample'] = null;
  if (pinyinCount > 0 && mapA && mapB) {
    const keptB = new Set(mapB);
    let first = -1;
    for (let i = 0; i < debrisFree.length && first < 0; i += 1) if (!keptB.has(i)) first = i;
    if (first >= 0) {
      let end = first;
      while (end < debrisFree.length && !keptB.has(end)) end += 1;
      const at = Math.max(0, mapB.indexOf(first - 1));
      const rawStart = first > 0 ? mapA[first - 1] : 0;
      const rawEnd = end < debrisFree.length ? mapA[end] : raw.length;
      pinyinExample = { rawStart, rawEnd, at: first > 0 ? at : 0 };
    }
  }

  let scriptCount = 0;
  let scriptExample: FirstPass['scriptExample'] = null;
  if (sameLength) {
    for (let i = 0; i < simplified.length; i += 1) {
      if (simplified[i] === stripped[i]) continue;
      scriptCount += 1;
      if (!scriptExample) scriptExample = { start: i, end: i + 1 };
      else if (scriptExample.end === i && scriptCount === i - scriptExample.start + 1) scriptExample.end = i + 1;
    }
  } else if (simplified !== stripped) {
    scriptCount = 1;
    scriptExample = { start: 0, end: simplified.length };
  }

  const sites: LostSite[] = [];
  for (let i = 0; i < simplified.length; i += 1) {
    if (!isLost(simplified, i)) continue;
    let end = i + 1;
    while (end < simplified.length && isLost(simplified, end)) end += 1;
    const readings: (string | null)[] = [];
    for (let k = i; k < end; k += 1) readings.push(toRaw ? residueAt.get(toRaw(k)) ?? null : null);
    sites.push({ start: i, end, readings });
    i = end - 1;
  }
  return { locator: line.locator, raw, text: simplified, toRaw, pinyinCount, pinyinExample, scriptCount, scriptExample, sites };
}

/** The stretch of `raw` behind `text[start, end)` (annotations and residue between included). */
function rawStretch(pass: FirstPass, start: number, end: number): string {
  if (!pass.toRaw || end <= start) return pass.raw;
  const from = pass.toRaw(start);
  const lastChar = pass.toRaw(end - 1);
  // Annotation or residue right after the last character belongs to it.
  let to = lastChar + 1;
  const after = pass.raw.slice(to).match(new RegExp(`^(?:[(（]?[${PINYIN_LETTERS} ]+[)）][A-Z]?)`, 'u'));
  if (after) to += after[0].length;
  return pass.raw.slice(from, to);
}

/**
 * Repairs every line of a document; lines keep their locators and order. Lost characters are
 * filled with the whole document as context, so the lines go in together.
 */
export function repairLines(lines: readonly SourceLine[], options: RepairOptions = {}): RepairedLine[] {
  const passes = lines.map(firstPass);
  const filled = fillLostCharacters(
    passes.map((p) => ({ locator: p.locator, text: p.text, sites: p.sites })),
    options.knownNames ?? [],
  );
  return passes.map((pass, index) => {
    const { text, fills } = filled[index];
    const repairs: Repair[] = [];
    if (pass.scriptCount > 0 && pass.scriptExample) {
      const { start, end } = pass.scriptExample;
      repairs.push({
        kind: 'SCRIPT',
        locator: pass.locator,
        damaged: rawStretch(pass, start, end),
        repaired: text.slice(start, end),
        start,
        end,
        count: pass.scriptCount,
        note: `${pass.scriptCount} traditional character${pass.scriptCount === 1 ? '' : 's'} made simplified (toSimplified)`,
      });
    }
    if (pass.pinyinCount > 0) {
      const example = pass.pinyinExample;
      const at = example?.at ?? 0;
      repairs.push({
        kind: 'PINYIN',
        locator: pass.locator,
        damaged: example ? pass.raw.slice(example.rawStart, example.rawEnd) : pass.raw,
        repaired: example ? text.slice(at, at + 1) : text,
        start: example ? at : 0,
        end: example ? at + 1 : text.length,
        count: pass.pinyinCount,
        note: `${pass.pinyinCount} pinyin annotation${pass.pinyinCount === 1 ? '' : 's'} dropped (stripPinyinAnnotations)`,
      });
    }
    for (const fill of fills) {
      repairs.push({
        kind: 'LOST_CHARACTER',
        locator: pass.locator,
        damaged: rawStretch(pass, fill.contextStart, fill.contextEnd),
        repaired: text.slice(fill.contextStart, fill.contextEnd),
        start: fill.contextStart,
        end: fill.contextEnd,
        count: 1,
        note: fill.note,
      });
    }
    return { locator: pass.locator, raw: pass.raw, text, repairs };
  });
}

/** A short text (a title) repaired without context: annotations stripped, script simplified. */
export function repairShort(text: string): string {
  return toSimplified(stripPinyinAnnotations(text));
}
