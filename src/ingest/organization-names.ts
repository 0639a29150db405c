import { normalizeName } from '../text/normalize';
import { POSTS } from './honoree-lists';
import { isNameToken, Token } from './segment';

/**
 * Organization names by their endings: the suffix list, the prefix read back to a sensible start,
 * departments written inside a longer name, short forms expanded with the document's place.
 * General rules of Chinese public-body naming; nothing here knows a particular document.
 */

export type OrgKind =
  | 'FEDERATION'
  | 'INSTITUTION'
  | 'ALLIANCE'
  | 'STUDIO'
  | 'GOVERNMENT_BODY'
  | 'PARTY_BODY'
  | 'ENTERPRISE'
  | 'BANK'
  | 'ASSOCIATION'
  | 'TEAM';

/**
 * top: ends a name of its own; child: only after an organization it is part of (a department:
 * 急诊科, 权益部, 少年家事审判庭); both: either (中心, 分行, 宣讲团). `minBody`: characters a name
 * needs before the suffix (市委 needs none, 妇联 needs a place or a level character).
 * `kind: null` takes the parent's kind (a department is of its organization's kind).
 */
interface Suffix {
  suffix: string;
  kind: OrgKind | null;
  role: 'top' | 'child' | 'both';
  minBody: number;
  /** A short form: the full wording it stands for (妇联 → 妇女联合会). */
  expands?: string;
  /** Party bodies written with the level only (市委 → 中共{place}委员会). */
  party?: 'committee' | 'discipline';
  /** A branch one level below its parent (分局 of a city bureau is a district's). */
  branch?: boolean;
  /**
   * A colloquial abbreviation, never part of an official name (教体局, 人社局, 女企协, 中院): expanded
   * wherever it is written, in a department's name too. 妇联 and 市委 stay in the official names
   * of their departments (淮南市妇联宣讲团, 中共淮南市委组织部).
   */
  informal?: boolean;
}

const S = (suffix: string, kind: OrgKind | null, role: Suffix['role'] = 'top', minBody = 1, extra: Partial<Suffix> = {}): Suffix => ({
  suffix,
  kind,
  role,
  minBody,
  ...extra,
});

