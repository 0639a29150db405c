/**
 * A seeded generator of a SYNTHETIC federation graph for the benchmark: same seed and size, same
 * graph. Every node carries `synthetic: true`, every id starts with `syn-`, and every fact cites
 * one Source node titled "synthetic dataset, seed N". Nothing here is ever written to seeds/.
 *
 * Shape: national → provincial → municipal → county → township → village federations; under
 * municipal and county federations an alliance, institutions, studios and "three new" sector
 * organizations. People are the members of those bodies (each person has one primary membership;
 * county executive committees of 50 are drawn from the county's own people). Honors (four titles)
 * are conferred by the federations at every level from county up, every year, to people and
 * organizations of their own area. Programs are organized by municipal and county federations.
 *
 * Organizations are built depth first, so every organization's area (its own subtree) is one
 * contiguous range of organization indices and of person indices: drawing a recipient "from the
 * area" is drawing a number from a range, and people need not be held in memory.
 */
import { EntityLabel, RelationshipTypeName } from '../src/graph/model';
import { awardKey } from '../src/honors/award-key';
import { dateProps, integer } from '../src/db/temporal';
import { nameKey, pinyinInitials, pinyinOf, pinyinSyllableText, toTraditional } from '../src/text/normalize';

/** Bump when the generated graph changes, so a loaded data folder is not reused by mistake. */
export const GENERATOR_VERSION = 6;

export type Size = 'S' | 'L';

export interface SizeSpec {
  provinces: number;
  municipalPerProvince: number;
  countiesPerMunicipal: number;
  townshipsPerCounty: number;
  villagesPerTownship: number;
  studiosPerCounty: number;
  sectorOrgsPerCounty: number;
  institutionsPerMunicipal: number;
  institutionsPerCounty: number;
  firstYear: number;
  lastYear: number;
}

export const SIZES: Record<Size, SizeSpec> = {
  S: {
    provinces: 2, municipalPerProvince: 4, countiesPerMunicipal: 5, townshipsPerCounty: 6, villagesPerTownship: 4,
    studiosPerCounty: 2, sectorOrgsPerCounty: 4, institutionsPerMunicipal: 3, institutionsPerCounty: 2,
    firstYear: 2015, lastYear: 2024,
  },
  L: {
    provinces: 31, municipalPerProvince: 10, countiesPerMunicipal: 8, townshipsPerCounty: 10, villagesPerTownship: 4,
    studiosPerCounty: 2, sectorOrgsPerCounty: 4, institutionsPerMunicipal: 3, institutionsPerCounty: 2,
    firstYear: 2000, lastYear: 2024,
  },
};

/** Primary members per organization, by what it is. */
const MEMBERS = {
  national: 50, provincial: 40, municipal: 30, county: 0, township: 8, village: 5,
  alliance: 20, studio: 8, sector: 10, institution: 6,
};
/** Executive committee of a county federation: people of the county, a second membership. */
export const COUNTY_EXECUTIVE = 50;

/** Recipients per honor and year, by the conferring federation's level. */
const RECIPIENTS: Record<string, number> = { NATIONAL: 100, PROVINCIAL: 30, MUNICIPAL: 10, COUNTY: 6 };

