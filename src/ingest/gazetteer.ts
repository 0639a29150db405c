/**
 * The gazetteer as plain data: entries built from stored nodes (the repository's rows) or from
 * seed files (tests and the evaluation, without a database), and the in-memory index the
 * matcher looks names up in. No Cypher here.
 */
import { boundAliases } from '../graph/alias-context';
import { expandShortForms, nameKey, nameSkeleton, namedProperties, normalizeName, pinyinKey } from '../text/normalize';
import { Gazetteer, GazetteerEntry, GazetteerType } from './ingest.model';

/** A node's properties as stored (or as namedProperties gives them): what an entry is built from. */
export interface GazetteerRow {
  id: string;
  type: GazetteerType;
  name: string;
  aliases?: readonly string[] | null;
  contextAliases?: readonly string[] | null;
  aliasContexts?: readonly string[] | null;
  kind?: string | null;
  level?: string | null;
  parentId?: string | null;
}

/** One entry from a stored node: bound aliases regrouped, alias by alias, in stored order. */
export function gazetteerEntry(row: GazetteerRow): GazetteerEntry {
  const grouped = new Map<string, string[]>();
  for (const bound of boundAliases({ contextAliases: row.contextAliases ?? [], aliasContexts: row.aliasContexts ?? [] })) {
    const contexts = grouped.get(bound.alias) ?? [];
    if (!contexts.includes(bound.context)) contexts.push(bound.context);
    grouped.set(bound.alias, contexts);
  }
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    aliases: [...(row.aliases ?? [])],
    contextAliases: [...grouped].map(([alias, contexts]) => ({ alias, contexts })),
    kind: row.kind ?? null,
    level: row.level ?? null,
    parentId: row.parentId ?? null,
  };
}

/** A named record of a seed file (seeds/README.md), as far as the gazetteer reads it. */
interface SeedNamed {
  id: string;
  name: string;
  aliases?: string[];
  contextAliases?: { alias: string; contexts: string[] }[];
  nameEn?: string | null;
  kind?: string | null;
  level?: string | null;
  parentId?: string | null;
}

/** The parts of a seed file the gazetteer reads. */
export interface SeedNames {
  people?: SeedNamed[];
  organizations?: SeedNamed[];
  honors?: SeedNamed[];
  programs?: SeedNamed[];
}

const SEED_TYPES: [keyof SeedNames, GazetteerType][] = [
  ['people', 'Person'],
  ['organizations', 'Organization'],
  ['honors', 'Honor'],
  ['programs', 'Program'],
];

/**
 * The gazetteer the seeded graph would give, from parsed seed files and without a database: names
 * and aliases go through namedProperties, as the seed stores them (so the traditional form is an
 * alias and a bound alias is listed once per context), so it equals GazetteerRepository.load()
 * on a graph holding just these seeds.
 */
export function gazetteerFromSeed(seeds: SeedNames | readonly SeedNames[]): Gazetteer {
  const entries: GazetteerEntry[] = [];
  const files: readonly SeedNames[] = Array.isArray(seeds) ? (seeds as readonly SeedNames[]) : [seeds as SeedNames];
  for (const seed of files) {
    for (const [field, type] of SEED_TYPES) {
      for (const record of seed[field] ?? []) {
        const named = namedProperties({
          ...record,
          contextAliases: (record.contextAliases ?? []).flatMap((b) => b.contexts.map((context) => ({ alias: b.alias, context }))),
        });
        entries.push(
          gazetteerEntry({
            id: record.id,
            type,
            name: named.name,
            aliases: named.aliases,
            contextAliases: named.contextAliases,
            aliasContexts: named.aliasContexts,
            kind: type === 'Organization' || type === 'Program' ? (record.kind ?? null) : null,
            level: type === 'Organization' || type === 'Honor' ? (record.level ?? null) : null,
            parentId: type === 'Organization' ? (record.parentId ?? null) : null,
          }),
        );
      }
    }
  }
  return { entries: entries.sort((a, b) => compareIds(a.id, b.id)) };
}

/** Ids in code-unit order (not the locale's), so every sort here is the same everywhere. */
export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---- the index ----------------------------------------------------------------------------

const HAN = /\p{Script=Han}/u;

/** One name of an entry (its name, a global alias or a bound alias) with its comparison keys. */
export interface IndexedName {
  text: string;
  key: string;
  /** null: the name or a global alias; else the contexts a bound alias holds in. */
  contexts: string[] | null;
}

export interface IndexedEntry {
  entry: GazetteerEntry;
  names: IndexedName[];
  /** expandShortForms of every name, for the short-form prefilter. */
  expanded: string[];
  /** Every Han character of the expanded names. */
  chars: Set<string>;
}