const SUFFIXES: Suffix[] = [
  // federations and their short form
  S('妇女联合会', 'FEDERATION'),
  S('妇联', 'FEDERATION', 'top', 1, { expands: '妇女联合会' }),
  // party bodies
  S('党委', 'PARTY_BODY', 'both'),
  S('党工委', 'PARTY_BODY', 'both'),
  S('党总支', 'PARTY_BODY', 'both'),
  S('党支部', 'PARTY_BODY', 'both'),
  S('纪委机关', 'PARTY_BODY', 'top', 1, { party: 'discipline' }),
  S('纪委', 'PARTY_BODY', 'top', 1, { party: 'discipline' }),
  S('纪律检查委员会', 'PARTY_BODY'),
  S('市委', 'PARTY_BODY', 'top', 0, { party: 'committee' }),
  S('县委', 'PARTY_BODY', 'top', 0, { party: 'committee' }),
  S('区委', 'PARTY_BODY', 'top', 0, { party: 'committee' }),
  S('省委', 'PARTY_BODY', 'top', 0, { party: 'committee' }),
  S('团委', 'PARTY_BODY', 'both'),
  S('委员会', 'GOVERNMENT_BODY'),
  S('居民委员会', 'GOVERNMENT_BODY', 'top', 2),
  S('村民委员会', 'GOVERNMENT_BODY', 'top', 2),
  S('居委会', 'GOVERNMENT_BODY', 'top', 2, { expands: '居民委员会' }),
  S('村委会', 'GOVERNMENT_BODY', 'top', 2, { expands: '村民委员会' }),
  S('卫健委', 'GOVERNMENT_BODY', 'top', 1, { expands: '卫生健康委员会', informal: true }),
  S('发改委', 'GOVERNMENT_BODY', 'top', 1, { expands: '发展和改革委员会', informal: true }),
  S('政法委', 'PARTY_BODY', 'top', 1, { expands: '政法委员会' }),
  S('教委', 'GOVERNMENT_BODY', 'top', 1, { expands: '教育委员会', informal: true }),
  S('组织部', 'PARTY_BODY', 'child', 0),
  S('宣传部', 'PARTY_BODY', 'child', 0),
  S('统战部', 'PARTY_BODY', 'child', 0),
  // government
  S('人民政府', 'GOVERNMENT_BODY', 'top', 1),
  S('政府', 'GOVERNMENT_BODY', 'top', 1, { expands: '人民政府' }),
  S('教体局', 'GOVERNMENT_BODY', 'top', 1, { expands: '教育体育局', informal: true }),
  S('人社局', 'GOVERNMENT_BODY', 'top', 1, { expands: '人力资源和社会保障局', informal: true }),
  S('分局', null, 'child', 1, { branch: true }),
  S('局', 'GOVERNMENT_BODY', 'top', 2),
  S('办公室', null, 'both', 1),
  // courts, hospitals, schools, institutes, media
  S('中级人民法院', 'INSTITUTION', 'top', 1),
  S('中院', 'INSTITUTION', 'top', 2, { expands: '中级人民法院', informal: true }),
  S('人民法院', 'INSTITUTION', 'top', 1),
  S('法院', 'INSTITUTION', 'top', 2),
  S('人民检察院', 'INSTITUTION', 'top', 1),
  S('检察院', 'INSTITUTION', 'top', 2),
  S('医院', 'INSTITUTION', 'top', 2),
  S('卫生院', 'INSTITUTION', 'top', 2),
  S('妇幼保健院', 'INSTITUTION', 'top', 2),
  S('研究院', 'INSTITUTION', 'top', 2),
  S('研究所', 'INSTITUTION', 'top', 2),
  S('学院', 'INSTITUTION', 'top', 2),
  S('大学', 'INSTITUTION', 'top', 2),
  S('中学', 'INSTITUTION', 'top', 2),
  S('小学', 'INSTITUTION', 'top', 2),
  S('学校', 'INSTITUTION', 'top', 2),
  S('幼儿园', 'INSTITUTION', 'top', 2),
  S('日报', 'INSTITUTION', 'top', 2),
  S('晚报', 'INSTITUTION', 'top', 2),
  S('电视台', 'INSTITUTION', 'top', 2),
  S('融媒体中心', 'INSTITUTION', 'top', 2),
  S('中心', 'INSTITUTION', 'both', 2),
  S('服务站', 'INSTITUTION', 'top', 2),
  S('工作站', 'INSTITUTION', 'both', 2),
  S('卫生室', 'INSTITUTION', 'top', 2),
  S('图书馆', 'INSTITUTION', 'top', 2),
  S('文化馆', 'INSTITUTION', 'top', 2),
  S('博物馆', 'INSTITUTION', 'top', 2),
  // enterprises and banks
  S('股份有限公司', 'ENTERPRISE', 'top', 2),
  S('有限公司', 'ENTERPRISE', 'top', 2),
  S('有限责任公司', 'ENTERPRISE', 'top', 2),
  S('分公司', null, 'child', 1, { branch: true }),
  S('公司', 'ENTERPRISE', 'top', 2),
  S('集团', 'ENTERPRISE', 'top', 2),
  S('银行', 'BANK', 'top', 2),
  S('分行', 'BANK', 'child', 1, { branch: true }),
  S('支行', 'BANK', 'child', 1, { branch: true }),
  S('信用社', 'BANK', 'top', 2),
  // associations, alliances, studios, teams
  S('总工会', 'ASSOCIATION', 'top', 1),
  S('工会', 'ASSOCIATION', 'both', 2),
  S('女企协', 'ASSOCIATION', 'top', 1, { expands: '女企业家协会', informal: true }),
  S('协会', 'ASSOCIATION', 'top', 2),
  S('总会', 'ASSOCIATION', 'top', 2),
  S('商会', 'ASSOCIATION', 'top', 2),
  S('学会', 'ASSOCIATION', 'top', 2),
  S('研究会', 'ASSOCIATION', 'top', 2),
  S('促进会', 'ASSOCIATION', 'top', 2),
  S('基金会', 'ASSOCIATION', 'top', 2),
  S('联谊会', 'ASSOCIATION', 'top', 2),
  S('联合会', 'ASSOCIATION', 'top', 2),
  S('联盟', 'ALLIANCE', 'both', 2),
  S('工作室', 'STUDIO', 'both', 2),
  S('宣讲团', 'TEAM', 'both', 1),
  S('讲师团', 'TEAM', 'both', 1),
  S('艺术团', 'TEAM', 'both', 1),
  S('志愿服务队', 'TEAM', 'both', 1),
  S('志愿者服务队', 'TEAM', 'both', 1),
  // departments inside a longer name
  S('审判庭', null, 'child', 1),
  S('法庭', null, 'child', 1),
  S('科', null, 'child', 1),
  S('部', null, 'child', 1),
  S('处', null, 'child', 1),
].sort((a, b) => b.suffix.length - a.suffix.length);

