import { parse } from 'csv-parse';

/**
 * The CSV of a published list of honorees, read the same way wherever it comes from: the
 * `npm run import` CLI (src/import/cli.ts) and the `importHonoreesCsv` mutation the workspace's
 * import screen sends. Columns: name, organization, honor, year, source, kind (and year_inferred),
 * under English or Chinese headers.
 */

/** At most this many characters of CSV text (about what the 1 MB request body holds). */
export const MAX_CSV_CHARS = 1_000_000;
/** At most this many characters in one record (a line, quotes included). */
export const MAX_CSV_RECORD_CHARS = 10_000;

// English headers, and the Chinese ones published lists tend to use.
const HEADERS: Record<string, string> = {
  name: 'name', 姓名: 'name', 名称: 'name',
  organization: 'organization', 单位: 'organization', 工作单位: 'organization',
  honor: 'honor', 荣誉: 'honor', 荣誉称号: 'honor',
  year: 'year', 年份: 'year', 年度: 'year',
  source: 'source', 来源: 'source',
  kind: 'kind', 类型: 'kind',
  year_inferred: 'yearInferred', yearinferred: 'yearInferred', 年份推断: 'yearInferred',
};

/** A year_inferred cell: true, false, or blank (as the award); anything else is refused before sending. */
function yesNo(value: string | undefined, row: number): boolean | null {
  if (value == null || value === '') return null;
  const v = value.toLowerCase();
  if (['true', '1', 'yes', '是'].includes(v)) return true;
  if (['false', '0', 'no', '否'].includes(v)) return false;
  throw new Error(`row ${row}: year_inferred must be true or false, got "${value}"`);
}

export interface CsvRow {
  name: string;
  organization: string | null;
  honor: string;
  year: number | null;
  yearInferred?: boolean | null;
  source: string | null;
  kind: string | null;
}

/**
 * The rows of a CSV text, in order. Throws an Error naming the row or line for a file it cannot
 * read: no header for name, honor or year, a malformed line, a year_inferred that is not yes or no,
 * more than `maxRows` data rows (the file is not read past them).
 */
export async function readHonoreesCsv(text: string, maxRows = Infinity): Promise<CsvRow[]> {
  const records: Record<string, string>[] = await new Promise((resolve, reject) =>
    parse(text, { columns: (header: string[]) => header.map((h) => HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()] ?? h.trim()), bom: true, trim: true, skip_empty_lines: true, max_record_size: MAX_CSV_RECORD_CHARS, ...(Number.isFinite(maxRows) ? { to: maxRows + 1 } : {}) }, (error, rows) =>
      error ? reject(error) : resolve(rows as Record<string, string>[]),
    ),
  );
  if (records.length > maxRows) throw new Error(`the file holds more than ${maxRows} rows; split it`);
  const missing = ['name', 'honor', 'year'].filter((column) => records.length && !(column in records[0]));
  if (missing.length) throw new Error(`the file has no column ${missing.join(', ')} (expected name, organization, honor, year, source, kind)`);
  const blank = (value: string | undefined) => (value == null || value === '' ? null : value);
  return records.map((record, i) => ({
    name: record.name ?? '',
    organization: blank(record.organization),
    honor: record.honor ?? '',
    // Not a whole number: sent as null, and the server rejects the row naming the year.
    year: /^\d+$/.test(record.year ?? '') ? Number(record.year) : null,
    ...('yearInferred' in record ? { yearInferred: yesNo(record.yearInferred, i + 1) } : {}),
    source: blank(record.source),
    kind: blank(record.kind?.toUpperCase()),
  }));
}

