import fs from 'node:fs';
import path from 'node:path';
import { ExpectedFacts, scoreAnalysis } from '../eval/ingest/score';
import { seedExpected } from '../eval/ingest/seed-expected';
import { readDocument } from '../src/ingest/document.reader';
import { extractEntities } from '../src/ingest/extract-entities';
import { extractProgramsAndFigures } from '../src/ingest/extract-programs';
import { parseChineseNumeral, parseQuantity, readFigures } from '../src/ingest/figures';
import { EntityMention, Extraction, FigureFact, IngestDocument, MentionKind } from '../src/ingest/ingest.model';
import { readSeedFile } from '../src/seed/seed-file';
import { normalizeName, stripPinyinAnnotations, toSimplified } from '../src/text/normalize';
import { seedArticle } from '../eval/ingest/seed-article';

// Pure functions: no database. Documents are built as the reader will build them (one line per
// line of the file, repaired by the normalizer) and their organizations and honors are given by
// hand, as the entity extractor will give them.

function documentOf(raw: string, fileName: string): IngestDocument {
  let text = '';
  const lines = raw.split(/\r?\n/).map((line, i) => {
    const repaired = toSimplified(stripPinyinAnnotations(line));
    if (i > 0) text += '\n';
    const start = text.length;
    text += repaired;
    return { locator: `¶${i + 1}`, start, end: text.length };
  });
  return { format: 'TEXT', fileName, contentHash: fileName, rawText: raw, text, lines, repairs: [], title: null };
}

type Given = [key: string, kind: MentionKind, ...written: string[]];

/** Mentions at every place their written forms occur (longest forms first, no overlaps). */
function mentionsOf(document: IngestDocument, given: Given[]): EntityMention[] {
  const taken: [number, number][] = [];
  const byKey = new Map<string, EntityMention>();
  const forms = given.flatMap(([key, kind, ...written]) => written.map((w) => ({ key, kind, w: normalizeName(w), name: written[0] })));
  forms.sort((a, b) => b.w.length - a.w.length);
  for (const { key, kind, w, name } of forms) {
    for (let at = document.text.indexOf(w); at >= 0; at = document.text.indexOf(w, at + 1)) {
      const end = at + w.length;
      if (taken.some(([s, e]) => at < e && s < end)) continue;
      taken.push([at, end]);
      const line = document.lines.find((l) => at >= l.start && at <= l.end)!;
      let m = byKey.get(key);
      if (!m) {
        m = { key, kind, name, written: [], spans: [], fields: { stated: ['name'], inferred: [] }, evidence: ['by hand'] };
        byKey.set(key, m);
      }
      m.spans.push({ start: at, end, locator: line.locator });
      m.spans.sort((a, b) => a.start - b.start);
      if (!m.written.includes(w)) m.written.push(w);
    }
  }
  return [...byKey.values()];
}

function extract(document: IngestDocument, given: Given[], context: Partial<Extraction['context']> = {}): Extraction {
  const extraction: Extraction = {
    context: { place: null, date: null, dateSpan: null, year: null, yearNote: null, issuerKey: null, ...context },
    entities: mentionsOf(document, given),
    awards: [],
    memberships: [],
    hierarchy: [],
    programLinks: [],
    figures: [],
  };
  return extractProgramsAndFigures(document, extraction, { entries: [] });
}

const program = (x: Extraction, name: string) => x.entities.find((e) => e.kind === 'PROGRAM' && e.name === normalizeName(name));
const linksOf = (x: Extraction, name: string) =>
  x.programLinks.filter((l) => l.programKey === program(x, name)?.key).map((l) => [l.role, l.organizationKey, l.stated]);
const figure = (x: Extraction, value: number, unit: string): FigureFact | undefined => x.figures.find((f) => f.value === value && f.unit === unit);

const ROOT = path.resolve(__dirname, '..');
const readEval = (file: string) => documentOf(fs.readFileSync(path.join(ROOT, 'eval/ingest/documents', file), 'utf8'), file);

