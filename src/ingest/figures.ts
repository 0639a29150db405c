import Nzh from 'nzh';
import { FigureUnit } from './ingest.model';

/**
 * Figures in Chinese text: a quantity (Arabic or Chinese numerals, 万/千/百/亿, decimals), its
 * approximate markers (余/多/近/约/超…) and its unit word (名, 人次, 场次, 万元, 户…), read into a
 * value in base units. Pure string work; which mention a figure is about is decided by the caller.
 *
 * What is not a figure: dates (2024年3月2日), years (2025年度) and spans of years (连续14年),
 * document numbers (〔2026〕5号), ordinals (第五期, 首届), list numbering (一、), a bare 一 (一次,
 * 一批) and bare magnitudes without a marker (千家万户, 万人集体婚礼) — none of them carries a unit
 * word from UNITS, or they are refused by the checks below.
 */

export interface Quantity {
  value: number;
  approximate: boolean;
}

export interface FigureReading extends Quantity {
  unit: FigureUnit;
  /** The figure as written (1.1万余人次). */
  label: string;
  /** Offsets of the label in the text read. */
  start: number;
  end: number;
  /** The unit word as written (人次, 万元 → 元). */
  unitWord: string;
}

/** Markers before a number: 近百, 约3000, 超过500, 逾千, 上千, 将近. */
const PRE_MARKERS = ['将近', '接近', '超过', '大约', '近', '约', '超', '逾', '上'];
/** Markers after a number (or its magnitude): 1200余, 300多, 十来. */
const POST_MARKERS = ['余', '多', '来'];

const CHINESE_DIGIT = '零〇一二两三四五六七八九';
const CHINESE_NUMERAL = `[${CHINESE_DIGIT}十百千万亿]+`;
const MAGNITUDE: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000, 亿: 100000000 };

/**
 * Unit words, longest first, with the unit they give (FigureUnit: the eval's seven units; copies,
 * couples and cases are counts, visits are events). A span of years (连续14年) is a duration, not a
 * figure; any other N年 is a date.
 */
const UNITS: [string, FigureUnit][] = [
  ['人次', 'person_time'],
  ['场次', 'event'],
  ['名', 'person'],
  ['人', 'person'],
  ['位', 'person'],
  ['户', 'household'],
  ['家庭', 'household'],
  ['个', 'count'],
  ['家', 'count'],
  ['条', 'count'],
  ['项', 'count'],
  ['所', 'count'],
  ['座', 'count'],
  ['支', 'count'],
  ['处', 'count'],
  ['场', 'event'],
  ['次', 'event'],
  ['期', 'session'],
  ['元', 'CNY'],
  ['份', 'count'],
  ['篇', 'count'],
  ['本', 'count'],
  ['册', 'count'],
  ['对', 'count'],
  ['件', 'count'],
];

const FIGURE = new RegExp(
  `(${PRE_MARKERS.join('|')})?` +
    `(\\d+(?:\\.\\d+)?|${CHINESE_NUMERAL})` +
    `([十百千万亿]*)` +
    `(${POST_MARKERS.join('|')})?` +
    `(${UNITS.map(([word]) => word).join('|')})`,
  'gu',
);

let chinese: ReturnType<typeof chineseDecoder> | undefined;
function chineseDecoder() {
  return (s: string) => Number(Nzh.cn.decodeS(s));
}

/**
 * A Chinese numeral's value (二十六 → 26, 一万二千 → 12000, 两千 → 2000, 百 → 100), or null when it
 * is not a well-formed numeral. Decoding is nzh's; 两 is read as 二 (nzh does not know it).
 */
