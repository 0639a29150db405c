import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { startTestApp, TestApp } from './support/app';

/**
 * The walk-through of docs/reconciliation.md, kept true: each row of docs/examples/reconcile-20.csv
 * is sent to the running server as OpenRefine sends it (0.2, GET ?queries=), and the top candidate
 * and `match` are compared with the doc's table of expected results.
 */

const root = path.resolve(__dirname, '..');
const rows: Record<string, string>[] = parseCsv(fs.readFileSync(path.join(root, 'docs/examples/reconcile-20.csv'), 'utf8'), { columns: true });
const doc = fs.readFileSync(path.join(root, 'docs/reconciliation.md'), 'utf8');
const walkthrough = doc.slice(doc.indexOf('## Walk-through'));
const expected = new Map(
  [...walkthrough.matchAll(/^\| (\d+) \| [^|]+ \| ([a-z0-9-]+) \| (yes|no) \|$/gm)].map((m) => [m[1], { top: m[2], match: m[3] === 'yes' }]),
);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

function queryOf(row: Record<string, string>) {
  const properties = [
    ...(row.place ? [{ pid: 'place', v: row.place }] : []),
    ...(row.parent ? [{ pid: 'parent', v: row.parent }] : []),
  ];
  // OpenRefine 3.x sends type_strict "should" with every typed query.
  return { query: row.name, ...(row.type ? { type: row.type, type_strict: 'should' } : {}), ...(properties.length ? { properties } : {}) };
}

describe('a researcher reconciles the 20 names of the walk-through in OpenRefine', () => {
  it('has 20 rows in the CSV and 20 expected results in the doc', () => {
    expect(rows).toHaveLength(20);
    expect([...expected.keys()]).toEqual(rows.map((r) => r.row));
  });

  it.each(rows.map((row) => [row.row, row.name, row] as const))('row %s: %s gets the top candidate and match the doc says', async (id, _name, row) => {
    const want = expected.get(id)!;
    const queries = JSON.stringify({ q0: queryOf(row) });
    const response = await fetch(`http://127.0.0.1:${app.server.port}/reconcile?queries=${encodeURIComponent(queries)}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    const [top] = body.q0.result;
    expect({ top: top?.id ?? 'none', match: top?.match ?? false }).toEqual(want);
  });
});