describe('numbers (figures.ts)', () => {
  it.each([
    ['3200万', 32000000, false],
    ['1.1万余', 11000, true],
    ['2.3万', 23000, false],
    ['近百', 100, true],
    ['600余', 600, true],
    ['300多', 300, true],
    ['近45万', 450000, true],
    ['约3000', 3000, true],
    ['超500', 500, true],
    ['上千', 1000, true],
    ['二十六', 26, false],
    ['两千', 2000, false],
    ['一万二千', 12000, false],
    ['1.5亿', 150000000, false],
    ['十', 10, false],
  ])('%s → %d (approximate %s)', (written, value, approximate) => {
    expect(parseQuantity(written)).toEqual({ value, approximate });
  });

  it.each(['千', '万千', '一', '三八', '二〇二四', 'abc', ''])('%s is no quantity', (written) => {
    expect(parseQuantity(written)).toBeNull();
  });

  it('reads Chinese numerals with nzh, 两 included', () => {
    expect([parseChineseNumeral('五十六'), parseChineseNumeral('两百'), parseChineseNumeral('一千三百'), parseChineseNumeral('x')]).toEqual([56, 200, 1300, null]);
  });

  it.each([
    ['培训学员1200余人', 1200, 'person', true, '1200余人'],
    ['覆盖群众1.1万余人次', 11000, 'person_time', true, '1.1万余人次'],
    ['覆盖居民2.3万户', 23000, 'household', false, '2.3万户'],
    ['发放贷款3200万元', 32000000, 'CNY', false, '3200万元'],
    ['资金139万余元', 1390000, 'CNY', true, '139万余元'],
    ['收集意见近百条', 100, 'count', true, '近百条'],
    ['开展活动600余场次', 600, 'event', true, '600余场次'],
    ['义诊40余场', 40, 'event', true, '40余场'],
    ['培训24期', 24, 'session', false, '24期'],
    ['建成服务站56个', 56, 'count', false, '56个'],
    ['挂牌8家', 8, 'count', false, '8家'],
    ['海报2万余份', 20000, 'count', true, '2万余份'],
    ['新人100对', 100, 'count', false, '100对'],
    ['走访排查7884次', 7884, 'event', false, '7884次'],
    ['纠纷2321件', 2321, 'count', false, '2321件'],
    ['建成二十六个', 26, 'count', false, '二十六个'],
    ['吸引上千人参加', 1000, 'person', true, '上千人'],
    ['市级以上8名', 8, 'person', false, '8名'],
  ])('%s → %d %s', (text, value, unit, approximate, label) => {
    expect(readFigures(text).map((f) => [f.value, f.unit, f.approximate, f.label])).toEqual([[value, unit, approximate, label]]);
  });

  it.each([
    ['a date', '2026年3月2日'],
    ['a year', '2025年度工作报告'],
    ['a year with 以来', '2023年以来'],
    ['a document number', '青妇〔2026〕5号'],
    ['an ordinal', '第五期培训'],
    ['an ordinal hospital', '第一人民医院'],
    ['list numbering', '一、促进妇女就业'],
    ['a rate', '每季度举办一次'],
    ['an idiom', '把温暖送到千家万户'],
    ['a magnitude in a name', '万人集体婚礼'],
    ['a span of years', '连续14年开展，连续四年举办'],
    ['a time span', '两年来'],
    ['a model name', '1+10+N体系，1+N或N+1等模式'],
    ['a title', '三八红旗手'],
  ])('%s is not a figure', (_what, text) => {
    expect(readFigures(text)).toEqual([]);
  });
});

