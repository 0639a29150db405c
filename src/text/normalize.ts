/**
 * Text normalization shared by seeding, search and duplicate detection.
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
const ZERO_WIDTH = /[\u00AD\u200B-\u200F\u2060\uFEFF]/g;

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

/** NFKC, zero-width removal, pinyin annotations removed, whitespace collapsed; script unchanged. */
export function cleanText(s: string): string {
  return stripPinyinAnnotations(s.normalize('NFKC').replace(ZERO_WIDTH, ''))
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
 * Keys a full-text index should hold for one entity: for every name and alias its
 * cleaned form (keeps a traditional spelling exactly as a source wrote it), simplified
 * form, converted traditional form, toneless pinyin and pinyin initials.
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
      pinyinInitials(simplified),
    ]) {
      if (key) keys.add(key);
    }
  }
  return [...keys];
}
