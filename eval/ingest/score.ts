/**
 * The scorer of the ingest evaluation (eval/ingest/README.md, "Scoring"): the facts a careful
 * reader expects from a document against what the analysis proposes, per kind, with the misses
 * and the extras, and the separately scored shares. Pure: no file, no database.
 */
import { Analysis, EntityMention, MentionKind, MentionMatch, Span } from '../../src/ingest/ingest.model';
import { normalizeName } from '../../src/text/normalize';

// ---- the expected facts (eval/ingest/README.md, "Expected facts") -------------------------

export interface ExpectedRepair { damaged: string; repaired: string; locator: string; note?: string }
interface Located { locator: string; alsoAt?: string[]; note?: string }
interface ExpectedEntity extends Located { key: string; name: string; matches: string | null }
export interface ExpectedOrganization extends ExpectedEntity {
  shortForms: string[];
  kind: string;
  level: string | null;
  parent: string | null;
  parentStated: boolean;
}
export type ExpectedPerson = ExpectedEntity;
export interface ExpectedHonor extends ExpectedEntity { level: string | null; conferredBy: string | null; variantOf?: string | null; shortForms?: string[] }
export interface ExpectedProgram extends Omit<ExpectedEntity, 'matches'> {
  kind: string;
  organizers: string[];
  partners: string[];
  year: number | null;
  matches?: string | null;
  shortForms?: string[];
}
export interface ExpectedAward extends Located { recipient: string; honor: string; year: number | null; yearStated: boolean }
export interface ExpectedMembership { member: string; organization: string; role: string | null; locator: string; alsoAt?: string[] }
export interface ExpectedProgramLink { program: string; organization: string; role: 'ORGANIZER' | 'PARTNER'; locator: string; alsoAt?: string[]; note?: string }
export interface ExpectedFigure extends Located { value: number; unit: string; approximate: boolean; counts: string; subject: string | null }

export interface ExpectedFactSet {
  repairs: ExpectedRepair[];
  organizations: ExpectedOrganization[];
  people: ExpectedPerson[];
  honors: ExpectedHonor[];
  awards: ExpectedAward[];
  memberships: ExpectedMembership[];
  programs: ExpectedProgram[];
  figures: ExpectedFigure[];
  /** Program links beyond the programs' organizers and partners (used for optional links). */
  programLinks?: ExpectedProgramLink[];
}

export interface ExpectedFacts extends ExpectedFactSet {
  document: string;
  date: string | null;
  place: string | null;
  note?: string;
  /**
   * Facts not required (the seed marks them inferred, such as a body the text never names): left
   * out of recall; a proposal that matches one is reported as found, not as an extra.
   */
  optional?: Partial<ExpectedFactSet>;
}

// ---- the score ----------------------------------------------------------------------------

export const SCORE_KINDS = ['organizations', 'people', 'honors', 'awards', 'memberships', 'programs', 'programLinks', 'figures', 'repairs'] as const;
export type ScoreKind = (typeof SCORE_KINDS)[number];

export const SHARE_NAMES = ['locator', 'matches', 'parent', 'parentStated', 'yearStated', 'kind', 'level', 'conferredBy'] as const;
export type ShareName = (typeof SHARE_NAMES)[number];

/** A fact named for the report: a miss (expected, not proposed) or an extra (proposed, not expected). */
export interface ScoredItem { kind: ScoreKind; label: string; locator: string | null }

export interface KindScore {
  expected: number;
  proposed: number;
  /** Expected facts found (each expected fact matches at most one proposed item). */
  matched: number;
  /** matched / (proposed − optionalFound); null when nothing was proposed. */
  precision: number | null;
  /** matched / expected; null when nothing is expected. */
  recall: number | null;
  misses: ScoredItem[];
  extras: ScoredItem[];
  optionalExpected: number;
  optionalFound: number;
}

/** right of `of` matched items agree on this field; the failures are named. */
export interface Share { right: number; of: number; wrong: string[] }

export interface EntityPair { kind: ScoreKind; expectedKey: string; proposedKey: string; optional: boolean }

export interface DocumentScore {
  document: string;
  kinds: Record<ScoreKind, KindScore>;
  shares: Record<ShareName, Share>;
  /** Which proposed mention stands for which expected entity. */
  entities: EntityPair[];
}