describe('eval document 03 (a federation report)', () => {
  const doc = readEval('03-linhe-wf-annual-report.md');
  const x = extract(
    doc,
    [
      ['lh-wf-rights', 'ORGANIZATION', '市妇联权益部'],
      ['lh-wf', 'ORGANIZATION', '临河市妇女联合会', '市妇联'],
      ['lh-hrss', 'ORGANIZATION', '临河市人力资源和社会保障局'],
      ['lh-rcb', 'ORGANIZATION', '临河农村商业银行'],
      ['lh-we', 'ORGANIZATION', '临河市女企业家协会'],
      ['lh-charity', 'ORGANIZATION', '临河市慈善总会'],
      ['lh-edu', 'ORGANIZATION', '临河市教育局'],
      ['h-rights', 'HONOR', '全省妇联系统维权工作先进集体'],
    ],
    { place: '临河市', date: '2026-01-15', year: 2025, issuerKey: 'lh-wf' },
  );

  it('finds the five programs with their kinds, and nothing else', () => {
    const programs = x.entities.filter((e) => e.kind === 'PROGRAM');
    expect(programs.map((p) => [p.name, p.programKind])).toEqual([
      ['巾帼家政培训班', 'TRAINING'],
      ['巾帼创业贷款合作协议', 'AGREEMENT'],
      ['临河市首届女性创业大赛', 'COMPETITION'],
      ['护苗助学行动', 'CAMPAIGN'],
      ['家庭教育指导服务站', 'SERVICE'],
    ]);
    expect(programs.map((p) => p.spans[0].locator)).toEqual(['¶9', '¶10', '¶11', '¶15', '¶16']);
    for (const p of programs) expect(doc.text.slice(p.spans[0].start, p.spans[0].end)).toContain(p.written[0]);
  });

  it('reads organizers and partners: 由…联合…实施, a sentence without subject, 主办/协办, 联合, 会同', () => {
    expect(linksOf(x, '巾帼家政培训班')).toEqual([['ORGANIZER', 'lh-wf', true], ['PARTNER', 'lh-hrss', true]]);
    // No subject: the report's issuer signs, not stated.
    expect(linksOf(x, '巾帼创业贷款合作协议')).toEqual([['ORGANIZER', 'lh-wf', false], ['PARTNER', 'lh-rcb', true]]);
    expect(linksOf(x, '临河市首届女性创业大赛')).toEqual([['ORGANIZER', 'lh-wf', true], ['PARTNER', 'lh-we', true]]);
    expect(linksOf(x, '护苗助学行动')).toEqual([['ORGANIZER', 'lh-wf', false], ['PARTNER', 'lh-charity', true]]);
    expect(linksOf(x, '家庭教育指导服务站')).toEqual([['ORGANIZER', 'lh-wf', false], ['PARTNER', 'lh-edu', true]]);
  });

  it('reads the figures with their subjects: the class, the agreement, the contest, and the federation for a tally of lectures', () => {
    const cls = program(x, '巾帼家政培训班')!.key;
    expect(figure(x, 12, 'session')).toMatchObject({ approximate: false, subjectKey: cls, label: '12期' });
    expect(figure(x, 1200, 'person')).toMatchObject({ approximate: true, subjectKey: cls, label: '1200余人' });
    expect(figure(x, 32000000, 'CNY')).toMatchObject({ subjectKey: program(x, '巾帼创业贷款合作协议')!.key });
    expect(figure(x, 12000, 'person')).toMatchObject({ approximate: true });
    expect(figure(x, 100, 'count')).toMatchObject({ approximate: true, subjectKey: program(x, '临河市首届女性创业大赛')!.key });
    expect(figure(x, 450000, 'CNY')).toMatchObject({ approximate: true, subjectKey: program(x, '护苗助学行动')!.key });
    expect(figure(x, 400, 'event')).toMatchObject({ approximate: true, subjectKey: 'lh-wf' });
    expect(x.figures).toHaveLength(10);
    const f = figure(x, 1200, 'person')!;
    expect([doc.text.slice(f.span.start, f.span.end), f.span.locator]).toEqual(['1200余人', '¶9']);
    expect(f.evidence).toContain('figure:approximate');
  });
});

