import fs from 'node:fs';
import { SCHEMA_FILE, printHonorGraphSchema } from '../src/app/emit-schema';

describe('the committed schema', () => {
  it('is what the code builds, so schema/schema.graphql can be read without running anything', async () => {
    const committed = fs.readFileSync(SCHEMA_FILE, 'utf8');
    const built = await printHonorGraphSchema();
    // When this fails, run `npm run schema` and commit schema/schema.graphql.
    expect(committed).toEqual(built);
  });
});