/** The suffixes by their last character, longest first: a line is scanned once. */
const SUFFIXES_BY_LAST = new Map<string, Suffix[]>();
for (const suffix of SUFFIXES) {
  const last = suffix.suffix[suffix.suffix.length - 1];
  SUFFIXES_BY_LAST.set(last, [...(SUFFIXES_BY_LAST.get(last) ?? []), suffix]);
}

/** Words that open a noun phrase naming no particular body (各县妇联, 基层妇联, 全市妇联组织). */
const GENERIC_OPENINGS = /^(各|全|本|我|该|此|基层|广大|有关|相关|其他|其它|所属|下属|全体|各级|上级|下级|同级|地方|一些|多家|县区)/;

/** Words that close a name when they follow it without being part of it (妇联组织, 妇联系统, 科长). */
const NOT_AN_END_AFTER = /^(组织(?!部)|系统|执委|干部|工作(?!室)|所[需能急])/;
const CHILD_FOLLOWERS_FORBIDDEN = /^(长|员|学|技|普|研)/;

/** Punctuation and spaces end a name. Brackets do too, unless they hold a short qualifier inside one (三八红旗手（集体）联盟). */
const PUNCT = /[\s\u3000，。、；：！？“”‘’"'《》〈〉【】〔〕[\]{}·—…,.;:!?|<>＜＞\-－~～/／]/;
const OPEN = /[（(]/;
const CLOSE = /[）)]/;

/**
 * Verbs and particles that end or open a name (the prefix is read back to one of them): the
 * organization before 联合/会同 is the organizer, the one after is its partner; 获/授予/依托 precede
 * a body or a title.
 */
const BOUNDARY_WORDS = [
  '联合', '会同', '携手', '联动', '依托', '授予', '获评', '获得', '荣获', '获', '被评为', '被授予', '被', '评为',
  '命名', '在', '是', '由', '对接', '经', '与', '向', '把', '将', '对', '从', '到', '于', '主办', '协办', '承办',
  '举办', '开展', '组织', '指导', '走进', '入选', '签订', '签署', '表彰', '关于', '决定', '带领', '团结', '成立',
  '打造', '牵头', '启动', '发布', '邀请', '推动', '参加', '加入', '等', '及', '的', '为', '以', '还', '和', '同',
  '共同', '积极', '实施', '设立', '建立', '建成', '挂牌', '曾', '再次', '根据', '按照',
];
const BOUNDARY_RE = new RegExp(BOUNDARY_WORDS.sort((a, b) => b.length - a.length).join('|'), 'g');

export interface OrgHit {
  /** Offsets in the line. */
  start: number;
  end: number;
  written: string;
  kind: OrgKind | null;
  suffix: string;
  /** Index (in the line's hits) of the organization this one is written inside (stated parent). */
  parentIndex: number | null;
  /** True when the name opens with a bare level character (市妇联, 区妇联, 市委组织部). */
  levelOnly: '市' | '区' | '县' | '省' | '镇' | null;
  evidence: string;
}

interface SuffixAt {
  start: number;
  end: number;
  suffix: Suffix;
}

/** Masks: which characters end a name (punctuation, boundary words), brackets inside a name excepted. */
function cutMask(line: string, suffixes: SuffixAt[]): boolean[] {
  const cut = new Array<boolean>(line.length).fill(false);
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (PUNCT.test(ch)) cut[i] = true;
    else if (OPEN.test(ch)) {
      // A bracket of 1–3 Han characters followed by more of the name stays inside it.
      const m = /^[（(]([\p{Script=Han}]{1,3})[）)](?=[\p{Script=Han}])/u.exec(line.slice(i));
      if (m && i > 0 && /[\p{Script=Han}]/u.test(line[i - 1])) i += m[0].length - 1;
      else cut[i] = true;
    } else if (CLOSE.test(ch)) cut[i] = true;
  }
  const inSuffix = (from: number, to: number) => suffixes.some((s) => s.start < to && from < s.end);
  BOUNDARY_RE.lastIndex = 0;
  for (let m = BOUNDARY_RE.exec(line); m; m = BOUNDARY_RE.exec(line)) {
    const from = m.index;
    const to = from + m[0].length;
    if (inSuffix(from, to)) continue;
    // 和/同/及 join two names only after a complete one (市妇联和市教育局); inside a name they stay (人力资源和社会保障局).
    if (/^(和|同|及|与)$/.test(m[0]) && !suffixes.some((s) => s.end === from) && !/^[市区县省]/.test(line.slice(to))) continue;
    for (let i = from; i < to; i += 1) cut[i] = true;
  }
  return cut;
}