export function parseChineseNumeral(s: string): number | null {
  if (!new RegExp(`^${CHINESE_NUMERAL}$`, 'u').test(s)) return null;
  // A run of digits without magnitudes (二〇二四, 三八) is a year or a name, not a quantity.
  if (s.length > 1 && new RegExp(`^[${CHINESE_DIGIT}]+$`, 'u').test(s)) return null;
  chinese ??= chineseDecoder();
  const value = chinese(s.replace(/两/g, '二').replace(/〇/g, '零'));
  return Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * A quantity as written, without its unit: 1.1万余 → 11000 approximate, 近百 → 100 approximate,
 * 3200万 → 32000000, 三百多 → 300 approximate, 2.3万 → 23000. Null when it is not one.
 */
export function parseQuantity(written: string): Quantity | null {
  const m = new RegExp(
    `^(${PRE_MARKERS.join('|')})?(\\d+(?:\\.\\d+)?|${CHINESE_NUMERAL})([十百千万亿]*)(${POST_MARKERS.join('|')})?$`,
    'u',
  ).exec(written.trim());
  if (!m) return null;
  return quantityOf(m[1], m[2], m[3], m[4]);
}

function quantityOf(pre: string | undefined, digits: string, magnitudes: string, post: string | undefined): Quantity | null {
  let value: number | null;
  if (/^\d/.test(digits)) value = Number(digits);
  else {
    // Bare magnitudes (百, 千, 万千) count only with a marker: 近百 is a figure, 千家万户 is not.
    if (/^[十百千万亿]+$/u.test(digits) && !pre && !post && !/^十$/u.test(digits)) return null;
    value = parseChineseNumeral(digits);
    // 一 alone (一次, 一批, 一站式) is an article, not a figure.
    if (digits === '一') return null;
  }
  if (value === null || !Number.isFinite(value)) return null;
  for (const ch of magnitudes) value *= MAGNITUDE[ch];
  // Decimals scaled by 万 (1.1万 → 11000) must come out whole; round off floating-point dust.
  value = Math.round(value * 100) / 100;
  return { value, approximate: Boolean(pre || post) };
}

/** The unit a unit word gives (名 → person, 场次 → event, 元 → CNY), or null. */
export function unitFor(unitWord: string): FigureUnit | null {
  const entry = UNITS.find(([word]) => word === unitWord);
  if (!entry) return null;
  return entry[1];
}

/** Every figure in `text` (a sentence), offsets relative to it. */
export function readFigures(text: string): FigureReading[] {
  const out: FigureReading[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const [written, rawPre, digits, magnitudes, post, unitWord] = m;
    let start = m.index ?? 0;
    let label = written;
    let pre: string | undefined = rawPre;
    // 上 marks a figure only before a magnitude (上千, 上万); in 以上8名 it ends the word 以上.
    if (pre === '上' && !/^[百千万]/u.test(digits)) {
      pre = undefined;
      start += 1;
      label = label.slice(1);
    }
    const end = start + label.length;
    const before = text.slice(Math.max(0, start - 2), start);
    const after = text.slice(end, end + 2);
    if (!isFigurePosition(text, start, end, digits, unitWord, before, after)) continue;
    const quantity = quantityOf(pre, digits, magnitudes, post);
    if (!quantity) continue;
    const unit = unitFor(unitWord);
    if (!unit) continue;
    out.push({ ...quantity, unit, label, start, end, unitWord });
  }
  return out;
}

function isFigurePosition(text: string, start: number, end: number, digits: string, unitWord: string, before: string, after: string): boolean {
  const last = before.slice(-1);
  // Ordinals and rates: 第五期, 每季度一次, 每月, 首.
  if (last === '第' || last === '每') return false;
  // Part of a longer number or code (〔2026〕5号, 1+10+N, A3): the match must start at a number's start.
  if (/[\d.+〔［\[]/u.test(last)) return false;
  if (after.startsWith('〕')) return false;
  // Dates: 3月2日, 5月18日 read 月/日 which are not units; 2026年 refused above. A number followed by
  // 号 (文件号) never reaches here (号 is not a unit).
  if (unitWord === '人' && /^[民员才士物]/u.test(after)) return false; // 人民, 人员…: not a count of people
  if (unitWord === '家' && /^[庭长风教乡属务]/u.test(after)) return false; // 家庭, 家长, 家风…
  if (unitWord === '个' && /^[人性体案]/u.test(after)) return false; // 个人, 个性, 个体, 个案
  if (unitWord === '对' && /^[接象于话口外标照待]/u.test(after)) return false; // 对接, 对象…
  if (unitWord === '所' && /^[以有在属长]/u.test(after)) return false;
  if (unitWord === '位' && /^[置于居列]/u.test(after)) return false;
  if (unitWord === '处' && /^[理置于长]/u.test(after)) return false;
  if (unitWord === '支' && /^[持部援付队]/u.test(after)) return false;
  if (unitWord === '名' && /^[称单义额录字]/u.test(after)) return false;
  if (unitWord === '项' && /^[目]/u.test(after)) return false;
  if (unitWord === '期' && /^[间待盼望]/u.test(after)) return false;
  if (unitWord === '场' && /^[所地景面合]/u.test(after)) return false;
  if (unitWord === '条' && /^[件例]/u.test(after)) return false;
  return end > start;
}
