import { normalizeName } from '../text/normalize';
import { Level, placePrefix } from './organization-names';
import { isNameToken, Token } from './segment';

/**
 * Honors: quoted titles after the verbs that confer or receive them (“……”称号, 获评, 荣获, 被评为,
 * 被授予, 授予, 命名…为), unquoted lists after 获 (获A、B、C等荣誉), list headings naming a title
 * (一、青源市三八红旗手（8名）), and the common generic titles wherever they stand.
 */

/** Endings of honor titles (a title names a kind of model, an award or a distinction). */
const HONOR_END =
  /(红旗手|红旗集体|先进集体|先进个人|先进单位|先进工作者|先进班组|标兵|模范|劳动模范|奖章|奖|称号|共产党员|党务工作者|示范岗|文明岗|能手|之星|好人|楷模|文明家庭|五好家庭|最美家庭|示范家庭|巾帼建功集体|突出贡献奖|红旗单位)$/;

/** Generic titles named on their own (三八红旗手, 三八红旗手(集体) naming both). */
const GENERIC_TITLES = ['三八红旗手', '三八红旗集体', '五一劳动奖章', '巾帼建功标兵', '巾帼文明岗', '劳动模范', '先进工作者'];
const GENERIC_RE = /(三八红旗手|三八红旗集体)([（(]集体[）)])?/g;

/**
 * What stands right before a generic title as its level: 全国/全省/全市, a place (the longest
 * 3–5 characters ending in 省/市/县/区 with no verb, particle or date character in it), or a bare
 * level character after a break (、省三八红旗集体).
 */
function levelPrefix(before: string, tokens: Token[]): string | null {
  for (const w of ['全国', '全省', '全市']) if (before.endsWith(w)) return w;
  const end = before.length;
  for (let len = 5; len >= 3; len -= 1) {
    const c = before.slice(-len);
    if (c.length !== len || !/^[\p{Script=Han}]+[省市县区]$/u.test(c) || /[年度的等和与及之在为以上下级全各]/.test(c)) continue;
    // The place opens at a word's start and holds no verb (表彰青源市 is 表彰 + 青源市).
    const from = end - len;
    if (!tokens.some((t) => t.start === from)) continue;
    if (tokens.some((t) => t.start >= from && t.end <= end && !isNameToken(t))) continue;
    return c;
  }
  if (/[省市县区]$/.test(before)) {
    const prev = before.length >= 2 ? before[before.length - 2] : '';
    if (!prev || !/[\p{Script=Han}]/u.test(prev) || /[获评为授予]/.test(prev)) return before.slice(-1);
  }
  return null;
}

export interface HonorHit {
  start: number;
  end: number;
  written: string;
  name: string;
  level: Level | null;
  variantOfName: string | null;
  /** A four-digit year written with the title (2025年度“…”). */
  statedYear: number | null;
  evidence: string;
  /** The verb that introduced it (获评, 授予…), or null. */
  trigger: string | null;
  triggerAt: number | null;
}

/** Distinctions named by a quality and who holds it: 优秀教师, 十佳少年, 最美家庭, 先进工作者. */
const MERIT_TITLE = /(优秀|先进|十佳|最美|模范|杰出|道德)[\p{Script=Han}]{2,8}$/u;

export function isHonorTitle(s: string): boolean {
  const name = normalizeName(s);
  if (name.length < 3 || name.length > 30) return false;
  if (HONOR_END.test(name) || GENERIC_TITLES.some((t) => name.endsWith(t))) return true;
  const { rest } = placePrefix(name);
  if (/(名单|名录|通知|决定|通报|大会|会议|活动|评选|表彰)$/.test(rest)) return false;
  return MERIT_TITLE.test(rest) && /^(全国|全省|全市|省|市|县|区)?(优秀|先进|十佳|最美|模范|杰出|道德)/.test(rest);
}