/** Every suffix occurrence in the line; of overlapping ones the one reaching further wins. */
function suffixesIn(line: string): SuffixAt[] {
  const found: SuffixAt[] = [];
  for (let end = 1; end <= line.length; end += 1) {
    for (const suffix of SUFFIXES_BY_LAST.get(line[end - 1]) ?? []) {
      const start = end - suffix.suffix.length;
      if (start >= 0 && line.startsWith(suffix.suffix, start)) {
        found.push({ start, end, suffix });
        break; // the longest suffix ending here
      }
    }
  }
  // An ending whose last character opens a post is no ending (小学校长 is 小学 + 校长).
  for (let i = found.length - 1; i >= 0; i -= 1) {
    const f = found[i];
    if (line[f.end] === '长' && f.suffix.suffix.length >= 2 && POSTS.includes(line[f.end - 1] + '长')) found.splice(i, 1);
  }
  // Drop occurrences overlapping a longer-reaching one (市委 inside 市委员会, 联合会 inside 妇女联合会).
  return found.filter(
    (a) => !found.some((b) => b !== a && b.start < a.end && a.start < b.end && (b.end > a.end || (b.end === a.end && b.start < a.start))),
  );
}

/** Reads the name's body back from `from` (the suffix start) while tokens may be part of a name. */
function readBack(tokens: Token[], from: number, limit: number, cut: boolean[]): number {
  let start = from;
  while (start > limit && !cut[start - 1]) start -= 1;
  // Now walk tokens backwards from `from`: stop at the first token that cannot be in a name.
  let at = from;
  for (let t = tokens.length - 1; t >= 0; t -= 1) {
    const token = tokens[t];
    if (token.start >= from) continue;
    if (token.end <= start) break;
    if (token.end > from) {
      // The token runs into the suffix (市妇联 is one token): its part before the suffix counts.
      if (!isNameToken(token) && token.start < from && !/^[市区县省镇]/.test(token.word)) break;
      at = Math.max(start, token.start);
      continue;
    }
    // A post (主席杜月明和市人社局) or a number ends the name read back.
    if (!isNameToken(token) || /^\d+$/.test(token.word) || POST_WORDS.has(token.word)) break;
    at = Math.max(start, token.start);
  }
  return at;
}

const POST_WORDS = new Set(POSTS);

/** Whether a token runs on past `end` into more of a word (中心医院: 中心 ends no name), a post excepted (党委书记). */
function endsInsideWord(line: string, tokens: Token[], end: number): boolean {
  const token = tokens.find((t) => t.start < end && end < t.end);
  if (!token) return false;
  const rest = line.slice(end, token.end);
  return !POSTS.some((p) => rest.startsWith(p) || p.startsWith(rest)) && !/^[长员]/.test(rest);
}

const LEVEL_CHAR = /^[市区县省镇]$/;

/**
 * The organizations written in one line, by suffix: each with its prefix read back to a sensible
 * start, and departments written right after their organization linked to it.
 */
