import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { Gazetteer } from './ingest.model';
import { normalizeName } from '../text/normalize';

/**
 * Chinese segmentation with part-of-speech tags (jieba, through @node-rs/jieba, whose binary and
 * default dictionary ship in the npm package: nothing is downloaded at run time).
 *
 * Tags are jieba's (ICTCLAS-style): n noun, nr person name, ns place, nt organization, nz other
 * proper noun, v verb, vn verbal noun, p preposition, c conjunction, d adverb, m numeral, q
 * measure word, t time, x unknown (new words the HMM found, and punctuation), j abbreviation…
 */
export interface Token {
  word: string;
  tag: string;
  /** Offsets into the segmented text (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
}

let base: Jieba | undefined;
let withNames: { signature: string; jieba: Jieba } | undefined;

/** The default dictionary, loaded once, on first use. */
function defaultJieba(): Jieba {
  base ??= Jieba.withDict(dict);
  return base;
}

const USER_WORD_TAG: Record<string, string> = { Person: 'nr', Organization: 'nt', Honor: 'nz', Program: 'nz' };

/**
 * A segmenter that also knows the gazetteer's names as words (jieba user words), so a name in the
 * graph is one token. Kept for the last gazetteer seen (by its names), so the same gazetteer gives
 * the same segmentation whatever was segmented before: the default instance is never changed.
 */
function jiebaFor(gazetteer: Gazetteer | null | undefined): Jieba {
  const words: string[] = [];
  for (const entry of gazetteer?.entries ?? []) {
    const tag = USER_WORD_TAG[entry.type] ?? 'nz';
    for (const name of [entry.name, ...entry.aliases, ...entry.contextAliases.map((c) => c.alias)]) {
      const word = normalizeName(name);
      // jieba's dictionary format is `word freq tag` per line: a name with spaces cannot be one word.
      if (word.length >= 2 && !/\s/.test(word)) words.push(`${word} 100000 ${tag}`);
    }
  }
  if (words.length === 0) return defaultJieba();
  const signature = [...new Set(words)].sort().join('\n');
  if (withNames?.signature !== signature) {
    const jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(signature + '\n', 'utf8'));
    withNames = { signature, jieba };
  }
  return withNames.jieba;
}

/** Segments `text` into tagged tokens with their offsets (HMM on, for names not in the dictionary). */
export function segment(text: string, gazetteer?: Gazetteer | null): Token[] {
  if (!text) return [];
  const tagged = jiebaFor(gazetteer).tag(text, true);
  const tokens: Token[] = [];
  let at = 0;
  for (const { word, tag } of tagged) {
    // jieba returns every character of the input in order; find each word from where the last ended
    // (robust even if a word was normalized on the way).
    const found = text.indexOf(word, at);
    const start = found >= 0 ? found : at;
    const end = found >= 0 ? found + word.length : Math.min(text.length, at + word.length);
    tokens.push({ word, tag, start, end });
    at = end;
  }
  return tokens;
}

/** Tags a name's body may consist of (nouns, places, names, numerals such as 第一, unknown words). */
const NAME_TAGS = /^(n|nr|nrt|nrfg|ns|nt|nz|ng|j|b|m|l|i|g|zg|s|vn|an|a|x|f|eng)$/;

/** Whether a token can be part of an organization's or title's name (not a verb, preposition, adverb…). */
export function isNameToken(token: Token): boolean {
  if (token.tag === 'c') return token.word === '和';
  return NAME_TAGS.test(token.tag);
}

/**
 * Whether `word` is a word of the default dictionary tagged other than as a name: such a word
 * (主任, 社区, 工作) is no person's name. Checked by segmenting without the HMM: a dictionary word
 * comes back as one token.
 */
export function isCommonWord(word: string): boolean {
  if (word.length < 2) return false;
  const tokens = defaultJieba().tag(word, false);
  return tokens.length === 1 && !/^nr/.test(tokens[0].tag);
}