describe('eval document 06 (district news)', () => {
  const doc = readEval('06-qingyuan-donghu-news.txt');
  const x = extract(
    doc,
    [
      ['dh-wf', 'ORGANIZATION', '东湖区妇联', '区妇联'],
      ['qy-wf', 'ORGANIZATION', '市妇联'],
      ['dh-media', 'ORGANIZATION', '青源市东湖区融媒体中心'],
      ['wenchang', 'ORGANIZATION', '文昌社区党委'],
      ['qy-er', 'ORGANIZATION', '青源市第一人民医院急诊科'],
    ],
    { place: '青源市东湖区', date: '2026-05-20', year: 2026, issuerKey: 'dh-media' },
  );

  it('finds the two councils, organized by the district federation with the community party committee as partner', () => {
    expect(x.entities.filter((e) => e.kind === 'PROGRAM').map((p) => [p.name, p.spans.map((s) => s.locator)])).toEqual([
      ['巾帼议事会', ['¶2', '¶4']],
      ['妇女议事会', ['¶8']],
    ]);
    expect(linksOf(x, '巾帼议事会')).toEqual([['ORGANIZER', 'dh-wf', true], ['PARTNER', 'wenchang', true]]);
    expect(linksOf(x, '妇女议事会')).toEqual([['ORGANIZER', 'dh-wf', true]]);
    expect(program(x, '妇女议事会')!.year).toBe(2026);
  });

  it('credits 近百条 (100, approximate) to the council 本次议事会 refers back to; the future meeting proposes nothing', () => {
    const council = program(x, '巾帼议事会')!.key;
    expect(figure(x, 100, 'count')).toMatchObject({ approximate: true, subjectKey: council, label: '近百条' });
    expect(figure(x, 26, 'count')).toMatchObject({ approximate: false, subjectKey: council });
    expect(figure(x, 23000, 'household')).toMatchObject({ subjectKey: program(x, '妇女议事会')!.key });
    expect(x.figures).toHaveLength(4);
    expect(x.programLinks.some((l) => l.span.locator === '¶12')).toBe(false);
  });
});

describe('the seed article (damaged text, repaired by the normalizer)', () => {
  const SEED_ARTICLE = seedArticle(path.resolve(__dirname, '..'));
  const run = it;
  const seed = JSON.parse(fs.readFileSync(path.join(ROOT, 'seeds/huainan-womens-federation-2024.json'), 'utf8')) as {
    programs: { id: string; name: string; aliases: string[]; contextAliases?: { alias: string }[] }[];
  };
  const doc = documentOf(fs.readFileSync(SEED_ARTICLE, 'utf8'), 'seed');
  const x = extract(
    doc,
    [
      ['wf-team', 'ORGANIZATION', '市妇联宣讲团'],
      ['wf', 'ORGANIZATION', '市妇联'],
      ['cdi', 'ORGANIZATION', '市纪委机关'],
      ['org-dept', 'ORGANIZATION', '市委组织部'],
      ['we', 'ORGANIZATION', '市女企协', '女企协'],
      ['hrss', 'ORGANIZATION', '人社'],
      ['bank', 'ORGANIZATION', '徽商银行淮南分行'],
      ['province-we', 'ORGANIZATION', '省女企业家协会'],
      ['energy', 'ORGANIZATION', '淮河能源控股集团'],
      ['agri', 'ORGANIZATION', '市农业农村局'],
      ['edu', 'ORGANIZATION', '市教体局'],
      ['alliance', 'ORGANIZATION', '淮南市三八红旗手(集体)联盟'],
      ['court-center', 'ORGANIZATION', '市中级人民法院诉讼服务中心'],
    ],
    { place: '淮南市', issuerKey: 'wf' },
  );
  const seedProgram = (name: string) =>
    seed.programs.find((p) => [p.name, ...p.aliases, ...(p.contextAliases ?? []).map((c) => c.alias)].map(normalizeName).includes(normalizeName(name)));

  run("finds at least 24 of the seed's 28 programs and no program the seed lacks", () => {
    const programs = x.entities.filter((e) => e.kind === 'PROGRAM');
    const known = programs.filter((p) => seedProgram(p.name));
    // 24 named here plus the untitled agreement; the group wedding's name (¶13) needs the reader's
    // repair of its lost characters, which this normalizer-only document does not have.
    expect(new Set(known.map((p) => seedProgram(p.name)!.id)).size).toBeGreaterThanOrEqual(24);
    // The one the seed names descriptively (its agreement) is written untitled.
    expect(programs.filter((p) => !seedProgram(p.name)).map((p) => p.name)).toEqual(['战略合作框架协议']);
  });

  run('reads organizers and partners: 联合…共同, 联动, 承办 ORG《…》, a sentence without subject', () => {
    expect(linksOf(x, '树清廉家风 扬清风正气家庭助廉活动')).toEqual([['ORGANIZER', 'wf', true], ['PARTNER', 'cdi', true], ['PARTNER', 'org-dept', true]]);
    expect(linksOf(x, '暖民心就业行动')).toEqual([['ORGANIZER', 'wf', true], ['PARTNER', 'hrss', true], ['PARTNER', 'we', true]]);
    // 承办: the provincial association runs its classroom, the municipal federation hosts it.
    expect(linksOf(x, '徽凤课堂第五期培训暨走访交流活动')).toEqual([['ORGANIZER', 'province-we', true], ['PARTNER', 'wf', false]]);
    expect(program(x, '徽凤课堂第五期培训暨走访交流活动')!.programKind).toBe('TRAINING');
    // The bank agreement: 与 the bank; the meeting after 并联合 has the association, not the bank.
    expect(linksOf(x, '战略合作框架协议')).toEqual([['ORGANIZER', 'wf', true], ['PARTNER', 'bank', true]]);
    expect(linksOf(x, '银企对接会')).toEqual([['ORGANIZER', 'wf', true], ['PARTNER', 'we', true]]);
    expect(linksOf(x, '百千万巾帼大宣讲')).toEqual([['ORGANIZER', 'wf', false]]);
    for (const name of ['家教有方共享课', '舜心驿站', '家校共育报告会', '舜耕家庭教育讲堂', '1+10+N家庭教育指导服务体系']) {
      expect([name, linksOf(x, name)]).toEqual([name, [['ORGANIZER', 'wf', true], ['PARTNER', 'edu', true]]]);
    }
  });

  run('reads the figures: 1.1万余人次, 600余场次, the campaign’s tallies, the screening’s counts', () => {
    expect(figure(x, 11000, 'person_time')).toMatchObject({ approximate: true, subjectKey: 'wf', year: 2024 });
    expect(figure(x, 600, 'event')).toMatchObject({ approximate: true, subjectKey: 'wf' });
    expect(figure(x, 10, 'event')).toMatchObject({ subjectKey: 'wf-team' });
    const campaign = program(x, '暖民心就业行动')!.key;
    expect([figure(x, 24, 'session')?.subjectKey, figure(x, 83, 'event')?.subjectKey, figure(x, 2777, 'person')?.subjectKey]).toEqual([campaign, campaign, campaign]);
    const screening = program(x, '婚姻家庭矛盾纠纷排查')!.key;
    expect([figure(x, 7884, 'event')?.subjectKey, figure(x, 2321, 'count')?.subjectKey]).toEqual([screening, screening]);
    expect(figure(x, 100, 'person')).toMatchObject({ approximate: true, subjectKey: program(x, '徽凤课堂第五期培训暨走访交流活动')!.key });
    expect(figure(x, 270, 'event')?.subjectKey).toBe(program(x, '1+10+N家庭教育指导服务体系')!.key);
    // Years, spans of years, ordinals and names are no figures.
    expect(x.figures.filter((f) => [2024, 2023, 14, 4, 5].includes(f.value) && f.unit !== 'count').map((f) => f.label)).toEqual([]);
    expect(x.figures.every((f) => /^[近约超逾上]?[0-9.一二两三四五六七八九十百千万]+/u.test(f.label))).toBe(true);
  });
});

