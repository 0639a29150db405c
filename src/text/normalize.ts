/**
 * Text normalization shared by seeding, editing, import, search and duplicate detection.
 *
 * Source documents (and names typed by users) arrive in traditional script, with
 * pinyin annotations after characters and with characters lost to `?`. Everything
 * that compares names must go through this module so that all paths agree.
 */
// Referenced explicitly so the declaration is in every program that compiles this
// module (ts-jest, partial tsconfigs), not only in ones whose include covers src/text.
/// <reference path="./opencc-js.d.ts" />
import { Converter, CustomConverter } from 'opencc-js';
import { customPinyin, pinyin } from 'pinyin-pro';
import { INVISIBLE, skeleton } from './confusables';

type Convert = (text: string) => string;

// Lowercase Latin letters, tone digits, precomposed tone-marked vowels (incl. ü/ǖǘǚǜ,
// ê, ń ň ǹ ḿ) and combining diacritics, so that NFD-decomposed input is recognised too.
const PINYIN_CHAR = 'a-z1-5\\u00e0-\\u00fc\\u0101-\\u01dc\\u0144\\u0148\\u01f9\\u1e3f\\u0300-\\u036f';
const PINYIN_WORD = `[${PINYIN_CHAR}]+`;
const PINYIN_WORDS = `${PINYIN_WORD}(?:[ \\t]+${PINYIN_WORD})*`;

// A lost character stood for a Han character, so its annotation must go as well.
const ANNOTATED = '[\\p{Script=Han}?？\\uFFFD]';

const ANNOTATION = new RegExp(`(?<=${ANNOTATED})[(（][ \\t]*(${PINYIN_WORDS})[ \\t]*[)）]`, 'gu');

// When a character is lost, the damage sometimes swallows the opening parenthesis
// too (`勇?lián)?dāng)`); the orphaned tail is annotation residue, not text.
const ORPHAN_TAIL = new RegExp(`(?<=[?？\\uFFFD])(${PINYIN_WORD})[)）]`, 'gu');

// Deliberately a superset of real pinyin syllables: it only has to tell an
// annotation such as `(tuán)` apart from Latin text such as `(LOGO)` or `(CEO)`.
const SYLLABLE =
  '(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?' +
  '(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|in|ia|ie|iu|ua|uo|ui|un|ue|ve|vn|a|o|e|i|u|v)' +
  '[1-5]?';
const SYLLABLES = new RegExp(`^(?:${SYLLABLE})+$`);

const LOST_CHARACTER = /[?？\uFFFD]/;
// Characters that display as nothing (Default_Ignorable_Code_Point: zero-width characters, soft
// hyphen, variation selectors, bidi controls, BOM, tag characters): two names differing only in
// them look identical, so names and keys are compared without them.
const ZERO_WIDTH = INVISIBLE;

let simplifier: Convert | undefined;
let traditionalizer: Convert | undefined;
let pinyinDictionaryReady = false;

/** Removes tone marks and maps ü to v; input is expected to be lowercase. */
function toneless(s: string): string {
  return s
    .normalize('NFD')
    .replace(/u\u0308/g, 'v')
    .replace(/[\u0300-\u036f]/g, '');
}

function isPinyin(words: string): boolean {
  return words
    .trim()
    .split(/[ \t]+/)
    .every((word) => word === word.toLowerCase() && SYLLABLES.test(toneless(word)));
}

export function stripPinyinAnnotations(s: string): string {
  let current = s;
  // Removing one annotation can expose another (nested or adjacent damage); repeat until stable.
  for (;;) {
    const next = current
      .replace(ANNOTATION, (match: string, words: string) => (isPinyin(words) ? '' : match))
      .replace(ORPHAN_TAIL, (match: string, words: string) => (isPinyin(words) ? '' : match));
    if (next === current) return next;
    current = next;
  }
}

/**
 * Traditional → simplified. The `tw` variant is used because the damaged source text
 * follows Taiwan orthography (為, 群眾, 啟, 溫), and tw2s resolves 著/着 by phrase
 * (看著 → 看着 but 著名 stays). On the seed article t/tw/hk → cn give identical output.
 */
export function toSimplified(s: string): string {
  simplifier ??= Converter({ from: 'tw', to: 'cn' });
  return simplifier(s);
}

/**
 * Simplified → traditional, `tw` variant: of t, tw and hk it reproduces the source
 * article's traditional text most closely (29 differing characters against 48 for `t`,
 * which writes 爲/羣衆, and 39 for `hk`, which writes 温/台/户).
 */
