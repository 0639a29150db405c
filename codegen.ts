import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for the operations the tests send, generated from the committed schema. */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/operations/**/*.graphql'],
  generates: {
    'test/__generated__/graphql.ts': {
      plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
      config: { enumsAsTypes: true, avoidOptionals: false, skipTypename: true },
    },
  },
  silent: true,
};

export default config;