export interface ScoreOptions {
  /**
   * 'seeded' (default): `matches` is right when a mention is MATCHED to the expected seed id, or NEW
   * when that is null. 'empty': the graph is empty, so every mention is right only as NEW.
   */
  graph?: 'seeded' | 'empty';
}

const MENTION_KIND: Partial<Record<ScoreKind, MentionKind>> = {
  organizations: 'ORGANIZATION',
  people: 'PERSON',
  honors: 'HONOR',
  programs: 'PROGRAM',
};
const ENTITY_KINDS = ['organizations', 'people', 'honors', 'programs'] as const;
type EntityKind = (typeof ENTITY_KINDS)[number];

const norm = (s: string | null | undefined): string | null => (s == null ? null : normalizeName(s));

/**
 * Finer figure units (the seed's) compared as the README's unit they count in: copies, couples
 * and cases are counts, visits are events. Other units compare as themselves.
 */
export const UNIT_CLASS: Record<string, string> = { copy: 'count', couple: 'count', case: 'count', visit: 'event' };
export const unitClass = (unit: string): string => UNIT_CLASS[unit] ?? unit;

/** Each expected item paired with at most one proposed item: tests in order (the first is the best fit). */
function pair<E, P>(expected: E[], proposed: P[], tests: ((e: E, p: P) => boolean)[]): { pairs: [E, P][]; missed: E[]; left: P[] } {
  const used = new Set<number>();
  const found = new Map<number, number>();
  for (const test of tests) {
    expected.forEach((e, i) => {
      if (found.has(i)) return;
      const j = proposed.findIndex((p, k) => !used.has(k) && test(e, p));
      if (j >= 0) {
        used.add(j);
        found.set(i, j);
      }
    });
  }
  return {
    pairs: [...found].sort((a, b) => a[0] - b[0]).map(([i, j]) => [expected[i], proposed[j]]),
    missed: expected.filter((_, i) => !found.has(i)),
    left: proposed.filter((_, k) => !used.has(k)),
  };
}

/**
 * Two repaired stretches of one line tell of the same repair: no lost character left in the
 * proposed one, and one contains the other or they overlap by two characters or more
 * (见证幸福”2024 and 2024年).
 */
function overlaps(expected: string, proposed: string): boolean {
  if (!proposed || proposed.includes('?')) return false;
  if (expected.includes(proposed) || proposed.includes(expected)) return true;
  for (let n = Math.min(expected.length, proposed.length) - 1; n >= 2; n--) {
    if (expected.endsWith(proposed.slice(0, n)) || proposed.endsWith(expected.slice(0, n))) return true;
  }
  return false;
}

function ratio(n: number, d: number): number | null {
  return d === 0 ? null : n / d;
}

interface Scored<E, P> { pairs: [E, P][]; optionalPairs: [E, P][]; misses: E[]; extras: P[] }

/** Required first, then what is left of the proposals against the optional facts. */
function scoreKind<E, P>(required: E[], optional: E[], proposed: P[], tests: ((e: E, p: P) => boolean)[]): Scored<E, P> {
  const main = pair(required, proposed, tests);
  const extra = pair(optional, main.left, tests);
  return { pairs: main.pairs, optionalPairs: extra.pairs, misses: main.missed, extras: extra.left };
}

function kindScore<E, P>(kind: ScoreKind, s: Scored<E, P>, optionalExpected: number, labelE: (e: E) => ScoredItem, labelP: (p: P) => ScoredItem): KindScore {
  const proposed = s.pairs.length + s.optionalPairs.length + s.extras.length;
  const expected = s.pairs.length + s.misses.length;
  return {
    expected,
    proposed,
    matched: s.pairs.length,
    precision: ratio(s.pairs.length, proposed - s.optionalPairs.length),
    recall: ratio(s.pairs.length, expected),
    misses: s.misses.map((e) => ({ ...labelE(e), kind })),
    extras: s.extras.map((p) => ({ ...labelP(p), kind })),
    optionalExpected,
    optionalFound: s.optionalPairs.length,
  };
}

/** The program links of a set: each organizer and partner of each program, and the explicit ones. */
export function programLinksOf(set: Partial<ExpectedFactSet>): ExpectedProgramLink[] {
  const links: ExpectedProgramLink[] = [];
  for (const p of set.programs ?? []) {
    const at = { locator: p.locator, alsoAt: p.alsoAt };
    for (const o of p.organizers) links.push({ program: p.key, organization: o, role: 'ORGANIZER', ...at });
    for (const o of p.partners) links.push({ program: p.key, organization: o, role: 'PARTNER', ...at });
  }
  return [...links, ...(set.programLinks ?? [])];
}

