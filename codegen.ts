import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents generated from the committed schema: one output for the operations the tests
 * send, one for the explorer page's (as strings, so the page bundles no GraphQL parser). And the
 * fragment matcher shipped with the schema: which concrete types implement each interface or
 * union, the `possibleTypes` a normalizing client (Apollo's InMemoryCache) needs to match
 * fragments on Organization, Node, Recipient, CitedEdge, … (docs/clients.md).
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  generates: {
    'schema/possible-types.json': {
      plugins: ['fragment-matcher'],
      config: { apolloClientVersion: 3 },
    },
    'schema/possible-types.ts': {
      plugins: ['fragment-matcher'],
      config: { apolloClientVersion: 3, useExplicitTyping: true },
    },
    'test/__generated__/graphql.ts': {
      documents: ['test/operations/**/*.graphql'],
      plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
      config: { enumsAsTypes: true, avoidOptionals: false, skipTypename: true, scalars: { Date: 'string' } },
    },
    'web/__generated__/graphql.ts': {
      documents: ['web/operations/**/*.graphql'],
      plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
      config: { enumsAsTypes: true, avoidOptionals: false, skipTypename: true, documentMode: 'string', useTypeImports: true, scalars: { Date: 'string' } },
    },
  },
  silent: true,
};

export default config;
