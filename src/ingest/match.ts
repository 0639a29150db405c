import { StandingContext, aliasContext, contextHolds, placeValue } from '../graph/alias-context';
import { NameMatch, cleanText, matchName, normalizeName, toSimplified } from '../text/normalize';
import { GazetteerIndex, IndexedEntry, compareIds, gazetteerIndex, keysOf, shortFormCandidates } from './gazetteer';
import {
  EntityMention,
  Extraction,
  Gazetteer,
  GazetteerType,
  IngestDocument,
  MatchCandidate,
  MatchFeature,
  MatchFeatureName,
  MentionKind,
  MentionMatch,
} from './ingest.model';

/** The best candidate is MATCHED at or above this score (a short form alone, 0.75, needs support). */
export const MATCH_THRESHOLD = 0.8;
/** Two candidates within this of each other are AMBIGUOUS. */
export const AMBIGUITY_MARGIN = 0.05;
/** How many candidates a match lists. */
export const CANDIDATE_COUNT = 5;
/** How many entries a short form is tried against (those of the document's place first). */
const SHORT_FORM_LIMIT = 20;

/** What the features other than the name's add (the name's own score is matchName's). */
export const ADJUSTMENTS = {
  /** A written 市… read as the document's city (市妇联 → 淮南市妇联): an inference, slightly below the name it gives. */
  placedForm: -0.05,
  /** The same pinyin as Han text (a homophone, not a romanization): a hint, not a match by itself. */
  homophone: -0.1,
  sameContext: 0.03,
  sameParent: 0.05,
  underParent: 0.02,
  otherParent: -0.1,
  kindAgrees: 0.02,
  kindDisagrees: -0.1,
  levelDisagrees: -0.05,
  /** An organization mention matched to a Program or the reverse (驿站, 工作室 are read either way). */
  otherType: -0.15,
} as const;

/** The node types a mention of each kind may be; the first is its own. */
const TYPES: Record<MentionKind, GazetteerType[]> = {
  PERSON: ['Person'],
  HONOR: ['Honor'],
  ORGANIZATION: ['Organization', 'Program'],
  PROGRAM: ['Program', 'Organization'],
};

