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
