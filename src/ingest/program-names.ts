import { ProgramKind } from '../api/program-kind';
import { normalizeName } from '../text/normalize';

/**
 * Program names in a sentence: campaigns, activities, contests, classes, stations, columns,
 * agreements and projects, named in quotes or 《》 (“巾帼心向党”引领行动, 《…合作协议》) or by a
 * name that ends in a program word (…培训班, …行动, …大赛, …驿站). Pure string rules; the sentence's
 * organizations are passed in so that their names are never read as programs.
 */

export interface ProgramName {
  /** Offsets in the sentence (end exclusive), covering the name as written, quotes included. */
  start: number;
  end: number;
  /** Canonical: normalizeName of the name without its quotes. */
  name: string;
  /** The name as written, without quotes. */
  written: string;
  kind: ProgramKind;
  quoted: boolean;
  /** The counted noun of a tally (家庭教育讲座400余场) is never a name; true for standing things counted (服务站56个). */
  counted: boolean;
  /** A quoted theme given with a name that follows it (“创赢未来 巾帼风采”2024年…大赛). */
  theme: string | null;
  evidence: string[];
}

interface ProgramWord {
  word: string;
  kind: ProgramKind;
  /** Weak words (活动, 建设, 排查…) name a program only right after a verb that launches one. */
  weak?: boolean;
  /** Standing things (stations, bases, classes) may be counted and still be one program. */
  standing?: boolean;
  /** Only inside quotes (宣讲: 家风家教宣讲 is an activity, “百千万巾帼大宣讲” a campaign). */
  quotedOnly?: boolean;
}

const T = ProgramKind;
const WORDS: ProgramWord[] = [
  // training
  { word: '培训班', kind: T.TRAINING, standing: true },
  { word: '研修班', kind: T.TRAINING, standing: true },
  { word: '学习班', kind: T.TRAINING, standing: true },
  { word: '训练营', kind: T.TRAINING, standing: true },
  { word: '大练兵', kind: T.TRAINING },
  { word: '讲堂', kind: T.TRAINING, standing: true },
  { word: '课堂', kind: T.TRAINING, standing: true },
  { word: '共享课', kind: T.TRAINING },
  { word: '公开课', kind: T.TRAINING },
  { word: '夜校', kind: T.TRAINING, standing: true },
  { word: '培训', kind: T.TRAINING, weak: true },
  { word: '讲座', kind: T.TRAINING, weak: true },
  // events
  { word: '报告会', kind: T.EVENT },
  { word: '招聘会', kind: T.EVENT },
  { word: '展示会', kind: T.EVENT },
  { word: '对接会', kind: T.EVENT },
  { word: '议事会', kind: T.EVENT, standing: true },
  { word: '座谈会', kind: T.EVENT },
  { word: '交流会', kind: T.EVENT },
  { word: '联谊会', kind: T.EVENT },
  { word: '推进会', kind: T.EVENT },
  { word: '表彰会', kind: T.EVENT },
  { word: '分享会', kind: T.EVENT },
  { word: '博览会', kind: T.EVENT },
  { word: '论坛', kind: T.EVENT },
  { word: '沙龙', kind: T.EVENT, weak: true },
  { word: '晚会', kind: T.EVENT },
  { word: '集体婚礼', kind: T.EVENT },
  { word: '主题实践活动', kind: T.CAMPAIGN },
  { word: '主题活动', kind: T.CAMPAIGN, weak: true },
  { word: '救助活动', kind: T.SERVICE, weak: true },
  { word: '征集活动', kind: T.CAMPAIGN, weak: true },
  { word: '评选活动', kind: T.CAMPAIGN, weak: true },
  { word: '活动', kind: T.EVENT, weak: true },
  // contests
  { word: '大赛', kind: T.COMPETITION },
  { word: '比赛', kind: T.COMPETITION },
  { word: '竞赛', kind: T.COMPETITION },
  { word: '大比武', kind: T.COMPETITION },
  // campaigns
  { word: '行动', kind: T.CAMPAIGN },
  { word: '大宣讲', kind: T.CAMPAIGN },
  { word: '宣讲', kind: T.CAMPAIGN, weak: true, quotedOnly: true },
  { word: '宣传月', kind: T.CAMPAIGN },
  { word: '宣传周', kind: T.CAMPAIGN },
  { word: '活动月', kind: T.CAMPAIGN },
  { word: '活动周', kind: T.CAMPAIGN },
  // agreements
  { word: '协议', kind: T.AGREEMENT },
  { word: '备忘录', kind: T.AGREEMENT },
  // services
  { word: '服务站', kind: T.SERVICE, standing: true },
  { word: '工作站', kind: T.SERVICE, standing: true },
  { word: '驿站', kind: T.SERVICE, standing: true },
  { word: '服务点', kind: T.SERVICE, standing: true },
  { word: '之家', kind: T.SERVICE, standing: true },
  { word: '服务体系', kind: T.SERVICE },
  { word: '热线', kind: T.SERVICE },
  { word: '排查', kind: T.SERVICE, weak: true },
  // columns
  { word: '专栏', kind: T.MEDIA_COLUMN },
  { word: '栏目', kind: T.MEDIA_COLUMN },
  // projects
  { word: '基地', kind: T.PROJECT, standing: true },
  { word: '工程', kind: T.PROJECT },
  { word: '项目', kind: T.PROJECT, weak: true },
  { word: '计划', kind: T.PROJECT, weak: true },
  { word: '建设', kind: T.PROJECT, weak: true },
].sort((a, b) => b.word.length - a.word.length);

