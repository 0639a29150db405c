import fs from 'node:fs';
import os from 'node:os';
import { signToken } from '../auth/token';
import { readHonoreesCsv } from './honorees-csv';

/**
 * `npm run import -- honorees.csv [--dry-run]`: reads a published list and sends it to a running
 * server's importHonorees mutation, so the import passes the same checks, roles and history as
 * any other edit. Prints one line per row and exits 1 when anything was rejected.
 */

const USAGE = 'usage: npm run import -- <file.csv> [--dry-run] [--url http://localhost:4000/graphql]';

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
