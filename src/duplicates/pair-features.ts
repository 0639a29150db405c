import { EntityType } from '../api/entity-type';
import { LIKELY_DUPLICATE, cleanText, expandShortForms, isShortFormOf, matchName, nameKey, nameSkeleton, pinyinKey } from '../text/normalize';

/**
 * Why two existing entities may be the same, feature by feature, scored as the duplicate check
 * scores a new name against an existing one (text/normalize.ts matchName), in both directions.
 * Pure: the queue's repository finds the pairs, this says how alike they are.
 */

/** One way two names may name the same thing. */
export enum DuplicateFeatureKind {
  SAME_NAME = 'SAME_NAME',
  SCRIPT_VARIANT = 'SCRIPT_VARIANT',
  ALIAS = 'ALIAS',
  ENGLISH_NAME = 'ENGLISH_NAME',
  PINYIN = 'PINYIN',
  LOOK_ALIKE = 'LOOK_ALIKE',
  SHORT_FORM = 'SHORT_FORM',
}

export interface PairFeature {
  kind: DuplicateFeatureKind;
  reason: string;
}

/** The names of one entity the queue compares: its name, its global aliases and its English name. */
export interface Named {
  id: string;
  name: string;
  aliases: readonly string[];
  nameEn: string | null;
}

/** Names compared once per entity, not once per pair (pinyin is the costly one). */
interface Keys {
  written: string;
  key: string;
  pinyin: string;
  skeleton: string;
  expanded: string;
  aliases: { alias: string; key: string; pinyin: string; skeleton: string; expanded: string }[];
  en: string | null;
  enPinyin: string | null;
  enSkeleton: string | null;
}

const cache = new WeakMap<Named, Keys>();

function keysOf(entity: Named): Keys {
  let keys = cache.get(entity);
  if (!keys) {
    keys = {
      written: cleanText(entity.name),
      key: nameKey(entity.name),
      pinyin: pinyinKey(entity.name),
      skeleton: nameSkeleton(entity.name),
      expanded: expandShortForms(entity.name),
      aliases: entity.aliases.map((alias) => ({ alias, key: nameKey(alias), pinyin: pinyinKey(alias), skeleton: nameSkeleton(alias), expanded: expandShortForms(alias) })),
      en: entity.nameEn ? nameKey(entity.nameEn) : null,
      enPinyin: entity.nameEn ? pinyinKey(entity.nameEn) : null,
      enSkeleton: entity.nameEn ? nameSkeleton(entity.nameEn) : null,
    };
    cache.set(entity, keys);
  }
  return keys;
}

/**
 * The score of a pair: the higher of the duplicate check's two directions (a's name against b, b's
 * against a). Only pairs with a feature are scored (pairFeatures finds every condition matchName
 * scores, and more), since matchName's pinyin is the costly part of the queue.
 */
export function pairScore(a: Named, b: Named, type: EntityType, features = pairFeatures(a, b, type)): { score: number; reason: string } | null {
  if (features.length === 0) return null;
  const abbreviations = type !== EntityType.PERSON;
  const one = matchName(a.name, { name: b.name, aliases: b.aliases, nameEn: b.nameEn }, abbreviations);
  const other = matchName(b.name, { name: a.name, aliases: a.aliases, nameEn: a.nameEn }, abbreviations);
  const best = [one, other].filter((m): m is NonNullable<typeof m> => m != null).sort((x, y) => y.score - x.score)[0];
  return best && best.score >= LIKELY_DUPLICATE ? best : null;
}

/** Every feature that holds between the two, strongest first; empty when none does. */
export function pairFeatures(a: Named, b: Named, type: EntityType): PairFeature[] {
  const ka = keysOf(a);
  const kb = keysOf(b);
  const out: PairFeature[] = [];
  if (ka.key && ka.key === kb.key) {
    if (ka.written === kb.written) out.push({ kind: DuplicateFeatureKind.SAME_NAME, reason: `the same name ${a.name}` });
    else out.push({ kind: DuplicateFeatureKind.SCRIPT_VARIANT, reason: `${ka.written} and ${kb.written} are one name in two scripts or spellings` });
  }
  // The English name counts as an alias, as matchName counts it.
  for (const [x, kx, y, ky] of [[a, ka, b, kb], [b, kb, a, ka]] as const) {
    const alias = ky.aliases.find((al) => al.key === kx.key)?.alias ?? (ky.en === kx.key ? y.nameEn : null);
    if (alias && kx.key !== ky.key) out.push({ kind: DuplicateFeatureKind.ALIAS, reason: `${x.name} is an alias of ${y.name}` });
  }
  if (ka.en && ka.en === kb.en) out.push({ kind: DuplicateFeatureKind.ENGLISH_NAME, reason: `the same English name ${a.nameEn}` });
  if (ka.key !== kb.key) {
    const pinyinOf = (k: Keys) => [k.pinyin, ...k.aliases.map((al) => al.pinyin), k.enPinyin].filter((p): p is string => !!p);
    const shared = pinyinOf(ka).find((p) => pinyinOf(kb).includes(p));
    // Pinyin counts only where no name, alias or English name is shared outright (those features say it then).
    if (shared && out.length === 0) out.push({ kind: DuplicateFeatureKind.PINYIN, reason: `the same pinyin (${shared})` });
    const skeletonsOf = (k: Keys) => [k.skeleton, ...k.aliases.map((al) => al.skeleton), k.enSkeleton].filter((p): p is string => !!p);
    const lookAlike = (kx: Keys, ky: Keys) => !!kx.skeleton && skeletonsOf(ky).includes(kx.skeleton);
    if (lookAlike(ka, kb) || lookAlike(kb, ka)) out.push({ kind: DuplicateFeatureKind.LOOK_ALIKE, reason: `${a.name} and ${b.name} look the same (confusable characters)` });
    if (type !== EntityType.PERSON) {
      const names = (x: Named, k: Keys) => [{ text: x.name, expanded: k.expanded }, ...k.aliases.map((al) => ({ text: al.alias, expanded: al.expanded }))];
      let short: string | null = null;
      for (const p of names(a, ka)) {
        for (const q of names(b, kb)) {
          if (short) break;
          if (p.expanded === q.expanded && nameKey(p.text) !== nameKey(q.text)) short = `${p.text} and ${q.text} are one name once short forms are expanded (${p.expanded})`;
          else if (isShortFormOf(p.text, q.text) || isShortFormOf(p.expanded, q.expanded)) short = `${p.text} reads as a short form of ${q.text}`;
          else if (isShortFormOf(q.text, p.text) || isShortFormOf(q.expanded, p.expanded)) short = `${q.text} reads as a short form of ${p.text}`;
        }
      }
      if (short) out.push({ kind: DuplicateFeatureKind.SHORT_FORM, reason: short });
    }
  }
  return out;
}