export function findOrganizationsInLine(line: string, tokens: Token[]): OrgHit[] {
  const suffixes = suffixesIn(line);
  const cut = cutMask(line, suffixes);
  const hits: OrgHit[] = [];
  let pos = 0;
  for (const at of suffixes) {
    if (at.start < pos) continue;
    const rest = line.slice(at.end);
    const previous = hits.length > 0 ? hits[hits.length - 1] : null;
    const adjacentLimit = previous && previous.end <= at.start ? previous.end : pos;
    // 妇联组织, 妇联系统, 妇联执委: a generic phrase, not a name's end (but 市委组织部 is a department).
    if (at.suffix.suffix.length <= 2 && at.suffix.role !== 'child' && NOT_AN_END_AFTER.test(rest)) continue;
    if (at.suffix.role === 'child' && CHILD_FOLLOWERS_FORBIDDEN.test(rest) && at.suffix.suffix.length === 1) continue;
    // A suffix inside a longer word is no end: 中心 in 中心医院.
    if (at.suffix.role !== 'child' && /^(中心|团委|集团|联盟|学院)$/.test(at.suffix.suffix) && endsInsideWord(line, tokens, at.end)) continue;
    let start = readBack(tokens, at.start, adjacentLimit, cut);
    // A place word the segmenter split (望 + 海区): the read-back stops inside it; the place opens the name.
    let open = start;
    while (open > adjacentLimit && !cut[open - 1]) open -= 1;
    if (start - open >= 1 && start - open <= 2 && !/^[与和及同的在等将对向从于为以把被]/.test(line.slice(open)) && !GENERIC_OPENINGS.test(line.slice(start))) {
      const place = PLACE_PART.exec(line.slice(open));
      const own = PLACE_PART.exec(line.slice(start));
      // Not when the read-back already opens with the same place (与鹭洲市…: 鹭洲市 stands).
      const same = own && place && start + own[1].length === open + place[1].length;
      if (place && !same && place[1].length > start - open && open + place[1].length <= at.start && !NOT_PLACES.test(place[1])) start = open;
    }
    // A chain: the body reaches back to the end of the previous organization.
    const chained = previous !== null && start === previous.end && previous.end <= at.start;
    const body = line.slice(start, at.start);
    if (at.suffix.role === 'child' && !chained) continue;
    if (chained && previous && body.length === 0 && at.suffix.role !== 'child') {
      // Two endings back to back (中心医院, 集团公司): the first was part of the name; it ends here.
      previous.end = at.end;
      previous.written = line.slice(previous.start, at.end);
      previous.kind = at.suffix.kind ?? previous.kind;
      previous.suffix = at.suffix.suffix;
      previous.evidence = `org-suffix:${at.suffix.suffix}`;
      pos = at.end;
      continue;
    }
    if (chained && at.suffix.role === 'top') {
      // A name of its own right after another (市委市政府): a sibling, not a part.
      if (body.length < at.suffix.minBody && !LEVEL_CHAR.test(body)) continue;
    } else if (!chained) {
      if (body.length < at.suffix.minBody) continue;
      // 全国妇联, 全国总工会: the national bodies; 全市妇联组织 is no body.
      if (GENERIC_OPENINGS.test(body) && body !== '全国') continue;
      // The body must name something besides a title (三八红旗手(执委)工作室 is no particular studio).
      if (at.suffix.minBody > 0 && !distinctive(body)) continue;
    } else if (body.length > 10) continue;
    const end = at.end;
    const parentIndex = chained && at.suffix.role !== 'top' ? hits.length - 1 : null;
    const levelOnly = parentIndex === null && /^[市区县省镇]/.test(body) ? (body[0] as OrgHit['levelOnly']) : null;
    hits.push({
      start,
      end,
      written: line.slice(start, end),
      kind: at.suffix.kind,
      suffix: at.suffix.suffix,
      parentIndex,
      levelOnly,
      evidence: `org-suffix:${at.suffix.suffix}`,
    });
    pos = end;
  }
  return hits;
}

const TITLE_WORDS = /三八红旗手|三八红旗集体|红旗手|劳动模范|先进个人|先进集体|巾帼建功标兵|标兵|[（(][\p{Script=Han}]{1,3}[）)]/gu;

