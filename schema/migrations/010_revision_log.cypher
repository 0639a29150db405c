// Live subscriptions (src/live/) follow the revision log by one global, commit-ordered position.
// The log's counter node is a singleton: the recorder increments it in the transaction that writes
// each Revision, so its write lock orders commits and positions follow commit order.
CREATE CONSTRAINT revision_log_name IF NOT EXISTS FOR (l:RevisionLog) REQUIRE l.name IS UNIQUE;
CREATE CONSTRAINT revision_position IF NOT EXISTS FOR (r:Revision) REQUIRE r.position IS UNIQUE;
MERGE (l:RevisionLog {name: 'revisions'}) ON CREATE SET l.position = 0;
// Revisions recorded before positions existed get them once, in the order history lists them
// (at, then the per-transaction seq, then id); later starts find none without a position.
MATCH (l:RevisionLog {name: 'revisions'})
OPTIONAL MATCH (r:Revision) WHERE r.position IS NULL
WITH l, r ORDER BY r.at, r.seq, r.id
WITH l, collect(r) AS pending
WITH l, pending, l.position AS base
SET l.position = base + size(pending)
WITH pending, base
UNWIND range(0, size(pending) - 1) AS i
WITH pending[i] AS r, base + i + 1 AS position
SET r.position = position;
