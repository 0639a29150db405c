import fs from 'node:fs';
import os from 'node:os';
import { parse } from 'csv-parse';
import { signToken } from '../auth/token';

/**
 * `npm run import -- honorees.csv [--dry-run]`: reads a published list and sends it to a running
 * server's importHonorees mutation, so the import passes the same checks, roles and history as
 * any other edit. Prints one line per row and exits 1 when anything was rejected.
 */

const USAGE = 'usage: npm run import -- <file.csv> [--dry-run] [--url http://localhost:4000/graphql]';

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

export async function readHonoreesCsv(text: string): Promise<CsvRow[]> {
  const records: Record<string, string>[] = await new Promise((resolve, reject) =>
    parse(text, { columns: (header: string[]) => header.map((h) => HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()] ?? h.trim()), bom: true, trim: true, skip_empty_lines: true }, (error, rows) =>
      error ? reject(error) : resolve(rows as Record<string, string>[]),
    ),
  );
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

const MUTATION = `mutation Import($rows: [HonoreeRowInput!]!, $dryRun: Boolean) {
  importHonorees(rows: $rows, dryRun: $dryRun) {
    dryRun committed created matched rejected
    rows { row status name recipientId actions reason }
  }
}`;

function token(): string {
  if (process.env.HONORGRAPH_TOKEN) return process.env.HONORGRAPH_TOKEN;
  const secret = process.env.AUTH_JWT_SECRET;
  if (!secret) throw new Error('set HONORGRAPH_TOKEN (npm run token -- --role editor --sub you) or AUTH_JWT_SECRET');
  return signToken({ sub: process.env.HONORGRAPH_ACTOR ?? `cli-${os.userInfo().username}`, role: 'editor' }, secret, '10m');
}

async function main(argv: string[]): Promise<number> {
  const dryRun = argv.includes('--dry-run');
  const urlAt = argv.indexOf('--url');
  const url = urlAt >= 0 ? argv[urlAt + 1] : process.env.HONORGRAPH_URL ?? `http://localhost:${process.env.PORT ?? 4000}/graphql`;
  const file = argv.find((arg, i) => !arg.startsWith('--') && argv[i - 1] !== '--url');
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  const rows = await readHonoreesCsv(fs.readFileSync(file, 'utf8'));
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` },
    body: JSON.stringify({ query: MUTATION, variables: { rows, dryRun } }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string; extensions?: any }[] };
  const report = body.data?.importHonorees ?? body.errors?.[0]?.extensions?.report;
  if (report) {
    for (const row of report.rows) {
      const detail = row.reason ?? row.actions.join('; ');
      console.log(`line ${row.row + 1}  ${row.status.padEnd(8)} ${row.name}: ${detail}`);
    }
  }
  if (body.errors?.length) {
    console.error(`import refused (${body.errors[0].extensions?.code}): ${body.errors[0].message}`);
    return 1;
  }
  const verb = report.dryRun ? 'dry run, nothing written' : report.committed ? 'imported in one transaction' : 'nothing written';
  console.log(`${rows.length} ${rows.length === 1 ? 'row' : 'rows'}: ${report.created} would add, ${report.matched} already recorded, ${report.rejected} rejected (${verb})`.replace('would add', report.dryRun ? 'would add' : 'added'));
  return report.rejected > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`import: ${error?.message ?? error}`);
      process.exit(1);
    },
  );
}