function distinctive(body: string): boolean {
  return body.replace(TITLE_WORDS, '').replace(/[\p{P}\s]/gu, '').length > 0;
}

/** The suffix a name ends in, and what it says (kind, expansion, party form). */
export function suffixOf(name: string): Suffix | null {
  return SUFFIXES.find((s) => name.endsWith(s.suffix)) ?? null;
}

// ---- places -----------------------------------------------------------------------------------

export type Level = 'NATIONAL' | 'PROVINCIAL' | 'MUNICIPAL' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

export interface PlacePart {
  name: string;
  level: Level;
}

const PLACE_PART = /^([\p{Script=Han}]{2,4}?(?:自治区|省|自治州|市|自治县|县|区|街道|镇|乡|社区|村))/u;
const LEVEL_BY_ENDING: [RegExp, Level][] = [
  [/(社区|村)$/, 'VILLAGE'],
  [/(街道|镇|乡)$/, 'TOWNSHIP'],
  [/(省|自治区)$/, 'PROVINCIAL'],
  [/(市|自治州)$/, 'MUNICIPAL'],
  [/(县|区)$/, 'COUNTY'],
];
const LEVEL_ORDER: Level[] = ['NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY', 'TOWNSHIP', 'VILLAGE'];

/** Words ending in a place character that are no place (城区 is, 社区 alone is not). */
const NOT_PLACES = /^(全市|本市|我市|城市|全区|全县|本县|本区|全省|各市|各区|各县|小区|园区|景区|辖区|城区|市区|郊区|社区|农村|乡村)$/;

/** The places a name opens with, outermost first (青源市东湖区文昌社区党委 → 青源市, 东湖区, 文昌社区). */
export function placePrefix(name: string): { parts: PlacePart[]; rest: string } {
  const parts: PlacePart[] = [];
  let rest = name.replace(/^(中共|共青团)/, '');
  for (;;) {
    const m = PLACE_PART.exec(rest);
    if (!m) break;
    const word = m[1];
    if (NOT_PLACES.test(word) || /(农业|农村|乡村|城乡|社会|人民|中心)/.test(word)) break;
    const level = LEVEL_BY_ENDING.find(([re]) => re.test(word))?.[1];
    if (!level) break;
    // Levels only go down (a 市 after a 区 is part of another word).
    if (parts.length > 0 && LEVEL_ORDER.indexOf(level) <= LEVEL_ORDER.indexOf(parts[parts.length - 1].level)) break;
    // What follows must still be a name (a suffix or more words), not nothing.
    if (rest.length === word.length) break;
    parts.push({ name: word, level });
    rest = rest.slice(word.length);
  }
  return { parts, rest };
}

export function levelBelow(level: Level | null): Level | null {
  if (!level) return null;
  const i = LEVEL_ORDER.indexOf(level);
  return i >= 0 && i + 1 < LEVEL_ORDER.length ? LEVEL_ORDER[i + 1] : level;
}

/** The document's place as its parts (青源市东湖区 → 青源市, 东湖区). */
export function placeParts(place: string | null): PlacePart[] {
  if (!place) return [];
  const { parts, rest } = placePrefix(place + '妇联');
  return rest === '妇联' ? parts : [];
}

const LEVEL_OF_CHAR: Record<string, Level> = { 省: 'PROVINCIAL', 市: 'MUNICIPAL', 区: 'COUNTY', 县: 'COUNTY', 镇: 'TOWNSHIP' };

/**
 * The place a short form's level character stands for in this document: 市 → the document's city,
 * 区/县 → its district or county (when the document is set in one).
 */
function placeForLevel(levelChar: string, docPlace: PlacePart[]): string | null {
  const level = LEVEL_OF_CHAR[levelChar];
  const i = docPlace.findIndex((p) => p.level === level);
  if (i < 0) return null;
  return docPlace
    .slice(0, i + 1)
    .map((p) => p.name)
    .join('');
}

/**
 * The canonical name of an organization as written, in the document's place:
 * - a short form opening with a level character gets the place (市妇联 → 青源市妇联);
 * - a name opening with a part of the document's place gets the places above it
 *   (东湖区妇联 in a 青源市东湖区 document → 青源市东湖区妇联), a community or village the
 *   document's district (文昌社区党委 → 青源市东湖区文昌社区党委);
 * - a top-level short form is expanded (妇联 → 妇女联合会, 教体局 → 教育体育局, 市委 → 中共…市委员会);
 *   a department keeps its organization's written form (市妇联权益部 → 青源市妇联权益部), as the seed does.
 */
