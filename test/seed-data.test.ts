import fs from 'node:fs';
import path from 'node:path';
import { hasLostCharacters, normalizeName, stripPinyinAnnotations } from '../src/text/normalize';

// Checks the hand-written seed file on its own, without a database.

const SEED_FILE = path.resolve(__dirname, '../seeds/huainan-womens-federation-2024.json');

// The article is not part of the project (only its facts are), so its length is recorded
// here: 17 lines, ¶1 the title and ¶17 the byline.
const ARTICLE_LINES = 17;
const ARTICLE_SOURCE_ID = 'src-huainan-wf-2024-report';

interface Citation {
  sourceId: string;
  locator: string | null;
}
interface Cited {
  citations: Citation[];
  inferred?: boolean;
  note?: string;
}
interface Named extends Cited {
  id: string;
  name: string;
  aliases: string[];
  contextAliases?: { alias: string; contexts: string[] }[];
  nameEn: string | null;
}
interface Seed {
  sources: { id: string; title: string; kind: string; published: string | null; publisher: string | null; language: string }[];
  people: Named[];
  organizations: (Named & { kind: string; level: string | null; parentId: string | null })[];
  honors: (Named & { level: string | null; conferredByIds: string[]; variantOfId: string | null })[];
  programs: (Named & { kind: string; year: number | null; startDate: string | null; organizerIds: string[]; partnerIds: string[] })[];
  awards: (Cited & { recipientId: string; honorId: string; year: number | null; qualifiers?: { year?: { inferred?: boolean; note?: string } } })[];
  memberships: (Cited & { memberId: string; organizationId: string; role: string | null })[];
  authorships: (Cited & { personId: string; sourceId: string; role: string })[];
  figures: (Cited & { id: string; subjectId: string; metric: string; label: string; value: number; unit: string; approximate: boolean; year: number | null })[];
  repairs: { locator: string; damaged: string; repaired: string; note: string }[];
}

const raw = fs.readFileSync(SEED_FILE, 'utf8');
const seed = JSON.parse(raw) as Seed;

const LEVELS = [null, 'NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY', 'TOWNSHIP', 'VILLAGE'];
const ORGANIZATION_KINDS = [
  'FEDERATION', 'INSTITUTION', 'ALLIANCE', 'STUDIO', 'THREE_NEW_SECTOR', 'GOVERNMENT_BODY',
  'PARTY_BODY', 'ENTERPRISE', 'BANK', 'ASSOCIATION', 'TEAM',
];
const PROGRAM_KINDS = ['CAMPAIGN', 'EVENT', 'TRAINING', 'COMPETITION', 'AGREEMENT', 'SERVICE', 'MEDIA_COLUMN', 'PROJECT'];

const named: Named[] = [...seed.people, ...seed.organizations, ...seed.honors, ...seed.programs];
const entities: (Cited & { id: string })[] = [...named, ...seed.figures];
const edges: Cited[] = [...seed.awards, ...seed.memberships, ...seed.authorships];
const allIds = [...seed.sources, ...entities].map((e) => e.id);
const ids = new Set(allIds);

