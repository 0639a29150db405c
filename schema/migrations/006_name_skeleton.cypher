// Duplicate detection looks names up by their TR39 confusable skeleton (src/text/confusables.ts),
// so that a name written with look-alike characters finds the one it imitates.
CREATE INDEX person_name_skeleton IF NOT EXISTS FOR (n:Person) ON (n.nameSkeleton);
CREATE INDEX organization_name_skeleton IF NOT EXISTS FOR (n:Organization) ON (n.nameSkeleton);
CREATE INDEX honor_name_skeleton IF NOT EXISTS FOR (n:Honor) ON (n.nameSkeleton);
CREATE INDEX program_name_skeleton IF NOT EXISTS FOR (n:Program) ON (n.nameSkeleton);
CREATE INDEX source_name_skeleton IF NOT EXISTS FOR (n:Source) ON (n.nameSkeleton);
