import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildHonorGraphSchema } from './schema';

export const SCHEMA_FILE = path.resolve(__dirname, '../../schema/schema.graphql');

const HEADER = '# Generated from the type-graphql classes in src/ by `npm run schema`. Do not edit.\n\n';

export async function printHonorGraphSchema(): Promise<string> {
  return HEADER + printSchema(lexicographicSortSchema(await buildHonorGraphSchema())) + '\n';
}

if (require.main === module) {
  printHonorGraphSchema()
    .then((text) => {
      fs.writeFileSync(SCHEMA_FILE, text);
      console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