/** Names by their keys: built once per gazetteer (memoized on the object). */
export interface GazetteerIndex {
  entries: IndexedEntry[];
  byId: Map<string, IndexedEntry>;
  byKey: Map<string, IndexedEntry[]>;
  byPinyin: Map<string, IndexedEntry[]>;
  byExpanded: Map<string, IndexedEntry[]>;
  bySkeleton: Map<string, IndexedEntry[]>;
  byChar: Map<string, IndexedEntry[]>;
}

const built = new WeakMap<Gazetteer, GazetteerIndex>();

function add(map: Map<string, IndexedEntry[]>, key: string, entry: IndexedEntry): void {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [entry]);
  else if (list[list.length - 1] !== entry) list.push(entry);
}

/** The comparison keys of one name text. */
export interface NameKeys {
  key: string;
  pinyin: string;
  skeleton: string;
  expanded: string;
}

/**
 * Keys by name text, kept across gazetteers: after a write the graph is read again, and its
 * index is rebuilt from these instead of converting 100,000 names to pinyin again. Cleared when
 * it grows past the bound, so renames cannot make it grow without end.
 */
const KEYS = new Map<string, NameKeys>();
const KEYS_BOUND = 1_000_000;

export function keysOf(text: string): NameKeys {
  let keys = KEYS.get(text);
  if (!keys) {
    if (KEYS.size >= KEYS_BOUND) KEYS.clear();
    keys = { key: nameKey(text), pinyin: pinyinKey(text), skeleton: nameSkeleton(text), expanded: expandShortForms(text) };
    KEYS.set(text, keys);
  }
  return keys;
}

/**
 * The index of a gazetteer: every name and alias (bound ones too) by nameKey, pinyin key,
 * expanded short form and confusable skeleton, and by character for short forms.
 */
export function gazetteerIndex(gazetteer: Gazetteer): GazetteerIndex {
  const cached = built.get(gazetteer);
  if (cached) return cached;
  const index: GazetteerIndex = {
    entries: [],
    byId: new Map(),
    byKey: new Map(),
    byPinyin: new Map(),
    byExpanded: new Map(),
    bySkeleton: new Map(),
    byChar: new Map(),
  };
  for (const entry of gazetteer.entries) {
    const raw = [
      { text: entry.name, contexts: null },
      ...entry.aliases.map((text) => ({ text, contexts: null })),
      ...entry.contextAliases.map((b) => ({ text: b.alias, contexts: b.contexts })),
    ];
    const names: IndexedName[] = [];
    const indexed: IndexedEntry = { entry, names, expanded: [], chars: new Set() };
    const seen = new Set<string>();
    for (const { text, contexts } of raw) {
      const keys = keysOf(text);
      if (!keys.key) continue;
      names.push({ text, key: keys.key, contexts });
      add(index.byKey, keys.key, indexed);
      // The traditional alias shares the name's keys: each is indexed once.
      if (seen.has(keys.key)) continue;
      seen.add(keys.key);
      add(index.byPinyin, keys.pinyin, indexed);
      add(index.bySkeleton, keys.skeleton, indexed);
      indexed.expanded.push(keys.expanded);
      add(index.byExpanded, keys.expanded.toLowerCase(), indexed);
      for (const ch of keys.expanded) if (HAN.test(ch)) indexed.chars.add(ch);
    }
    for (const ch of indexed.chars) add(index.byChar, ch, indexed);
    index.entries.push(indexed);
    index.byId.set(entry.id, indexed);
  }
  built.set(gazetteer, index);
  return index;
}

/**
 * Entries one of whose expanded names holds every character of `form` in order (the short-form
 * rule's necessary condition), found from the rarest character's list: at most `limit`, those
 * whose name contains `prefer` first, then the shortest names, then by id.
 */
export function shortFormCandidates(index: GazetteerIndex, form: string, prefer: string | null, limit: number): IndexedEntry[] {
  const chars = [...normalizeName(form)];
  if (chars.length < 2 || !chars.every((ch) => HAN.test(ch))) return [];
  let rarest: IndexedEntry[] | undefined;
  for (const ch of new Set(chars)) {
    const list = index.byChar.get(ch);
    if (!list) return [];
    if (!rarest || list.length < rarest.length) rarest = list;
  }
  const found = (rarest ?? []).filter((e) => chars.every((ch) => e.chars.has(ch)) && e.expanded.some((full) => isSubsequence(chars, full)));
  const weight = (e: IndexedEntry) => (prefer && e.entry.name.includes(prefer) ? 0 : 1);
  return found.sort((a, b) => weight(a) - weight(b) || a.entry.name.length - b.entry.name.length || compareIds(a.entry.id, b.entry.id)).slice(0, limit);
}

function isSubsequence(chars: string[], full: string): boolean {
  let at = 0;
  for (const ch of full) if (at < chars.length && ch === chars[at]) at += 1;
  return at === chars.length;
}
