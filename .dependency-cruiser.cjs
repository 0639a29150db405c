/**
 * The import rules of the house (docs/architecture.md), checked by `npm run lint:deps`, which
 * `npm test` runs before jest. A violation fails with the offending import named.
 * Layers, imports pointing one way: app → resolvers → services → repositories → query/ → api/
 * → graph/ → db/ → auth/, text/, config.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle in src/, type-only imports included (tsPreCompilationDeps).',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-repository-to-repository',
      severity: 'error',
      comment:
        'A repository owns the Cypher of its own nodes and edges and imports no other repository; ' +
        'only the base class src/query/repository.ts may be imported. Combine repositories in a service.',
      from: { path: '\\.repository\\.ts$' },
      to: { path: '\\.repository\\.ts$', pathNot: '^src/query/repository\\.ts$' },
    },
    {
      name: 'no-import-of-resolver',
      severity: 'error',
      comment: 'Nothing imports a resolver except the schema in src/app/ (resolvers may extend the generic base in src/api/).',
      from: { path: '^src/', pathNot: '^src/app/' },
      to: { path: '\\.resolver\\.ts$', pathNot: '^src/api/[^/]+\\.resolver\\.ts$' },
    },
    {
      name: 'resolver-base-only-for-resolvers',
      severity: 'error',
      comment: 'The generic resolver base in src/api/ is extended by resolvers only.',
      from: { path: '^src/', pathNot: ['^src/app/', '\\.resolver\\.ts$'] },
      to: { path: '^src/api/[^/]+\\.resolver\\.ts$' },
    },
    {
      name: 'db-and-graph-import-no-feature',
      severity: 'error',
      comment:
        'src/db/ (driver plumbing) and src/graph/ (the model) sit below every feature and below api/, ' +
        'app/ and query/: they may import only db/, graph/, auth/, text/ and config (the embedded launcher, local-neo4j/, sits above db/).',
      from: { path: '^src/(db|graph)/' },
      to: { path: '^src/', pathNot: '^src/((db|graph|auth|text)/|config\\.ts$)' },
    },
    {
      name: 'nothing-below-app-imports-app',
      severity: 'error',
      comment: 'src/app/ is the composition root: only src/app/ itself and src/main.ts import it.',
      from: { path: '^src/', pathNot: '^src/(app/|main\\.ts$)' },
      to: { path: '^src/app/' },
    },
  ],
  options: {
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.json', '.d.ts'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