const TITLES = [
  { key: 'sanba-pacesetter', name: '三八红旗手', nameEn: 'March 8th Red-Banner Pacesetter', collective: false },
  { key: 'sanba-collective', name: '三八红旗集体', nameEn: 'March 8th Red-Banner Collective', collective: true },
  { key: 'jinguo-pacesetter', name: '巾帼建功标兵', nameEn: "Women's Achievement Pacesetter", collective: false },
  { key: 'best-family', name: '最美家庭', nameEn: 'Most Beautiful Family', collective: false },
];

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤'];
const GIVEN = [...'秀英华玉兰芳丽敏静婷娟霞红梅琳燕萍艳娜雪慧佳颖倩欣怡晶洁丹莉蓉凤琴云莲珍淑惠爱妍璐晓文海明利平桂春月瑶雅琼秋菊冬荣素娇美'];
const PLACE = [...'东南西北安平宁和丰河山湖江阳林泉溪川石桥源兴华新清青云岭梅桃柳松鹤凤龙金玉永福庆康泰嘉德明光盛昌隆峰台塘潭浦洲坪岗沟营集湾庄'];
const TRADES = ['电商', '家政', '手工', '茶艺', '法律', '心理', '非遗', '农技'];
const INDUSTRIES = ['科技', '物流', '电子', '食品', '纺织', '建材', '医药', '新能源'];
const INSTITUTIONS_M = ['中级人民法院', '人民检察院', '妇幼保健院'];
const INSTITUTIONS_C = ['人民法院', '妇幼保健院'];
const THEMES = [
  { name: '巾帼创业培训', kind: 'TRAINING' },
  { name: '最美家庭评选', kind: 'COMPETITION' },
  { name: '巾帼心向党宣讲', kind: 'CAMPAIGN' },
  { name: '家庭教育讲座', kind: 'EVENT' },
  { name: '妇女维权服务', kind: 'SERVICE' },
];

