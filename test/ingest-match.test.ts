import fs from 'node:fs';
import path from 'node:path';
import { Loaders } from '../src/db/loaders';
import { gazetteerFromSeed, gazetteerIndex } from '../src/ingest/gazetteer';
import { GazetteerRepository } from '../src/ingest/gazetteer.repository';
import { EntityMention, Extraction, Gazetteer, GazetteerEntry, HierarchyFact, IngestDocument, MentionKind, MentionMatch } from '../src/ingest/ingest.model';
import { MATCH_THRESHOLD, matchMentions } from '../src/ingest/match';
import { startTestApp, TestApp, bearer } from './support/app';
import { removeEditingFixtures } from './support/editing';
import { CreatePersonDocument } from './__generated__/graphql';

let app: TestApp;
const editor = bearer('editor', 'test-ed-ingest-match');
const ROOT = path.resolve(__dirname, '..');
const seedFile = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'seeds', name), 'utf8'));

const repository = () => new GazetteerRepository(app.graph, new Loaders());

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
});
afterAll(async () => {
  await removeEditingFixtures(app);
  await app.close();
});

// ---- hand-built extractions (the extractors are not part of this test) -------------------

const DOCUMENT: IngestDocument = { format: 'TEXT', fileName: null, contentHash: '', rawText: '', text: '', lines: [], repairs: [], title: null };
const NO_SPAN = { start: 0, end: 0, locator: '¶1' };

function mention(key: string, kind: MentionKind, name: string, written: string[] = [name], extra: Partial<EntityMention> = {}): EntityMention {
  return { key, kind, name, written, spans: [NO_SPAN], fields: { stated: ['name'], inferred: [] }, evidence: ['test'], ...extra };
}

function extraction(place: string | null, entities: EntityMention[], hierarchy: [string, string][] = []): Extraction {
  return {
    context: { place, date: null, dateSpan: null, year: null, yearNote: null, issuerKey: null },
    entities,
    awards: [],
    memberships: [],
    hierarchy: hierarchy.map(([childKey, parentKey]): HierarchyFact => ({ childKey, parentKey, stated: true, span: NO_SPAN, evidence: ['test'] })),
    programLinks: [],
    figures: [],
  };
}

const byKey = (matches: MentionMatch[]) => new Map(matches.map((m) => [m.key, m]));
const featuresOf = (m: MentionMatch | undefined) => (m?.match?.features ?? []).map((f) => f.feature);

