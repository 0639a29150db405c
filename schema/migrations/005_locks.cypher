// One node per named lock (see src/organizations/hierarchy.ts): MERGE on a unique name makes
// concurrent first uses create it once.
CREATE CONSTRAINT graph_lock_name IF NOT EXISTS FOR (l:GraphLock) REQUIRE l.name IS UNIQUE;
