/**
 * The ingest evaluation's scorer (eval/ingest/score.ts) on hand-built analyses: what it counts as
 * found, missed and extra, and the shares it scores apart. Pure: no database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { seedExpected } from '../eval/ingest/seed-expected';
import { programLinksOf, scoreAnalysis, sumScores, unitClass, ExpectedFacts } from '../eval/ingest/score';
import { Analysis, EntityMention, Extraction, FigureUnit, MentionMatch, Repair, Span } from '../src/ingest/ingest.model';
import { readSeedFile } from '../src/seed/seed-file';
import { seedArticle } from '../eval/ingest/seed-article';

const span = (locator: string): Span => ({ start: 0, end: 1, locator });

function mention(key: string, kind: EntityMention['kind'], name: string, locator: string, extra: Partial<EntityMention> = {}): EntityMention {
  return { key, kind, name, written: [name], spans: [span(locator)], fields: { stated: ['name'], inferred: [] }, evidence: ['test'], ...extra };
}

function analysis(extraction: Partial<Extraction>, matches: MentionMatch[] = [], repairs: Repair[] = []): Analysis {
  const x: Extraction = {
    context: { place: '青源市', date: '2026-03-08', dateSpan: null, year: 2026, yearNote: null, issuerKey: null },
    entities: [],
    awards: [],
    memberships: [],
    hierarchy: [],
    programLinks: [],
    figures: [],
    ...extraction,
  };
  return {
    document: { format: 'TEXT', fileName: 't.txt', contentHash: 'x', rawText: '', text: '', lines: [], repairs, title: null },
    extraction: x,
    matches: matches.length ? matches : x.entities.map((e) => ({ key: e.key, status: 'NEW', match: null, candidates: [], confidence: 0.9 })),
  };
}

const expected: ExpectedFacts = {
  document: 'made-up.txt',
  date: '2026-03-08',
  place: '青源市',
  repairs: [{ damaged: '市婦?lián)決定', repaired: '市妇联决定', locator: '¶6' }],
  organizations: [
    { key: 'wf', name: '青源市妇女联合会', shortForms: ['市妇联'], kind: 'FEDERATION', level: 'MUNICIPAL', parent: null, parentStated: false, matches: null, locator: '¶2', alsoAt: ['¶6'] },
    { key: 'hosp', name: '青源市第一人民医院', shortForms: [], kind: 'INSTITUTION', level: 'MUNICIPAL', parent: null, parentStated: false, matches: 'org-seeded-hospital', locator: '¶9' },
    { key: 'er', name: '青源市第一人民医院急诊科', shortForms: [], kind: 'INSTITUTION', level: 'MUNICIPAL', parent: 'hosp', parentStated: true, matches: null, locator: '¶9' },
  ],
  people: [{ key: 'liu', name: '刘秀兰', matches: null, locator: '¶9' }],
  honors: [{ key: 'sanba', name: '青源市三八红旗手', level: 'MUNICIPAL', conferredBy: 'wf', matches: null, locator: '¶6' }],
  awards: [{ recipient: 'liu', honor: 'sanba', year: 2026, yearStated: false, locator: '¶9' }],
  memberships: [{ member: 'liu', organization: 'er', role: '护士长', locator: '¶9' }],
  programs: [{ key: 'class', name: '巾帼家政培训班', kind: 'TRAINING', organizers: ['wf'], partners: ['hosp'], year: 2026, locator: '¶12' }],
  figures: [{ value: 1200, unit: 'person', approximate: true, counts: 'trainees', subject: 'class', locator: '¶12' }],
};

/** Everything the expected file states, proposed right. */
function perfect(): Analysis {
  return analysis(
    {
      entities: [
        mention('e1', 'ORGANIZATION', '青源市妇女联合会', '¶2', { organizationKind: 'FEDERATION', level: 'MUNICIPAL' }),
        mention('e2', 'ORGANIZATION', '青源市第一人民医院', '¶9', { organizationKind: 'INSTITUTION', level: 'MUNICIPAL' }),
        mention('e3', 'ORGANIZATION', '青源市第一人民医院急诊科', '¶9', { organizationKind: 'INSTITUTION', level: 'MUNICIPAL' }),
        mention('e4', 'PERSON', '刘秀兰', '¶9'),
        mention('e5', 'HONOR', '青源市三八红旗手', '¶6', { level: 'MUNICIPAL', conferredByKey: 'e1' }),
        mention('e6', 'PROGRAM', '巾帼家政培训班', '¶12', { programKind: 'TRAINING' }),
      ],
      awards: [{ recipientKey: 'e4', honorKey: 'e5', year: 2026, yearStated: false, yearNote: 'date', span: span('¶9'), evidence: [] }],
      memberships: [{ memberKey: 'e4', organizationKey: 'e3', role: '护士长', span: span('¶9'), evidence: [] }],
      hierarchy: [{ childKey: 'e3', parentKey: 'e2', stated: true, span: span('¶9'), evidence: [] }],
      programLinks: [
        { programKey: 'e6', organizationKey: 'e1', role: 'ORGANIZER', stated: true, span: span('¶12'), evidence: [] },
        { programKey: 'e6', organizationKey: 'e2', role: 'PARTNER', stated: true, span: span('¶12'), evidence: [] },
      ],
      figures: [{ value: 1200, unit: 'person', approximate: true, label: '1200余人', counts: '学员', subjectKey: 'e6', year: null, span: span('¶12'), evidence: [] }],
    },
    [
      { key: 'e1', status: 'NEW', match: null, candidates: [], confidence: 0.9 },
      { key: 'e2', status: 'MATCHED', match: { id: 'org-seeded-hospital', type: 'Organization', name: '青源市第一人民医院', score: 1, features: [] }, candidates: [], confidence: 1 },
      ...['e3', 'e4', 'e5', 'e6'].map((key): MentionMatch => ({ key, status: 'NEW', match: null, candidates: [], confidence: 0.9 })),
    ],
    [
      { kind: 'LOST_CHARACTER', locator: '¶6', damaged: '市婦?lián)決定', repaired: '市妇联决定', start: 0, end: 5, count: 1, note: 'test' },
      { kind: 'SCRIPT', locator: '¶6', damaged: '婦', repaired: '妇', start: 0, end: 1, count: 3, note: 'script repairs are not scored' },
    ],
  );
}