describe('a made-up document', () => {
  const raw = [
    '【测试用虚构文件 — made up for testing】松原县为虚构地名，人名、数字均为虚构。',
    '松原县妇女联合会2025年工作总结',
    '县妇联携手松原县卫生健康委员会开展“暖心护航”关爱行动，举办健康讲座二十六场，服务妇女上千人。',
    '由县妇联主办、松原县图书馆承办的“书香女性”阅读分享会吸引约3000人次参与。',
    '全年建成“妈妈驿站”12个，覆盖约1.5万户家庭。',
    '县妇联决定，授予李春华等12名同志“松原县巾帼建功标兵”称号。',
    '全县共有妇女之家86个。“乡村振兴巾帼行”活动于3月启动，全县18个村参与。',
    '县妇联将于明年举办“巾帼创业”大赛，预计300人参加。',
  ].join('\n');
  const doc = documentOf(raw, 'made-up.txt');
  const x = extract(
    doc,
    [
      ['sy-wf', 'ORGANIZATION', '松原县妇女联合会', '县妇联'],
      ['sy-library', 'ORGANIZATION', '松原县图书馆'],
      ['h-standard', 'HONOR', '松原县巾帼建功标兵'],
    ],
    { place: '松原县', date: '2025-12-30', year: 2025, issuerKey: 'sy-wf' },
  );

  it('adds a partner the extractor missed by its organization suffix (携手 …委员会)', () => {
    const added = x.entities.find((e) => e.kind === 'ORGANIZATION' && e.name === '松原县卫生健康委员会');
    expect(added).toMatchObject({ evidence: ['partner-slot:org-suffix'], written: ['松原县卫生健康委员会'] });
    expect(linksOf(x, '暖心护航关爱行动')).toEqual([['ORGANIZER', 'sy-wf', true], ['PARTNER', added!.key, true]]);
  });

  it('reads 主办/承办, a subjectless sentence (issuer, not stated), Chinese numerals and markers', () => {
    expect(linksOf(x, '书香女性阅读分享会')).toEqual([['ORGANIZER', 'sy-wf', true], ['PARTNER', 'sy-library', true]]);
    expect(linksOf(x, '妈妈驿站')).toEqual([['ORGANIZER', 'sy-wf', false]]);
    expect(program(x, '妈妈驿站')).toMatchObject({ programKind: 'SERVICE', year: 2025 });
    const campaign = program(x, '暖心护航关爱行动')!.key;
    expect(figure(x, 26, 'event')).toMatchObject({ approximate: false, subjectKey: campaign, label: '二十六场' });
    expect(figure(x, 1000, 'person')).toMatchObject({ approximate: true, subjectKey: campaign });
    expect(figure(x, 3000, 'person_time')).toMatchObject({ approximate: true, subjectKey: program(x, '书香女性阅读分享会')!.key });
    expect(figure(x, 15000, 'household')).toMatchObject({ approximate: true, subjectKey: program(x, '妈妈驿站')!.key });
  });

  it('keeps the whole place and a bare category word out of names (全县共有妇女之家, “…”活动)', () => {
    expect(program(x, '妇女之家')).toMatchObject({ programKind: 'SERVICE' });
    expect(program(x, '乡村振兴巾帼行')).toMatchObject({ programKind: 'EVENT' });
    expect(x.entities.filter((e) => e.kind === 'PROGRAM' && /^全县|活动$/u.test(e.name))).toEqual([]);
    expect(figure(x, 86, 'count')).toMatchObject({ subjectKey: program(x, '妇女之家')!.key, counts: '妇女之家' });
    expect(figure(x, 18, 'count')).toMatchObject({ subjectKey: program(x, '乡村振兴巾帼行')!.key, counts: '村' });
  });

  it('credits 等12名同志 to the honor they are given, and proposes nothing from a future intention', () => {
    expect(figure(x, 12, 'person')).toMatchObject({ subjectKey: 'h-standard', evidence: expect.arrayContaining(['subject:honor']) });
    expect(program(x, '巾帼创业大赛')).toBeUndefined();
    expect(figure(x, 300, 'person')).toBeUndefined();
  });
});

