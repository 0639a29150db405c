import { placePrefix } from './organization-names';

/**
 * What a document says about itself: its date (a date line under the title, a signature's date, a
 * dateline or byline), the year its undated awards fall in, and its place.
 */

export interface LineText {
  index: number;
  locator: string;
  start: number;
  text: string;
}

/** Editorial notes that are no part of the content (the test documents' disclaimer line). */
export function isEditorialNote(text: string): boolean {
  return /^\s*(<!--\s*)?【测试用虚构文件/.test(text);
}

export interface DateFound {
  date: string;
  year: number;
  line: LineText;
  start: number;
  end: number;
}

const FULL_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/g;
/** A date in Chinese numerals, as decisions are signed (二〇二六年三月四日, 二〇二六年三月). */
const CHINESE_DATE = /([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?/g;
/** A month alone with its year (2026年3月), signing a document when it stands on a line of its own. */
const MONTH_DATE = /(\d{4})年(\d{1,2})月(?![\d〇零一二三四五六七八九十])/g;
/** A news item's dateline before its date: 某某日报讯（记者 某某）. */
const DATELINE_BEFORE = /^[\s*#]*[\p{Script=Han}]{2,12}讯[*\s]*(?:[（(][^）)]{0,20}[）)])?[\s*]*$/u;

const DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二〇二六 → 2026 (digit by digit); 十二 → 12, 二十四 → 24, 三十一 → 31. */
export function chineseNumber(s: string, digitByDigit = false): number | null {
  if (digitByDigit) return [...s].every((c) => c in DIGIT) ? Number([...s].map((c) => DIGIT[c]).join('')) : null;
  if (/^[一二三四五六七八九]$/.test(s)) return DIGIT[s];
  const m = /^([一二三])?(十)([一二三四五六七八九])?$/.exec(s);
  if (!m) return null;
  return (m[1] ? DIGIT[m[1]] : 1) * 10 + (m[3] ? DIGIT[m[3]] : 0);
}

/**
 * The document's own date: a date on a short line of its own (a signature's date, a date line, a
 * dateline or byline), the last such near the end, else the first near the top. Dates in running
 * sentences (5月18日，…) are events, not the document's date.
 */
export function documentDate(lines: LineText[]): DateFound | null {
  const found: DateFound[] = [];
  for (const line of lines) {
    const dates: { m: RegExpExecArray; y: number; mo: number; d: number | null }[] = [];
    for (const m of line.text.matchAll(FULL_DATE)) dates.push({ m: m as RegExpExecArray, y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]) });
    for (const m of line.text.matchAll(CHINESE_DATE)) {
      const y = chineseNumber(m[1], true);
      const mo = chineseNumber(m[2]);
      const d = m[3] ? chineseNumber(m[3]) : null;
      if (y !== null && mo !== null && (d !== null || !m[3])) dates.push({ m: m as RegExpExecArray, y, mo, d });
    }
    if (dates.length === 0) for (const m of line.text.matchAll(MONTH_DATE)) dates.push({ m: m as RegExpExecArray, y: Number(m[1]), mo: Number(m[2]), d: null });
    for (const { m, y, mo, d } of dates) {
      const others = line.text.replace(m[0], '');
      // A line holding a date and at most a name, a post or a publisher; no sentence. Or a news
      // item's opening date right after its dateline (某某日报讯（记者 某某）2026年4月22日，…).
      const dateline = d !== null && DATELINE_BEFORE.test(line.text.slice(0, m.index)) && /^[，,\s]/.test(line.text.slice(m.index + m[0].length));
      if (!dateline && (/[，。；！？,;!?]/.test(others) || others.replace(/[\s\u3000（）()]/g, '').length > 24)) continue;
      if (mo < 1 || mo > 12 || (d !== null && (d < 1 || d > 31))) continue;
      found.push({
        date: `${y}-${String(mo).padStart(2, '0')}` + (d !== null ? `-${String(d).padStart(2, '0')}` : ''),
        year: y,
        line,
        start: line.start + m.index!,
        end: line.start + m.index! + m[0].length,
      });
    }
  }
  if (found.length === 0) return null;
  const content = lines.filter((l) => l.text.trim());
  const lastLines = new Set(content.slice(-3).map((l) => l.index));
  const bottom = found.filter((f) => lastLines.has(f.line.index));
  if (bottom.length > 0) return bottom[bottom.length - 1];
  const topLines = new Set(content.slice(0, 6).map((l) => l.index));
  const top = found.filter((f) => topLines.has(f.line.index));
  return top[0] ?? null;
}

export interface YearFound {
  year: number;
  note: string;
  /** An inferred date for an undated document (its year only), else null. */
  date: string | null;
  start: number;
  end: number;
  line: LineText;
}

/** A report's own year, in a title or heading: 临河市妇女联合会2025年工作报告 → 2025. */
export function reportYear(lines: LineText[]): YearFound | null {
  for (const line of lines.slice(0, 8)) {
    const m = /(\d{4})年(?:度)?(?:[^，。]{0,6})(工作报告|工作总结|年度报告|总结)/.exec(line.text);
    if (m) {
      return {
        year: Number(m[1]),
        note: `the report's year (${line.locator}: ${m[1]}年${m[2]})`,
        date: null,
        start: line.start + m.index,
        end: line.start + m.index + m[0].length,
        line,
      };
    }
  }
  return null;
}

/** The year a title names as the edition (召开2025年度表彰大会 → 2025), for an undated document. */
export function titleYear(lines: LineText[]): YearFound | null {
  const title = lines[0];
  if (!title) return null;
  const m = /(\d{4})年度/.exec(title.text);
  if (!m) return null;
  return {
    year: Number(m[1]),
    note: `the year its title names (${title.locator}: ${m[0]})`,
    date: null,
    start: title.start + m.index,
    end: title.start + m.index + m[0].length,
    line: title,
  };
}

/**
 * An undated report that speaks of 去年 (last year) and whose latest stated year is Y was written
 * in Y+1 about Y's work: its awards without a year fall in Y (the seed article's reading).
 */
export function lastYearReading(lines: LineText[]): YearFound | null {
  let lastYear: { line: LineText; at: number } | null = null;
  let latest = 0;
  for (const line of lines) {
    const m = /去年/.exec(line.text);
    if (m && !lastYear) lastYear = { line, at: m.index };
    for (const y of line.text.matchAll(/(?<!\d)((?:19|20)\d{2})(?=年|\s*年)/g)) latest = Math.max(latest, Number(y[1]));
  }
  if (!lastYear || latest === 0) return null;
  return {
    year: latest,
    note: `undated; it speaks of 去年 (${lastYear.line.locator}) and its latest stated year is ${latest}, so it was written in ${latest + 1} about ${latest}`,
    date: String(latest + 1),
    start: lastYear.line.start + lastYear.at,
    end: lastYear.line.start + lastYear.at + 2,
    line: lastYear.line,
  };
}

/** The place a name is set in, as its full written places (青源市东湖区融媒体中心 → 青源市东湖区). */
export function placeOf(name: string, countyAlone = false): string | null {
  const { parts } = placePrefix(name);
  const upToCounty = parts.filter((p) => p.level === 'PROVINCIAL' || p.level === 'MUNICIPAL' || p.level === 'COUNTY');
  if (upToCounty.length === 0) return null;
  // A district without its city is the document's place only when no city is written (a county's own news).
  if (!upToCounty.some((p) => p.level === 'MUNICIPAL') && !countyAlone) return null;
  return upToCounty.map((p) => p.name).join('');
}

/** The city (…市) a place starts with, or null. */
export function cityOf(place: string): string | null {
  const { parts } = placePrefix(place + '妇联');
  const city = parts.find((p) => p.level === 'MUNICIPAL');
  return city ? city.name : null;
}