describe('ingest evaluation scorer', () => {
  it('scores a perfect analysis 1 for every kind and share', () => {
    const s = scoreAnalysis(expected, perfect());
    for (const [kind, k] of Object.entries(s.kinds)) {
      expect([kind, k.precision, k.recall, k.misses, k.extras]).toEqual([kind, 1, 1, [], []]);
    }
    expect(s.kinds.programLinks.expected).toBe(2);
    for (const [name, share] of Object.entries(s.shares)) expect([name, share.wrong]).toEqual([name, []]);
    expect(s.shares.matches).toMatchObject({ right: 6, of: 6 });
    expect(s.shares.parentStated).toMatchObject({ right: 1, of: 1 });
  });

  it('scores an empty analysis 0 recall with every expected fact a miss and precision undefined', () => {
    const s = scoreAnalysis(expected, analysis({}));
    expect(s.kinds.organizations).toMatchObject({ expected: 3, proposed: 0, matched: 0, precision: null, recall: 0 });
    expect(s.kinds.organizations.misses.map((m) => m.label)).toEqual(['青源市妇女联合会', '青源市第一人民医院', '青源市第一人民医院急诊科']);
    expect(s.kinds.repairs.misses).toEqual([{ kind: 'repairs', label: '市婦?lián)決定 → 市妇联决定', locator: '¶6' }]);
  });

  it('matches a short form, counts a duplicate as an extra, and a wrong name as miss and extra', () => {
    const a = analysis({
      entities: [
        mention('e1', 'ORGANIZATION', '市妇联', '¶2'),
        mention('e2', 'ORGANIZATION', '青源市妇女联合会', '¶6'),
        mention('e3', 'ORGANIZATION', '第一人民医院', '¶9'),
        mention('e4', 'PERSON', '青源市第一人民医院', '¶9'),
      ],
    });
    const k = scoreAnalysis(expected, a).kinds.organizations;
    expect(k).toMatchObject({ expected: 3, proposed: 3, matched: 1 });
    expect(k.precision).toBeCloseTo(1 / 3);
    expect(k.recall).toBeCloseTo(1 / 3);
    // The full name is preferred over the short form; the short-form mention is left an extra.
    expect(k.extras.map((e) => e.label)).toEqual(['市妇联', '第一人民医院']);
    expect(k.misses.map((e) => e.label)).toEqual(['青源市第一人民医院', '青源市第一人民医院急诊科']);
    // A person with an organization's name is no organization.
    expect(scoreAnalysis(expected, a).kinds.people.extras.map((e) => e.label)).toEqual(['青源市第一人民医院']);
  });

  it('compares names after normalizeName (script, pinyin, brackets)', () => {
    const a = analysis({ entities: [mention('e1', 'PERSON', '劉(liú)秀蘭', '¶9')] });
    expect(scoreAnalysis(expected, a).kinds.people.matched).toBe(1);
  });

  it('needs the right recipient, honor and year for an award, and the right role for a program link', () => {
    const a = perfect();
    a.extraction.awards[0].year = 2025;
    a.extraction.programLinks[1].role = 'ORGANIZER';
    const s = scoreAnalysis(expected, a);
    expect(s.kinds.awards).toMatchObject({ matched: 0, precision: 0, recall: 0 });
    expect(s.kinds.awards.extras[0].label).toBe('刘秀兰 ← 青源市三八红旗手 2025');
    expect(s.kinds.programLinks).toMatchObject({ matched: 1, proposed: 2, expected: 2 });
    expect(s.kinds.programLinks.misses[0].label).toBe('巾帼家政培训班 PARTNER 青源市第一人民医院');
  });

  it('loses the facts of an entity it did not find', () => {
    const a = perfect();
    a.extraction.entities = a.extraction.entities.filter((e) => e.key !== 'e4'); // 刘秀兰 not found
    const s = scoreAnalysis(expected, a);
    expect(s.kinds.awards.matched).toBe(0);
    expect(s.kinds.memberships.matched).toBe(0);
  });

  it('needs value, unit, approximate and subject for a figure', () => {
    for (const change of [{ value: 1300 }, { unit: 'person_time' as const }, { approximate: false }, { subjectKey: 'e1' }]) {
      const a = perfect();
      Object.assign(a.extraction.figures[0], change);
      expect([change, scoreAnalysis(expected, a).kinds.figures.matched]).toEqual([change, 0]);
    }
  });

  it("compares the seed's finer figure units as the unit they count in", () => {
    const a = perfect();
    const e: ExpectedFacts = { ...expected, figures: [{ ...expected.figures[0], unit: 'couple', approximate: false, value: 100 }] };
    Object.assign(a.extraction.figures[0], { unit: 'count', approximate: false, value: 100 });
    expect(scoreAnalysis(e, a).kinds.figures.matched).toBe(1);
    Object.assign(a.extraction.figures[0], { unit: 'person' });
    expect(scoreAnalysis(e, a).kinds.figures.matched).toBe(0);
  });

  it('scores a repair by repaired text and locator, lost characters only', () => {
    const a = perfect();
    a.document.repairs[0].locator = '¶7';
    const k = scoreAnalysis(expected, a).kinds.repairs;
    expect(k).toMatchObject({ expected: 1, proposed: 1, matched: 0 });
  });

  it('takes a repair of a shorter or longer stretch, and its further parts, but not one left unrepaired', () => {
    const lost = (locator: string, damaged: string, repaired: string): Repair => ({ kind: 'LOST_CHARACTER', locator, damaged, repaired, start: 0, end: 1, count: 1, note: '' });
    const e: ExpectedFacts = {
      ...expected,
      repairs: [
        { damaged: '市婦?lián)決定', repaired: '市妇联决定', locator: '¶6' },
        { damaged: '見證幸?!?024', repaired: '见证幸福”2024', locator: '¶13' },
        { damaged: '勇?lián)?dāng)', repaired: '勇担当', locator: '¶1' },
      ],
    };
    const score = (repairs: Repair[]) => scoreAnalysis(e, analysis({}, [], repairs)).kinds.repairs;
    expect(score([lost('¶6', '市婦?lián)', '市妇联'), lost('¶13', '見證幸?', '见证幸福'), lost('¶13', '?024年', '2024年')])).toMatchObject({
      matched: 2,
      precision: 1,
      extras: [],
      optionalFound: 1,
    });
    expect(score([lost('¶1', '勇?lián)?dāng)', '勇??'), lost('¶6', '?', '妇联大')])).toMatchObject({ matched: 0, precision: 0 });
  });

  it('scores locators, stated/inferred, kind, level and conferrer apart from the match', () => {
    const a = perfect();
    a.extraction.entities[0].spans = [span('¶5')];
    a.extraction.entities[0].organizationKind = 'ASSOCIATION';
    a.extraction.entities[4].conferredByKey = null;
    a.extraction.awards[0].yearStated = true;
    a.extraction.hierarchy[0].stated = false;
    const s = scoreAnalysis(expected, a);
    expect(s.kinds.organizations.recall).toBe(1);
    expect(s.kinds.awards.recall).toBe(1);
    expect(s.shares.locator.wrong).toEqual(['青源市妇女联合会: ¶5, expected ¶2/¶6']);
    expect(s.shares.kind).toMatchObject({ right: 3, of: 4 });
    expect(s.shares.conferredBy).toMatchObject({ right: 0, of: 1 });
    expect(s.shares.yearStated).toMatchObject({ right: 0, of: 1 });
    expect(s.shares.parent).toMatchObject({ right: 1, of: 1 });
    expect(s.shares.parentStated).toMatchObject({ right: 0, of: 1 });
  });

  it('scores matches against the seed id in a seeded graph, and as NEW in an empty one', () => {
    const a = perfect();
    expect(scoreAnalysis(expected, a, { graph: 'empty' }).shares.matches).toMatchObject({ right: 5, of: 6 });
    a.matches = a.matches.map((m) => ({ ...m, status: 'NEW', match: null }));
    expect(scoreAnalysis(expected, a, { graph: 'empty' }).shares.matches).toMatchObject({ right: 6, of: 6 });
    const seeded = scoreAnalysis(expected, a).shares.matches;
    expect(seeded).toMatchObject({ right: 5, of: 6 });
    expect(seeded.wrong).toEqual(['青源市第一人民医院: NEW, expected org-seeded-hospital']);
  });

  it('leaves optional facts out of recall and does not count a proposal of one as an extra', () => {
    const withOptional: ExpectedFacts = {
      ...expected,
      optional: {
        organizations: [{ key: 'acwf', name: '中华全国妇女联合会', shortForms: ['全国妇联'], kind: 'FEDERATION', level: 'NATIONAL', parent: null, parentStated: false, matches: null, locator: '¶2' }],
        programLinks: [{ program: 'class', organization: 'acwf', role: 'PARTNER', locator: '¶12' }],
      },
    };
    const a = perfect();
    a.extraction.entities.push(mention('e9', 'ORGANIZATION', '全国妇联', '¶2'));
    a.extraction.programLinks.push({ programKey: 'e6', organizationKey: 'e9', role: 'PARTNER', stated: false, span: span('¶12'), evidence: [] });
    const s = scoreAnalysis(withOptional, a);
    expect(s.kinds.organizations).toMatchObject({ expected: 3, proposed: 4, matched: 3, precision: 1, recall: 1, optionalExpected: 1, optionalFound: 1, extras: [] });
    expect(s.kinds.programLinks).toMatchObject({ precision: 1, optionalFound: 1, extras: [] });
    expect(s.entities.find((e) => e.proposedKey === 'e9')).toEqual({ kind: 'organizations', expectedKey: 'acwf', proposedKey: 'e9', optional: true });
  });

  it('sums documents by counts, not by averaging their ratios', () => {
    const full = scoreAnalysis(expected, perfect());
    const half = perfect();
    half.extraction.entities.push(mention('e7', 'PERSON', '王丽娟', '¶10'), mention('e8', 'PERSON', '张敏', '¶11'), mention('e9', 'PERSON', '李华', '¶12'));
    const sum = sumScores([full, scoreAnalysis({ ...expected, document: 'other.txt' }, half)]);
    expect(sum.kinds.people).toMatchObject({ expected: 2, proposed: 5, matched: 2, precision: 2 / 5, recall: 1 });
    expect(sum.kinds.people.extras.map((e) => e.label)).toEqual(['other.txt: 王丽娟', 'other.txt: 张敏', 'other.txt: 李华']);
    expect(sum.shares.matches).toMatchObject({ right: 12, of: 12 });
  });
});