describe('a made-up news item (a program referred back to, 由…指导、…承办, a launched product, a heading figure)', () => {
  const raw = [
    '【测试用虚构文件 — made up for testing】枫林市为虚构地名，人名、单位、数字均为虚构。',
    '## 两项举措惠及三千余家庭',
    '枫林日报讯（记者 孔思远）2026年5月9日，枫林市巾帼创业服务座谈会在枫林市举行。',
    '座谈会由枫林市妇女联合会主办、枫林市创业促进会承办。',
    '市妇联携手枫林市邮政储蓄银行推出“巾帼安居贷”，全年发放贷款约2.4亿元，扶持女性创业项目300余个。',
    '由市妇联指导、枫林市女性健康研究会承办的《健康女性》广播栏目已播出36期。',
  ].join('\n');
  const doc = documentOf(raw, 'made-up-news.md');
  const x = extract(
    doc,
    [
      ['fl-daily', 'ORGANIZATION', '枫林日报'],
      ['fl-wf', 'ORGANIZATION', '枫林市妇女联合会', '市妇联'],
      ['fl-assoc', 'ORGANIZATION', '枫林市创业促进会'],
      ['fl-bank', 'ORGANIZATION', '枫林市邮政储蓄银行'],
      ['fl-society', 'ORGANIZATION', '枫林市女性健康研究会'],
    ],
    { place: '枫林市', date: '2026-05-09', year: 2026, issuerKey: 'fl-daily' },
  );

  it('gives a program named in one sentence the 主办 and 承办 of the next (座谈会由…主办、…承办)', () => {
    expect(linksOf(x, '枫林市巾帼创业服务座谈会')).toEqual([['ORGANIZER', 'fl-wf', true], ['PARTNER', 'fl-assoc', true]]);
    // The dateline's newspaper is no organizer, and 联合 inside a federation's name is no verb.
    expect(x.programLinks.filter((l) => l.organizationKey === 'fl-daily')).toEqual([]);
    expect(x.entities.filter((e) => e.kind === 'ORGANIZATION' && e.evidence.includes('partner-slot:org-suffix'))).toEqual([]);
  });

  it('reads a quoted product launched with 推出 as a service, with its partner (携手) and its tallies', () => {
    const loan = program(x, '巾帼安居贷')!;
    expect(loan).toMatchObject({ programKind: 'SERVICE' });
    expect(linksOf(x, '巾帼安居贷')).toEqual([['ORGANIZER', 'fl-wf', true], ['PARTNER', 'fl-bank', true]]);
    expect(figure(x, 240000000, 'CNY')).toMatchObject({ approximate: true, subjectKey: loan.key });
    expect(figure(x, 300, 'count')).toMatchObject({ approximate: true, subjectKey: loan.key });
  });

  it('由X指导、Y承办: Y organizes, X is its partner', () => {
    expect(linksOf(x, '健康女性')).toEqual([['ORGANIZER', 'fl-society', true], ['PARTNER', 'fl-wf', true]]);
  });

  it('reads a figure in a heading (万/千余家庭) and credits it to the body the item is about, not its publisher', () => {
    expect(figure(x, 3000, 'household')).toMatchObject({ approximate: true, subjectKey: 'fl-wf' });
  });
});

