import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = path.resolve(__dirname, '..');
const CONFIG = JSON.parse(fs.readFileSync(path.join(ROOT, '.graphql-schema-linterrc'), 'utf8')) as { schemaPaths: string[]; rules: string[] };
const RULES_DIR = path.join(ROOT, 'node_modules/graphql-schema-linter/lib/rules');
const LINTER = path.join(ROOT, 'node_modules/.bin/graphql-schema-linter');

/** The Relay rules ask every schema for a PageInfo type. */
const PAGE_INFO = `
  "Where a page lies."
  type PageInfo {
    "The last cursor."
    endCursor: String
    "More follow."
    hasNextPage: Boolean!
    "More precede."
    hasPreviousPage: Boolean!
    "The first cursor."
    startCursor: String
  }
`;

/** Lints SDL given on stdin with the project's configuration, as `npm run lint:schema` does. */
function lint(sdl: string): { status: number | null; rules: string[]; messages: string[] } {
  const run = spawnSync(LINTER, ['--stdin', '--format', 'json'], { cwd: ROOT, input: sdl + PAGE_INFO, encoding: 'utf8' });
  const errors: { rule: string; message: string }[] = JSON.parse(run.stdout).errors;
  return { status: run.status, rules: errors.map((e) => e.rule), messages: errors.map((e) => e.message) };
}

describe('the schema lint', () => {
  it('runs every rule the installed linter has except input-object-values-are-camel-cased, so AND/OR/NOT stay', () => {
    const installed = fs
      .readdirSync(RULES_DIR)
      .filter((file) => file.endsWith('.js'))
      .map((file) => file.slice(0, -'.js'.length).replace(/_/g, '-'))
      .sort();
    expect(installed).toContain('input-object-values-are-camel-cased');
    // When a linter upgrade adds a rule, this fails: add it to .graphql-schema-linterrc (or decide to leave it out here).
    expect([...CONFIG.rules].sort()).toEqual(installed.filter((rule) => rule !== 'input-object-values-are-camel-cased'));
    expect(CONFIG.schemaPaths).toEqual(['schema/schema.graphql']);
  });

  it('refuses a field without a description and an uncapitalized one, and lets AND through', () => {
    const result = lint(`
      "Reads."
      type Query {
        "Honors, by name."
        honors(
          "Only the honors matching this filter."
          where: HonorWhere
        ): [String!]!
        "The paging of honors."
        page: PageInfo
        person: String
        "by id."
        source: String
      }

      "Which honors."
      input HonorWhere {
        "Every one of these holds."
        AND: [HonorWhere!]
      }
    `);
    expect(result.status).not.toBe(0);
    expect(result.rules.sort()).toEqual(['descriptions-are-capitalized', 'fields-have-descriptions']);
    expect(result.messages.join('\n')).toContain('Query.person');
  });

  it('passes a schema where everything is described', () => {
    const result = lint(`
      "Reads."
      type Query {
        "Honors, by name."
        honors(
          "Only the honors matching this filter."
          where: HonorWhere
        ): [String!]!
        "The paging of honors."
        page: PageInfo
      }

      "Which honors."
      input HonorWhere {
        "Every one of these holds."
        AND: [HonorWhere!]
      }
    `);
    expect(result.messages).toEqual([]);
    expect(result.status).toBe(0);
  });
});
