/**
 * Filling lost characters (`?`) from context, by one general rule:
 *
 * A candidate for a run of n lost characters (n ≤ 2) is any n characters that, put in its place,
 * make the text around it read like text found elsewhere:
 *   - the rest of the document (the same name or phrase written intact on another line),
 *   - the graph's names (`knownNames`),
 *   - a word of the jieba dictionary shipped in @node-rs/jieba (its frequencies rank ties).
 * A candidate's score: the number of neighbouring characters it joins into such a match (its window,
 * the widest found); plus 2 when the reading that survived the loss (`?lián)`, kept by the first pass)
 * is the candidate's usual reading, 1 when it is a rarer one; plus, when the widest window comes from
 * the document or a graph name rather than the dictionary, 0.5 and log10 of how often the document
 * writes it. The best candidate is taken when its score is at least 2 and above every other's;
 * otherwise the `?` stays (a visible mark) and its repair says it is unresolved and which candidates
 * came closest. No weight refers to a document; the rule is measured on the known repairs of the seed
 * and of the damaged evaluation document (test/ingest-reader.test.ts).
 */
import { pinyin } from 'pinyin-pro';
import { normalizeName } from '../text/normalize';

/** A run of lost characters in a first-pass line, with the reading that survived each (or null). */
export interface LostSite {
  start: number;
  end: number;
  readings: (string | null)[];
}

export interface LineForFill {
  locator: string;
  text: string;
  sites: LostSite[];
}

/** The outcome for one lost character. */
export interface Fill {
  /** Index of the `?` in the line. */
  at: number;
  /** The character put in, or null when unresolved (the `?` stays). */
  filled: string | null;
  /** The stretch of the line that decided it (the matched word or phrase), for the repair's span. */
  contextStart: number;
  contextEnd: number;
  note: string;
}

export interface FilledLine {
  text: string;
  fills: Fill[];
}

/** Neighbouring characters looked at on each side. */
const WINDOW = 8;
/** Longest run of lost characters filled; longer ones stay unresolved. */
const MAX_RUN = 2;
/** Lost characters looked at per document; past it they stay marked (a bound on time). */
const MAX_SITES = 500;
const DICT_WORD_MAX = 4;
const READING_BONUS = 2;
const ACCEPT_SCORE = 2;
const SPECIFIC_BONUS = 0.5;

const LOST = /[?？\uFFFD]/u;
const FILLER = /^[\p{L}\p{N}]+$/u;

/**
 * The jieba dictionary (dict.txt of @node-rs/jieba, `word frequency tag` per line), indexed once by
 * the first and by the last character of each word of 2..4 characters: the index holds offsets of
 * lines in the text, so building it takes a tenth of a second and little memory.
 */
interface Dictionary {
  text: string;
  byFirst: Map<number, number[]>;
  byLast: Map<number, number[]>;
}

let dictionary: Dictionary | null = null;

const isHanUnit = (code: number) => (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);

function loadDictionary(): Dictionary {
  if (dictionary) return dictionary;
  // Loaded on first need: most documents have no lost character and never pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dict } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
  const text = Buffer.from(dict).toString('utf8');
  const byFirst = new Map<number, number[]>();
  const byLast = new Map<number, number[]>();
  const add = (index: Map<number, number[]>, code: number, at: number) => {
    const bucket = index.get(code);
    if (bucket) bucket.push(at);
    else index.set(code, [at]);
  };
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    const space = text.indexOf(' ', at);
    const length = space - at;
    if (space > at && space < end && length >= 2 && length <= DICT_WORD_MAX) {
      let han = true;
      for (let i = at; i < space && han; i += 1) han = isHanUnit(text.charCodeAt(i));
      if (han) {
        add(byFirst, text.charCodeAt(at), at);
        add(byLast, text.charCodeAt(space - 1), at);
      }
    }
    at = end + 1;
  }
  dictionary = { text, byFirst, byLast };
  return dictionary;
}