/** What a perfect extractor and matcher would propose for an expected file (its required and optional facts). */
function oracle(facts: ExpectedFacts): Analysis {
  const o = facts.optional ?? {};
  const e = {
    organizations: [...facts.organizations, ...(o.organizations ?? [])],
    people: [...facts.people, ...(o.people ?? [])],
    honors: [...facts.honors, ...(o.honors ?? [])],
    programs: [...facts.programs, ...(o.programs ?? [])],
    awards: [...facts.awards, ...(o.awards ?? [])],
    memberships: [...facts.memberships, ...(o.memberships ?? [])],
    figures: [...facts.figures, ...(o.figures ?? [])],
    repairs: [...facts.repairs, ...(o.repairs ?? [])],
    programLinks: [...programLinksOf(facts), ...programLinksOf(o)],
  };
  const k = (key: string | null) => (key === null ? null : `p:${key}`);
  const entities: EntityMention[] = [
    ...e.organizations.map((o) => mention(k(o.key)!, 'ORGANIZATION', o.name, o.locator, { organizationKind: o.kind, level: o.level })),
    ...e.people.map((p) => mention(k(p.key)!, 'PERSON', p.name, p.locator)),
    ...e.honors.map((h) => mention(k(h.key)!, 'HONOR', h.name, h.locator, { level: h.level, conferredByKey: k(h.conferredBy) })),
    ...e.programs.map((g) => mention(k(g.key)!, 'PROGRAM', g.name, g.locator, { programKind: g.kind })),
  ];
  const ids = new Map<string, string | null>([...e.organizations, ...e.people, ...e.honors, ...e.programs].map((x) => [k(x.key)!, x.matches ?? null]));
  return analysis(
    {
      entities,
      hierarchy: e.organizations.filter((o) => o.parent).map((o) => ({ childKey: k(o.key)!, parentKey: k(o.parent)!, stated: o.parentStated, span: span(o.locator), evidence: [] })),
      awards: e.awards.map((a) => ({ recipientKey: k(a.recipient)!, honorKey: k(a.honor)!, year: a.year, yearStated: a.yearStated, yearNote: null, span: span(a.locator), evidence: [] })),
      memberships: e.memberships.map((m) => ({ memberKey: k(m.member)!, organizationKey: k(m.organization)!, role: m.role, span: span(m.locator), evidence: [] })),
      programLinks: e.programLinks.map((l) => ({ programKey: k(l.program)!, organizationKey: k(l.organization)!, role: l.role, stated: true, span: span(l.locator), evidence: [] })),
      figures: e.figures.map((f) => ({ value: f.value, unit: f.unit as FigureUnit, approximate: f.approximate, label: '', counts: f.counts, subjectKey: k(f.subject), year: null, span: span(f.locator), evidence: [] })),
    },
    entities.map((m): MentionMatch => {
      const id = ids.get(m.key) ?? null;
      return id
        ? { key: m.key, status: 'MATCHED', match: { id, type: 'Organization', name: m.name, score: 1, features: [] }, candidates: [], confidence: 1 }
        : { key: m.key, status: 'NEW', match: null, candidates: [], confidence: 1 };
    }),
    e.repairs.map((r) => ({ kind: 'LOST_CHARACTER', locator: r.locator, damaged: r.damaged, repaired: r.repaired, start: 0, end: 1, count: 1, note: '' })),
  );
}