const byName = <T extends Named>(list: T[], name: string): T => {
  const found = list.filter((e) => e.name === name);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('the seed file', () => {
  it('parses and has every top-level array the loader reads', () => {
    for (const key of ['sources', 'people', 'organizations', 'honors', 'programs', 'awards', 'memberships', 'authorships', 'figures', 'repairs']) {
      expect(Array.isArray((seed as unknown as Record<string, unknown>)[key])).toBe(true);
    }
  });

  it('uses ids that are unique across all arrays and carry their type prefix', () => {
    expect(new Set(allIds).size).toBe(allIds.length);
    const prefixed: [string, { id: string }[]][] = [
      ['src-', seed.sources], ['person-', seed.people], ['org-', seed.organizations],
      ['honor-', seed.honors], ['prog-', seed.programs], ['fig-', seed.figures],
    ];
    for (const [prefix, list] of prefixed) {
      for (const { id } of list) expect(id).toMatch(new RegExp(`^${prefix}[a-z0-9]+(-[a-z0-9]+)*$`));
    }
  });

  it('refers only to ids that exist', () => {
    const refs: string[] = [
      ...seed.organizations.flatMap((o) => (o.parentId ? [o.parentId] : [])),
      ...seed.honors.flatMap((h) => [...h.conferredByIds, ...(h.variantOfId ? [h.variantOfId] : [])]),
      ...seed.programs.flatMap((p) => [...p.organizerIds, ...p.partnerIds]),
      ...seed.awards.flatMap((a) => [a.recipientId, a.honorId]),
      ...seed.memberships.flatMap((m) => [m.memberId, m.organizationId]),
      ...seed.authorships.flatMap((a) => [a.personId, a.sourceId]),
      ...seed.figures.map((f) => f.subjectId),
      ...[...entities, ...edges].flatMap((e) => e.citations.map((c) => c.sourceId)),
    ];
    expect(refs.filter((ref) => !ids.has(ref))).toEqual([]);
  });

  it('points each reference at the right kind of record', () => {
    const orgs = new Set(seed.organizations.map((o) => o.id));
    const honors = new Set(seed.honors.map((h) => h.id));
    const sources = new Set(seed.sources.map((s) => s.id));
    for (const o of seed.organizations) if (o.parentId) expect(orgs.has(o.parentId)).toBe(true);
    for (const h of seed.honors) {
      for (const org of h.conferredByIds) expect(orgs.has(org)).toBe(true);
      if (h.variantOfId) expect(honors.has(h.variantOfId)).toBe(true);
    }
    for (const p of seed.programs) for (const org of [...p.organizerIds, ...p.partnerIds]) expect(orgs.has(org)).toBe(true);
    for (const a of seed.awards) expect(honors.has(a.honorId)).toBe(true);
    for (const a of seed.authorships) expect(sources.has(a.sourceId)).toBe(true);
    for (const e of [...entities, ...edges]) for (const c of e.citations) expect(sources.has(c.sourceId)).toBe(true);
  });

  it('uses only the kinds and levels the schema knows', () => {
    for (const o of seed.organizations) {
      expect(ORGANIZATION_KINDS).toContain(o.kind);
      expect(LEVELS).toContain(o.level);
    }
    for (const h of seed.honors) expect(LEVELS).toContain(h.level);
    for (const p of seed.programs) {
      expect(PROGRAM_KINDS).toContain(p.kind);
      if (p.startDate !== null) expect(p.startDate).toMatch(/^\d{4}(-\d{2}){0,2}$/);
    }
    for (const s of seed.sources) {
      expect(s.kind).toBe('NEWS_REPORT');
      expect(s.published).toMatch(/^\d{4}(-\d{2})?$/);
    }
  });
});

describe('names', () => {
  it('are canonical: simplified, undamaged and already normalized', () => {
    const off = named.filter((e) => normalizeName(e.name) !== e.name).map((e) => `${e.id}: ${e.name}`);
    expect(off).toEqual([]);
  });

  it('and aliases carry no pinyin annotations and no lost characters', () => {
    const texts = named.flatMap((e) => [e.name, ...e.aliases]).concat(seed.sources.map((s) => s.title));
    for (const text of texts) {
      expect(stripPinyinAnnotations(text)).toBe(text);
      expect(hasLostCharacters(text)).toBe(false);
      expect(text.trim()).toBe(text);
    }
  });

  it('never repeat the canonical name among the aliases', () => {
    for (const e of named) expect(e.aliases).not.toContain(e.name);
    for (const e of named) expect(new Set(e.aliases).size).toBe(e.aliases.length);
  });

  it('identify one entity each, so a short form such as 市妇联 is unambiguous', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of named) {
      const bound = (e.contextAliases ?? []).map((b) => b.alias);
      for (const key of new Set([e.name, ...e.aliases, ...bound].map((n) => normalizeName(n)))) {
        const other = owner.get(key);
        if (other && other !== e.id) clashes.push(`${key}: ${other} / ${e.id}`);
        owner.set(key, e.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('bind the bare 妇联 to Huainan, on the municipal federation only, and keep it out of the global aliases', () => {
    const holders = named.filter((e) => (e.contextAliases ?? []).some((b) => normalizeName(b.alias) === '妇联'));
    expect(holders.map((e) => e.id)).toEqual(['org-huainan-wf']);
    expect(named.filter((e) => e.aliases.map((a) => normalizeName(a)).includes('妇联'))).toEqual([]);
    const [bound] = holders[0].contextAliases!.filter((b) => b.alias === '妇联');
    expect(bound.contexts).toEqual(expect.arrayContaining(['place:淮南', 'source:src-huainan-wf-2024-report', 'org:org-huainan-wf']));
  });

  it('bind every alias that drops the place its name carries (seeds/README.md), and only those', () => {
    const places = ['淮南', '安徽'];
    for (const e of named) {
      const place = places.find((p) => e.name.includes(p));
      const dropsPlace = (alias: string) => place != null && !places.some((p) => alias.includes(p));
      expect(e.aliases.filter(dropsPlace)).toEqual([]);
      for (const b of e.contextAliases ?? []) {
        expect(dropsPlace(b.alias)).toBe(true);
        expect(b.contexts).toContain(`place:${place}`);
        for (const c of b.contexts) expect(c).toMatch(/^(place|org|source):.+$/);
      }
    }
  });
});

describe('the organization hierarchy', () => {
  it('has no cycles', () => {
    const parent = new Map(seed.organizations.map((o) => [o.id, o.parentId]));
    for (const o of seed.organizations) {
      const seen = new Set<string>();
      let at: string | null | undefined = o.id;
      while (at) {
        expect(seen.has(at)).toBe(false);
        seen.add(at);
        at = parent.get(at);
      }
    }
  });

  it('runs from the municipal federation up to the All-China Women’s Federation', () => {
    const parentOf = (id: string) => seed.organizations.find((o) => o.id === id)?.parentId;
    expect(parentOf('org-huainan-wf')).toBe('org-anhui-wf');
    expect(parentOf('org-anhui-wf')).toBe('org-acwf');
    expect(parentOf('org-huainan-court-litigation-center')).toBe('org-huainan-intermediate-court');
    expect(parentOf('org-huainan-sanba-alliance')).toBe('org-huainan-wf');
    expect(parentOf('org-huainan-wf-lecture-team')).toBe('org-huainan-wf');
    expect(parentOf('org-huishang-bank-huainan')).toBe('org-huishang-bank');
  });

  it('has no invented studios or three-new-sector organizations; those are counted in figures', () => {
    expect(seed.organizations.filter((o) => o.kind === 'STUDIO' || o.kind === 'THREE_NEW_SECTOR')).toEqual([]);
  });
});

describe('citations', () => {
  it('back every entity and every edge with a locator inside the article', () => {
    for (const e of [...entities, ...edges]) {
      expect(e.citations.length).toBeGreaterThan(0);
      for (const c of e.citations) {
        expect(c.locator).toMatch(/^¶\d+$/);
        const line = Number(c.locator!.slice(1));
        expect(line).toBeGreaterThanOrEqual(1);
        expect(line).toBeLessThanOrEqual(ARTICLE_LINES);
      }
    }
  });

  it('give a reason whenever a fact is inferred', () => {
    for (const e of [...seed.organizations, ...seed.honors, ...seed.awards]) {
      if (e.inferred) expect(e.note?.length ?? 0).toBeGreaterThan(10);
    }
  });

  it('list each repaired lost character with its locator', () => {
    expect(seed.repairs.length).toBeGreaterThanOrEqual(4);
    for (const r of seed.repairs) {
      expect(r.locator).toMatch(/^¶\d+$/);
      expect(hasLostCharacters(r.damaged)).toBe(true);
      expect(hasLostCharacters(r.repaired)).toBe(false);
      expect(r.note.length).toBeGreaterThan(10);
    }
    expect(seed.repairs.map((r) => r.repaired)).toEqual(expect.arrayContaining(['勇担当', '基层妇联', '见证幸福”2024']));
  });
});

describe("the article's facts", () => {
  it('the litigation service center of the intermediate court received 全国三八红旗集体', () => {
    const center = byName(seed.organizations, '淮南市中级人民法院诉讼服务中心');
    const honor = byName(seed.honors, '全国三八红旗集体');
    expect(seed.awards.filter((a) => a.recipientId === center.id).map((a) => a.honorId)).toEqual([honor.id]);
    expect(honor.level).toBe('NATIONAL');
    expect(honor.variantOfId).toBe(byName(seed.honors, '三八红旗集体').id);
  });

  it('the municipal federation received exactly its three honors (stated), dated 2024 by inference (the year)', () => {
    const federation = byName(seed.organizations, '淮南市妇女联合会');
    const awards = seed.awards.filter((a) => a.recipientId === federation.id);
    const names = awards.map((a) => seed.honors.find((h) => h.id === a.honorId)!.name).sort();
    expect(names).toEqual(['市委市政府目标管理绩效考核先进单位', '省三八红旗集体', '省妇联系统目标管理考核创新奖'].sort());
    for (const a of awards) {
      expect(a.year).toBe(2024);
      expect(a.inferred ?? false).toBe(false);
      expect(a.qualifiers?.year?.inferred).toBe(true);
      expect(a.qualifiers?.year?.note?.length ?? 0).toBeGreaterThan(10);
    }
  });

  it('the provincial red-banner collective is a variant of the generic title', () => {
    expect(byName(seed.honors, '省三八红旗集体').variantOfId).toBe(byName(seed.honors, '三八红旗集体').id);
  });

  it('何婷婷 reported the article', () => {
    const reporter = byName(seed.people, '何婷婷');
    expect(seed.authorships).toContainEqual(
      expect.objectContaining({ personId: reporter.id, sourceId: ARTICLE_SOURCE_ID, role: 'REPORTER' }),
    );
  });

  it('the source is cited by title and year only', () => {
    const [source] = seed.sources;
    expect(source.id).toBe(ARTICLE_SOURCE_ID);
    expect(source.title).toContain('巾帼力量勇担当');
    expect(source.published).toMatch(/^2025/);
  });

  it('figures hold the counts: 31 studios, 2855 three-new-sector federations, 151 honorees, 4542 caring mothers', () => {
    const value = (metric: string, subjectId: string) =>
      seed.figures.find((f) => f.metric === metric && f.subjectId === subjectId)?.value;
    expect(value('pacesetter_studios_established', 'org-huainan-wf')).toBe(31);
    expect(value('three_new_sector_federations_established', 'org-huainan-wf')).toBe(2855);
    expect(value('honorees_selected', 'org-huainan-wf')).toBe(151);
    expect(value('caring_mothers_recruited', 'prog-caring-mothers')).toBe(4542);
    expect(value('women_placed_in_jobs', 'prog-nuanminxin-employment')).toBe(2777);
    expect(value('screening_visits', 'prog-family-dispute-screening')).toBe(7884);
    expect(value('startup_support_funds_used', 'org-huainan-wf')).toBe(1390000);
  });

  it('figures are numbers in base units, marked approximate only where the article says more than', () => {
    for (const f of seed.figures) {
      expect(Number.isFinite(f.value)).toBe(true);
      expect(f.metric).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
      expect(typeof f.approximate).toBe('boolean');
      expect(f.label).not.toMatch(/[。，；！]/);
    }
    const funds = seed.figures.find((f) => f.id === 'fig-startup-funds')!;
    expect(funds).toMatchObject({ unit: 'CNY', approximate: true });
  });
});