export function honorLevel(name: string): Level | null {
  if (/^(全国|中华全国|中国)/.test(name)) return 'NATIONAL';
  if (/^(全省|省)/.test(name)) return 'PROVINCIAL';
  if (/^(全市|市)/.test(name)) return 'MUNICIPAL';
  if (/^(全县|县|全区|区)/.test(name)) return 'COUNTY';
  const { parts } = placePrefix(name);
  if (parts.length > 0) return parts[parts.length - 1].level;
  return null;
}

/** A place-prefixed generic title is a variant of the generic one (青源市三八红旗手 → 三八红旗手). */
export function variantOf(name: string): string | null {
  const { parts, rest } = placePrefix(name);
  if (parts.length === 0) return null;
  const generic = GENERIC_TITLES.find((t) => rest === t);
  return generic ?? null;
}

function hit(start: number, written: string, evidence: string, trigger: string | null, triggerAt: number | null, statedYear: number | null): HonorHit {
  const name = normalizeName(written);
  return {
    start,
    end: start + written.length,
    written,
    name,
    level: honorLevel(name),
    variantOfName: variantOf(name),
    statedYear,
    evidence,
    trigger,
    triggerAt,
  };
}

const TRIGGER = /(获评|荣获|获得|被评为|评为|被授予|授予|被命名为|命名|当选|入选|曾获|获)/g;

/** The year written right before a title or its verb: 2025年度, 2023年. */
function yearBefore(line: string, at: number): number | null {
  const m = /(\d{4})年(度)?\s*$/.exec(line.slice(Math.max(0, at - 8), at));
  return m ? Number(m[1]) : null;
}

/**
 * The honors named in one line, with offsets in it. `excluded` ranges (organization names) hold no
 * honor of their own (三八红旗手(集体)联盟 is an alliance).
 */