describe('after the reader and the entity extractor (the pipeline up to this stage), scored as ingest:eval scores', () => {
  // The eval's scorer; the seed article's expected facts are derived from its seed file.
  const SEED_ARTICLE = seedArticle(path.resolve(__dirname, '..'));
  type Load = () => { bytes: Buffer; expected: ExpectedFacts };
  const seedCase: Load = () => {
    const bytes = fs.readFileSync(SEED_ARTICLE);
    return { bytes, expected: seedExpected(readSeedFile(path.join(ROOT, 'seeds/huainan-womens-federation-2024.json')), bytes.toString('utf8'), 'seed') };
  };
  const evalCase = (file: string): Load => () => ({
    bytes: fs.readFileSync(path.join(ROOT, 'eval/ingest/documents', file)),
    expected: JSON.parse(fs.readFileSync(path.join(ROOT, 'eval/ingest/expected', file.replace(/\.[a-z]+$/, '.json')), 'utf8')) as ExpectedFacts,
  });
  const cases: [string, Load][] = [
    ...(fs.existsSync(SEED_ARTICLE) ? [['the seed article', seedCase] as [string, Load]] : []),
    // Documents 01-06, on which the targets are set; the held-out 07 and later are measured by
    // npm run ingest:eval, not held to a bar here.
    ...fs
      .readdirSync(path.join(ROOT, 'eval/ingest/documents'))
      .filter((f) => /^0[1-6]-/.test(f))
      .sort()
      .map((f) => [f, evalCase(f)] as [string, Load]),
  ];

  it.each(cases)('%s: programs with their organizers and partners, and figures, at precision and recall ≥ 0.9', async (name, load) => {
    const { bytes, expected } = load();
    const document = await readDocument({ bytes, fileName: name });
    const gazetteer = { entries: [] };
    const extraction = extractProgramsAndFigures(document, extractEntities(document, gazetteer), gazetteer);
    const s = scoreAnalysis(expected, { document, extraction, matches: [] }, { graph: 'empty' });
    for (const kind of ['programs', 'programLinks', 'figures'] as const) {
      const k = s.kinds[kind];
      // Nothing expected and nothing proposed scores null: that is right too.
      expect([kind, k.precision ?? 1, k.recall ?? 1].map((v) => (typeof v === 'number' ? v >= 0.9 : v))).toEqual([kind, true, true]);
    }
  });
});
