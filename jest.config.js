/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // One Neo4j for the whole run, started before the first file and stopped after the last.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // The files share one database; running them one at a time keeps their fixtures apart.
  maxWorkers: 1,
  // Files that empty the database run last (test/support/sequencer.js).
  testSequencer: '<rootDir>/test/support/sequencer.js',
  testTimeout: 60000,
  setupFiles: ['reflect-metadata'],
  // Each file must leave the shared graph as it found it (test/support/graph-left-as-found.ts).
  setupFilesAfterEnv: ['<rootDir>/test/support/graph-left-as-found.ts'],
};
