// External identifiers (src/identifiers/): a lookup by Wikidata IRI, URL or uscc:<code> is one
// exact term of this index. The whitespace analyzer keeps each stored identifier whole, case
// included; the writes keep every identifier on at most one node (under the external-ids lock).
CREATE FULLTEXT INDEX entity_external_ids IF NOT EXISTS
FOR (n:Person|Organization|Honor|Program|Source)
ON EACH [n.externalIdText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace', `fulltext.eventually_consistent`: false } };