describe('the gazetteer repository', () => {
  it('reads every person, organization, honor and program in pages, with aliases, bound aliases, kind, level and parent', async () => {
    const [{ count }] = await app.graph.read('MATCH (n) WHERE n:Person OR n:Organization OR n:Honor OR n:Program RETURN count(n) AS count');
    const repo = repository();
    repo.forget();
    // A page of 7 makes the read take many round trips; the result is the same as in one page.
    const paged = await repo.load(7);
    expect(paged.entries).toHaveLength(count);
    repo.forget();
    const whole = await repo.load(10_000);
    expect(whole.entries).toEqual(paged.entries);

    const wf = paged.entries.find((e) => e.id === 'org-huainan-wf')!;
    expect(wf).toMatchObject({ type: 'Organization', name: '淮南市妇女联合会', kind: 'FEDERATION', level: 'MUNICIPAL', parentId: 'org-anhui-wf' });
    expect(wf.aliases).toEqual(expect.arrayContaining(['淮南市妇联', '淮南市婦女聯合會']));
    expect(wf.contextAliases).toContainEqual({ alias: '市妇联', contexts: expect.arrayContaining(['place:淮南', 'org:org-huainan-wf']) });
    expect(paged.entries.find((e) => e.id === 'person-he-tingting')).toMatchObject({ type: 'Person', name: '何婷婷', kind: null, level: null, parentId: null });
    expect(paged.entries.find((e) => e.id === 'prog-shunxin-station')).toMatchObject({ type: 'Program', kind: 'SERVICE', parentId: null });
    expect(paged.entries.find((e) => e.id === 'honor-national-sanba-collective')).toMatchObject({ type: 'Honor', level: 'NATIONAL', kind: null });

    // The seed files give the same entries without a database (the eval builds its gazetteer so).
    const fromSeed = gazetteerFromSeed(fs.readdirSync(path.join(ROOT, 'seeds')).filter((f) => f.endsWith('.json')).map(seedFile));
    const loaded = new Map(paged.entries.map((e) => [e.id, e]));
    expect(fromSeed.entries.length).toBeGreaterThan(50);
    for (const entry of fromSeed.entries) expect(loaded.get(entry.id)).toEqual(entry);
  });

  it('keeps the gazetteer while the graph is unchanged and brings it up to date after a write', async () => {
    const first = await repository().load();
    // Another request (another repository) gets the same object: nothing is read but the fingerprint.
    const scoped = app.graph.scoped();
    expect(await new GazetteerRepository(scoped, new Loaders()).load(7)).toBe(first);
    expect(scoped.stats.roundTrips).toBe(1);
    const created = await app.request(CreatePersonDocument, { input: { name: '测试编辑匹配者', allowDuplicate: false } }, editor);
    expect(created.errors).toBeUndefined();
    const id = created.data!.createPerson.id;
    // Only the nodes the new revision changed are read again (fingerprint, the revisions since, those nodes), even with pages of 7.
    const counted = app.graph.scoped();
    const after = await new GazetteerRepository(counted, new Loaders()).load(7);
    expect(counted.stats.roundTrips).toBe(3);
    expect(after).not.toBe(first);
    expect(after.entries.find((e) => e.id === id)).toMatchObject({ type: 'Person', name: '测试编辑匹配者' });
    expect(first.entries.find((e) => e.id === id)).toBeUndefined();
    // The update equals a read of the whole graph.
    const repo = repository();
    repo.forget();
    expect((await repo.load()).entries).toEqual(after.entries);
    // …and the new person is matched from then on.
    const current = await repository().load();
    const [match] = matchMentions(DOCUMENT, extraction(null, [mention('p', 'PERSON', '测试编辑匹配者')]), current);
    expect(match).toMatchObject({ status: 'MATCHED', match: { id } });
    expect(await repository().load()).toBe(current);
    // Removing it with its revision (no revision says so) is seen too: the whole graph is read again.
    await removeEditingFixtures(app);
    const cleaned = await repository().load();
    expect(cleaned).not.toBe(current);
    expect(cleaned.entries.find((e) => e.id === id)).toBeUndefined();
    expect(cleaned.entries).toEqual(first.entries);
  });
});