export function findHonorsInLine(line: string, excluded: { start: number; end: number }[], tokens: Token[]): HonorHit[] {
  const hits: HonorHit[] = [];
  const inside = (s: number, e: number) => excluded.some((x) => x.start <= s && e <= x.end);
  const taken = (s: number, e: number) => hits.some((h) => h.start < e && s < h.end);

  // “……” after a verb, or followed by 称号.
  const quoted = /[“"]([^“”"]{2,30})[”"](荣誉称号|称号)?/g;
  for (let m = quoted.exec(line); m; m = quoted.exec(line)) {
    const title = m[1];
    const start = m.index + 1;
    const clauseStart = Math.max(line.lastIndexOf('，', m.index), line.lastIndexOf('。', m.index), line.lastIndexOf('；', m.index)) + 1;
    const before = line.slice(clauseStart, m.index);
    TRIGGER.lastIndex = 0;
    let trigger: RegExpExecArray | null = null;
    for (let t = TRIGGER.exec(before); t; t = TRIGGER.exec(before)) trigger = t;
    const named = Boolean(m[2]);
    if (!named && !(trigger && isHonorTitle(title))) continue;
    if (inside(start, start + title.length)) continue;
    const statedYear = yearBefore(line, m.index) ?? (trigger ? yearBefore(line, clauseStart + trigger.index) : null);
    hits.push(
      hit(start, title, named ? 'honor:称号' : `honor:${trigger![1]}`, trigger ? trigger[1] : null, trigger ? clauseStart + trigger.index : null, statedYear),
    );
  }

  // Unquoted after a verb: 获A、B、C等荣誉; 曾获X的…
  TRIGGER.lastIndex = 0;
  for (let t = TRIGGER.exec(line); t; t = TRIGGER.exec(line)) {
    const from = t.index + t[0].length;
    if (line[from] === '“' || line[from] === '"') continue;
    // 获奖, 获得感, 获益: words, not a verb before a title.
    if (t[1] === '获' && /^(奖|得|益|批|悉|救|赠|胜)/.test(line.slice(from))) continue;
    const m = /^([^，。；：“”"（）()]{3,80}?)(等荣誉|等称号|等奖项|等|的|，|。|；|$)/.exec(line.slice(from));
    if (!m) continue;
    let at = from;
    let place: string | null = null;
    let edition: number | null = null;
    for (const part of m[1].split('、')) {
      const partAt = line.indexOf(part, at);
      at = partAt + part.length + 1;
      // 命名2025年度淮南市三八红旗手、三八红旗集体: the edition year and the place hold for the whole list.
      const year = /^\s*(\d{4})年度?/.exec(part);
      if (year) edition = Number(year[1]);
      const title = part.slice(year ? year[0].length : 0).trim();
      const start = line.indexOf(title, partAt);
      if (!title || !isHonorTitle(title) || taken(start, start + title.length) || inside(start, start + title.length)) continue;
      const own = placePrefix(title).parts;
      if (own.length > 0) place = own.map((p) => p.name).join('');
      const h = hit(start, title, `honor:${t[1]}`, t[1], t.index, edition ?? yearBefore(line, t.index));
      if (own.length === 0 && place && GENERIC_TITLES.includes(title)) {
        h.name = normalizeName(place + title);
        h.level = honorLevel(h.name);
        h.variantOfName = title;
      }
      hits.push(h);
    }
  }

  // Generic titles on their own: 三八红旗手(集体) names both; a level or place before one is part of it.
  GENERIC_RE.lastIndex = 0;
  for (let m = GENERIC_RE.exec(line); m; m = GENERIC_RE.exec(line)) {
    const s = m.index;
    if (inside(s, s + m[1].length) || taken(s, s + m[1].length)) continue;
    const prefix = levelPrefix(line.slice(0, s), tokens);
    let start = s;
    let written = m[1];
    if (prefix) {
      start = s - prefix.length;
      written = prefix + m[1];
    } else {
      // 青源市三八红旗手、三八红旗集体: the place distributes over the pair.
      const pair = /(三八红旗手|三八红旗集体)、$/.exec(line.slice(0, s));
      const pairPlace = pair ? levelPrefix(line.slice(0, pair.index), tokens) : null;
      if (pairPlace) {
        const name = normalizeName(pairPlace + m[1]);
        hits.push({ ...hit(s, m[1], 'honor:title', null, null, null), name, level: honorLevel(name), variantOfName: variantOf(name) });
        continue;
      }
    }
    if (taken(start, s + m[1].length)) continue;
    const h = hit(start, written, 'honor:title', null, null, yearBefore(line, start));
    hits.push(h);
    if (m[2]) {
      // 三八红旗手(集体): the collective title too, written as the bracket.
      const collective = '三八红旗集体';
      const bracketAt = s + m[1].length;
      const cName = (written.slice(0, written.length - m[1].length) + collective).trim();
      hits.push({ ...hit(bracketAt, m[2], 'honor:title(集体)', null, null, null), name: normalizeName(cName), level: honorLevel(cName), variantOfName: variantOf(cName) });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** A list heading naming a title (一、青源市三八红旗手（8名）, ## 淮南市三八红旗集体), or null. */
export function headingTitle(line: string): { start: number; title: string } | null {
  const m = /^(\s*(?:#{1,6}\s*|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、]\s*)?)([^，。；：:“”]{3,30}?)(?:[（(]\d+(?:名|个|人|户|家)[）)])?\s*$/.exec(line);
  if (!m) return null;
  // 松川市优秀共产党员名单: a roster of the title's holders names the title.
  const title = m[2].trim().replace(/^附[：:]\s*/, '').replace(/(人员)?(名单|名录)$/, '');
  if (!isHonorTitle(title)) return null;
  // A bare heading (no numbering, no Markdown marker, no count) must be a title and nothing else.
  if (!m[1].trim() && !/[（(]\d+/.test(line) && !/(名单|名录)\s*$/.test(line) && !GENERIC_TITLES.some((t) => title.endsWith(t)) && !/[\p{Script=Han}]{2,}(省|市|县|区)/u.test(title)) return null;
  return { start: m[1].length, title };
}