const EXPECTED_DIR = path.resolve(__dirname, '../eval/ingest/expected');
const SEED_ARTICLE = seedArticle(path.resolve(__dirname, '..'));
const seedFacts = () =>
  seedExpected(readSeedFile(path.resolve(__dirname, '../seeds/huainan-womens-federation-2024.json')), fs.readFileSync(SEED_ARTICLE, 'utf8'), 'seed');

describe('the evaluation set under the scorer', () => {
  const files = fs.readdirSync(EXPECTED_DIR).filter((f) => f.endsWith('.json'));

  it.each([...files, 'the seed article'])('scores a perfect proposal for %s 1 everywhere', (file) => {
    const e: ExpectedFacts = file === 'the seed article' ? seedFacts() : JSON.parse(fs.readFileSync(path.join(EXPECTED_DIR, file), 'utf8'));
    const s = scoreAnalysis(e, oracle(e));
    for (const [kind, k] of Object.entries(s.kinds)) {
      expect([kind, k.misses, k.extras, k.matched, k.optionalFound]).toEqual([kind, [], [], k.expected, k.optionalExpected]);
    }
    for (const [name, share] of Object.entries(s.shares)) expect([name, share.wrong]).toEqual([name, []]);
    expect(s.shares.matches.of).toBe(e.organizations.length + e.people.length + e.honors.length + e.programs.length);
    if (file === 'the seed article') expect(s.kinds.organizations.optionalFound).toBe(5);
  });

  it("derives the seed article's facts from its seed file: stated required, inferred optional", () => {
    const e = seedFacts();
    const org = (id: string) => e.organizations.find((o) => o.key === id);
    expect(org('org-acwf')).toBeUndefined();
    expect(e.optional?.organizations?.map((o) => o.key)).toEqual(expect.arrayContaining(['org-acwf', 'org-anhui-wf', 'org-huishang-bank']));
    expect(org('org-huainan-wf')).toMatchObject({ name: '淮南市妇女联合会', locator: '¶1', matches: 'org-huainan-wf', parent: 'org-anhui-wf', parentStated: false });
    expect(org('org-huainan-wf')!.shortForms).toContain('市妇联');
    expect(org('org-huainan-wf')!.alsoAt).toEqual(expect.arrayContaining(['¶2', '¶16']));
    expect(org('org-huainan-court-litigation-center')).toMatchObject({ parent: 'org-huainan-intermediate-court', parentStated: true, shortForms: ['市中级人民法院诉讼服务中心'] });
    // The seed infers every conferrer: none is required.
    expect(e.honors.map((h) => h.conferredBy)).toEqual(e.honors.map(() => null));
    expect(e.awards).toHaveLength(4);
    expect(e.awards.every((a) => a.year === 2024 && !a.yearStated)).toBe(true);
    // An organizer the seed infers (the city's group wedding) is optional, the program itself required.
    expect(e.programs.find((p) => p.key === 'prog-mass-wedding-2024-huainan')?.organizers).toEqual([]);
    expect(e.optional?.programLinks).toContainEqual(expect.objectContaining({ program: 'prog-mass-wedding-2024-huainan', organization: 'org-huainan-wf', role: 'ORGANIZER' }));
    const units = new Set<string>(['person', 'person_time', 'count', 'event', 'session', 'CNY', 'household']);
    expect(e.figures.filter((f) => !units.has(unitClass(f.unit)))).toEqual([]);
    expect(e.figures).toHaveLength(29);
    expect(e.optional?.figures?.map((f) => [f.value, f.unit])).toEqual([[4, 'year'], [14, 'year']]);
    expect(e.figures.find((f) => f.value === 11000)).toMatchObject({ unit: 'person_time', approximate: true, subject: 'org-huainan-wf', locator: '¶4' });
    expect(e.repairs.map((r) => r.locator)).toEqual(['¶1', '¶7', '¶13', '¶16']);
  });
});