/** A short form written relative to the place it is said in (市妇联, 区法院, 县政府). */
const RELATIVE = /^[市省区县州]/u;
const HAN = /\p{Script=Han}/u;
const QUOTES = /["'“”‘’「」『』《》〈〉]/gu;

type Role = 'name' | 'written' | 'placed';
const ROLE_ORDER: Record<Role, number> = { name: 0, written: 1, placed: 2 };

/** One form a mention is looked up by. */
interface Form {
  text: string;
  role: Role;
  /** The form as written, for a placed one (市妇联 for 淮南市妇联, 妇联宣讲团 for 淮南市妇联宣讲团). */
  source: string;
  key: string;
  /** Written in traditional script (its simplified form differs). */
  traditional: boolean;
  /** A relative short form (市妇联): never read as an abbreviation by itself. */
  relative: boolean;
  /** Entries found by its keys, by id. */
  found: IndexedEntry[];
}

interface Hit {
  form: Form;
  score: number;
  feature: MatchFeatureName;
  detail: string;
}

/** Where the document stands, as graph/alias-context.ts weighs bound aliases. */
interface Standing extends StandingContext {
  place: string | null;
}

/**
 * Each mention matched to a node of the graph, with a score and the features that decided it,
 * or proposed as new. Two passes: the first reads bound aliases in the document's place only;
 * the second adds the organizations the first matched (and those above them) as contexts, and
 * the parents the hierarchy facts name. Deterministic: the same input gives the same output.
 */
export function matchMentions(_document: IngestDocument, extraction: Extraction, gazetteer: Gazetteer): MentionMatch[] {
  const index = gazetteerIndex(gazetteer);
  const place = extraction.context.place ? placeValue(extraction.context.place) : null;
  const forms = new Map(extraction.entities.map((mention) => [mention.key, mentionForms(index, mention, extraction.context.place)]));
  const first: Standing = { place, contexts: new Set(place ? [aliasContext('place', place)] : []), organizationNames: [] };
  const memo: NameScores = new Map();
  const initial = extraction.entities.map((mention) => decide(index, memo, mention, forms.get(mention.key)!, first, null));

  const matchedOf = new Map(initial.filter((m) => m.status === 'MATCHED' && m.match).map((m) => [m.key, m.match!]));
  const second = standingOf(index, first, [...matchedOf.values()].filter((c) => c.type === 'Organization').map((c) => c.id));
  const parents = new Map<string, string>();
  for (const fact of extraction.hierarchy) {
    const parent = matchedOf.get(fact.parentKey);
    if (parent && !parents.has(fact.childKey)) parents.set(fact.childKey, parent.id);
  }
  return extraction.entities.map((mention) => decide(index, memo, mention, forms.get(mention.key)!, second, parents.get(mention.key) ?? null));
}

/**
 * The standing after the first pass: the organizations matched (when the document has a place,
 * only those of that place, so another city's body it names does not bring its short forms in)
 * and every organization above them.
 */
function standingOf(index: GazetteerIndex, first: Standing, organizationIds: string[]): Standing {
  const contexts = new Set(first.contexts);
  const names: string[] = [];
  for (const id of organizationIds) {
    const start = index.byId.get(id);
    if (!start || (first.place && !ofPlace(start, first.place))) continue;
    for (let at: IndexedEntry | undefined = start, depth = 0; at && depth < 32; at = at.entry.parentId ? index.byId.get(at.entry.parentId) : undefined, depth += 1) {
      if (contexts.has(aliasContext('org', at.entry.id))) break;
      contexts.add(aliasContext('org', at.entry.id));
      names.push(at.entry.name);
    }
  }
  return { place: first.place, contexts, organizationNames: names };
}

/** Whether an entry is of a place: its name holds it, or an alias of it is bound there. */
function ofPlace(entry: IndexedEntry, place: string): boolean {
  const context = aliasContext('place', place);
  return entry.entry.name.includes(place) || entry.entry.contextAliases.some((b) => b.contexts.includes(context));
}

/**
 * The forms a mention is looked up by: its canonical name, what was written, both without
 * quotation marks, and those forms read with the document's place.
 */
function mentionForms(index: GazetteerIndex, mention: EntityMention, documentPlace: string | null): Form[] {
  const forms: Form[] = [];
  const abbreviating = mention.kind !== 'PERSON';
  const push = (text: string, role: Role, source: string) => {
    if (!text) return;
    const key = keysOf(text).key;
    const traditional = role === 'written' && toSimplified(text) !== text;
    if (!key || forms.some((f) => f.key === key && (f.traditional || !traditional))) return;
    const relative = role !== 'placed' && RELATIVE.test(normalizeName(text));
    forms.push({ text, role, source, key, traditional, relative, found: lookup(index, text, key, abbreviating && !relative && role !== 'placed', documentPlace) });
  };
  push(normalizeName(mention.name), 'name', mention.name);
  // A titled level of a generic honor (青源市三八红旗集体, written 三八红旗集体 where a heading gives the
  // place to both titles) is not the generic honor: its generic form is no form of it.
  const generic = mention.kind === 'HONOR' && mention.variantOfName ? normalizeName(mention.variantOfName) : null;
  for (const written of mention.written) if (normalizeName(written) !== generic || normalizeName(mention.name) === generic) push(cleanText(written), 'written', written);
  // Names are stored without the quotation and title marks a text sets them in (“巾帼心向党”引领行动, 《徽凤课堂》第五期).
  for (const form of [...forms]) push(form.text.replace(QUOTES, ''), form.role, form.source);
  // A document leaves its own place out: 市妇联 and 妇联宣讲团 in a Huainan document are
  // 淮南市妇联 and 淮南市妇联宣讲团 (and 中院 may be 淮南中院). Not for people.
  if (documentPlace && abbreviating) {
    const full = normalizeName(documentPlace);
    const bare = placeValue(documentPlace);
    for (const form of [...forms]) {
      const simplified = normalizeName(form.text);
      if (simplified.includes(bare) || [...simplified].length < 2) continue;
      if (form.relative) {
        if (simplified.startsWith(full.slice(-1))) push(full + simplified.slice(1), 'placed', form.source);
      } else {
        push(full + simplified, 'placed', form.source);
        if (bare !== full) push(bare + simplified, 'placed', form.source);
      }
    }
  }
  return forms;
}

/** Entries one of whose names shares a key with `text`; short forms tried when none does. */
function lookup(index: GazetteerIndex, text: string, key: string, abbreviations: boolean, documentPlace: string | null): IndexedEntry[] {
  const keys = keysOf(text);
  const found = new Set<IndexedEntry>(index.byKey.get(key) ?? []);
  const direct = found.size > 0;
  for (const entry of index.byPinyin.get(keys.pinyin) ?? []) found.add(entry);
  for (const entry of index.bySkeleton.get(keys.skeleton) ?? []) found.add(entry);
  if (abbreviations) {
    for (const entry of index.byExpanded.get(keys.expanded.toLowerCase()) ?? []) found.add(entry);
    // A name that is some entry's name or alias is that (or, bound elsewhere, no abbreviation at all).
    if (!direct) for (const entry of shortFormCandidates(index, text, documentPlace ? placeValue(documentPlace) : null, SHORT_FORM_LIMIT)) found.add(entry);
  }
  return [...found].sort((a, b) => compareIds(a.entry.id, b.entry.id));
}

/** The bound aliases of `entry` equal to `key`, and whether any of them holds here. */
function boundTo(entry: IndexedEntry, key: string, standing: Standing): { bound: boolean; held: string | null } {
  let bound = false;
  for (const name of entry.names) {
    if (!name.contexts || name.key !== key) continue;
    bound = true;
    const context = name.contexts.find((c) => contextHolds(c, standing));
    if (context) return { bound, held: context };
  }
  return { bound, held: null };
}

/** matchName's answers within one matchMentions call: both passes and repeated mentions ask the same. */
type NameScores = Map<string, NameMatch | null>;

/** How one form names one entry: matchName's score, and which feature that is. */
function formHit(memo: NameScores, form: Form, entry: IndexedEntry, standing: Standing, abbreviations: boolean, documentPlace: string | null): Hit | null {
  const { bound, held } = boundTo(entry, form.key, standing);
  const isGlobal = entry.names.some((n) => !n.contexts && n.key === form.key);
  // A short form bound to this entry only in other contexts names some other body here.
  if (bound && !held && !isGlobal) return null;
  const heldAliases = entry.names.filter((n) => n.contexts && n.contexts.some((c) => contextHolds(c, standing))).map((n) => n.text);
  const abbreviating = abbreviations && !form.relative;
  const asked = `${form.text}\u0000${entry.entry.id}\u0000${abbreviating}\u0000${heldAliases.join('\u0000')}`;
  let match = memo.get(asked);
  if (match === undefined) {
    match = matchName(form.text, { name: entry.entry.name, aliases: [...entry.entry.aliases, ...heldAliases] }, abbreviating);
    memo.set(asked, match);
  }
  if (!match) return null;
  let feature: MatchFeatureName;
  let score = match.score;
  let detail = match.reason;
  if (/^same name$/.test(match.reason)) feature = 'EXACT_NAME';
  else if (/^same as the alias/.test(match.reason)) {
    feature = isGlobal ? 'ALIAS' : 'CONTEXT_ALIAS';
    if (!isGlobal && held) detail = `${match.reason}, which holds in ${held}`;
  } else if (/^same pinyin/.test(match.reason)) {
    feature = 'PINYIN';
    if (HAN.test(form.text)) {
      score += ADJUSTMENTS.homophone;
      detail = `${match.reason}: a homophone`;
    }
  } else if (/^looks the same/.test(match.reason)) feature = 'SCRIPT_VARIANT';
  else feature = 'SHORT_FORM';
  if (form.traditional && (feature === 'EXACT_NAME' || feature === 'ALIAS')) {
    feature = 'SCRIPT_VARIANT';
    detail = `${form.text} is ${normalizeName(form.text)} in traditional script: ${match.reason}`;
  }
  if (form.role === 'placed') {
    feature = feature === 'CONTEXT_ALIAS' ? feature : 'SHORT_FORM';
    score += ADJUSTMENTS.placedForm;
    detail = `${form.source} read as ${form.text} in a document of ${documentPlace}: ${match.reason}`;
  }
  return { form, score, feature, detail };
}

interface Scored {
  entry: IndexedEntry;
  raw: number;
  features: MatchFeature[];
}

/** Scores every entry a mention's forms found; the decision and the best few. */
function decide(index: GazetteerIndex, memo: NameScores, mention: EntityMention, forms: Form[], standing: Standing, parentId: string | null): MentionMatch {
  const types = TYPES[mention.kind];
  const documentPlace = standing.place;
  // As the duplicate check does: a form that is a bound alias held only elsewhere reads as no abbreviation.
  const elsewhere = new Set(
    forms
      .filter((f) =>
        f.found.some((e) => {
          const { bound, held } = boundTo(e, f.key, standing);
          return bound && !held;
        }),
      )
      .map((f) => f.key),
  );
  const entries = new Map<IndexedEntry, Hit[]>();
  for (const form of forms) {
    for (const entry of form.found) {
      if (!types.includes(entry.entry.type)) continue;
      const hit = formHit(memo, form, entry, standing, mention.kind !== 'PERSON' && !elsewhere.has(form.key), documentPlace);
      if (!hit) continue;
      const hits = entries.get(entry) ?? [];
      hits.push(hit);
      entries.set(entry, hits);
    }
  }
  const scored: Scored[] = [];
  for (const [entry, hits] of entries) {
    hits.sort((a, b) => b.score - a.score || ROLE_ORDER[a.form.role] - ROLE_ORDER[b.form.role] || forms.indexOf(a.form) - forms.indexOf(b.form));
    const [best] = hits;
    const features: MatchFeature[] = [{ feature: best.feature, score: round(best.score), detail: best.detail }];
    for (const hit of hits.slice(1)) {
      if (!features.some((f) => f.feature === hit.feature)) features.push({ feature: hit.feature, score: 0, detail: `also: ${hit.detail}` });
    }
    features.push(...adjustments(index, mention, entry, documentPlace, parentId));
    const raw = best.score + features.slice(1).reduce((sum, f) => sum + f.score, 0);
    scored.push({ entry, raw, features });
  }
  scored.sort((a, b) => b.raw - a.raw || compareIds(a.entry.entry.id, b.entry.entry.id));
  const candidates: MatchCandidate[] = scored.slice(0, CANDIDATE_COUNT).map((s) => ({
    id: s.entry.entry.id,
    type: s.entry.entry.type,
    name: s.entry.entry.name,
    score: round(Math.min(1, Math.max(0, s.raw))),
    features: s.features,
  }));
  const [best, next] = scored;
  if (!best || best.raw < MATCH_THRESHOLD) {
    return { key: mention.key, status: 'NEW', match: null, candidates, confidence: round(1 - (best ? Math.min(1, Math.max(0, best.raw)) : 0)) };
  }
  const gap = best.raw - (next?.raw ?? 0);
  if (next && gap < AMBIGUITY_MARGIN) {
    return { key: mention.key, status: 'AMBIGUOUS', match: candidates[0], candidates, confidence: round(0.5 * Math.min(1, best.raw)) };
  }
  // Sure in proportion to the score, less so when the runner-up is close.
  const confidence = Math.min(1, best.raw) * (0.6 + 0.4 * Math.min(1, gap / 0.2));
  return { key: mention.key, status: 'MATCHED', match: candidates[0], candidates, confidence: round(confidence) };
}

/** The features beside the name: the entry's type and kind, the document's place, the parent the document names. */
function adjustments(index: GazetteerIndex, mention: EntityMention, entry: IndexedEntry, documentPlace: string | null, parentId: string | null): MatchFeature[] {
  const out: MatchFeature[] = [];
  const e = entry.entry;
  const own = TYPES[mention.kind][0];
  const kind = mention.kind === 'ORGANIZATION' ? mention.organizationKind : mention.kind === 'PROGRAM' ? mention.programKind : null;
  if (e.type !== own) out.push({ feature: 'KIND', score: ADJUSTMENTS.otherType, detail: `a ${e.type}, the mention reads as ${mention.kind.toLowerCase()}` });
  else if (kind && e.kind) {
    out.push(
      kind === e.kind
        ? { feature: 'KIND', score: ADJUSTMENTS.kindAgrees, detail: `both ${kind}` }
        : { feature: 'KIND', score: ADJUSTMENTS.kindDisagrees, detail: `${e.kind}, the mention reads as ${kind}` },
    );
  }
  if (mention.level && e.level && mention.level !== e.level) {
    out.push({ feature: 'KIND', score: ADJUSTMENTS.levelDisagrees, detail: `level ${e.level}, the mention reads as ${mention.level}` });
  }
  if (documentPlace && ofPlace(entry, documentPlace)) {
    out.push({ feature: 'SAME_CONTEXT', score: ADJUSTMENTS.sameContext, detail: `of ${documentPlace}, where the document is set` });
  }
  if (parentId && e.type === 'Organization') {
    if (e.parentId === parentId) out.push({ feature: 'SAME_PARENT', score: ADJUSTMENTS.sameParent, detail: `under ${parentId}, as the document says` });
    else if (isAbove(index, parentId, e.parentId)) out.push({ feature: 'SAME_PARENT', score: ADJUSTMENTS.underParent, detail: `under ${parentId} at some depth` });
    else if (e.parentId) out.push({ feature: 'SAME_PARENT', score: ADJUSTMENTS.otherParent, detail: `under ${e.parentId}, the document says ${parentId}` });
  }
  return out;
}

/** Whether `ancestor` is `from` or above it (PART_OF as the gazetteer holds the current parents). */
function isAbove(index: GazetteerIndex, ancestor: string, from: string | null): boolean {
  for (let at = from, depth = 0; at && depth < 32; at = index.byId.get(at)?.entry.parentId ?? null, depth += 1) if (at === ancestor) return true;
  return false;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