export function toTraditional(s: string): string {
  if (!traditionalizer) {
    const base = Converter({ from: 'cn', to: 'tw' });
    // OpenCC segments 妇联系统 as 妇/联系/统 and yields 婦聯繫統; the phrase is
    // everywhere in federation names (省妇联系统…), so correct it after conversion.
    const fix = CustomConverter([['婦聯繫統', '婦聯系統']]);
    traditionalizer = (text: string) => fix(base(text));
  }
  return traditionalizer(s);
}

/** NFKC, invisible characters removed, pinyin annotations removed, whitespace collapsed; script unchanged. */
export function cleanText(s: string): string {
  return stripPinyinAnnotations(s.replace(ZERO_WIDTH, '').normalize('NFKC').replace(ZERO_WIDTH, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Canonical comparison form of a name: cleaned and in simplified script. Idempotent. */
export function normalizeName(s: string): string {
  return toSimplified(cleanText(s)).replace(/\s+/g, ' ').trim();
}

function ensurePinyinDictionary(): void {
  if (pinyinDictionaryReady) return;
  // pinyin-pro reads 分行 in 淮南分行 as fēn xíng; bank branches are common in this graph.
  customPinyin({ 分行: 'fēn háng' });
  pinyinDictionaryReady = true;
}

export interface PinyinOptions {
  tones?: boolean;
}

/**
 * Han characters become pinyin syllables joined without separators; other characters
 * are kept, lowercased, except whitespace. Without tones ü is written v, the way
 * people type it (and the way normalizePinyinQuery rewrites it).
 */
export function pinyinOf(s: string, options: PinyinOptions = {}): string {
  ensurePinyinDictionary();
  const tones = options.tones ?? false;
  return pinyin(s, { type: 'all', toneType: tones ? 'symbol' : 'none', v: !tones })
    .map((item) => (item.isZh ? item.pinyin : item.origin))
    .join('')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** First letter of each Han syllable; Latin letters and digits kept, everything else dropped. */
export function pinyinInitials(s: string): string {
  ensurePinyinDictionary();
  return pinyin(s, { type: 'all', toneType: 'none', v: true })
    .map((item) => (item.isZh ? item.first : item.origin))
    .join('')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** `fù lián`, `Fu Lian`, `fu2 lian2`, `FULIAN`, `nü`, `xi'an` → `fulian`, `nv`, `xian`. */
export function normalizePinyinQuery(s: string): string {
  return toneless(s.normalize('NFKC').toLowerCase().replace(ZERO_WIDTH, ''))
    .replace(/u:/g, 'v')
    .replace(/(?<=[a-z])[1-5](?![0-9])/g, '')
    .replace(/['’\s]+/g, '');
}

export function hasLostCharacters(s: string): boolean {
  return LOST_CHARACTER.test(s);
}

/**
 * Toneless pinyin with one space between Han syllables (`市妇联` → `shi fu lian`), so a
 * full-text analyzer makes each syllable a term and a query can match any run of them
 * as a phrase (`fu lian`). Runs of other letters and digits stay whole words.
 */
export function pinyinSyllableText(s: string): string {
  ensurePinyinDictionary();
  return pinyin(s, { type: 'all', toneType: 'none', v: true })
    .map((item) => (item.isZh ? ` ${item.pinyin} ` : item.origin))
    .join('')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The separator between keys in `searchText`; `|` is no token for any analyzer. */
export const SEARCH_KEY_SEPARATOR = ' | ';

/**
 * Keys a full-text index should hold for one entity: for every name and alias its
 * cleaned form (keeps a traditional spelling exactly as a source wrote it), simplified
 * form, converted traditional form, toneless pinyin (joined and syllable by syllable)
 * and pinyin initials.
 */
export function searchKeys(name: string, aliases: readonly string[] = []): string[] {
  const keys = new Set<string>();
  for (const raw of [name, ...aliases]) {
    const cleaned = cleanText(raw);
    if (!cleaned) continue;
    const simplified = normalizeName(cleaned);
    for (const key of [
      simplified,
      cleaned,
      toTraditional(simplified),
      pinyinOf(simplified),
      pinyinSyllableText(simplified),
      pinyinInitials(simplified),
    ]) {
      if (key) keys.add(key);
    }
  }
  return [...keys];
}

/**
 * The key a uniqueness constraint holds per label: the canonical name, lowercased so Latin
 * names differing only in case collide too. Two creates of 婦聯 and 妇联 get the same key.
 */
export function nameKey(name: string): string {
  return normalizeName(name).toLowerCase();
}

/**
 * The TR39 confusable skeleton of the canonical name, lowercased: names that look alike (Anna
 * with a Cyrillic А, ANNA in Greek capitals, 士 and 土) share it. Taken before lowercasing, as
 * look-alikes are told by their shapes (Greek Ν looks like N, its small ν like v). Stored as
 * nameSkeleton; an equal skeleton makes a duplicate candidate, not a constraint violation, since
 * different people can have names that merely look alike.
 */
export function nameSkeleton(name: string): string {
  return skeleton(normalizeName(name)).toLowerCase();
}

const HAN = /\p{Script=Han}/u;

/**
 * A name as toneless pinyin without separators, whatever it was typed in: 何婷婷, He Tingting
 * and hé tíng tíng all give `hetingting`.
 */
export function pinyinKey(name: string): string {
  const normalized = normalizeName(name);
  return HAN.test(normalized) ? normalizePinyinQuery(pinyinOf(normalized)) : normalizePinyinQuery(normalized);
}

// Short forms in this domain drop whole words (妇女联合会 → 妇联): expanding them lets
// 淮南妇联 match 淮南市妇女联合会 by subsequence as well as 市妇联 does.
export const SHORT_FORMS: [string, string][] = [
  ['妇联', '妇女联合会'],
  ['工会', '工会联合会'],
  ['团委', '共青团委员会'],
  ['政府', '人民政府'],
  ['法院', '人民法院'],
];

/** Expands known short forms, so 市妇联 becomes 市妇女联合会. */
export function expandShortForms(name: string): string {
  let out = normalizeName(name);
  for (const [short, full] of SHORT_FORMS) if (!out.includes(full)) out = out.split(short).join(full);
  return out;
}

/**
 * Whether `short` reads as an abbreviation of `full`: every character of it appears in `full`
 * in order (市妇联 in 淮南市妇女联合会), it is at least two characters and shorter than `full`.
 */
export function isShortFormOf(short: string, full: string): boolean {
  const s = [...normalizeName(short)];
  const f = [...normalizeName(full)];
  if (s.length < 2 || s.length >= f.length) return false;
  if (!s.every((ch) => HAN.test(ch))) return false;
  let at = 0;
  for (const ch of f) if (at < s.length && ch === s[at]) at += 1;
  return at === s.length;
}

export interface NameMatch {
  /** 1 = the same name; at or above LIKELY_DUPLICATE a create is refused. */
  score: number;
  reason: string;
}

export const LIKELY_DUPLICATE = 0.7;

/**
 * How strongly `input` names the same thing as an entity called `name` with `aliases`.
 * `abbreviations` allows the short-form rule, which suits bodies and titles but not people
 * (何婷 is not short for 何婷婷).
 */
export function matchName(
  input: string,
  candidate: { name: string; aliases?: readonly string[] | null; nameEn?: string | null },
  abbreviations: boolean,
): NameMatch | null {
  const key = nameKey(input);
  if (!key) return null;
  if (nameKey(candidate.name) === key) return { score: 1, reason: 'same name' };
  const aliases = [...(candidate.aliases ?? []), ...(candidate.nameEn ? [candidate.nameEn] : [])];
  const alias = aliases.find((a) => nameKey(a) === key);
  if (alias) return { score: 0.95, reason: `same as the alias ${alias}` };
  const inputPinyin = pinyinKey(input);
  if (inputPinyin) {
    const samePinyin = [candidate.name, ...aliases].find((a) => pinyinKey(a) === inputPinyin);
    if (samePinyin) return { score: 0.85, reason: `same pinyin as ${samePinyin} (${inputPinyin})` };
  }
  const inputSkeleton = nameSkeleton(input);
  const lookAlike = [candidate.name, ...aliases].find((a) => nameSkeleton(a) === inputSkeleton);
  if (lookAlike) return { score: 0.8, reason: `looks the same as ${lookAlike} (confusable characters)` };
  if (abbreviations) {
    const expanded = expandShortForms(input);
    for (const full of [candidate.name, ...aliases]) {
      if (expandShortForms(full) === expanded) return { score: 0.9, reason: `same name once short forms are expanded (${expanded})` };
      if (isShortFormOf(input, full) || isShortFormOf(expanded, expandShortForms(full))) {
        return { score: 0.75, reason: `reads as a short form of ${full}` };
      }
    }
  }
  return null;
}

/**
 * A full-text query (Lucene syntax) for likely matches of a name: its simplified and
 * traditional forms (the CJK analyzer splits them into bigrams) and its pinyin key.
 */
export function candidateQuery(input: string): string {
  const simplified = normalizeName(input);
  const terms = new Set([simplified, expandShortForms(simplified), toTraditional(simplified), pinyinKey(input)].filter(Boolean));
  return [...terms].map((term) => term.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, '\\$&')).join(' OR ');
}

/**
 * Every name property stored on a node: canonical name, cleaned aliases (plus the traditional
 * form, which is how the damaged sources and many users write), search keys, nameKey and
 * nameSkeleton. The seed and every editor's write store names through this one function.
 */
export function namedProperties(entity: {
  name: string;
  aliases?: readonly string[] | null;
  nameEn?: string | null;
  /** Aliases that hold only in a context, `context` as graph/alias-context.ts writes it. */
  contextAliases?: readonly { alias: string; context: string }[] | null;
}) {
  const name = normalizeName(entity.name);
  const aliases = [...new Set([...(entity.aliases ?? []).map((a) => cleanText(a)).filter(Boolean), toTraditional(name)])].filter(
    (alias) => alias !== name,
  );
  // A bound alias that is also global or the name itself would hold everywhere anyway: dropped.
  const seen = new Set<string>();
  const bound = (entity.contextAliases ?? [])
    .map((b) => ({ alias: cleanText(b.alias), context: b.context }))
    .filter((b) => b.alias && b.alias !== name && !aliases.includes(b.alias) && !seen.has(`${b.alias}\n${b.context}`) && seen.add(`${b.alias}\n${b.context}`));
  const boundNames = [...new Set(bound.map((b) => b.alias))];
  return {
    name,
    aliases,
    nameEn: entity.nameEn ?? null,
    aliasText: aliases.join(' | '),
    searchText: searchKeys(name, [...aliases, ...(entity.nameEn ? [entity.nameEn] : [])]).join(' | '),
    contextAliases: bound.map((b) => b.alias),
    aliasContexts: bound.map((b) => b.context),
    contextAliasText: boundNames.join(' | '),
    // One group of keys per bound alias, aligned with contextAliases, so a reader can tell which alias a key belongs to.
    contextSearchText: bound.map((b) => searchKeys(b.alias).join(SEARCH_KEY_SEPARATOR)).join(CONTEXT_KEY_GROUP_SEPARATOR),
    nameKey: nameKey(name),
    nameSkeleton: nameSkeleton(name),
  };
}

/** Separates the key groups of the context aliases in `contextSearchText`. */
export const CONTEXT_KEY_GROUP_SEPARATOR = ' || ';
// ---------------------------------------------------------------------------------------
// Search queries: turning what a user typed into a Lucene query for the full-text index
// (built over searchKeys) and into the forms an exact-match bonus compares.

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const LUCENE_OPERATOR_WORD = /^(?:AND|OR|NOT|TO)$/;
const MAX_SEGMENTATIONS = 4;
const SYLLABLE_ONLY = new RegExp(`^${SYLLABLE}$`);

/** Escapes every Lucene query-syntax character and keeps operator words from acting as operators. */
export function escapeLucene(word: string): string {
  const escaped = word.replace(LUCENE_SPECIAL, '\\$&');
  return LUCENE_OPERATOR_WORD.test(escaped) ? escaped.toLowerCase() : escaped;
}

/** A Lucene phrase: only `"` and `\` are special inside quotes. */
function lucenePhrase(text: string): string {
  return `"${text.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * The ways a run of toneless pinyin splits into syllables, fewest syllables first
 * (`fulian` → `fu lian`, `fu li an`); empty when it is not pinyin at all.
 */
export function pinyinSegmentations(chunk: string, limit = MAX_SEGMENTATIONS): string[][] {
  const found: string[][] = [];
  const walk = (rest: string, taken: string[]) => {
    if (found.length >= limit * 4) return;
    if (!rest) {
      found.push(taken);
      return;
    }
    // Longest syllable first: real readings are usually the fewest syllables.
    for (let end = Math.min(6, rest.length); end >= 1; end -= 1) {
      const head = rest.slice(0, end);
      if (SYLLABLE_ONLY.test(head)) walk(rest.slice(end), [...taken, head]);
    }
  };
  walk(chunk, []);
  return found.sort((a, b) => a.length - b.length).slice(0, limit);
}

/**
 * Reads a query as pinyin: `fù lián`, `Fu Lian`, `fu2lian2`, `xi'an` → syllable runs
 * (`fu lian`); spaces, apostrophes and tone digits are boundaries the user already drew.
 * Null when some word is not pinyin (English, digits, Han text).
 */
export function pinyinQuerySyllables(text: string): string[] | null {
  const lowered = toneless(text.normalize('NFKC').toLowerCase().replace(ZERO_WIDTH, '')).replace(/u:/g, 'v');
  if (!/^[a-z1-5'’\s]+$/.test(lowered) || !/[a-z]/.test(lowered)) return null;
  const chunks = lowered.split(/(?<=[a-z][1-5])|['’\s]+/).map((chunk) => chunk.replace(/[1-5]$/, '')).filter(Boolean);
  const phrases: string[][] = [[]];
  for (const chunk of chunks) {
    const options = pinyinSegmentations(chunk);
    if (!options.length) return null;
    // Keep the product small: the best reading of each chunk, plus alternatives for the last one seen.
    const next: string[][] = [];
    for (const phrase of phrases) for (const option of options) next.push([...phrase, ...option]);
    phrases.splice(0, phrases.length, ...next.slice(0, MAX_SEGMENTATIONS));
  }
  return phrases.map((phrase) => phrase.join(' '));
}

export interface SearchQuery {
  /** The Lucene query for the full-text index; empty when the text holds nothing searchable. */
  lucene: string;
  /** Forms compared with names and aliases as stored (simplified, as typed, traditional). */
  names: string[];
  /** Lowercased forms compared with the stored search keys (adds joined toneless pinyin). */
  keys: string[];
  /** The simplified text, for telling which name matched. */
  simplified: string;
  /** The joined toneless pinyin reading of the text, when it reads as pinyin. */
  pinyin: string | null;
}

/**
 * Everything a search needs from what the user typed: annotations stripped, script
 * simplified, pinyin read toneless and split into syllables, Lucene syntax escaped.
 * Han text is searched as a phrase (boosted) and as its bigrams; pinyin as syllable
 * phrases and as a joined key; any other words as plain terms.
 */
export function searchQuery(text: string): SearchQuery {
  const cleaned = cleanText(text);
  const simplified = normalizeName(cleaned);
  const syllables = pinyinQuerySyllables(cleaned);
  const joined = syllables ? normalizePinyinQuery(cleaned) : null;
  const clauses: string[] = [];
  if (/[\p{L}\p{N}]/u.test(simplified)) {
    clauses.push(`${lucenePhrase(simplified.toLowerCase())}^4`);
    const words = simplified.split(' ').map(escapeLucene);
    clauses.push(...words);
    // The CJK analyzer indexes Han bigrams, so a lone character only matches as a prefix.
    for (const word of simplified.split(' ')) if (/^\p{Script=Han}$/u.test(word)) clauses.push(`${word}*`);
  }
  if (syllables && joined) {
    clauses.push(`${escapeLucene(joined)}^3`);
    for (const phrase of syllables) clauses.push(`${lucenePhrase(phrase)}^2`);
  }
  const names = [...new Set([simplified, cleaned, toTraditional(simplified)].filter(Boolean))];
  const keys = [...new Set([...names.map((name) => name.toLowerCase()), ...(joined ? [joined] : [])])];
  return { lucene: [...new Set(clauses)].join(' OR '), names, keys, simplified, pinyin: joined };
}

/**
 * Which of an entity's names a query matched, for showing users why a hit came up:
 * an exact name first, then a name containing the text, then one whose pinyin or
 * initials contain the query's pinyin. Null when none can be told.
 */
export function matchedName(query: SearchQuery, names: readonly string[]): string | null {
  const candidates = names.filter(Boolean).map((name) => ({ name, simplified: normalizeName(name) }));
  const lower = query.simplified.toLowerCase();
  const exact = candidates.find((c) => query.names.includes(c.name) || c.simplified.toLowerCase() === lower);
  if (exact) return exact.name;
  const containing = candidates.find((c) => lower && c.simplified.toLowerCase().includes(lower));
  if (containing) return containing.name;
  // Initials (`sfl`) are Latin text that is no pinyin reading; compare them the same way.
  const reading = query.pinyin ?? (/^[a-z]+$/.test(lower) ? lower : null);
  if (reading) {
    const byPinyin =
      candidates.find((c) => pinyinOf(c.simplified) === reading || pinyinInitials(c.simplified) === reading) ??
      candidates.find((c) => pinyinOf(c.simplified).includes(reading) || pinyinInitials(c.simplified).includes(reading));
    if (byPinyin) return byPinyin.name;
  }
  return null;
}
