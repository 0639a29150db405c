/**
 * Dates as precise as a source gives them: a year (2020), a month (2020-05) or a day
 * (2020-05-01). Neo4j stores one as a DATE, the first day of its period, beside a
 * `<name>Precision` property (YEAR, MONTH or DAY); readers turn the pair back into the text the
 * source gave. A period covers all of its days: `since: 2020` holds from 2020-01-01, `until:
 * 2022` through 2022-12-31. Plain functions: no Cypher, no driver.
 */

export type DatePrecision = 'YEAR' | 'MONTH' | 'DAY';
export const DATE_PRECISIONS: readonly DatePrecision[] = ['YEAR', 'MONTH', 'DAY'];

/** The name of the property that holds the precision of the date property `name`. */
export function precisionProperty(name: string): string {
  return `${name}Precision`;
}

export interface PartialDate {
  /** As written: YYYY, YYYY-MM or YYYY-MM-DD. */
  text: string;
  /** The first day of the period, YYYY-MM-DD: what Neo4j stores as a DATE. */
  start: string;
  precision: DatePrecision;
}

const SHAPE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The parts of a date written YYYY, YYYY-MM or YYYY-MM-DD, or null for any other text. Checks shape only (api/validation.ts dateProblem checks the calendar). */
export function parsePartialDate(text: string): PartialDate | null {
  const match = SHAPE.exec(text);
  if (!match) return null;
  const [, year, month, day] = match;
  const precision: DatePrecision = day ? 'DAY' : month ? 'MONTH' : 'YEAR';
  return { text, start: `${year}-${month ?? '01'}-${day ?? '01'}`, precision };
}

/** Days in a month of a year (leap years included): day 0 of the next month is the last of this one. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether a parsed date names a day the calendar has (month 01–12, day within its month). */
export function isCalendarDate(date: PartialDate): boolean {
  const [year, month, day] = date.start.split('-').map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The text of a stored date: its first day (YYYY-MM-DD, as the driver reads a DATE) cut to its precision. Null stays null; no precision means a day. */
export function partialDateText(start: string | null | undefined, precision: string | null | undefined): string | null {
  if (start == null) return null;
  const day = String(start).slice(0, 10);
  if (precision === 'YEAR') return day.slice(0, 4);
  if (precision === 'MONTH') return day.slice(0, 7);
  return day;
}

/** The text of date property `name` of a stored node or relationship's properties, or null. */
export function storedDateText(props: Record<string, unknown> | null | undefined, name: string): string | null {
  if (!props) return null;
  const value = props[name];
  if (value == null) return null;
  return partialDateText(String(value), props[precisionProperty(name)] as string | undefined);
}

/** The period of the same precision just before `text`: 2021 → 2020, 2021-03 → 2021-02, 2021-03-01 → 2021-02-28. */
export function periodBefore(text: string): string {
  const date = parsePartialDate(text);
  if (!date) throw new Error(`not a date: ${text}`);
  const [year, month, day] = date.start.split('-').map(Number);
  if (date.precision === 'YEAR') return String(year - 1).padStart(4, '0');
  if (date.precision === 'MONTH') return month === 1 ? `${String(year - 1).padStart(4, '0')}-12` : `${String(year).padStart(4, '0')}-${String(month - 1).padStart(2, '0')}`;
  return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}

/** The first day after the period `text` names, YYYY-MM-DD: 2022 → 2023-01-01, 2022-02 → 2022-03-01. */
export function dayAfter(text: string): string {
  const date = parsePartialDate(text);
  if (!date) throw new Error(`not a date: ${text}`);
  const [year, month, day] = date.start.split('-').map(Number);
  const next =
    date.precision === 'YEAR' ? Date.UTC(year + 1, 0, 1) : date.precision === 'MONTH' ? Date.UTC(year, month, 1) : Date.UTC(year, month - 1, day + 1);
  return new Date(next).toISOString().slice(0, 10);
}

/**
 * Whether two statements' periods (since/until as text, null for open) share a day: a period runs
 * from the first day of since through the last day of until.
 */
export function periodsOverlap(a: { since: string | null; until: string | null }, b: { since: string | null; until: string | null }): boolean {
  const start = (p: { since: string | null }) => (p.since == null ? '0000-01-01' : parsePartialDate(p.since)!.start);
  const end = (p: { until: string | null }) => (p.until == null ? '9999-12-31' : dayAfter(p.until));
  return start(a) < end(b) && start(b) < end(a);
}