describe('matching mentions against the seeded graph', () => {
  let gazetteer: Gazetteer;
  beforeAll(async () => {
    gazetteer = await repository().load();
  });

  it('reads 市妇联 in a Huainan document as Huainan’s federation, through its bound alias', () => {
    const matches = byKey(
      matchMentions(
        DOCUMENT,
        extraction('淮南市', [
          mention('canonical', 'ORGANIZATION', '淮南市妇女联合会', ['市妇联'], { organizationKind: 'FEDERATION' }),
          mention('bare', 'ORGANIZATION', '市妇联'),
        ]),
        gazetteer,
      ),
    );
    for (const key of ['canonical', 'bare']) {
      expect(matches.get(key)).toMatchObject({ status: 'MATCHED', match: { id: 'org-huainan-wf', type: 'Organization' } });
      expect(featuresOf(matches.get(key))).toContain('CONTEXT_ALIAS');
      expect(matches.get(key)!.confidence).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    }
    expect(featuresOf(matches.get('canonical'))[0]).toBe('EXACT_NAME');
    const context = matches.get('bare')!.match!.features.find((f) => f.feature === 'CONTEXT_ALIAS')!;
    expect(context.detail).toMatch(/place:淮南/);
  });

  it('does not read 市妇联 in another city’s document as Huainan’s: new, unless that city’s federation is in the graph', () => {
    for (const place of ['青源市', '临河市']) {
      const matches = matchMentions(
        DOCUMENT,
        extraction(place, [mention('canonical', 'ORGANIZATION', `${place}妇女联合会`, ['市妇联']), mention('bare', 'ORGANIZATION', '市妇联')]),
        gazetteer,
      );
      for (const m of matches) {
        expect(m.status).toBe('NEW');
        expect(m.candidates.map((c) => c.id)).not.toContain('org-huainan-wf');
      }
    }
    // Once Linhe's federation is in the graph with its own bound 市妇联, a Linhe document finds it.
    const linhe: GazetteerEntry = {
      id: 'org-linhe-wf',
      type: 'Organization',
      name: '临河市妇女联合会',
      aliases: ['临河市妇联'],
      contextAliases: [{ alias: '市妇联', contexts: ['place:临河'] }],
      kind: 'FEDERATION',
      level: 'MUNICIPAL',
      parentId: null,
    };
    const withLinhe: Gazetteer = { entries: [...gazetteer.entries, linhe] };
    const [inLinhe] = matchMentions(DOCUMENT, extraction('临河市', [mention('bare', 'ORGANIZATION', '市妇联')]), withLinhe);
    expect(inLinhe).toMatchObject({ status: 'MATCHED', match: { id: 'org-linhe-wf' } });
    expect(featuresOf(inLinhe)).toContain('CONTEXT_ALIAS');
    const [inHuainan] = matchMentions(DOCUMENT, extraction('淮南市', [mention('bare', 'ORGANIZATION', '市妇联')]), withLinhe);
    expect(inHuainan).toMatchObject({ status: 'MATCHED', match: { id: 'org-huainan-wf' } });
    // Without a place the bare short form holds nowhere: neither city's.
    const [nowhere] = matchMentions(DOCUMENT, extraction(null, [mention('bare', 'ORGANIZATION', '市妇联')]), withLinhe);
    expect(nowhere.status).toBe('NEW');
  });

  it('a bound alias holds in the context of an organization the document names (org:…), and the one above it', () => {
    // No place: 市妇联宣讲团 is the lecture team because the document names Huainan's federation.
    const matches = byKey(
      matchMentions(
        DOCUMENT,
        extraction(null, [mention('wf', 'ORGANIZATION', '淮南市妇女联合会'), mention('team', 'ORGANIZATION', '市妇联宣讲团'), mention('province', 'ORGANIZATION', '省妇联')]),
        gazetteer,
      ),
    );
    expect(matches.get('team')).toMatchObject({ status: 'MATCHED', match: { id: 'org-huainan-wf-lecture-team' } });
    expect(featuresOf(matches.get('team'))).toContain('CONTEXT_ALIAS');
    // 省妇联 is bound to org:org-anhui-wf, which stands above the federation the document names.
    expect(matches.get('province')).toMatchObject({ status: 'MATCHED', match: { id: 'org-anhui-wf' } });
  });

  it('tells the script variant, the pinyin and the homophone apart', () => {
    const matches = byKey(
      matchMentions(
        DOCUMENT,
        extraction('淮南市', [
          mention('trad', 'ORGANIZATION', '徽商银行淮南分行', ['徽商銀行淮南分行']),
          mention('trad-only', 'ORGANIZATION', '淮南市女企業家協會', ['淮南市女企業家協會']),
          mention('pinyin', 'PERSON', 'He Tingting'),
          mention('tones', 'PERSON', 'hé tíng tíng'),
          mention('homophone', 'PERSON', '贺婷婷'),
        ]),
        gazetteer,
      ),
    );
    expect(matches.get('trad')).toMatchObject({ status: 'MATCHED', match: { id: 'org-huishang-bank-huainan' } });
    expect(featuresOf(matches.get('trad'))).toEqual(expect.arrayContaining(['EXACT_NAME', 'SCRIPT_VARIANT']));
    expect(matches.get('trad-only')).toMatchObject({ status: 'MATCHED', match: { id: 'org-huainan-women-entrepreneurs' } });
    expect(featuresOf(matches.get('trad-only'))).toContain('SCRIPT_VARIANT');
    for (const key of ['pinyin', 'tones']) {
      expect(matches.get(key)).toMatchObject({ status: 'MATCHED', match: { id: 'person-he-tingting' } });
      expect(featuresOf(matches.get(key))[0]).toBe('PINYIN');
    }
    // Han text with the same reading is a different name: a candidate, not a match.
    const homophone = matches.get('homophone')!;
    expect(homophone.status).toBe('NEW');
    expect(homophone.candidates[0]).toMatchObject({ id: 'person-he-tingting', features: [expect.objectContaining({ feature: 'PINYIN' })] });
    expect(homophone.candidates[0].score).toBeLessThan(MATCH_THRESHOLD);
  });

  it('finds the litigation center from its short form in a Huainan document, and its parent adds SAME_PARENT', () => {
    const matches = byKey(
      matchMentions(
        DOCUMENT,
        extraction(
          '淮南市',
          [
            mention('center', 'ORGANIZATION', '淮南市中级人民法院诉讼服务中心', ['市中级人民法院诉讼服务中心'], { organizationKind: 'INSTITUTION' }),
            mention('bare', 'ORGANIZATION', '市中级人民法院诉讼服务中心'),
            mention('court', 'ORGANIZATION', '淮南市中级人民法院', ['市中级人民法院']),
          ],
          [['center', 'court']],
        ),
        gazetteer,
      ),
    );
    expect(matches.get('court')).toMatchObject({ status: 'MATCHED', match: { id: 'org-huainan-intermediate-court' } });
    for (const key of ['center', 'bare']) expect(matches.get(key)).toMatchObject({ status: 'MATCHED', match: { id: 'org-huainan-court-litigation-center' } });
    expect(featuresOf(matches.get('center'))).toEqual(expect.arrayContaining(['EXACT_NAME', 'SAME_PARENT', 'SAME_CONTEXT', 'KIND']));
    expect(matches.get('center')!.match!.features.find((f) => f.feature === 'SAME_PARENT')!.score).toBeGreaterThan(0);
    // In another city's document the same words are another court's center.
    const [elsewhere] = matchMentions(DOCUMENT, extraction('青源市', [mention('bare', 'ORGANIZATION', '市中级人民法院诉讼服务中心')]), gazetteer);
    expect(elsewhere.status).toBe('NEW');
    expect(elsewhere.candidates.map((c) => c.id)).not.toContain('org-huainan-court-litigation-center');
  });

  it('a parent the document states that differs from the entry’s counts against it', () => {
    const matches = byKey(
      matchMentions(
        DOCUMENT,
        extraction('淮南市', [mention('team', 'ORGANIZATION', '淮南市妇联宣讲团'), mention('parent', 'ORGANIZATION', '中华全国妇女联合会')], [['team', 'parent']]),
        gazetteer,
      ),
    );
    const parent = matches.get('team')!.match!.features.find((f) => f.feature === 'SAME_PARENT')!;
    // The ACWF is above the team's parent: still under it, at some depth.
    expect(parent.score).toBeGreaterThan(0);
    const [other] = matchMentions(
      DOCUMENT,
      extraction('淮南市', [mention('team', 'ORGANIZATION', '淮南市妇联宣讲团'), mention('parent', 'ORGANIZATION', '淮南市人民政府')], [['team', 'parent']]),
      gazetteer,
    );
    expect(other.match!.features.find((f) => f.feature === 'SAME_PARENT')!.score).toBeLessThan(0);
  });

  it('proposes new names as NEW, with no candidate above the threshold', () => {
    const matches = matchMentions(
      DOCUMENT,
      extraction('淮南市', [
        mention('kindergarten', 'ORGANIZATION', '淮南市舜和幼儿园'),
        mention('section', 'ORGANIZATION', '淮南市教育体育局基础教育科', ['市教体局基础教育科']),
        mention('municipal-title', 'HONOR', '淮南市三八红旗手', ['淮南市三八红旗手'], { level: 'MUNICIPAL' }),
        mention('municipal-collective', 'HONOR', '淮南市三八红旗集体'),
        mention('person', 'PERSON', '孟晓静'),
      ]),
      gazetteer,
    );
    for (const m of matches) {
      expect(m).toMatchObject({ status: 'NEW', match: null });
      expect(m.candidates.every((c) => c.score < MATCH_THRESHOLD)).toBe(true);
      expect(m.confidence).toBeGreaterThan(0);
    }
  });

  it('a kind that disagrees counts against a candidate; an organization mention may still find a program', () => {
    const [station] = matchMentions(DOCUMENT, extraction('淮南市', [mention('s', 'ORGANIZATION', '舜心驿站', ['舜心驿站'], { organizationKind: 'STUDIO' })]), gazetteer);
    expect(station).toMatchObject({ status: 'MATCHED', match: { id: 'prog-shunxin-station', type: 'Program' } });
    expect(station.match!.features.find((f) => f.feature === 'KIND')!.score).toBeLessThan(0);
    const [bank] = matchMentions(DOCUMENT, extraction('淮南市', [mention('b', 'ORGANIZATION', '徽商银行', ['徽商银行'], { organizationKind: 'FEDERATION' })]), gazetteer);
    expect(bank.match!.features.find((f) => f.feature === 'KIND')).toMatchObject({ score: expect.any(Number) });
    expect(bank.match!.features.find((f) => f.feature === 'KIND')!.score).toBeLessThan(0);
  });

  it('is deterministic: the same input gives the same output, whatever the order of the gazetteer', () => {
    const input = extraction('淮南市', [
      mention('a', 'ORGANIZATION', '淮南妇联'),
      mention('b', 'ORGANIZATION', '市妇联'),
      mention('c', 'PROGRAM', '最美家庭'),
      mention('d', 'HONOR', '全国三八红旗集体'),
    ]);
    const once = matchMentions(DOCUMENT, input, gazetteer);
    expect(matchMentions(DOCUMENT, input, gazetteer)).toEqual(once);
    const reversed: Gazetteer = { entries: [...gazetteer.entries].reverse() };
    expect(matchMentions(DOCUMENT, input, reversed)).toEqual(once);
  });

  it('every name, alias and bound alias of the seed’s stated entities finds its node in a Huainan document; the bound ones in another city’s find none', () => {
    const seed = seedFile('huainan-womens-federation-2024.json');
    const kinds: [string, MentionKind][] = [
      ['organizations', 'ORGANIZATION'],
      ['people', 'PERSON'],
      ['honors', 'HONOR'],
      ['programs', 'PROGRAM'],
    ];
    const all: EntityMention[] = [];
    const bound: EntityMention[] = [];
    const wanted = new Map<string, string>();
    for (const [field, kind] of kinds) {
      for (const e of seed[field].filter((x: any) => !x.inferred)) {
        const boundForms: string[] = (e.contextAliases ?? []).map((b: any) => b.alias);
        [e.name, ...(e.aliases ?? []), ...boundForms].forEach((form: string, i: number) => {
          const m = mention(`${e.id}#${i}`, kind, form);
          wanted.set(m.key, e.id);
          all.push(m);
          if (i >= 1 + (e.aliases ?? []).length) bound.push(m);
        });
      }
    }
    const inHuainan = matchMentions(DOCUMENT, extraction('淮南市', all), gazetteer);
    const wrong = inHuainan.filter((m) => !(m.status === 'MATCHED' && m.match?.id === wanted.get(m.key)));
    expect(wrong.map((m) => m.key)).toEqual([]);
    expect(bound.length).toBeGreaterThan(20);
    const inQingyuan = matchMentions(DOCUMENT, extraction('青源市', bound), gazetteer);
    expect(inQingyuan.filter((m) => m.status !== 'NEW').map((m) => `${m.key} ${m.match?.id}`)).toEqual([]);
  });

  it('a document that leaves its own place out: 妇联宣讲团 and 巾帼创业创新大赛 in a Huainan document', () => {
    const matches = byKey(
      matchMentions(
        DOCUMENT,
        extraction('淮南市', [mention('team', 'ORGANIZATION', '妇联宣讲团'), mention('contest', 'PROGRAM', '巾帼创业创新大赛', ['巾帼创业创新大赛'], { programKind: 'COMPETITION' })]),
        gazetteer,
      ),
    );
    expect(matches.get('team')).toMatchObject({ status: 'MATCHED', match: { id: 'org-huainan-wf-lecture-team' } });
    expect(matches.get('contest')).toMatchObject({ status: 'MATCHED', match: { id: 'prog-women-startup-contest-2024' } });
    expect(featuresOf(matches.get('contest'))[0]).toBe('SHORT_FORM');
    // In a Qingyuan document they are Qingyuan's.
    const elsewhere = matchMentions(DOCUMENT, extraction('青源市', [mention('team', 'ORGANIZATION', '妇联宣讲团'), mention('contest', 'PROGRAM', '巾帼创业创新大赛')]), gazetteer);
    for (const m of elsewhere) expect(m.status).toBe('NEW');
  });

  it('two entries that fit about equally make the mention AMBIGUOUS, both listed', () => {
    const hospital = (id: string, name: string): GazetteerEntry => ({ id, type: 'Organization', name, aliases: ['一院'], contextAliases: [], kind: 'INSTITUTION', level: 'MUNICIPAL', parentId: null });
    const withTwo: Gazetteer = { entries: [...gazetteer.entries, hospital('test-hospital-a', '测试编辑第一人民医院'), hospital('test-hospital-b', '测试编辑第一人民医院东院')] };
    const [both] = matchMentions(DOCUMENT, extraction(null, [mention('h', 'ORGANIZATION', '一院')]), withTwo);
    expect(both).toMatchObject({ status: 'AMBIGUOUS', match: { id: 'test-hospital-a' } });
    expect(both.candidates.map((c) => c.id)).toEqual(['test-hospital-a', 'test-hospital-b']);
    expect(both.confidence).toBeLessThan(MATCH_THRESHOLD);
    // The full name tells them apart.
    const [one] = matchMentions(DOCUMENT, extraction(null, [mention('h', 'ORGANIZATION', '测试编辑第一人民医院东院', ['一院'])]), withTwo);
    expect(one).toMatchObject({ status: 'MATCHED', match: { id: 'test-hospital-b' } });
  });

  it('reads names set in quotation or title marks as the names stored without them', () => {
    const matches = byKey(
      matchMentions(
        DOCUMENT,
        extraction('淮南市', [
          mention('campaign', 'PROGRAM', '“巾帼心向党”引领行动'),
          mention('class', 'PROGRAM', '《徽凤课堂》第五期'),
          mention('event', 'PROGRAM', '“树清廉家风 扬清风正气”家庭助廉活动'),
        ]),
        gazetteer,
      ),
    );
    expect(matches.get('campaign')).toMatchObject({ status: 'MATCHED', match: { id: 'prog-jinguo-xinxiangdang', features: [expect.objectContaining({ feature: 'EXACT_NAME' })] } });
    expect(matches.get('class')).toMatchObject({ status: 'MATCHED', match: { id: 'prog-huifeng-classroom-5' } });
    expect(matches.get('event')).toMatchObject({ status: 'MATCHED', match: { id: 'prog-clean-family-tradition' } });
  });

  it('matches the expected names of the eval documents to the expected nodes (05: the Huainan list)', () => {
    const dir = path.join(ROOT, 'eval/ingest/expected');
    const report: string[] = [];
    let right05 = 0;
    let total05 = 0;
    for (const file of fs.readdirSync(dir).sort()) {
      const expected = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      const { input, wanted } = expectedAsMentions(expected);
      const got = byKey(matchMentions(DOCUMENT, input, gazetteer));
      const wrong = wanted.filter(([key, id]) => {
        const m = got.get(key)!;
        return id ? !(m.status === 'MATCHED' && m.match?.id === id) : m.status !== 'NEW';
      });
      report.push(`${file}: ${wanted.length - wrong.length}/${wanted.length}${wrong.length ? ` (wrong: ${wrong.map(([key]) => key).join(', ')})` : ''}`);
      if (file.startsWith('05-')) {
        right05 = wanted.length - wrong.length;
        total05 = wanted.length;
      }
    }
    process.stdout.write(`[ingest-match] expected matches right per file: ${report.join('; ')}\n`);
    expect(total05).toBeGreaterThan(15);
    expect(right05 / total05).toBeGreaterThanOrEqual(0.95);
  });

  it('matching stays fast with a 100,000-entry gazetteer (index built once, then milliseconds per document)', () => {
    const big = syntheticGazetteer(gazetteer, 100_000);
    let started = Date.now();
    const index = gazetteerIndex(big);
    const indexMs = Date.now() - started;
    expect(gazetteerIndex(big)).toBe(index);
    const { input } = expectedAsMentions(JSON.parse(fs.readFileSync(path.join(ROOT, 'eval/ingest/expected/05-huainan-honoree-list.json'), 'utf8')));
    // About as many mentions as a 10,000-character report names.
    const many = { ...input, entities: Array.from({ length: 8 }, (_, i) => input.entities.map((e) => ({ ...e, key: `${e.key}#${i}` }))).flat() };
    matchMentions(DOCUMENT, many, big);
    started = Date.now();
    const matches = matchMentions(DOCUMENT, many, big);
    const matchMs = Date.now() - started;
    process.stdout.write(`[ingest-match] 100k gazetteer: index ${indexMs} ms once; ${many.entities.length} mentions matched in ${matchMs} ms\n`);
    expect(matches.find((m) => m.key === 'hn-wf#0')).toMatchObject({ status: 'MATCHED', match: { id: 'org-huainan-wf' } });
    // A loose bound (the measured figure is far lower); a linear scan of 100k entries per mention would exceed it.
    expect(matchMs).toBeLessThan(3000);
    // Building the index of 100,000 names (pinyin of each) takes seconds, more on a loaded machine.
  }, 180_000);
});

