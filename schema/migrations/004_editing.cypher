// Editors may not create a second Person (Organization, …) with the same normalized name
// unless they ask for it (then nameKey carries the new node's id): the database, not a
// read-then-write check, decides which of two concurrent creates wins.
CREATE CONSTRAINT person_name_key IF NOT EXISTS FOR (n:Person) REQUIRE n.nameKey IS UNIQUE;
CREATE CONSTRAINT organization_name_key IF NOT EXISTS FOR (n:Organization) REQUIRE n.nameKey IS UNIQUE;
CREATE CONSTRAINT honor_name_key IF NOT EXISTS FOR (n:Honor) REQUIRE n.nameKey IS UNIQUE;
CREATE CONSTRAINT program_name_key IF NOT EXISTS FOR (n:Program) REQUIRE n.nameKey IS UNIQUE;
CREATE CONSTRAINT source_name_key IF NOT EXISTS FOR (n:Source) REQUIRE n.nameKey IS UNIQUE;
// One RECEIVED edge per recipient, honor and year (see src/honors/award-key.ts).
CREATE CONSTRAINT received_award_key IF NOT EXISTS FOR ()-[r:RECEIVED]-() REQUIRE r.awardKey IS UNIQUE;
// Every mutation leaves one Revision; history(id) finds them through CHANGED or entityIds.
CREATE CONSTRAINT revision_id IF NOT EXISTS FOR (r:Revision) REQUIRE r.id IS UNIQUE;
CREATE INDEX revision_at IF NOT EXISTS FOR (r:Revision) ON (r.at);