/** Dictionary words starting with `before` and ending with `after`, `length` characters long, with their frequency. */
function dictionaryWords(dict: Dictionary, before: string, after: string, length: number): { word: string; freq: number }[] {
  const bucket = before ? dict.byFirst.get(before.charCodeAt(0)) : dict.byLast.get(after.charCodeAt(after.length - 1));
  const out: { word: string; freq: number }[] = [];
  for (const at of bucket ?? []) {
    const space = dict.text.indexOf(' ', at);
    if (space - at !== length) continue;
    const word = dict.text.slice(at, space);
    if (!word.startsWith(before) || !word.endsWith(after)) continue;
    out.push({ word, freq: Number.parseInt(dict.text.slice(space + 1, space + 12), 10) || 0 });
  }
  return out;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n += 1;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

/** What speaks for one candidate. */
interface Candidate {
  filler: string;
  /** Neighbours joined, and by what. */
  window: number;
  source: string;
  /** Where the support is, as [start, end) relative to the run's start (negative: before it). */
  from: number;
  to: number;
  docCount: number;
  dictFreq: number;
  /** What the surviving readings add (READING_BONUS for each usual reading matched). */
  readingMatches: number;
  /** Supported by the document itself or by a graph name, not only by the dictionary. */
  specific: boolean;
  score: number;
}

/** How strongly a surviving reading speaks for a character: its usual reading 2, a rarer one (系 jì) 1. */
function readingWeight(ch: string, reading: string): number {
  if (!ch) return 0;
  if (pinyin(ch) === reading) return READING_BONUS;
  return pinyin(ch, { multiple: true, type: 'array' }).includes(reading) ? 1 : 0;
}

interface Corpus {
  text: string;
  lineStarts: number[];
  locators: string[];
}

function locatorAt(corpus: Corpus, offset: number): string {
  let lo = 0;
  let hi = corpus.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (corpus.lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return corpus.locators[lo];
}

/** The context of a run: the characters on each side up to the next loss or the line's end. */
function sides(text: string, site: LostSite): { left: string; right: string } {
  let from = site.start;
  const stop = (ch: string) => LOST.test(ch) || /\s/u.test(ch);
  while (from > 0 && site.start - from < WINDOW && !stop(text[from - 1])) from -= 1;
  let to = site.end;
  while (to < text.length && to - site.end < WINDOW && !stop(text[to])) to += 1;
  return { left: text.slice(from, site.start), right: text.slice(site.end, to) };
}

function candidatesFor(text: string, site: LostSite, siteOffset: number, corpus: Corpus, names: readonly string[]): Candidate[] {
  const n = site.end - site.start;
  const { left, right } = sides(text, site);
  const found = new Map<string, Candidate>();
  const offer = (c: Omit<Candidate, 'score' | 'readingMatches' | 'docCount' | 'dictFreq' | 'specific'> & { docCount?: number; dictFreq?: number; specific?: boolean }) => {
    if (!FILLER.test(c.filler) || c.window < 1) return;
    const prev = found.get(c.filler);
    const docCount = c.docCount ?? 0;
    const dictFreq = c.dictFreq ?? 0;
    if (!prev) {
      found.set(c.filler, { ...c, docCount, dictFreq, specific: c.specific ?? false, readingMatches: 0, score: 0 });
      return;
    }
    // Only what supports the widest window counts as its kind of evidence.
    if (c.window > prev.window) Object.assign(prev, { window: c.window, source: c.source, from: c.from, to: c.to, specific: c.specific ?? false });
    else if (c.window === prev.window && c.specific && !prev.specific) Object.assign(prev, { source: c.source, from: c.from, to: c.to, specific: true });
    prev.docCount = Math.max(prev.docCount, docCount);
    prev.dictFreq = Math.max(prev.dictFreq, dictFreq);
  };

  // 1. The document: every place the neighbour next to the run is written, and what stands beside it there.
  const docWindows = new Map<string, { window: number; count: number; at: number; a: number; b: number }>();
  const seen = new Set<number>();
  const look = (fillerAt: number) => {
    if (seen.has(fillerAt)) return;
    seen.add(fillerAt);
    if (fillerAt === siteOffset || fillerAt < 0 || fillerAt + n > corpus.text.length) return;
    const filler = corpus.text.slice(fillerAt, fillerAt + n);
    if (!FILLER.test(filler)) return;
    const a = commonSuffix(left, corpus.text.slice(Math.max(0, fillerAt - left.length), fillerAt));
    const b = commonPrefix(right, corpus.text.slice(fillerAt + n, fillerAt + n + right.length));
    const window = a + b;
    if (window < 1) return;
    const prev = docWindows.get(filler);
    if (!prev || window > prev.window) docWindows.set(filler, { window, count: 1, at: fillerAt, a, b });
    else if (window === prev.window) prev.count += 1;
  };
  if (left) {
    const anchor = left[left.length - 1];
    for (let q = corpus.text.indexOf(anchor); q !== -1; q = corpus.text.indexOf(anchor, q + 1)) {
      look(q + 1);
    }
  }
  if (right) {
    const anchor = right[0];
    for (let q = corpus.text.indexOf(anchor); q !== -1; q = corpus.text.indexOf(anchor, q + 1)) {
      look(q - n);
    }
  }
  for (const [filler, w] of docWindows) {
    const where = locatorAt(corpus, w.at);
    const phrase = corpus.text.slice(w.at - w.a, w.at + n + w.b);
    offer({ filler, window: w.window, source: `the document writes ${phrase} (${where}${w.count > 1 ? `, ${w.count} times` : ''})`, from: -w.a, to: n + w.b, docCount: w.count, specific: true });
  }

  // 2. The graph's names.
  for (const name of names) {
    for (let q = 0; q + n <= name.length; q += 1) {
      const filler = name.slice(q, q + n);
      const a = commonSuffix(left, name.slice(0, q));
      const b = commonPrefix(right, name.slice(q + n));
      if (a + b < 1) continue;
      // A name supports a filler only where it covers the run's side completely, or is matched whole.
      if (a < q && b < name.length - q - n && a + b < 2) continue;
      offer({ filler, window: a + b, source: `the graph's name ${name}`, from: -a, to: n + b, specific: true });
    }
  }

  // 3. Dictionary words of 2..4 characters spanning the run.
  const dict = loadDictionary();
  for (let length = n + 1; length <= DICT_WORD_MAX; length += 1) {
    for (let a = 0; a <= length - n; a += 1) {
      const b = length - n - a;
      if (a > left.length || b > right.length) continue;
      const before = left.slice(left.length - a);
      const after = right.slice(0, b);
      for (const { word, freq } of dictionaryWords(dict, before, after, length)) {
        offer({ filler: word.slice(a, a + n), window: a + b, source: `the word ${word} (dictionary, frequency ${freq})`, from: -a, to: n + b, dictFreq: freq });
      }
    }
  }

  const candidates = [...found.values()];
  for (const c of candidates) {
    c.readingMatches = site.readings.reduce((sum, reading, i) => sum + (reading === null ? 0 : readingWeight(c.filler[i] ?? '', reading)), 0);
    // The document's own text, or a name in the graph, is more specific than the dictionary: at an equal
    // window it decides; and a phrase the document writes often is likelier than one it writes once.
    const uses = c.specific ? Math.log10(Math.max(1, c.docCount)) : 0;
    c.score = Math.round((c.window + c.readingMatches + uses + (c.specific ? SPECIFIC_BONUS : 0)) * 100) / 100;
  }
  return candidates.sort((x, y) => y.score - x.score || y.docCount - x.docCount || y.dictFreq - x.dictFreq);
}

function describe(c: Candidate, site: LostSite): string {
  const reasons = [c.source];
  if (c.readingMatches) reasons.push(`the surviving reading ${site.readings.filter(Boolean).join(' ')}`);
  return `${c.filler} (score ${c.score}: ${reasons.join('; ')})`;
}

/**
 * Fills the lost characters of every line, with the whole document as context. Returns each line's
 * text (filled where the rule is sure, `?` kept elsewhere) and one Fill per lost character.
 */
export function fillLostCharacters(lines: readonly LineForFill[], knownNames: readonly string[]): FilledLine[] {
  // Most documents lost nothing: then the graph's names (100k and more) are not even normalized.
  if (!lines.some((line) => line.sites.length)) return lines.map((line) => ({ text: line.text, fills: [] }));
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStarts.push(offset);
    offset += line.text.length + 1;
  }
  const corpus: Corpus = { text: lines.map((l) => l.text).join('\n'), lineStarts, locators: lines.map((l) => l.locator) };
  const names = [...new Set(knownNames.map((name) => normalizeName(name)).filter((name) => name.length >= 2))];
  let budget = MAX_SITES;
  return lines.map((line, index) => {
    if (!line.sites.length) return { text: line.text, fills: [] };
    let text = line.text;
    const fills: Fill[] = [];
    for (const site of line.sites) {
      const n = site.end - site.start;
      const positions = Array.from({ length: n }, (_, i) => site.start + i);
      const unresolved = (why: string) => {
        for (const at of positions) {
          fills.push({ at, filled: null, contextStart: Math.max(0, site.start - 1), contextEnd: Math.min(text.length, site.end + 1), note: `unresolved, kept as ?: ${why}` });
        }
      };
      if (n > MAX_RUN) {
        unresolved(`${n} characters lost in a row (at most ${MAX_RUN} are filled)`);
        continue;
      }
      if (budget <= 0) {
        unresolved(`more than ${MAX_SITES} lost characters in the document`);
        continue;
      }
      budget -= 1;
      const candidates = candidatesFor(line.text, site, lineStarts[index] + site.start, corpus, names);
      const [best, second] = candidates;
      if (!best || best.score < ACCEPT_SCORE || (second && second.score === best.score)) {
        const near = candidates.slice(0, 3).map((c) => describe(c, site));
        unresolved(near.length ? `no candidate is sure; closest ${near.join(', ')}` : 'nothing in the document, the graph or the dictionary fits');
        continue;
      }
      text = text.slice(0, site.start) + best.filler + text.slice(site.end);
      const contextStart = Math.max(0, site.start + best.from);
      const contextEnd = Math.min(text.length, site.start + best.to);
      positions.forEach((at, i) => {
        fills.push({ at, filled: best.filler[i], contextStart, contextEnd, note: `filled ${best.filler[i]} from ${describe(best, site)}${second ? `; next best ${describe(second, site)}` : ''}` });
      });
    }
    return { text, fills };
  });
}