/** splitmix32-style mixing: a well-spread 32-bit value for (seed, a, b). */
function mix(seed: number, a: number, b = 0): number {
  let h = (seed ^ Math.imul(a + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x21f0aaad) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x735a2d97) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

/** A small deterministic stream (mulberry32). */
function stream(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const memo = <T>(fn: (s: string) => T) => {
  const cache = new Map<string, T>();
  return (s: string) => {
    let value = cache.get(s);
    if (value === undefined) {
      value = fn(s);
      cache.set(s, value);
    }
    return value;
  };
};
const tradOf = memo(toTraditional);
const pinyinPart = memo((s: string) => pinyinOf(s));
const initialsPart = memo(pinyinInitials);
const syllablesPart = memo(pinyinSyllableText);
const capitalized = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);
/**
 * Gives each node of a label the nameKey the app would (src/text/normalize.ts): the first node, in
 * generation order, with a key holds it; every later one is an explicit duplicate and holds
 * `<key>#<id>`, as NamedEntities.createIn in src/editing/named-entities.ts writes for `allowDuplicate: true`.
 * So the uniqueness constraints on nameKey (schema/migrations/004_editing.cypher) hold after a
 * bulk load, and a create of an existing name is refused on the synthetic graph as on any other.
 */
class NameKeys {
  private readonly keyOf = memo(nameKey);
  private readonly taken = new Set<string>();

  of(id: string, name: string): string {
    const key = this.keyOf(name);
    if (!this.taken.has(key)) {
      this.taken.add(key);
      return key;
    }
    return `${key}#${id}`;
  }
}

/** Person names: a surname and one or two given characters, numbered by personCode. */
const PERSON_CODES = SURNAMES.length * GIVEN.length * (GIVEN.length + 1);

function personNameParts(code: number): [string, string] {
  const second = code % (GIVEN.length + 1);
  const rest = (code - second) / (GIVEN.length + 1);
  const first = rest % GIVEN.length;
  const given = second ? GIVEN[first] + GIVEN[second - 1] : GIVEN[first];
  return [SURNAMES[(rest - first) / GIVEN.length], given];
}

/**
 * NameKeys for people, the same rule, kept by name code in typed arrays: a million people share
 * a few hundred thousand names, and hashing each person's name into sets of that size cost more
 * than the rest of the person's row. nameKey runs once per name; two names with one key (none
 * today, but nameKey folds scripts and case) share their holder.
 */
class PersonKeys {
  private readonly keys: (string | undefined)[] = new Array(PERSON_CODES);
  /** Per code, the first code seen with the same key. */
  private readonly holder = new Int32Array(PERSON_CODES);
  private readonly codeOfKey = new Map<string, number>();
  private readonly taken = new Uint8Array(PERSON_CODES);

  private key(code: number): string {
    let key = this.keys[code];
    if (key === undefined) {
      key = nameKey(personNameParts(code).join(''));
      this.keys[code] = key;
      let holder = this.codeOfKey.get(key);
      if (holder === undefined) this.codeOfKey.set(key, (holder = code));
      this.holder[code] = holder;
    }
    return key;
  }

  /** A person written elsewhere (another worker's part) holds its key. */
  hold(code: number): void {
    this.key(code);
    this.taken[this.holder[code]] = 1;
  }

  of(id: string, code: number): string {
    const key = this.key(code);
    const holder = this.holder[code];
    if (!this.taken[holder]) {
      this.taken[holder] = 1;
      return key;
    }
    return `${key}#${id}`;
  }
}

/**
 * The naming fields the seed loader writes (src/seed/seed.ts `naming`), composed from parts whose
 * script conversion and pinyin are cached: a million names cost seconds, not minutes.
 */
function naming(keyOfName: (name: string) => string, parts: string[], shortForms: string[][] = [], nameEn: string | null = null) {
  const forms = [parts, ...shortForms];
  const name = parts.join('');
  const aliases: string[] = [];
  const keys: string[] = [];
  for (const form of forms) {
    const simplified = form.join('');
    const traditional = form.map(tradOf).join('');
    if (simplified !== name) aliases.push(simplified);
    if (traditional !== name) aliases.push(traditional);
    keys.push(simplified, traditional, form.map(pinyinPart).join(''), form.map(syllablesPart).filter(Boolean).join(' '), form.map(initialsPart).join(''));
  }
  if (nameEn) keys.push(nameEn, nameEn.replace(/\s+/g, '').toLowerCase());
  const uniqueAliases = [...new Set(aliases)];
  return {
    name,
    aliases: uniqueAliases,
    nameEn,
    aliasText: uniqueAliases.join(' | '),
    searchText: [...new Set(keys)].join(' | '),
    nameKey: keyOfName(name),
  };
}

export interface Org {
  idx: number;
  id: string;
  parts: string[];
  shortForms: string[][];
  kind: string;
  level: string | null;
  parent: number;
  /** Primary members: persons [personStart, personStart + members). */
  personStart: number;
  members: number;
  /** Its area: organizations [idx, orgEnd) and persons [personStart, personEnd). */
  orgEnd: number;
  personEnd: number;
  /** Federation that confers honors (county and above). */
  confers: boolean;
  place: string;
}

export interface Honor {
  id: string;
  parts: string[];
  level: string | null;
  title: (typeof TITLES)[number];
  conferrer: number | null;
}

export type Row = Record<string, unknown>;
export interface EdgeRow {
  from: string;
  to: string;
  props: Row;
}

/** The labels and relationship types (of graph/model.ts) the synthetic graph holds, in load order. */
export const NODE_LABELS = ['Source', 'Organization', 'Honor', 'Program', 'Person'] as const satisfies readonly EntityLabel[];
export const RELATIONSHIP_TYPES = ['PART_OF', 'CONFERRED_BY', 'VARIANT_OF', 'ORGANIZED', 'PARTNERED', 'MEMBER_OF', 'RECEIVED'] as const satisfies readonly RelationshipTypeName[];
export type NodeLabel = (typeof NODE_LABELS)[number];
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

export class SyntheticGraph {
  readonly spec: SizeSpec;
  readonly sourceId: string;
  readonly orgs: Org[] = [];
  readonly honors: Honor[] = [];
  readonly programs: { id: string; parts: string[]; kind: string; year: number; organizer: number; partner: number | null }[] = [];
  people = 0;
  private readonly provenance: Row;

  constructor(
    readonly size: Size,
    readonly seed: number,
  ) {
    this.spec = SIZES[size];
    this.sourceId = `syn-src-seed-${seed}`;
    this.provenance = { sourceIds: [this.sourceId], locators: ['synthetic'], inferred: false, note: null, synthetic: true };
    this.build();
  }

  // ---- structure ---------------------------------------------------------------------------

  private placeName(n: number, salt: number): string {
    const h = mix(this.seed, n, salt);
    return PLACE[h % PLACE.length] + PLACE[(h >>> 8) % PLACE.length];
  }

  private addOrg(kind: string, level: string | null, parent: number, parts: string[], shortForms: string[][], members: number, place: string, confers = false): Org {
    const org: Org = {
      idx: this.orgs.length,
      id: `syn-org-${this.orgs.length}`,
      parts, shortForms, kind, level, parent,
      personStart: this.people, members,
      orgEnd: 0, personEnd: 0, confers, place,
    };
    this.people += members;
    this.orgs.push(org);
    return org;
  }

  private close(org: Org): void {
    org.orgEnd = this.orgs.length;
    org.personEnd = this.people;
  }

  private federation(level: string, parent: number, place: string, unit: string, members: number, confers: boolean): Org {
    const parts = level === 'NATIONAL' ? ['全国', '妇女联合会'] : [place, unit, '妇女联合会'];
    const short = level === 'NATIONAL' ? [['全国', '妇联']] : [[place, unit, '妇联'], [unit, '妇联']];
    return this.addOrg('FEDERATION', level, parent, parts, short, members, place, confers);
  }

  private build(): void {
    const s = this.spec;
    const nation = this.federation('NATIONAL', -1, '', '', MEMBERS.national, true);
    for (let p = 0; p < s.provinces; p++) {
      const pPlace = this.placeName(this.orgs.length, 1);
      const province = this.federation('PROVINCIAL', nation.idx, pPlace, '省', MEMBERS.provincial, true);
      for (let m = 0; m < s.municipalPerProvince; m++) {
        const mPlace = this.placeName(this.orgs.length, 2);
        const city = this.federation('MUNICIPAL', province.idx, mPlace, '市', MEMBERS.municipal, true);
        this.close(this.addOrg('ALLIANCE', 'MUNICIPAL', city.idx, [mPlace, '市', '三八红旗手（集体）联盟'], [], MEMBERS.alliance, mPlace));
        for (let i = 0; i < s.institutionsPerMunicipal; i++) {
          const unit = INSTITUTIONS_M[i % INSTITUTIONS_M.length];
          this.close(this.addOrg('INSTITUTION', 'MUNICIPAL', city.idx, [mPlace, '市', unit], [], MEMBERS.institution, mPlace));
        }
        for (let c = 0; c < s.countiesPerMunicipal; c++) {
          const cPlace = this.placeName(this.orgs.length, 3);
          const county = this.federation('COUNTY', city.idx, cPlace, '县', MEMBERS.county, true);
          for (let i = 0; i < s.institutionsPerCounty; i++) {
            const unit = INSTITUTIONS_C[i % INSTITUTIONS_C.length];
            this.close(this.addOrg('INSTITUTION', 'COUNTY', county.idx, [cPlace, '县', unit], [], MEMBERS.institution, cPlace));
          }
          for (let i = 0; i < s.studiosPerCounty; i++) {
            const trade = TRADES[mix(this.seed, this.orgs.length, 4) % TRADES.length];
            this.close(this.addOrg('STUDIO', 'COUNTY', county.idx, [cPlace, '县', trade, '巾帼工作室'], [], MEMBERS.studio, cPlace));
          }
          for (let i = 0; i < s.sectorOrgsPerCounty; i++) {
            const h = mix(this.seed, this.orgs.length, 5);
            const firm = PLACE[h % PLACE.length] + PLACE[(h >>> 8) % PLACE.length];
            const industry = INDUSTRIES[(h >>> 16) % INDUSTRIES.length];
            this.close(this.addOrg('THREE_NEW_SECTOR', 'COUNTY', county.idx, [firm, industry, '有限公司', '妇女联合会'], [[firm, industry, '妇联']], MEMBERS.sector, cPlace));
          }
          for (let t = 0; t < s.townshipsPerCounty; t++) {
            const tPlace = this.placeName(this.orgs.length, 6);
            const town = this.federation('TOWNSHIP', county.idx, tPlace, '镇', MEMBERS.township, false);
            for (let v = 0; v < s.villagesPerTownship; v++) {
              const vPlace = this.placeName(this.orgs.length, 7);
              this.close(this.federation('VILLAGE', town.idx, vPlace, '村', MEMBERS.village, false));
            }
            this.close(town);
          }
          this.close(county);
        }
        this.close(city);
      }
      this.close(province);
    }
    this.close(nation);

    for (const title of TITLES) {
      this.honors.push({ id: `syn-honor-${title.key}`, parts: [title.name], level: null, title, conferrer: null });
    }
    for (const org of this.orgs) {
      if (!org.confers) continue;
      for (const title of TITLES) {
        const prefix = org.level === 'NATIONAL' ? ['全国'] : [org.place, unitOf(org.level!)];
        this.honors.push({ id: `syn-honor-${title.key}-${org.idx}`, parts: [...prefix, title.name], level: org.level, title, conferrer: org.idx });
      }
      if (org.level === 'MUNICIPAL' || org.level === 'COUNTY') {
        const rand = stream(mix(this.seed, org.idx, 8));
        const partner = this.orgs.find((o, i) => i > org.idx && i < org.orgEnd && o.kind === 'INSTITUTION' && o.parent === org.idx);
        for (let k = 0; k < 3; k++) {
          const theme = THEMES[Math.floor(rand() * THEMES.length)];
          const year = this.spec.firstYear + Math.floor(rand() * (this.spec.lastYear - this.spec.firstYear + 1));
          this.programs.push({
            id: `syn-program-${this.programs.length}`,
            parts: [org.place, unitOf(org.level!), String(year), '年', theme.name],
            kind: theme.kind, year, organizer: org.idx, partner: k === 0 && partner ? partner.idx : null,
          });
        }
      }
    }
  }

  // ---- people ------------------------------------------------------------------------------

  personId(i: number): string {
    return `syn-person-${i}`;
  }

  /** Which name person i has (see personNameParts). */
  personCode(i: number): number {
    const h = mix(this.seed, i, 11);
    const first = (h >>> 8) % GIVEN.length;
    const second = (h >>> 16) % 10 < 3 ? 0 : 1 + ((h >>> 20) % GIVEN.length);
    return ((h % SURNAMES.length) * GIVEN.length + first) * (GIVEN.length + 1) + second;
  }

  personParts(i: number): [string, string] {
    return personNameParts(this.personCode(i));
  }

  personName(i: number): string {
    return this.personParts(i).join('');
  }

  // ---- rows --------------------------------------------------------------------------------

  counts(): { nodes: Record<NodeLabel, number>; relationships: Record<RelationshipType, number> } {
    const nodes = { Source: 1, Organization: this.orgs.length, Honor: this.honors.length, Program: this.programs.length, Person: this.people };
    const relationships = {} as Record<RelationshipType, number>;
    for (const type of RELATIONSHIP_TYPES) {
      let n = 0;
      for (const batch of this.relationshipBatches(type, 1 << 30, true)) n += batch.length;
      relationships[type] = n;
    }
    return { nodes, relationships };
  }

  private node(id: string, props: Row): Row {
    return { id, ...this.provenance, ...props };
  }

  /** `people` limits Person rows to persons [start, end) (to write them in parts); all others ignore it. */
  *nodeBatches(label: NodeLabel, batchSize: number, people: [number, number] = [0, this.people]): Generator<Row[]> {
    let batch: Row[] = [];
    const push = function* (row: Row) {
      batch.push(row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    };
    const keys = new NameKeys();
    const keyOf = (id: string) => (name: string) => keys.of(id, name);
    if (label === 'Source') {
      const title = `synthetic dataset, seed ${this.seed}`;
      yield* push(this.node(this.sourceId, {
        ...naming(keyOf(this.sourceId), [title]), title, kind: 'SYNTHETIC', published: null, publisher: 'honorgraph bench/generate.ts',
        language: 'zh-Hans', note: `Generated by bench/generate.ts (version ${GENERATOR_VERSION}, size ${this.size}); not real data.`,
      }));
    } else if (label === 'Organization') {
      for (const org of this.orgs) yield* push(this.node(org.id, { ...naming(keyOf(org.id), org.parts, org.shortForms), kind: org.kind, level: org.level }));
    } else if (label === 'Honor') {
      for (const honor of this.honors) {
        const en = honor.level ? `${capitalized(honor.level.toLowerCase())} ${honor.title.nameEn}` : honor.title.nameEn;
        yield* push(this.node(honor.id, { ...naming(keyOf(honor.id), honor.parts, [], en), level: honor.level }));
      }
    } else if (label === 'Program') {
      for (const p of this.programs) {
        yield* push(this.node(p.id, { ...naming(keyOf(p.id), p.parts), kind: p.kind, year: integer(p.year), ...dateProps('startDate', `${p.year}-03-08`) }));
      }
    } else {
      const personKeys = new PersonKeys();
      // Who holds a name's plain key depends on every person before: a part starting later in
      // the list (another worker's) first goes through the names before it.
      for (let i = 0; i < Math.min(people[0], this.people); i++) personKeys.hold(this.personCode(i));
      for (let i = people[0]; i < Math.min(people[1], this.people); i++) {
        const code = this.personCode(i);
        const [surname, given] = personNameParts(code);
        const id = this.personId(i);
        const nameEn = `${capitalized(pinyinPart(surname))} ${capitalized(pinyinPart(given))}`;
        yield* push(this.node(id, naming(() => personKeys.of(id, code), [surname, given], [], nameEn)));
      }
    }
    if (batch.length) yield batch;
  }

  /** Relationship rows; with `countOnly` the rows carry no properties (cheap counting). */
  *relationshipBatches(type: RelationshipType, batchSize: number, countOnly = false): Generator<EdgeRow[]> {
    let batch: EdgeRow[] = [];
    const prov = { sourceIds: [this.sourceId], locators: ['synthetic'] };
    const edge = (from: string, to: string, key: string, extra: Row = {}): EdgeRow =>
      countOnly ? { from, to, props: {} } : { from, to, props: { key, ...extra, ...prov } };
    const push = function* (row: EdgeRow) {
      batch.push(row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    };
    const orgs = this.orgs;
    if (type === 'PART_OF') {
      for (const org of orgs) if (org.parent >= 0) yield* push(edge(org.id, orgs[org.parent].id, 'parent'));
    } else if (type === 'CONFERRED_BY') {
      for (const h of this.honors) if (h.conferrer !== null) yield* push(edge(h.id, orgs[h.conferrer].id, 'conferrer'));
    } else if (type === 'VARIANT_OF') {
      for (const h of this.honors) if (h.conferrer !== null) yield* push(edge(h.id, `syn-honor-${h.title.key}`, 'variant'));
    } else if (type === 'ORGANIZED') {
      for (const p of this.programs) yield* push(edge(orgs[p.organizer].id, p.id, 'organizer'));
    } else if (type === 'PARTNERED') {
      for (const p of this.programs) if (p.partner !== null) yield* push(edge(orgs[p.partner].id, p.id, 'partner'));
    } else if (type === 'MEMBER_OF') {
      for (const org of orgs) {
        const isFederation = org.kind === 'FEDERATION';
        for (let j = 0; j < org.members; j++) {
          const person = org.personStart + j;
          const role = j === 0 ? (isFederation ? '主席' : '负责人') : j < 3 && isFederation ? '副主席' : isFederation ? '执委' : '成员';
          const since = String(this.spec.firstYear + (mix(this.seed, person, 12) % (this.spec.lastYear - this.spec.firstYear + 1)));
          yield* push(edge(this.personId(person), org.id, `role:${role}`, { role, since, until: null }));
        }
        if (org.level === 'COUNTY' && isFederation) {
          for (const person of this.draw(org.personStart, org.personEnd, COUNTY_EXECUTIVE, mix(this.seed, org.idx, 13))) {
            const role = '执委';
            yield* push(edge(this.personId(person), org.id, `role:${role}`, { role, since: String(this.spec.lastYear - 2), until: null }));
          }
        }
      }
    } else if (type === 'RECEIVED') {
      for (const h of this.honors) {
        if (h.conferrer === null) continue;
        const area = orgs[h.conferrer];
        const perYear = RECIPIENTS[h.level!];
        for (let year = this.spec.firstYear; year <= this.spec.lastYear; year++) {
          const salt = mix(this.seed, year, h.conferrer * 4 + TITLES.indexOf(h.title));
          if (h.title.collective) {
            // Collectives: organizations of the area other than the conferrer itself.
            for (const o of this.draw(area.idx + 1, area.orgEnd, Math.max(1, perYear >> 1), salt)) {
              yield* push(edge(orgs[o].id, h.id, `year:${year}`, { year: integer(year), awardKey: countOnly ? '' : awardKey(orgs[o].id, h.id, year) }));
            }
          } else {
            for (const person of this.draw(area.personStart, area.personEnd, perYear, salt)) {
              const recipient = this.personId(person);
              yield* push(edge(recipient, h.id, `year:${year}`, { year: integer(year), awardKey: countOnly ? '' : awardKey(recipient, h.id, year) }));
            }
          }
        }
      }
    }
    if (batch.length) yield batch;
  }

  /** `count` distinct numbers from [start, end), in drawing order. */
  private draw(start: number, end: number, count: number, seed: number): number[] {
    const span = end - start;
    if (span <= 0) return [];
    const n = Math.min(count, span);
    const rand = stream(seed);
    const picked = new Set<number>();
    while (picked.size < n) picked.add(start + Math.floor(rand() * span));
    return [...picked];
  }

  // ---- what the benchmark asks about -------------------------------------------------------

  /** Ids the benchmark queries use; all derived from the structure, so the same for a seed and size. */
  picks() {
    const municipal = this.orgs.find((o) => o.level === 'MUNICIPAL' && o.kind === 'FEDERATION')!;
    const county = this.orgs.find((o) => o.level === 'COUNTY' && o.kind === 'FEDERATION')!;
    const honor = this.honors.find((h) => h.level === 'NATIONAL' && h.title.key === 'sanba-pacesetter')!;
    // Two people of the first county: one from its first village, one from its last township.
    const villages = this.orgs.filter((o, i) => i > county.idx && i < county.orgEnd && o.level === 'VILLAGE');
    const from = villages[0].personStart;
    const to = villages[villages.length - 1].personStart + 1;
    const searchOrg = this.orgs.find((o) => o.level === 'COUNTY' && o.kind === 'FEDERATION' && o.idx > county.idx) ?? county;
    return {
      orgChartRoot: municipal.id,
      orgChartDepth: 4,
      organizationPage: county.id,
      honor: honor.id,
      honorYear: this.spec.lastYear - 4,
      honorPageSize: 20,
      searchText: `${searchOrg.place}县妇联`,
      searchFirst: 20,
      pathFrom: this.personId(from),
      pathTo: this.personId(to),
      pathMaxHops: 6,
    };
  }
}

function unitOf(level: string): string {
  return ({ NATIONAL: '全国', PROVINCIAL: '省', MUNICIPAL: '市', COUNTY: '县', TOWNSHIP: '镇', VILLAGE: '村' } as Record<string, string>)[level];
}

if (require.main === module) {
  // `node bench/out/build/bench/generate.js S 7`: prints the counts and a few rows.
  const size = (process.argv[2] ?? 'S') as Size;
  const seed = Number(process.argv[3] ?? 1);
  const started = Date.now();
  const graph = new SyntheticGraph(size, seed);
  console.log(JSON.stringify(graph.counts(), null, 2));
  console.log(graph.picks());
  for (const label of NODE_LABELS) console.log(label, JSON.stringify(graph.nodeBatches(label, 2).next().value));
  for (const type of RELATIONSHIP_TYPES) console.log(type, JSON.stringify(graph.relationshipBatches(type, 1).next().value));
  console.log(`${Date.now() - started} ms`);
}
