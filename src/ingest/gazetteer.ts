/**
 * The gazetteer as plain data: entries built from stored nodes (the repository's rows) or from
 * seed files (tests and the evaluation, without a database), and the in-memory index the
 * matcher looks names up in. No Cypher here.
 */
import { boundAliases } from '../graph/alias-context';
import { cleanText, expandShortForms, nameKey, nameSkeleton, namedProperties, normalizeName, pinyinKey } from '../text/normalize';
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
  return { entries: entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}

// ---- the index ----------------------------------------------------------------------------

const HAN = /\p{Script=Han}/u;

/** One name of an entry (its name, a global alias or a bound alias) with its comparison keys. */
interface IndexedName {
  text: string;
  /** null: the name or a global alias; else the contexts a bound alias holds in. */
  contexts: string[] | null;
}

export interface IndexedEntry {
  entry: GazetteerEntry;
  /** Position in the gazetteer: ties are broken by it, so results do not depend on map order. */
  order: number;
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

/**
 * The index of a gazetteer: every name and alias (bound ones too) by nameKey, pinyin key,
 * expanded short form and confusable skeleton, and by character for short forms. A name's pinyin
 * is computed once per distinct nameKey (the traditional alias shares the name's).
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
  gazetteer.entries.forEach((entry, order) => {
    const names: IndexedName[] = [
      { text: entry.name, contexts: null },
      ...entry.aliases.map((text) => ({ text, contexts: null })),
      ...entry.contextAliases.map((b) => ({ text: b.alias, contexts: b.contexts })),
    ].filter((n) => cleanText(n.text));
    const indexed: IndexedEntry = { entry, order, names, expanded: [], chars: new Set() };
    const keys = new Set<string>();
    for (const name of names) {
      const key = nameKey(name.text);
      add(index.byKey, key, indexed);
      if (keys.has(key)) continue;
      keys.add(key);
      add(index.byPinyin, pinyinKey(name.text), indexed);
      add(index.bySkeleton, nameSkeleton(name.text), indexed);
      const expanded = expandShortForms(name.text);
      indexed.expanded.push(expanded);
      add(index.byExpanded, expanded.toLowerCase(), indexed);
      for (const ch of expanded) if (HAN.test(ch)) indexed.chars.add(ch);
    }
    for (const ch of indexed.chars) add(index.byChar, ch, indexed);
    index.entries.push(indexed);
    index.byId.set(entry.id, indexed);
  });
  built.set(gazetteer, index);
  return index;
}

/**
 * Entries one of whose expanded names holds every character of `form` in order (the short-form
 * rule's necessary condition), found from the rarest character's list: at most `limit`, those
 * whose name contains `prefer` first, then the shortest names, then gazetteer order.
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
  return found.sort((a, b) => weight(a) - weight(b) || a.entry.name.length - b.entry.name.length || a.order - b.order).slice(0, limit);
}

function isSubsequence(chars: string[], full: string): boolean {
  let at = 0;
  for (const ch of full) if (at < chars.length && ch === chars[at]) at += 1;
  return at === chars.length;
}
