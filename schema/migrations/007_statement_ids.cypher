// Every content relationship is a statement with a stable id (graph/model.ts STATEMENT_ID):
// one range index per type, so a statement is found by its id (Award.id, CitedEdge.statementId).
CREATE INDEX received_statement_id IF NOT EXISTS FOR ()-[r:RECEIVED]-() ON (r.id);
CREATE INDEX member_of_statement_id IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.id);
CREATE INDEX part_of_statement_id IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.id);
CREATE INDEX conferred_by_statement_id IF NOT EXISTS FOR ()-[r:CONFERRED_BY]-() ON (r.id);
CREATE INDEX variant_of_statement_id IF NOT EXISTS FOR ()-[r:VARIANT_OF]-() ON (r.id);
CREATE INDEX organized_statement_id IF NOT EXISTS FOR ()-[r:ORGANIZED]-() ON (r.id);
CREATE INDEX partnered_statement_id IF NOT EXISTS FOR ()-[r:PARTNERED]-() ON (r.id);
CREATE INDEX authored_statement_id IF NOT EXISTS FOR ()-[r:AUTHORED]-() ON (r.id);
CREATE INDEX describes_statement_id IF NOT EXISTS FOR ()-[r:DESCRIBES]-() ON (r.id);
CREATE INDEX mentions_statement_id IF NOT EXISTS FOR ()-[r:MENTIONS]-() ON (r.id);
