import fs from 'node:fs';
import path from 'node:path';
import { serverAudits } from 'graphql-http';
import { TestApp, startTestApp } from './support/app';

/**
 * The graphql-http package's audit of the GraphQL-over-HTTP spec, run against the real server.
 * Every MUST has to pass; the SHOULDs that fail are the ones the README lists, no more, no fewer.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

function documentedShouldFailures(): string[] {
  const readme = fs.readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
  const section = readme.split('<!-- graphql-http-should-failures -->')[1]?.split('<!-- /graphql-http-should-failures -->')[0] ?? '';
  return [...section.matchAll(/^\| `([0-9A-Z]{4})` \|/gm)].map((match) => match[1]).sort();
}

describe('GraphQL over HTTP conformance (graphql-http server audits)', () => {
  it('passes every MUST, and fails only the SHOULDs the README lists', async () => {
    const results: { id: string; name: string; status: string; reason?: string }[] = [];
    for (const audit of serverAudits({ url: `http://127.0.0.1:${app.server.port}/graphql` })) {
      const result = await audit.fn();
      results.push({ id: result.id, name: audit.name, status: result.status, reason: 'reason' in result ? result.reason : undefined });
    }
    const tally = (level: string) => {
      const of = results.filter((r) => r.name.startsWith(level));
      return `${of.filter((r) => r.status === 'ok').length}/${of.length}`;
    };
    const summary = `graphql-http audit: MUST ${tally('MUST')}, SHOULD ${tally('SHOULD')}, MAY ${tally('MAY')}`;
    process.stderr.write(`${summary}\n`);
    for (const r of results.filter((r) => r.status !== 'ok' && !r.name.startsWith('MAY'))) {
      process.stderr.write(`  ${r.id} ${r.status}: ${r.name}: ${r.reason ?? ''}\n`);
    }
    const failedMust = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok');
    expect(failedMust.map((r) => `${r.id} ${r.name}: ${r.reason ?? ''}`)).toEqual([]);
    const failedShould = results.filter((r) => r.name.startsWith('SHOULD') && r.status !== 'ok').map((r) => r.id).sort();
    expect(failedShould).toEqual(documentedShouldFailures());
  });
});
