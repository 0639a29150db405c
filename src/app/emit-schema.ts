import fs from 'node:fs';
import path from 'node:path';
import { graphql, lexicographicSortSchema, printSchema } from 'graphql';
import { buildHonorGraphSchema, buildHonorGraphSubgraphSchema } from './schema';

export const SCHEMA_FILE = path.resolve(__dirname, '../../schema/schema.graphql');
/** What /subgraph answers to `_service { sdl }`: the file a gateway's supergraph is composed from (docs/federation.md). */
export const SUBGRAPH_FILE = path.resolve(__dirname, '../../schema/subgraph.graphql');

const HEADER = '# Generated from the type-graphql classes in src/ by `npm run schema`. Do not edit.\n\n';

export async function printHonorGraphSchema(): Promise<string> {
  return HEADER + printSchema(lexicographicSortSchema(await buildHonorGraphSchema())) + '\n';
}

/** The subgraph SDL exactly as `_service { sdl }` serves it (no header: rover reads the file as is). */
export async function printHonorGraphSubgraphSchema(): Promise<string> {
  const result = await graphql({ schema: await buildHonorGraphSubgraphSchema(), source: '{ _service { sdl } }' });
  const sdl = (result.data as { _service?: { sdl?: string } } | null)?._service?.sdl;
  if (!sdl) throw new Error(`the subgraph serves no _service.sdl: ${JSON.stringify(result.errors)}`);
  return sdl + '\n';
}

if (require.main === module) {
  Promise.all([printHonorGraphSchema(), printHonorGraphSubgraphSchema()])
    .then(([text, subgraph]) => {
      fs.writeFileSync(SCHEMA_FILE, text);
      fs.writeFileSync(SUBGRAPH_FILE, subgraph);
      console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)} and ${path.relative(process.cwd(), SUBGRAPH_FILE)}`);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
