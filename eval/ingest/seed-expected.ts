/**
 * The seed article's expected facts, derived from its seed file (seeds/huainan-womens-federation-2024.json)
 * in the format of eval/ingest/README.md: what the article states is required; what the seed marks
 * inferred (an entity or link with `inferred: true`, or a fact resting on such an entity) is optional.
 * Locators are the seed's citations; `alsoAt` adds every other line of the article that writes the
 * name or one of its forms, and `shortForms` are the seed's aliases the article writes. The article
 * is read, never copied.
 */
import { SeedFile } from '../../src/seed/seed-file';
import { normalizeName } from '../../src/text/normalize';
import {
  ExpectedAward,
  ExpectedFactSet,
  ExpectedFacts,
  ExpectedFigure,
  ExpectedHonor,
  ExpectedOrganization,
  ExpectedPerson,
  ExpectedProgram,
  ExpectedProgramLink,
  ExpectedRepair,
} from './score';

/** Figure units that count no thing (连续四年, 连续14年: a duration): such figures are optional. */
const DURATION_UNITS = new Set(['year']);

/**
 * Written forms the seed has no alias for: the programs whose seed name is descriptive, as the
 * article writes them (a fact stated without a title).
 */
const WRITTEN_FORMS: Record<string, string[]> = {
  'prog-huishang-bank-agreement': ['战略合作框架协议'],
};

type Cited = { citations: { locator: string | null }[] };

function locators(c: Cited): string[] {
  return [...new Set(c.citations.map((x) => x.locator).filter((l): l is string => !!l))];
}

export function seedExpected(seed: SeedFile, articleText: string, document: string): ExpectedFacts {
  const lines = articleText.replace(/\r\n?/g, '\n').split('\n').map((line) => normalizeName(line));
  const linesWriting = (forms: string[]) =>
    lines.flatMap((line, i) => (forms.some((f) => f && line.includes(normalizeName(f))) ? [`¶${i + 1}`] : []));

  const inferredIds = new Set<string>([...seed.organizations, ...seed.people, ...seed.honors, ...seed.programs].filter((e) => e.inferred).map((e) => e.id));
  const required: ExpectedFactSet = { repairs: [], organizations: [], people: [], honors: [], awards: [], memberships: [], programs: [], figures: [], programLinks: [] };
  const optional: ExpectedFactSet = { repairs: [], organizations: [], people: [], honors: [], awards: [], memberships: [], programs: [], figures: [], programLinks: [] };
  const setOf = (inferred: boolean) => (inferred ? optional : required);

  /** key, name, forms written, locator (first citation) and alsoAt (other citations and lines writing it). */
  const named = (e: { id: string; name: string; aliases?: string[]; contextAliases?: { alias: string }[] } & Cited) => {
    const name = normalizeName(e.name);
    const aliases = [...(e.aliases ?? []), ...(e.contextAliases ?? []).map((a) => a.alias), ...(WRITTEN_FORMS[e.id] ?? [])].map(normalizeName);
    const shortForms = [...new Set(aliases)].filter((a) => a !== name && linesWriting([a]).length > 0);
    const [locator = '¶1', ...cited] = locators(e);
    const alsoAt = [...new Set([...cited, ...linesWriting([name, ...shortForms])])].filter((l) => l !== locator);
    return { key: e.id, name, shortForms, locator, alsoAt, matches: e.id };
  };

  for (const o of seed.organizations) {
    const parent = o.parentId && seed.organizations.some((p) => p.id === o.parentId) ? o.parentId : null;
    const org: ExpectedOrganization = {
      ...named(o),
      kind: o.kind,
      level: o.level ?? null,
      parent,
      parentStated: parent !== null && !o.parentLink?.inferred,
      note: o.note ?? undefined,
    };
    setOf(!!o.inferred).organizations.push(org);
  }
  for (const p of seed.people) {
    const { shortForms: _forms, ...person } = named(p);
    setOf(!!p.inferred).people.push(person as ExpectedPerson);
  }
  for (const h of seed.honors) {
    const stated = (h.conferredByIds ?? []).filter((id) => !h.conferrerLinks?.[id]?.inferred && !inferredIds.has(id));
    const honor: ExpectedHonor = { ...named(h), level: h.level ?? null, conferredBy: stated[0] ?? null, variantOf: h.variantOfId ?? null };
    setOf(!!h.inferred).honors.push(honor);
  }
  for (const g of seed.programs) {
    const program: ExpectedProgram = { ...named(g), kind: g.kind, organizers: [], partners: [], year: g.year ?? null };
    const links = [
      ...(g.organizerIds ?? []).map((id) => ({ id, role: 'ORGANIZER' as const, inferred: g.organizerLinks?.[id]?.inferred })),
      ...(g.partnerIds ?? []).map((id) => ({ id, role: 'PARTNER' as const, inferred: g.partnerLinks?.[id]?.inferred })),
    ];
    for (const link of links) {
      if (!g.inferred && !link.inferred && !inferredIds.has(link.id)) {
        (link.role === 'ORGANIZER' ? program.organizers : program.partners).push(link.id);
      } else {
        const optionalLink: ExpectedProgramLink = { program: g.id, organization: link.id, role: link.role, locator: program.locator, alsoAt: program.alsoAt };
        optional.programLinks!.push(optionalLink);
      }
    }
    setOf(!!g.inferred).programs.push(program);
  }
  for (const a of seed.awards) {
    const [locator = '¶1', ...alsoAt] = locators(a);
    const award: ExpectedAward = { recipient: a.recipientId, honor: a.honorId, year: a.year ?? null, yearStated: a.year != null && !a.qualifiers?.year?.inferred, locator, alsoAt };
    setOf(!!a.inferred || inferredIds.has(a.recipientId) || inferredIds.has(a.honorId)).awards.push(award);
  }
  for (const m of seed.memberships) {
    const [locator = '¶1', ...alsoAt] = locators(m);
    setOf(!!m.inferred || inferredIds.has(m.memberId) || inferredIds.has(m.organizationId)).memberships.push({
      member: m.memberId,
      organization: m.organizationId,
      role: m.role ?? null,
      locator,
      alsoAt,
    });
  }
  for (const f of seed.figures) {
    const [locator = '¶1', ...alsoAt] = locators(f);
    // The seed's own unit: the scorer compares copy/couple/case as counts and visits as events (score.ts UNIT_CLASS).
    const figure: ExpectedFigure = { value: f.value, unit: f.unit, approximate: !!f.approximate, counts: f.label, subject: f.subjectId, locator, alsoAt };
    setOf(!!f.inferred || DURATION_UNITS.has(f.unit) || inferredIds.has(f.subjectId)).figures.push(figure);
  }
  for (const r of seed.repairs ?? []) {
    const repair: ExpectedRepair = { damaged: r.damaged, repaired: normalizeName(r.repaired), locator: r.locator, note: r.note };
    required.repairs.push(repair);
  }

  const source = seed.sources[0];
  return {
    document,
    date: source?.published ?? null,
    place: '淮南市',
    note: `Derived from the seed file by eval/ingest/seed-expected.ts; optional: what the seed marks inferred.`,
    ...required,
    optional,
  };
}
