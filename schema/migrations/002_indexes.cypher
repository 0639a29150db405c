// Name lookups, prefix filters and sorting by name use these range indexes.
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE INDEX organization_kind IF NOT EXISTS FOR (n:Organization) ON (n.kind);
CREATE INDEX honor_name IF NOT EXISTS FOR (n:Honor) ON (n.name);
CREATE INDEX program_name IF NOT EXISTS FOR (n:Program) ON (n.name);
CREATE INDEX source_title IF NOT EXISTS FOR (n:Source) ON (n.title);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX received_year IF NOT EXISTS FOR ()-[r:RECEIVED]-() ON (r.year);
