// Document ingest proposals (src/proposals/): one node per proposal, apart from the graph (no
// Entity label). Ids are unique; the content hash finds an earlier ingest of the same bytes; the
// list of proposals pages by creation time.
CREATE CONSTRAINT proposal_id IF NOT EXISTS FOR (p:Proposal) REQUIRE p.id IS UNIQUE;
CREATE INDEX proposal_content_hash IF NOT EXISTS FOR (p:Proposal) ON (p.contentHash);
CREATE INDEX proposal_status_created IF NOT EXISTS FOR (p:Proposal) ON (p.status, p.createdAt);