/** Verbs that launch, hold or join a program; a name never runs across one. */
const VERBS = [
  '组织开展', '深入推进', '持续推进', '揭牌成立', '挂牌成立', '开展', '举办', '举行', '实施', '启动', '推进', '组织', '成立',
  '建成', '建立', '设立', '签订', '签署', '承办', '协办', '主办', '开设', '打造', '创建', '参加', '参与', '深化', '发布', '推出',
  '组建', '召开', '选树', '挂牌', '揭牌', '走进', '依托', '围绕', '拓展', '完善', '开启', '对接', '联合', '会同', '携手', '联动',
  '深入', '常态化', '积极', '成功', '吸引', '命名', '授予', '获评', '荣获', '获得', '评为', '寻找', '开办', '共同', '招募', '制作',
  '共有', '拥有', '现有', '建有', '设有',
];
const LAUNCH_VERBS = /(开展|举办|举行|实施|启动|推进|组织|建成|建立|设立|签订|签署|承办|开设|打造|创建|召开|开办|成立)$/u;
const ESTABLISHED = /(建成|建立|设立|成立|组建)$/u;
/** Single characters a name never runs across (particles, prepositions, conjunctions). */
const STOP_CHARS = new Set([...'的在和与及等了为以将把向从于由并或是被让给已还也都']);
const NAME_CHAR = /[\p{Script=Han}A-Za-z0-9+＋()（）·]/u;
/** Modifiers that make no name: 系列活动, 主题活动, 各类培训. */
const GENERIC = /^(系列|主题|各类|各项|相关|专题|大型|线上线下|线上|线下|志愿|公益|有关|各种|多种|此次|本次|这次|该|一系列|全市|全区|全县|全省|各级|常态化|等)+$/u;
const QUOTE = /[“"「《『]([^“”"「」《》『』\n]{1,40})[”"」》』]/gu;
const UNCLOSED = /^“([^“”"「」《》『』\n!！?？，。；]{1,40})[!！?？]/u;
const HONOR_BEFORE = /(获评|荣获|获得|被评为|评为|授予|被授予|命名为|荣膺|当选)$/u;
const HONOR_AFTER = /^(称号|荣誉|奖|光荣称号|先进|标兵)/u;
const JOIN = '暨';
/** Verbs that launch a product or a standing service under its own name. */
const PRODUCT_VERB = /(推出|上线|开通|发布|推广)$/u;
const PRODUCT: ProgramWord = { word: '', kind: T.SERVICE };

export interface ProgramNameContext {
  /** Spans (relative to the sentence) of organizations, honors and people: never program names. */
  blocked: { start: number; end: number }[];
  /** Place names that may stand before a quoted name as part of it (淮南“爱心妈妈”结对关爱行动). */
  placePrefixes: string[];
}

function wordAt(text: string, at: number, quoted: boolean): ProgramWord | null {
  for (const w of WORDS) if (text.startsWith(w.word, at) && (quoted || !w.quotedOnly)) return w;
  return null;
}

function endsWithWord(text: string, quoted: boolean): ProgramWord | null {
  for (const w of WORDS) if (text.endsWith(w.word) && (quoted || !w.quotedOnly)) return w;
  return null;
}

/** Whether a program word ending at `at` ends the name: punctuation, a number, a particle or a verb follows. */
function endsName(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const ch = text[at];
  if (!NAME_CHAR.test(ch) || /[0-9]/.test(ch)) return true;
  if (STOP_CHARS.has(ch) || ch === JOIN) return true;
  const rest = text.slice(at);
  if (/^[一二两三四五六七八九十百千万近约超逾]+[余多]?(个|场|次|期|名|人|家|条|项|所|座|处)/u.test(rest)) return true;
  return VERBS.some((v) => rest.startsWith(v)) || /^(进|中|上|下|期间|以来)/u.test(rest);
}

/** Where a name ending before `end` starts: at the last stop (punctuation, particle, verb) before it. */
function nameStart(text: string, end: number, floor: number): number {
  let i = end;
  while (i > floor) {
    const ch = text[i - 1];
    if (!NAME_CHAR.test(ch) || STOP_CHARS.has(ch)) break;
    const before = text.slice(floor, i);
    if (VERBS.some((v) => before.endsWith(v))) break;
    i -= 1;
  }
  return i;
}

function isBlocked(start: number, end: number, blocked: { start: number; end: number }[]): boolean {
  return blocked.some((b) => start < b.end && b.start < end);
}

/** A tally follows: 家庭教育讲座400余场, 服务站56个. */
function isCounted(text: string, at: number): boolean {
  return /^\s*[近约超逾]?[0-9一二两三四五六七八九十百千万]+(\.[0-9]+)?[万千百]?[余多]?(个|场次|场|次|期|名|人次|人|家|条|项|所|座|处|户)/u.test(text.slice(at));
}

function program(
  text: string,
  start: number,
  end: number,
  written: string,
  word: ProgramWord,
  quoted: boolean,
  evidence: string[],
  theme: string | null = null,
): ProgramName {
  // A meeting or class that is built or set up (建成“妇女议事会”47个) stands as a service.
  const established = ESTABLISHED.test(text.slice(0, start)) && (word.kind === T.EVENT || word.kind === T.TRAINING);
  return {
    start,
    end,
    name: normalizeName(written),
    written,
    kind: established ? T.SERVICE : word.kind,
    quoted,
    counted: isCounted(text, end),
    theme,
    evidence: established ? [...evidence, 'kind:established'] : evidence,
  };
}

/**
 * The tail after a closing quote that completes the name (“巾帼心向党”引领行动, 《徽凤课堂》第五期培训暨…活动):
 * name characters up to the first program word that ends the name, across 暨; if none ends it, the
 * first program word. Returns the tail's length and the word that gives its kind, or null.
 */
function tailAfter(text: string, at: number, floor: number): { length: number; word: ProgramWord } | null {
  let i = at;
  let first: { length: number; word: ProgramWord } | null = null;
  let kindWord: ProgramWord | null = null;
  while (i < floor) {
    const ch = text[i];
    if (!NAME_CHAR.test(ch) || (i > at && STOP_CHARS.has(ch))) break;
    if (i === at && STOP_CHARS.has(ch)) break;
    const rest = text.slice(i);
    if (i > at && VERBS.some((v) => rest.startsWith(v))) break;
    const word = wordAt(text, i, false);
    if (word) {
      const end = i + word.word.length;
      kindWord ??= word;
      first ??= { length: end - at, word: kindWord };
      if (text[end] === JOIN) {
        i = end + 1;
        continue;
      }
      if (endsName(text, end)) return { length: end - at, word: kindWord };
      i = end;
      continue;
    }
    i += 1;
  }
  return first;
}

/** Programs named in `text` (one sentence), in order. */
export function findProgramNames(text: string, context: ProgramNameContext): ProgramName[] {
  const found: ProgramName[] = [];
  const quotes = [...text.matchAll(QUOTE)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, inner: m[1] }));
  // Damage can eat a closing quote and leave noise in its place (“家国同庆 见证幸福!2024年…): an
  // opening quote never closed is closed at the first ! or ? after it.
  for (let at = text.indexOf('“'); at >= 0; at = text.indexOf('“', at + 1)) {
    if (quotes.some((q) => at >= q.start && at < q.end)) continue;
    const open = UNCLOSED.exec(text.slice(at));
    if (open) quotes.push({ start: at, end: at + open[0].length, inner: open[1] });
  }
  quotes.sort((a, b) => a.start - b.start);
  for (let q = 0; q < quotes.length; q += 1) {
    const { start, end, inner } = quotes[q];
    if (isBlocked(start + 1, end - 1, context.blocked)) continue;
    const before = text.slice(0, start);
    const afterText = text.slice(end);
    if (HONOR_BEFORE.test(before) || HONOR_AFTER.test(afterText)) continue;
    const quoteMark = text[start] === '《' ? 'program:《》' : 'program:quoted';
    // A place written right before the quote belongs to the name (淮南“爱心妈妈”结对关爱行动).
    const prefixStart = nameStart(text, start, 0);
    const prefix = text.slice(prefixStart, start);
    const withPrefix = prefix.length > 0 && context.placePrefixes.includes(prefix);
    const nameBegin = withPrefix ? prefixStart : start;
    const prefixText = withPrefix ? prefix : '';
    // A column's name is the quoted one (“巾帼风采录”专栏), and so is an activity's named by a bare
    // category word (“乡村振兴巾帼行”活动).
    const column = /^(?:\p{Script=Han}{0,2}?)(专栏|栏目|活动)(?=[^\p{Script=Han}]|$|[于在的等和与及已，。])/u.exec(afterText);
    if (column) {
      found.push(program(text, nameBegin, end + column[0].length, prefixText + inner, WORDS.find((w) => w.word === column[1])!, true, [quoteMark, 'program-word:' + column[1]]));
      continue;
    }
    const tail = tailAfter(text, end, text.length);
    if (tail) {
      const tailText = text.slice(end, end + tail.length);
      const evidence = [quoteMark, 'program-word:' + tail.word.word];
      // A year opens a full name after a quoted theme (“创赢未来 巾帼风采”2024年…大赛).
      if (/^\d{4}年/u.test(tailText)) {
        found.push(program(text, end, end + tail.length, tailText, tail.word, true, [...evidence, 'theme-in-quotes'], inner));
      } else {
        found.push(program(text, nameBegin, end + tail.length, prefixText + inner + tailText, tail.word, true, evidence));
      }
      continue;
    }
    const own = endsWithWord(inner, true);
    if (own && inner.length > own.word.length) {
      found.push(program(text, nameBegin, end, prefixText + inner, own, true, [quoteMark, 'program-word:' + own.word]));
      continue;
    }
    // A product launched under a quoted name with no program word (推出“…贷”, 上线“…通”): a standing service.
    if (PRODUCT_VERB.test(before) && !/^(称号|荣誉|奖)/u.test(afterText) && inner.length >= 3 && /^[\p{Script=Han}]+$/u.test(inner)) {
      found.push(program(text, nameBegin, end, prefixText + inner, PRODUCT, true, [quoteMark, 'program:product']));
      continue;
    }
    // A run of quoted names closed by 等 and a program word: “百千万巾帼大宣讲”“党的女儿话初心”等主题宣讲.
    let last = q;
    while (last + 1 < quotes.length && /^[、，,和及与]?$/u.test(text.slice(quotes[last].end, quotes[last + 1].start))) last += 1;
    const category = /^等([\p{Script=Han}]{0,6}?)(?=[，。；、,;]|$)/u.exec(text.slice(quotes[last].end));
    const categoryWord = category ? endsWithWord(category[0], true) : null;
    if (categoryWord) {
      found.push(program(text, start, end, inner, categoryWord, true, [quoteMark, 'program-list:等' + category![1]]));
    }
  }

  const covered = [...found.map((p) => ({ start: p.start, end: p.end })), ...quotes, ...context.blocked];
  for (let at = 0; at < text.length; at += 1) {
    const word = wordAt(text, at, false);
    if (!word) continue;
    let end = at + word.word.length;
    if (!endsName(text, end)) continue;
    if (isBlocked(at, end, covered)) continue;
    const start = nameStart(text, at, 0);
    // …招聘会暨…展示会: the joined name runs to the next program word that ends a name.
    let kindWord = word;
    while (text[end] === JOIN) {
      let next = -1;
      let nextWord: ProgramWord | null = null;
      for (let j = end + 1; j < text.length && NAME_CHAR.test(text[j]); j += 1) {
        const w = wordAt(text, j, false);
        if (w && endsName(text, j + w.word.length)) {
          next = j + w.word.length;
          nextWord = w;
          break;
        }
      }
      if (next < 0 || !nextWord) break;
      end = next;
    }
    at = end - 1;
    // The whole place (全区共有…, 全市…) is not part of a name.
    const place = /^(全市|全区|全县|全省|全镇|全乡)/u.exec(text.slice(start, end))?.[0] ?? '';
    const nameBegin = start + place.length;
    const written = text.slice(nameBegin, end);
    const modifier = written.slice(0, written.length - lastWordLength(written));
    if (modifier.length < 2 || GENERIC.test(modifier)) continue;
    // A tally is no name (近100个项目); a year may open one (2024年…大赛).
    if (/^[0-9近约]/u.test(written) && !/^\d{4}年/u.test(written)) continue;
    const left = text.slice(0, nameBegin);
    // After 等 comes a category (电商、家政等培训), never a name.
    if (left.endsWith('等')) continue;
    const launched = LAUNCH_VERBS.test(left);
    if (kindWord.weak && !launched) continue;
    const candidate = program(text, nameBegin, end, written, kindWord, false, ['program-word:' + kindWord.word, ...(launched ? ['after-verb'] : [])]);
    if (candidate.counted && !kindWord.standing) continue;
    found.push(candidate);
  }
  return found.sort((a, b) => a.start - b.start);
}

function lastWordLength(written: string): number {
  return endsWithWord(written, false)?.word.length ?? 0;
}