/** An expected file's entities as mentions (name and written short forms, kind, level, stated parents) and the node each should match. */
function expectedAsMentions(expected: any): { input: Extraction; wanted: [string, string | null][] } {
  const entities: EntityMention[] = [];
  const wanted: [string, string | null][] = [];
  const kinds: [string, MentionKind][] = [
    ['organizations', 'ORGANIZATION'],
    ['people', 'PERSON'],
    ['honors', 'HONOR'],
    ['programs', 'PROGRAM'],
  ];
  for (const [field, kind] of kinds) {
    for (const e of expected[field] ?? []) {
      entities.push(
        mention(e.key, kind, e.name, [...(e.shortForms ?? []), e.name], {
          organizationKind: kind === 'ORGANIZATION' ? e.kind : null,
          programKind: kind === 'PROGRAM' ? e.kind : null,
          level: e.level ?? null,
        }),
      );
      wanted.push([e.key, e.matches ?? null]);
    }
  }
  const hierarchy = (expected.organizations ?? []).filter((o: any) => o.parent).map((o: any): [string, string] => [o.key, o.parent]);
  return { input: extraction(expected.place ?? null, entities, hierarchy), wanted };
}

/** The seeded gazetteer padded with made-up organizations of many cities and people, to `size` entries. */
function syntheticGazetteer(base: Gazetteer, size: number): Gazetteer {
  const cities = ['青源', '临河', '安庆', '蚌埠', '亳州', '池州', '滁州', '阜阳', '合肥', '淮北', '黄山', '六安', '宿州', '铜陵', '芜湖', '宣城'];
  const units = ['妇女联合会', '人民医院', '中级人民法院', '教育体育局', '第一中学', '实验小学', '妇幼保健院', '农业农村局', '女企业家协会', '总工会'];
  const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎顾毛郝龚邵万钱严覃武戴莫孔向汤';
  const given = '秀英桂兰玉梅淑芬丽华静敏燕艳娟霞芳红娜雪晓佳慧琳颖倩洁莉萍';
  const entries = [...base.entries];
  let n = 0;
  for (const city of cities) {
    for (const unit of units) {
      for (let d = 0; d < 30; d += 1) {
        entries.push({
          id: `synthetic-org-${n++}`,
          type: 'Organization',
          name: d === 0 ? `${city}市${unit}` : `${city}市第${d}${unit}`,
          aliases: [],
          contextAliases: d === 0 ? [{ alias: `市${unit}`, contexts: [`place:${city}`] }] : [],
          kind: 'INSTITUTION',
          level: 'MUNICIPAL',
          parentId: null,
        });
      }
    }
  }
  for (let i = 0; entries.length < size; i += 1) {
    const name = surnames[i % surnames.length] + given[Math.floor(i / surnames.length) % given.length] + given[Math.floor(i / (surnames.length * given.length)) % given.length];
    entries.push({ id: `synthetic-person-${i}`, type: 'Person', name: `${name}${i >= 25000 ? i : ''}`, aliases: [], contextAliases: [], kind: null, level: null, parentId: null });
  }
  return { entries };
}
