/**
 * Extraction of organizations, people, honors, awards, memberships and hierarchy (issue 15, part 2)
 * on the evaluation documents (eval/ingest/documents, read by the real reader), the seed article and
 * a made-up document of this file's own. Pure functions: no database.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readDocument } from '../src/ingest/document.reader';
import { chineseNumber, documentDate, LineText } from '../src/ingest/document-context';
import { extractEntities, mentionAt } from '../src/ingest/extract-entities';
import { EntityMention, Extraction, Gazetteer, GazetteerEntry, IngestDocument } from '../src/ingest/ingest.model';
import { segment } from '../src/ingest/segment';
import { normalizeName } from '../src/text/normalize';
import { seedArticle } from '../eval/ingest/seed-article';

const DOCUMENTS = path.resolve(__dirname, '../eval/ingest/documents');
const SEED_ARTICLE = seedArticle(path.resolve(__dirname, '..'));
const SEED_FILE = path.resolve(__dirname, '../seeds/huainan-womens-federation-2024.json');
const EMPTY: Gazetteer = { entries: [] };

async function read(file: string): Promise<IngestDocument> {
  return readDocument({ bytes: fs.readFileSync(file), fileName: path.basename(file) });
}

async function extractFile(name: string, gazetteer: Gazetteer = EMPTY): Promise<Extraction> {
  return extractEntities(await read(path.join(DOCUMENTS, name)), gazetteer);
}

function byName(x: Extraction, kind: EntityMention['kind'], name: string): EntityMention {
  const found = x.entities.find((e) => e.kind === kind && e.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among ${x.entities.filter((e) => e.kind === kind).map((e) => e.name).join(', ')}`);
  return found;
}

const nameOf = (x: Extraction, key: string | null | undefined) => x.entities.find((e) => e.key === key)?.name ?? null;

interface SeedRecord {
  id: string;
  name: string;
  aliases?: string[];
  contextAliases?: { alias: string; contexts: string[] }[];
  kind?: string;
  level?: string | null;
  parentId?: string | null;
  inferred?: boolean;
}

function seedGazetteer(): Gazetteer {
  const seed = JSON.parse(fs.readFileSync(SEED_FILE, 'utf8')) as Record<string, SeedRecord[]>;
  const entries: GazetteerEntry[] = [];
  const add = (type: GazetteerEntry['type'], r: SeedRecord) =>
    entries.push({ id: r.id, type, name: r.name, aliases: r.aliases ?? [], contextAliases: r.contextAliases ?? [], kind: r.kind ?? null, level: r.level ?? null, parentId: r.parentId ?? null });
  seed.people.forEach((r) => add('Person', r));
  seed.organizations.forEach((r) => add('Organization', r));
  seed.honors.forEach((r) => add('Honor', r));
  seed.programs.forEach((r) => add('Program', r));
  return { entries };
}

describe('01: an honoree-list decision in simplified script', () => {
  let x: Extraction;
  beforeAll(async () => {
    x = await extractFile('01-qingyuan-sanba-decision.txt');
  });

  it('reads the place, the date and the year undated awards fall in', () => {
    expect(x.context.place).toBe('青源市');
    expect(x.context.date).toBe('2026-03-02');
    expect(x.context.dateSpan?.locator).toBe('¶25');
    expect(x.context.year).toBe(2026);
    expect(x.context.yearNote).toContain('¶25');
    expect(nameOf(x, x.context.issuerKey)).toBe('青源市妇女联合会');
  });

  it('resolves 市妇联 to the document’s city federation, keeping the written forms and every span', () => {
    const wf = byName(x, 'ORGANIZATION', '青源市妇女联合会');
    expect(wf.written).toEqual(['青源市妇女联合会', '市妇联']);
    expect(wf.spans.map((s) => s.locator)).toEqual(['¶2', '¶6', '¶24']);
    expect(wf.organizationKind).toBe('FEDERATION');
    expect(wf.level).toBe('MUNICIPAL');
    const doc = x.entities.flatMap((e) => e.spans);
    expect(doc.every((s) => s.end > s.start)).toBe(true);
  });

  it('yields the 8 people with their units and posts', () => {
    const people = x.entities.filter((e) => e.kind === 'PERSON').map((e) => e.name);
    expect(people.sort()).toEqual(['刘秀兰', '王丽娟', '陈晓燕', '赵春梅', '孙慧敏', '杨桂芳', '黄秋菊', '郑雅琴'].sort());
    const posts = x.memberships.map((m) => `${nameOf(x, m.memberKey)}@${nameOf(x, m.organizationKey)}:${m.role}`).sort();
    expect(posts).toEqual(
      [
        '刘秀兰@青源市第一人民医院产科:主任',
        '王丽娟@青源市实验小学:副校长',
        '陈晓燕@青源市公安局东湖分局:户籍民警',
        '赵春梅@青源市春梅家政服务有限公司:总经理',
        '孙慧敏@青源市农业科学研究所:研究员',
        '杨桂芳@临溪县城关镇妇女联合会:主席',
        '黄秋菊@临溪县人民法院:审判员',
        '郑雅琴@青源市东湖区文昌社区党委:书记',
      ].sort(),
    );
  });

  it('yields 12 awards, their year 2026 inferred from the date', () => {
    expect(x.awards).toHaveLength(12);
    for (const a of x.awards) {
      expect(a.year).toBe(2026);
      expect(a.yearStated).toBe(false);
      expect(a.yearNote).toMatch(/inferred/);
    }
    const collective = x.awards.filter((a) => nameOf(x, a.honorKey) === '青源市三八红旗集体').map((a) => nameOf(x, a.recipientKey));
    expect(collective.sort()).toEqual(['青源市第一人民医院急诊科', '青源市妇女儿童活动中心', '国网青源供电公司营销服务中心', '临溪县人民法院少年家事审判庭'].sort());
  });

  it('names the honors with their level, variant and the conferrer the text names', () => {
    const honors = x.entities.filter((e) => e.kind === 'HONOR');
    expect(honors.map((h) => h.name).sort()).toEqual(['青源市三八红旗手', '青源市三八红旗集体']);
    for (const h of honors) {
      expect(h.level).toBe('MUNICIPAL');
      expect(nameOf(x, h.conferredByKey)).toBe('青源市妇女联合会');
      expect(h.fields.stated).toContain('conferredBy');
    }
    expect(byName(x, 'HONOR', '青源市三八红旗手').variantOfName).toBe('三八红旗手');
  });

  it('links departments written inside a longer name to it, stated', () => {
    const links = x.hierarchy.map((h) => `${nameOf(x, h.childKey)}→${nameOf(x, h.parentKey)}:${h.stated}`).sort();
    expect(links).toEqual(
      [
        '青源市第一人民医院急诊科→青源市第一人民医院:true',
        '青源市第一人民医院产科→青源市第一人民医院:true',
        '青源市公安局东湖分局→青源市公安局:true',
        '国网青源供电公司营销服务中心→国网青源供电公司:true',
        '临溪县人民法院少年家事审判庭→临溪县人民法院:true',
      ].sort(),
    );
    expect(byName(x, 'ORGANIZATION', '国网青源供电公司营销服务中心').organizationKind).toBe('ENTERPRISE');
    expect(byName(x, 'ORGANIZATION', '青源市公安局东湖分局').level).toBe('COUNTY');
  });

  it('names no generic phrase as a body (各县（区）妇联) and keeps the disclaimer out', () => {
    expect(x.entities.some((e) => e.name.includes('各县'))).toBe(false);
    expect(x.entities.some((e) => e.spans.some((s) => s.locator === '¶1'))).toBe(false);
  });

  it('finds the organization at an offset (mentionAt)', async () => {
    const doc = await read(path.join(DOCUMENTS, '01-qingyuan-sanba-decision.txt'));
    const at = doc.text.indexOf('市妇联决定');
    expect(mentionAt(x, at + 1, 'ORGANIZATION')?.name).toBe('青源市妇女联合会');
    const dept = doc.text.indexOf('急诊科');
    expect(mentionAt(x, dept, 'ORGANIZATION')?.name).toBe('青源市第一人民医院急诊科');
    expect(mentionAt(x, doc.text.indexOf('第一人民医院'), 'ORGANIZATION')?.name).toBe('青源市第一人民医院');
    expect(mentionAt(x, 0)).toBeNull();
  });
});

describe('the damaged decision (02), repaired by the reader, yields the same facts', () => {
  it('has the same people, honors and awards as 01', async () => {
    const clean = await extractFile('01-qingyuan-sanba-decision.txt');
    const damaged = await extractFile('02-qingyuan-sanba-decision-damaged.txt');
    const facts = (x: Extraction) => ({
      entities: x.entities.map((e) => `${e.kind}:${e.name}`).sort(),
      awards: x.awards.map((a) => `${nameOf(x, a.recipientKey)}<-${nameOf(x, a.honorKey)}@${a.year}`).sort(),
      memberships: x.memberships.map((m) => `${nameOf(x, m.memberKey)}@${nameOf(x, m.organizationKey)}:${m.role}`).sort(),
    });
    expect(facts(damaged)).toEqual(facts(clean));
    expect(damaged.context.place).toBe('青源市');
  });
});

describe('03: another city’s federation report', () => {
  it('reads the report’s year and the posts, honors and awards it states', async () => {
    const x = await extractFile('03-linhe-wf-annual-report.md');
    expect(x.context.place).toBe('临河市');
    expect(x.context.year).toBe(2025);
    expect(x.context.yearNote).toContain('工作报告');
    expect(byName(x, 'ORGANIZATION', '临河市妇女联合会').written).toContain('市妇联');
    expect(byName(x, 'ORGANIZATION', '临河市人力资源和社会保障局').organizationKind).toBe('GOVERNMENT_BODY');
    expect(byName(x, 'ORGANIZATION', '临河农村商业银行').level).toBeNull();
    const awards = x.awards.map((a) => `${nameOf(x, a.recipientKey)}<-${nameOf(x, a.honorKey)}@${a.year}:${a.yearStated}`).sort();
    expect(awards).toEqual(['临河市妇联权益部<-全省妇联系统维权工作先进集体@2025:false', '吴芳<-临河市优秀共产党员@2025:false']);
    expect(byName(x, 'HONOR', '全省妇联系统维权工作先进集体').level).toBe('PROVINCIAL');
    expect(byName(x, 'HONOR', '临河市优秀共产党员').conferredByKey).toBeNull();
    const posts = x.memberships.map((m) => `${nameOf(x, m.memberKey)}:${m.role}`).sort();
    expect(posts).toEqual(['吴芳:副主席', '李红梅:主席']);
  });
});

describe('04: a news item (HTML) in another city', () => {
  it('reads 市妇联 as that city’s, the byline, a stated award year and the studio’s leader', async () => {
    const x = await extractFile('04-linhe-studio-news.html');
    expect(x.context.place).toBe('临河市');
    expect(x.context.date).toBe('2026-04-10');
    expect(x.entities.some((e) => e.name.startsWith('淮南'))).toBe(false);
    expect(byName(x, 'ORGANIZATION', '临河市妇女联合会').written).toEqual(['市妇联']);
    expect(byName(x, 'ORGANIZATION', '临河日报').level).toBe('MUNICIPAL');
    const [award] = x.awards;
    expect(x.awards).toHaveLength(1);
    expect([nameOf(x, award.recipientKey), nameOf(x, award.honorKey), award.year, award.yearStated]).toEqual(['张玉梅', '临河市三八红旗手', 2023, true]);
    const posts = x.memberships.map((m) => `${nameOf(x, m.memberKey)}@${nameOf(x, m.organizationKey)}:${m.role}`).sort();
    expect(posts).toEqual(['张玉梅@张玉梅三八红旗手工作室:带头人', '张玉梅@河西区人民医院儿科:主任', '许文静@临河日报:记者', '马丽华@河西区妇女联合会:主席'].sort());
    const implied = x.hierarchy.filter((h) => !h.stated).map((h) => `${nameOf(x, h.childKey)}→${nameOf(x, h.parentKey)}`).sort();
    expect(implied).toEqual(['张玉梅三八红旗手工作室→临河市妇女联合会', '河西区妇女联合会→临河市妇女联合会']);
    // 工作室 alone is a back-reference: a span of the studio, not a body of its own.
    expect(x.entities.filter((e) => e.kind === 'ORGANIZATION' && e.name.endsWith('工作室'))).toHaveLength(1);
  });
});

describe('05: a Huainan honoree list (Markdown)', () => {
  it('reads the stated edition year, the past award and the departments', async () => {
    const x = await extractFile('05-huainan-honoree-list.md');
    expect(x.context.place).toBe('淮南市');
    const years = x.awards.map((a) => `${nameOf(x, a.recipientKey)}<-${nameOf(x, a.honorKey)}@${a.year}:${a.yearStated}`);
    expect(years).toContain('孟晓静<-淮南市三八红旗手@2025:true');
    expect(years).toContain('淮南市妇联宣讲团<-淮南市三八红旗集体@2025:true');
    expect(years).toContain('淮南市中级人民法院诉讼服务中心<-全国三八红旗集体@null:false');
    expect(x.awards).toHaveLength(9);
    expect(byName(x, 'ORGANIZATION', '淮南市教育体育局').written).toEqual(['市教体局']);
    expect(byName(x, 'ORGANIZATION', '淮南市教育体育局基础教育科').fields.stated).toContain('parent');
    expect(byName(x, 'ORGANIZATION', '淮南市三八红旗手(集体)联盟').organizationKind).toBe('ALLIANCE');
    expect(byName(x, 'HONOR', '全国三八红旗集体').level).toBe('NATIONAL');
    const shared = x.memberships.filter((m) => nameOf(x, m.organizationKey) === '淮南市舜和幼儿园').map((m) => nameOf(x, m.memberKey));
    expect(shared.sort()).toEqual(['田淑芬', '罗佳慧'].sort());
  });
});

describe('06: a district news item', () => {
  it('resolves 区妇联 and 市妇联 by the dateline’s place', async () => {
    const x = await extractFile('06-qingyuan-donghu-news.txt');
    expect(x.context.place).toBe('青源市东湖区');
    expect(byName(x, 'ORGANIZATION', '青源市东湖区妇女联合会').written).toEqual(['东湖区妇联', '区妇联']);
    expect(byName(x, 'ORGANIZATION', '青源市妇女联合会').written).toEqual(['市妇联']);
    expect(byName(x, 'ORGANIZATION', '青源市东湖区文昌社区党委').level).toBe('VILLAGE');
    const link = x.hierarchy.find((h) => nameOf(x, h.childKey) === '青源市东湖区妇女联合会');
    expect(link && [nameOf(x, link.parentKey), link.stated]).toEqual(['青源市妇女联合会', false]);
    expect(x.entities.filter((e) => e.kind === 'PERSON').map((e) => e.name).sort()).toEqual(['何晓梅', '周丽萍', '郑雅琴', '林小雨'].sort());
    expect(x.awards).toEqual([]);
  });
});

describe('the seed article, raw, into an empty graph', () => {
  let x: Extraction;
  beforeAll(async () => {
    x = extractEntities(await read(SEED_ARTICLE), EMPTY);
  });

  it('yields every organization the seed says the text states', () => {
    const seed = JSON.parse(fs.readFileSync(SEED_FILE, 'utf8')) as { organizations: SeedRecord[] };
    const stated = seed.organizations.filter((o) => !o.inferred).map((o) => o.name);
    const names = new Set(x.entities.filter((e) => e.kind === 'ORGANIZATION').map((e) => e.name));
    expect(stated.filter((n) => !names.has(n))).toEqual([]);
  });

  it('reads the year of its undated awards from 去年 and its latest year', () => {
    expect(x.context.place).toBe('淮南市');
    expect(x.context.year).toBe(2024);
    expect(x.context.date).toBe('2025');
    expect(x.context.yearNote).toContain('去年');
    const awards = x.awards.map((a) => `${nameOf(x, a.recipientKey)}<-${nameOf(x, a.honorKey)}@${a.year}:${a.yearStated}`).sort();
    expect(awards).toEqual(
      [
        '淮南市妇女联合会<-省妇联系统目标管理考核创新奖@2024:false',
        '淮南市妇女联合会<-市委市政府目标管理绩效考核先进单位@2024:false',
        '淮南市妇女联合会<-省三八红旗集体@2024:false',
        '淮南市中级人民法院诉讼服务中心<-全国三八红旗集体@2024:false',
      ].sort(),
    );
    expect(x.entities.filter((e) => e.kind === 'PERSON').map((e) => e.name)).toEqual(['何婷婷']);
  });

  it('proposes the same names with the seeded gazetteer, the graph’s names found by it', async () => {
    const seeded = extractEntities(await read(SEED_ARTICLE), seedGazetteer());
    const names = (e: Extraction) => new Set(e.entities.map((m) => `${m.kind}:${m.name}`));
    const before = names(x);
    const after = names(seeded);
    expect([...before].filter((n) => !after.has(n))).toEqual([]);
    // The only addition: 人社, a short form the graph binds to Huainan (a context alias).
    expect([...after].filter((n) => !before.has(n))).toEqual(['ORGANIZATION:淮南市人力资源和社会保障局']);
    expect(byName(seeded, 'ORGANIZATION', '淮南市教育体育局').evidence).toContain('gazetteer');
    expect(seeded.awards).toHaveLength(4);
  });
});

// 【测试用虚构文件 — made up for testing】: a union's decision in an invented city, not in the eval set.
const OWN_DOCUMENT = [
  '【测试用虚构文件 — made up for testing】松川市、北岭区、南山镇均为虚构地名，人名、单位均为虚构。',
  '松川市总工会',
  '关于授予松川市五一劳动奖章的决定',
  '各区总工会、市直各单位：',
  '经研究，市总工会决定，授予松川市第二中学教师许美玲、松川市中心医院心内科护士长钱小芳等3名同志“松川市五一劳动奖章”。',
  '附：获奖人员名单',
  '许美玲　松川市第二中学教师',
  '钱小芳　松川市中心医院心内科护士长',
  '邓秀云（北岭区南山镇卫生院院长）',
  '会上，北岭区妇联主席杜月明和市人社局副局长郭建华为获奖者颁奖。',
  '2025年，北岭区人民检察院第二检察部被评为“全省检察机关先进集体”，松川市星光科技有限公司获评“松川市巾帼文明岗”。',
  '松川市总工会',
  '2026年4月28日',
].join('\n');

describe('a made-up document of another kind (a union’s decision)', () => {
  let x: Extraction;
  beforeAll(async () => {
    x = extractEntities(await readDocument({ bytes: Buffer.from(OWN_DOCUMENT, 'utf8'), fileName: 'own.txt' }), EMPTY);
  });

  it('finds its bodies, people, honors and the facts between them', () => {
    const orgs = x.entities.filter((e) => e.kind === 'ORGANIZATION').map((e) => e.name).sort();
    expect(orgs).toEqual(
      [
        '松川市总工会',
        '松川市第二中学',
        '松川市中心医院',
        '松川市中心医院心内科',
        '北岭区南山镇卫生院',
        '北岭区妇女联合会',
        '松川市人力资源和社会保障局',
        '北岭区人民检察院',
        '北岭区人民检察院第二检察部',
        '松川市星光科技有限公司',
      ].sort(),
    );
    expect(x.entities.filter((e) => e.kind === 'PERSON').map((e) => e.name).sort()).toEqual(['许美玲', '钱小芳', '邓秀云', '杜月明', '郭建华'].sort());
    const awards = x.awards.map((a) => `${nameOf(x, a.recipientKey)}<-${nameOf(x, a.honorKey)}@${a.year}:${a.yearStated}`).sort();
    expect(awards).toEqual(
      [
        '许美玲<-松川市五一劳动奖章@2026:false',
        '钱小芳<-松川市五一劳动奖章@2026:false',
        '邓秀云<-松川市五一劳动奖章@2026:false',
        '北岭区人民检察院第二检察部<-全省检察机关先进集体@2025:true',
        '松川市星光科技有限公司<-松川市巾帼文明岗@2025:true',
      ].sort(),
    );
    expect(nameOf(x, byName(x, 'HONOR', '松川市五一劳动奖章').conferredByKey)).toBe('松川市总工会');
    const posts = x.memberships.map((m) => `${nameOf(x, m.memberKey)}@${nameOf(x, m.organizationKey)}:${m.role}`).sort();
    expect(posts).toContain('郭建华@松川市人力资源和社会保障局:副局长');
    expect(posts).toContain('杜月明@北岭区妇女联合会:主席');
    expect(posts).toContain('钱小芳@松川市中心医院心内科:护士长');
  });
});

// 【测试用虚构文件 — made up for testing】: a county's news item with no city and no date.
const OWN_NEWS = [
  '【测试用虚构文件 — made up for testing】江宁县为虚构地名，人名、单位均为虚构。',
  '江宁县妇联开展“春蕾护航”女童保护宣讲活动',
  '（江宁县融媒体中心记者 陈思雨 通讯员 刘洋）',
  '近日，江宁县妇联联合县卫健委、县教育局在江宁县实验小学开展“春蕾护航”女童保护宣讲活动。县妇联党组书记、主席王海燕，副主席李小红参加活动。',
  '江宁县实验小学校长赵文静介绍了学校开展女童保护教育的情况。2024年，该校被评为“全国巾帼文明岗”。',
  '江宁县第一中学教师孙丽、周敏分别获评“江宁县优秀教师”。',
  '江宁县妇联还与江宁县农村商业银行城东支行签订协议，为困难女童提供助学金。',
].join('\n');

describe('a made-up county news item (no city, no date)', () => {
  it('takes the county as the place and reads chained posts, 该校 and names joined by 、', async () => {
    const x = extractEntities(await readDocument({ bytes: Buffer.from(OWN_NEWS, 'utf8'), fileName: 'county.txt' }), EMPTY);
    expect(x.context.place).toBe('江宁县');
    expect(x.context.year).toBeNull();
    expect(byName(x, 'ORGANIZATION', '江宁县卫生健康委员会').written).toEqual(['县卫健委']);
    expect(byName(x, 'ORGANIZATION', '江宁县实验小学').written).toEqual(['江宁县实验小学', '该校']);
    const posts = x.memberships.map((m) => `${nameOf(x, m.memberKey)}@${nameOf(x, m.organizationKey)}:${m.role}`).sort();
    expect(posts).toEqual(
      [
        '陈思雨@江宁县融媒体中心:记者',
        '王海燕@江宁县妇女联合会:党组书记、主席',
        '李小红@江宁县妇女联合会:副主席',
        '赵文静@江宁县实验小学:校长',
        '孙丽@江宁县第一中学:教师',
        '周敏@江宁县第一中学:教师',
      ].sort(),
    );
    const awards = x.awards.map((a) => `${nameOf(x, a.recipientKey)}<-${nameOf(x, a.honorKey)}@${a.year}:${a.yearStated}`).sort();
    expect(awards).toEqual(['江宁县实验小学<-全国巾帼文明岗@2024:true', '孙丽<-江宁县优秀教师@null:false', '周敏<-江宁县优秀教师@null:false'].sort());
    expect(x.entities.filter((e) => e.kind === 'PERSON').map((e) => e.name)).toContain('刘洋');
  });
});

// 【测试用虚构文件 — made up for testing】: a city federation's news item with traps for precision.
const OWN_REPORT = [
  '【测试用虚构文件 — made up for testing】白河市为虚构地名，人名、单位均为虚构。',
  '白河市妇联召开2025年度表彰大会',
  '本报讯（记者 方晓红）3月7日，白河市妇联召开纪念“三八”国际妇女节暨表彰大会。全国妇联副主席、书记处书记到会讲话。',
  '会上，白河市城南街道阳光社区居委会等10个集体被授予“白河市三八红旗集体”称号，白河市人民医院妇产科主任医师程丽等20名同志被授予“白河市三八红旗手”称号。',
  '市场监管局、市委宣传部、团市委有关负责同志参加会议。白河市妇联党组书记、主席宋雅琴在讲话中指出，要在党委领导下，广泛凝聚妇女力量。',
  '近年来，白河市妇联先后获得全国维护妇女儿童权益先进集体、安徽省三八红旗集体等称号。',
].join('\n');

describe('a made-up federation news item with traps for precision', () => {
  it('reads names before 等, national and league short forms, and no one year for awards over years', async () => {
    const x = extractEntities(await readDocument({ bytes: Buffer.from(OWN_REPORT, 'utf8'), fileName: 'report.txt' }), EMPTY);
    expect(x.context.year).toBe(2025);
    expect(x.context.yearNote).toContain('2025年度');
    expect(x.entities.filter((e) => e.kind === 'PERSON').map((e) => e.name).sort()).toEqual(['宋雅琴', '方晓红', '程丽'].sort());
    expect(byName(x, 'ORGANIZATION', '中华全国妇女联合会').level).toBe('NATIONAL');
    expect(byName(x, 'ORGANIZATION', '共青团白河市委员会').level).toBe('MUNICIPAL');
    expect(byName(x, 'ORGANIZATION', '白河市城南街道阳光社区居民委员会').level).toBe('VILLAGE');
    expect(x.entities.some((e) => e.name.includes('党委'))).toBe(false);
    // 有关负责同志 names nobody.
    expect(x.entities.some((e) => e.name.includes('负责'))).toBe(false);
    const awards = x.awards.map((a) => `${nameOf(x, a.recipientKey)}<-${nameOf(x, a.honorKey)}@${a.year}`).sort();
    expect(awards).toEqual(
      [
        '白河市城南街道阳光社区居民委员会<-白河市三八红旗集体@2025',
        '程丽<-白河市三八红旗手@2025',
        '白河市妇女联合会<-全国维护妇女儿童权益先进集体@null',
        '白河市妇女联合会<-安徽省三八红旗集体@null',
      ].sort(),
    );
  });
});

describe('a made-up roster under a title heading', () => {
  it('reads the title from the roster and the heading, at its level', async () => {
    const text = [
      '【测试用虚构文件 — made up for testing】松川市为虚构地名，人名、单位均为虚构。',
      '松川市优秀共产党员名单',
      '一、松川市优秀共产党员（2名）',
      '吴晓丽　松川市第三小学校长',
      '丁梅　松川市妇幼保健院护士长',
    ].join('\n');
    const x = extractEntities(await readDocument({ bytes: Buffer.from(text, 'utf8'), fileName: 'roster.txt' }), EMPTY);
    const honors = x.entities.filter((e) => e.kind === 'HONOR');
    expect(honors.map((h) => [h.name, h.level, h.spans.map((s) => s.locator)])).toEqual([['松川市优秀共产党员', 'MUNICIPAL', ['¶2', '¶3']]]);
    const awards = x.awards.map((a) => `${nameOf(x, a.recipientKey)}<-${nameOf(x, a.honorKey)}@${a.year}`).sort();
    expect(awards).toEqual(['丁梅<-松川市优秀共产党员@null', '吴晓丽<-松川市优秀共产党员@null']);
    expect(x.memberships.map((m) => m.role).sort()).toEqual(['护士长', '校长']);
  });
});

describe('determinism and degenerate input', () => {
  it('gives the same extraction for the same document and gazetteer, whatever ran before', async () => {
    const doc = await read(path.join(DOCUMENTS, '05-huainan-honoree-list.md'));
    const first = extractEntities(doc, EMPTY);
    extractEntities(doc, seedGazetteer());
    const again = extractEntities(doc, EMPTY);
    expect(again).toEqual(first);
    expect(extractEntities(doc, seedGazetteer())).toEqual(extractEntities(doc, seedGazetteer()));
  });

  it('finds nothing in an empty or punctuation-only document', async () => {
    for (const text of ['', '\n\n', '，。、；：“”（）——……\n！？']) {
      const doc: IngestDocument = {
        format: 'TEXT',
        fileName: null,
        contentHash: '',
        rawText: text,
        text,
        lines: text.split('\n').reduce<{ at: number; lines: IngestDocument['lines'] }>(
          (acc, l, i) => ({ at: acc.at + l.length + 1, lines: [...acc.lines, { locator: `¶${i + 1}`, start: acc.at, end: acc.at + l.length }] }),
          { at: 0, lines: [] },
        ).lines,
        repairs: [],
        title: null,
      };
      const x = extractEntities(doc, EMPTY);
      expect(x.entities).toEqual([]);
      expect(x.awards).toEqual([]);
      expect(x.context).toEqual({ place: null, date: null, dateSpan: null, year: null, yearNote: null, issuerKey: null });
    }
  });
});

describe('segment', () => {
  it('tags words with offsets into the text, and knows the gazetteer’s names as words', () => {
    const text = '青源市第一人民医院产科主任';
    const plain = segment(text);
    expect(plain.map((t) => t.word).join('')).toBe(text);
    for (const t of plain) expect(text.slice(t.start, t.end)).toBe(t.word);
    const withName = segment(text, {
      entries: [{ id: 'x', type: 'Organization', name: '青源市第一人民医院', aliases: [], contextAliases: [], kind: null, level: null, parentId: null }],
    });
    expect(withName[0]).toEqual({ word: '青源市第一人民医院', tag: 'nt', start: 0, end: 9 });
    expect(segment(text).map((t) => t.word)).toEqual(plain.map((t) => t.word));
    expect(normalizeName(withName.map((t) => t.word).join(''))).toBe(text);
  });
});

// 【测试用虚构文件 — made up for testing】: a county's commendation with its lists in other common layouts.
const OWN_COUNTY_LISTS = [
  '【测试用虚构文件 — made up for testing】东川市、平湖县、莲塘镇、石门乡和文中的村、社区均为虚构地名，人名、单位均为虚构。',
  '平湖县妇女联合会',
  '关于表彰平湖县文明家庭和巾帼志愿服务先进个人的决定',
  '各乡镇妇联：',
  '经评审，县妇联决定：授予韦丽娟等4户家庭“平湖县文明家庭”称号，授予符海燕等3名同志“平湖县巾帼志愿服务先进个人”称号。',
  '',
  '一、平湖县文明家庭（4户）',
  '莲塘镇：韦丽娟家庭（荷花村）　石建国家庭（莲塘社区）',
  '石门乡：',
  '欧阳春梅家庭、桂明亮家庭',
  '',
  '二、平湖县巾帼志愿服务先进个人（3名）',
  '1. 符海燕，平湖县莲塘镇社会工作服务站站长',
  '2. 马晓雯，平湖县石门乡妇联副主席',
  '3. 岳志芳，平湖县茶文化研究会秘书长',
  '',
  '平湖县妇女联合会',
  '二〇二五年十二月二十八日',
  '抄送：东川市妇女联合会',
].join('\n');

describe('a made-up county commendation (families, numbered lines with a comma, place groups, a date in Chinese numerals)', () => {
  let x: Extraction;
  beforeAll(async () => {
    x = extractEntities(await readDocument({ bytes: Buffer.from(OWN_COUNTY_LISTS, 'utf8'), fileName: 'county-lists.txt' }), EMPTY);
  });

  it('reads the date in Chinese numerals and takes the issuer’s county for 县妇联', () => {
    expect(x.context.date).toBe('2025-12-28');
    expect(x.context.year).toBe(2025);
    expect(x.context.place).toBe('平湖县');
    const issuer = byName(x, 'ORGANIZATION', '平湖县妇女联合会');
    expect(issuer.written).toEqual(expect.arrayContaining(['平湖县妇女联合会', '县妇联']));
    expect(x.entities.filter((e) => e.kind === 'ORGANIZATION' && e.name === '县妇女联合会')).toEqual([]);
    expect(nameOf(x, byName(x, 'HONOR', '平湖县文明家庭').conferredByKey)).toBe('平湖县妇女联合会');
  });

  it('gives a family’s title to the person it is named after, across items side by side and place groups', () => {
    const awards = x.awards.map((a) => `${nameOf(x, a.recipientKey)}<-${nameOf(x, a.honorKey)}@${a.year}`).sort();
    expect(awards).toEqual(
      [
        '韦丽娟<-平湖县文明家庭@2025',
        '石建国<-平湖县文明家庭@2025',
        '欧阳春梅<-平湖县文明家庭@2025',
        '桂明亮<-平湖县文明家庭@2025',
        '符海燕<-平湖县巾帼志愿服务先进个人@2025',
        '马晓雯<-平湖县巾帼志愿服务先进个人@2025',
        '岳志芳<-平湖县巾帼志愿服务先进个人@2025',
      ].sort(),
    );
    // The villages and communities in brackets are places of residence, not organizations.
    expect(x.entities.filter((e) => e.kind === 'ORGANIZATION' && /(村|社区)$/.test(e.name))).toEqual([]);
  });

  it('reads 姓名，单位职务 lines, new unit endings and the federation hierarchy the system implies', () => {
    const posts = x.memberships.map((m) => `${nameOf(x, m.memberKey)}@${nameOf(x, m.organizationKey)}:${m.role}`).sort();
    expect(posts).toEqual(
      ['符海燕@平湖县莲塘镇社会工作服务站:站长', '马晓雯@平湖县石门乡妇女联合会:副主席', '岳志芳@平湖县茶文化研究会:秘书长'].sort(),
    );
    const parents = x.hierarchy.map((h) => `${nameOf(x, h.childKey)}<${nameOf(x, h.parentKey)}:${h.stated}`).sort();
    expect(parents).toEqual(['平湖县石门乡妇女联合会<平湖县妇女联合会:false', '平湖县妇女联合会<东川市妇女联合会:false'].sort());
  });
});

// 【测试用虚构文件 — made up for testing】: a city paper's item naming a subdistrict federation in full, then short.
const OWN_SUBDISTRICT_NEWS = [
  '【测试用虚构文件 — made up for testing】云江市、临川区、桃源街道均为虚构地名，人名、单位均为虚构。',
  '# 云江：街道妇联把服务送到家门口',
  '**云江晚报讯**（记者 冯雅琴）2026年6月3日，临川区桃源街道妇联举办邻里服务成果展示会。',
  '桃源街道妇联主席潘丽华在会上介绍了一年来的做法。',
  '街道妇联还联合辖区内6个社区开展“暖灯守望”行动。',
  '潘丽华本人曾获“云江市最美巾帼奋斗者”称号。',
].join('\n');

describe('a made-up city news item (a township written in full once, a bare 街道妇联, a dateline date)', () => {
  it('keeps one federation for its full, short and bare forms and finds the person named again', async () => {
    const x = extractEntities(await readDocument({ bytes: Buffer.from(OWN_SUBDISTRICT_NEWS, 'utf8'), fileName: 'subdistrict.md' }), EMPTY);
    expect(x.context.date).toBe('2026-06-03');
    const federation = byName(x, 'ORGANIZATION', '临川区桃源街道妇女联合会');
    expect(federation.spans.map((s) => s.locator)).toEqual(['¶3', '¶4', '¶5']);
    expect(x.entities.filter((e) => e.kind === 'ORGANIZATION' && /^(桃源街道|街道)妇女联合会$/.test(e.name))).toEqual([]);
    const person = byName(x, 'PERSON', '潘丽华');
    expect(person.spans.map((s) => s.locator)).toEqual(['¶4', '¶6']);
    const awards = x.awards.map((a) => `${nameOf(x, a.recipientKey)}<-${nameOf(x, a.honorKey)}@${a.year}`);
    expect(awards).toEqual(['潘丽华<-云江市最美巾帼奋斗者@null']);
    const posts = x.memberships.map((m) => `${nameOf(x, m.memberKey)}@${nameOf(x, m.organizationKey)}:${m.role}`).sort();
    expect(posts).toEqual(['冯雅琴@云江晚报:记者', '潘丽华@临川区桃源街道妇女联合会:主席'].sort());
  });
});

describe('dates in Chinese numerals (document-context.ts)', () => {
  const lines = (texts: string[]): LineText[] => {
    let start = 0;
    return texts.map((text, index) => {
      const line = { index, locator: `¶${index + 1}`, start, text };
      start += text.length + 1;
      return line;
    });
  };

  it('reads numerals digit by digit for the year and as numbers for month and day, a month alone too', () => {
    expect(chineseNumber('二〇二五', true)).toBe(2025);
    expect(chineseNumber('十二')).toBe(12);
    expect(chineseNumber('二十八')).toBe(28);
    expect(chineseNumber('三十一')).toBe(31);
    expect(chineseNumber('七')).toBe(7);
    expect(chineseNumber('十')).toBe(10);
    expect(chineseNumber('二三')).toBeNull();
    // 【测试用虚构文件 — made up for testing】: a notice signed with a month only.
    const signed = lines(['【测试用虚构文件 — made up for testing】', '关于开展巾帼读书月活动的通知', '各单位：现将有关事项通知如下。', '某某县妇女联合会', '二〇二五年十一月']);
    expect(documentDate(signed)).toMatchObject({ date: '2025-11', year: 2025, line: { locator: '¶5' } });
    // A date in a running sentence is an event, not the document's.
    const inSentence = lines(['【测试用虚构文件 — made up for testing】', '某某县妇联于二〇二五年十一月三日召开会议，部署全年工作。']);
    expect(documentDate(inSentence)).toBeNull();
  });
});