const locatorOf = (spans: Span[] | Span | undefined): string | null =>
  Array.isArray(spans) ? (spans[0]?.locator ?? null) : (spans?.locator ?? null);

/** Scores one document's analysis against its expected facts. */
export function scoreAnalysis(expected: ExpectedFacts, analysis: Analysis, options: ScoreOptions = {}): DocumentScore {
  const graph = options.graph ?? 'seeded';
  const x = analysis.extraction;
  const opt = expected.optional ?? {};
  const kinds = {} as Record<ScoreKind, KindScore>;
  const shares = Object.fromEntries(SHARE_NAMES.map((n) => [n, { right: 0, of: 0, wrong: [] as string[] }])) as Record<ShareName, Share>;
  const check = (name: ShareName, right: boolean, what: string) => {
    shares[name].of += 1;
    if (right) shares[name].right += 1;
    else shares[name].wrong.push(what);
  };
  const checkLocator = (e: { locator: string; alsoAt?: string[] }, found: string | null, what: string) =>
    check('locator', found !== null && (found === e.locator || (e.alsoAt ?? []).includes(found)), `${what}: ${found ?? 'no locator'}, expected ${[e.locator, ...(e.alsoAt ?? [])].join('/')}`);

  // Entities first: the facts refer to them by key.
  const expectedName = new Map<string, string>();
  const proposedName = new Map(x.entities.map((e) => [e.key, e.name]));
  const toExpected = new Map<string, string>(); // proposed key → expected key
  const entities: EntityPair[] = [];
  const matchOf = new Map<string, MentionMatch>(analysis.matches.map((m) => [m.key, m]));
  const entityScores = {} as Record<EntityKind, Scored<ExpectedEntity & { shortForms?: string[] }, EntityMention>>;

  for (const kind of ENTITY_KINDS) {
    const required = (expected[kind] ?? []) as (ExpectedEntity & { shortForms?: string[] })[];
    const optional = (opt[kind] ?? []) as (ExpectedEntity & { shortForms?: string[] })[];
    for (const e of [...required, ...optional]) expectedName.set(e.key, e.name);
    const proposed = x.entities.filter((m) => m.kind === MENTION_KIND[kind]);
    const s = scoreKind(required, optional, proposed, [
      (e, p) => norm(p.name) === norm(e.name),
      (e, p) => (e.shortForms ?? []).some((f) => norm(f) === norm(p.name)),
    ]);
    entityScores[kind] = s;
    for (const [pairs, isOptional] of [[s.pairs, false], [s.optionalPairs, true]] as const) {
      for (const [e, p] of pairs) {
        toExpected.set(p.key, e.key);
        entities.push({ kind, expectedKey: e.key, proposedKey: p.key, optional: isOptional });
      }
    }
    kinds[kind] = kindScore(kind, s, optional.length, (e) => ({ kind, label: e.name, locator: e.locator }), (p) => ({ kind, label: p.name, locator: locatorOf(p.spans) }));
  }

  const mapped = (proposedKey: string | null | undefined) => (proposedKey == null ? null : (toExpected.get(proposedKey) ?? `?${proposedKey}`));
  const eName = (key: string | null) => (key == null ? '—' : (expectedName.get(key) ?? key));
  const pName = (key: string | null) => (key == null ? '—' : (proposedName.get(key) ?? key));

  // Shares of the matched entities.
  for (const kind of ENTITY_KINDS) {
    for (const [e, p] of entityScores[kind].pairs) {
      checkLocator(e, locatorOf(p.spans), e.name);
      const want = graph === 'empty' ? null : (e.matches ?? null);
      const m = matchOf.get(p.key);
      const right = want === null ? m?.status === 'NEW' : m?.status === 'MATCHED' && m.match?.id === want;
      check('matches', right, `${e.name}: ${m ? `${m.status}${m.match ? ` ${m.match.id}` : ''}` : 'no match decision'}, expected ${want ?? 'NEW'}`);
      if (kind === 'organizations') {
        const o = e as unknown as ExpectedOrganization;
        check('kind', (p.organizationKind ?? null) === o.kind, `${o.name}: kind ${p.organizationKind ?? '—'}, expected ${o.kind}`);
        check('level', (p.level ?? null) === o.level, `${o.name}: level ${p.level ?? '—'}, expected ${o.level ?? '—'}`);
        if (o.parent) {
          const link = x.hierarchy.find((h) => h.childKey === p.key && mapped(h.parentKey) === o.parent);
          check('parent', !!link, `${o.name}: parent ${x.hierarchy.filter((h) => h.childKey === p.key).map((h) => pName(h.parentKey)).join('/') || '—'}, expected ${eName(o.parent)}`);
          if (link) check('parentStated', link.stated === o.parentStated, `${o.name}: parent ${link.stated ? 'stated' : 'inferred'}, expected ${o.parentStated ? 'stated' : 'inferred'}`);
        }
      } else if (kind === 'honors') {
        const h = e as unknown as ExpectedHonor;
        check('level', (p.level ?? null) === h.level, `${h.name}: level ${p.level ?? '—'}, expected ${h.level ?? '—'}`);
        check('conferredBy', (p.conferredByKey == null ? null : mapped(p.conferredByKey)) === h.conferredBy, `${h.name}: conferred by ${pName(p.conferredByKey ?? null)}, expected ${eName(h.conferredBy)}`);
      } else if (kind === 'programs') {
        const g = e as unknown as ExpectedProgram;
        check('kind', (p.programKind ?? null) === g.kind, `${g.name}: kind ${p.programKind ?? '—'}, expected ${g.kind}`);
      }
    }
  }

  // Awards.
  {
    const s = scoreKind(expected.awards, opt.awards ?? [], x.awards, [
      (e, p) => mapped(p.recipientKey) === e.recipient && mapped(p.honorKey) === e.honor && (p.year ?? null) === e.year,
    ]);
    for (const [e, p] of s.pairs) {
      const what = `${eName(e.recipient)} ← ${eName(e.honor)}`;
      checkLocator(e, p.span.locator, what);
      check('yearStated', p.yearStated === e.yearStated, `${what}: year ${p.yearStated ? 'stated' : 'inferred'}, expected ${e.yearStated ? 'stated' : 'inferred'}`);
    }
    kinds.awards = kindScore('awards', s, (opt.awards ?? []).length,
      (e) => ({ kind: 'awards', label: `${eName(e.recipient)} ← ${eName(e.honor)} ${e.year ?? '(no year)'}`, locator: e.locator }),
      (p) => ({ kind: 'awards', label: `${pName(p.recipientKey)} ← ${pName(p.honorKey)} ${p.year ?? '(no year)'}`, locator: p.span.locator }));
  }

  // Memberships.
  {
    const s = scoreKind(expected.memberships, opt.memberships ?? [], x.memberships, [
      (e, p) => mapped(p.memberKey) === e.member && mapped(p.organizationKey) === e.organization && norm(p.role) === norm(e.role),
    ]);
    for (const [e, p] of s.pairs) checkLocator(e, p.span.locator, `${eName(e.member)} @ ${eName(e.organization)}`);
    kinds.memberships = kindScore('memberships', s, (opt.memberships ?? []).length,
      (e) => ({ kind: 'memberships', label: `${eName(e.member)} @ ${eName(e.organization)} ${e.role ?? '(no role)'}`, locator: e.locator }),
      (p) => ({ kind: 'memberships', label: `${pName(p.memberKey)} @ ${pName(p.organizationKey)} ${p.role ?? '(no role)'}`, locator: p.span.locator }));
  }

  // Program links: each organizer and partner its own item.
  {
    const optionalLinks = programLinksOf(opt);
    const s = scoreKind(programLinksOf(expected), optionalLinks, x.programLinks, [
      (e, p) => mapped(p.programKey) === e.program && mapped(p.organizationKey) === e.organization && p.role === e.role,
    ]);
    for (const [e, p] of s.pairs) checkLocator(e, p.span.locator, `${eName(e.program)} ${e.role} ${eName(e.organization)}`);
    kinds.programLinks = kindScore('programLinks', s, optionalLinks.length,
      (e) => ({ kind: 'programLinks', label: `${eName(e.program)} ${e.role} ${eName(e.organization)}`, locator: e.locator }),
      (p) => ({ kind: 'programLinks', label: `${pName(p.programKey)} ${p.role} ${pName(p.organizationKey)}`, locator: p.span.locator }));
  }

  // Figures.
  {
    const s = scoreKind(expected.figures, opt.figures ?? [], x.figures, [
      (e, p) => Math.abs(p.value - e.value) < 1e-6 && unitClass(p.unit) === unitClass(e.unit) && p.approximate === e.approximate && mapped(p.subjectKey) === e.subject,
    ]);
    for (const [e, p] of s.pairs) checkLocator(e, p.span.locator, `${e.value} ${e.unit}`);
    kinds.figures = kindScore('figures', s, (opt.figures ?? []).length,
      (e) => ({ kind: 'figures', label: `${e.approximate ? '≈' : ''}${e.value} ${e.unit} (${e.counts}; of ${eName(e.subject)})`, locator: e.locator }),
      (p) => ({ kind: 'figures', label: `${p.approximate ? '≈' : ''}${p.value} ${p.unit} (${p.label}; of ${pName(p.subjectKey)})`, locator: p.span.locator }));
  }

  // Repairs of lost characters.
  {
    const proposed = analysis.document.repairs.filter((r) => r.kind === 'LOST_CHARACTER');
    const same = (e: ExpectedRepair, p: (typeof proposed)[number]) => p.locator === e.locator && overlaps(norm(e.repaired)!, norm(p.repaired)!);
    const s = scoreKind(expected.repairs, opt.repairs ?? [], proposed, [(e, p) => p.locator === e.locator && norm(p.repaired) === norm(e.repaired), same]);
    // A repair reported in parts (勇?lián)?dāng) as two lost characters): the further parts of a found one are no extras.
    const parts = s.extras.filter((p) => s.pairs.some(([e]) => same(e, p)));
    s.optionalPairs.push(...parts.map((p): [ExpectedRepair, typeof p] => [s.pairs.find(([e]) => same(e, p))![0], p]));
    s.extras = s.extras.filter((p) => !parts.includes(p));
    for (const [e, p] of s.pairs) checkLocator(e, p.locator, e.repaired);
    kinds.repairs = kindScore('repairs', s, (opt.repairs ?? []).length,
      (e) => ({ kind: 'repairs', label: `${e.damaged} → ${e.repaired}`, locator: e.locator }),
      (p) => ({ kind: 'repairs', label: `${p.damaged} → ${p.repaired}`, locator: p.locator }));
  }

  return { document: expected.document, kinds, shares, entities };
}

