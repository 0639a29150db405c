import fs from 'node:fs';
import { SCHEMA_FILE, SUBGRAPH_FILE, printHonorGraphSchema, printHonorGraphSubgraphSchema } from '../src/app/emit-schema';

describe('the committed schema', () => {
  it('is what the code builds, so schema/schema.graphql can be read without running anything', async () => {
    const committed = fs.readFileSync(SCHEMA_FILE, 'utf8');
    const built = await printHonorGraphSchema();
    // When this fails, run `npm run schema` and commit schema/schema.graphql.
    expect(committed).toEqual(built);
  });

  it('and the Federation 2 subgraph SDL, what a gateway composes from (schema/subgraph.graphql)', async () => {
    const committed = fs.readFileSync(SUBGRAPH_FILE, 'utf8');
    // When this fails, run `npm run schema` and commit schema/subgraph.graphql.
    expect(committed).toEqual(await printHonorGraphSubgraphSchema());
    expect(committed).toContain('extend schema\n  @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])');
  });
});
