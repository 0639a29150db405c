/**
 * Jest's own order, except that the files that empty the shared database and seed it again (the
 * document-ingest walk-through, the export/import round trip) run last: a reseed gives the same
 * graph but new internal ids, and a query whose answer has ties (two shortest paths of one
 * length) may then pick the other one.
 */
const Sequencer = require('@jest/test-sequencer').default;

const EMPTIES_THE_DATABASE = /(ingest-workflow|export)\.test\.ts$/;

class EmptyingFilesLast extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    return [...sorted.filter((t) => !EMPTIES_THE_DATABASE.test(t.path)), ...sorted.filter((t) => EMPTIES_THE_DATABASE.test(t.path))];
  }
}

module.exports = EmptyingFilesLast;