// ---- summing ------------------------------------------------------------------------------

export interface SummedScore {
  kinds: Record<ScoreKind, KindScore>;
  shares: Record<ShareName, Share>;
}

/** The set's score: counts summed per kind (precision and recall recomputed), misses and extras with their document. */
export function sumScores(scores: DocumentScore[]): SummedScore {
  const kinds = {} as Record<ScoreKind, KindScore>;
  for (const kind of SCORE_KINDS) {
    const all = scores.map((s) => s.kinds[kind]);
    const sum = (f: (k: KindScore) => number) => all.reduce((n, k) => n + f(k), 0);
    const tag = (doc: string, items: ScoredItem[]) => items.map((i) => ({ ...i, label: `${doc}: ${i.label}` }));
    const matched = sum((k) => k.matched);
    const proposed = sum((k) => k.proposed);
    const optionalFound = sum((k) => k.optionalFound);
    kinds[kind] = {
      expected: sum((k) => k.expected),
      proposed,
      matched,
      precision: ratio(matched, proposed - optionalFound),
      recall: ratio(matched, sum((k) => k.expected)),
      misses: scores.flatMap((s) => tag(s.document, s.kinds[kind].misses)),
      extras: scores.flatMap((s) => tag(s.document, s.kinds[kind].extras)),
      optionalExpected: sum((k) => k.optionalExpected),
      optionalFound,
    };
  }
  const shares = Object.fromEntries(
    SHARE_NAMES.map((n) => [
      n,
      {
        right: scores.reduce((a, s) => a + s.shares[n].right, 0),
        of: scores.reduce((a, s) => a + s.shares[n].of, 0),
        wrong: scores.flatMap((s) => s.shares[n].wrong.map((w) => `${s.document}: ${w}`)),
      },
    ]),
  ) as Record<ShareName, Share>;
  return { kinds, shares };
}