export function canonicalOrganizationName(written: string, docPlace: PlacePart[], isPart: boolean): string {
  let name = normalizeName(written);
  if (NATIONAL_NAMES[name]) return NATIONAL_NAMES[name];
  // 团市委: the Youth League committee of the document's city (共青团…市委员会).
  const league = /^团([市区县省])委$/.exec(name);
  if (league) {
    const place = placeForLevel(league[1], docPlace);
    return place ? `共青团${place}委员会` : name;
  }
  const m = /^([市区县省镇])(?![市区县省镇])/.exec(name);
  if (m && !/^(市场|市民|区域|县域|省级|市级|区级|县级|镇级)/.test(name)) {
    const place = placeForLevel(m[1], docPlace);
    if (place) name = place + name.slice(1);
  } else {
    const { parts } = placePrefix(name);
    if (parts.length > 0 && docPlace.length > 0) {
      const first = parts[0];
      const i = docPlace.findIndex((p) => p.name === first.name);
      if (i > 0) {
        name = docPlace.slice(0, i).map((p) => p.name).join('') + name;
      } else if (i < 0 && (first.level === 'VILLAGE' || first.level === 'TOWNSHIP')) {
        const last = docPlace[docPlace.length - 1];
        if (last.level === 'COUNTY') name = docPlace.map((p) => p.name).join('') + name;
      }
    }
  }
  if (!isPart) name = expandOrganizationShortForm(name);
  else {
    if (/^[\p{Script=Han}]{2,4}?[市县区省]委./u.test(name) && !name.startsWith('中共')) name = '中共' + name;
    for (const s of SUFFIXES) if (s.informal && s.expands && !name.endsWith(s.suffix)) name = name.split(s.suffix).join(s.expands);
  }
  return name;
}

/** National bodies by the short forms everyone writes. */
const NATIONAL_NAMES: Record<string, string> = {
  全国妇联: '中华全国妇女联合会',
  全国总工会: '中华全国总工会',
};

/** 妇联 → 妇女联合会 and the like, for a name that ends in the short form; 市委 → 中共…市委员会. */
export function expandOrganizationShortForm(name: string): string {
  const suffix = suffixOf(name);
  if (!suffix) return name;
  const body = name.slice(0, name.length - suffix.suffix.length);
  if (suffix.party === 'committee') {
    const head = body.startsWith('中共') ? body.slice(2) : body;
    return `中共${head}${suffix.suffix.slice(0, 1)}委员会`;
  }
  if (suffix.party === 'discipline') {
    const head = body.startsWith('中共') ? body.slice(2) : body;
    return `中共${head}纪律检查委员会`;
  }
  if (suffix.expands) return body + suffix.expands;
  return name;
}

/**
 * Level from the name's places, its level character, or (a branch) one below its parent's; a body
 * named after the document's city without 市 (临河日报 in a 临河市 document) is the city's.
 */
export function levelOfOrganization(name: string, kind: OrgKind | null, parentLevel: Level | null, branch: boolean, docPlace: PlacePart[] = []): Level | null {
  if (kind === 'ENTERPRISE' || kind === 'BANK' || kind === 'STUDIO') return null;
  if (branch && parentLevel) return levelBelow(parentLevel);
  if (/^(中华全国|全国|中国)/.test(name)) return 'NATIONAL';
  const { parts } = placePrefix(name);
  if (parts.length > 0) return parts[parts.length - 1].level;
  // A short form whose place the document does not give (省女企业家协会): its level character.
  const bare = /^[省市区县镇](?!场|民|区|域|级)/.exec(name);
  if (bare) return LEVEL_OF_CHAR[bare[0]];
  if (parentLevel) return parentLevel;
  const city = docPlace.find((p) => p.level === 'MUNICIPAL');
  if (city && city.name.length >= 3 && name.startsWith(city.name.slice(0, -1))) return 'MUNICIPAL';
  return null;
}
