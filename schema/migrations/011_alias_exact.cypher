// Exact alias lookups (the duplicate check, the import's match): a range index does not serve
// `$name IN n.aliases` on a list, so the aliases and context aliases are also held, each list
// element whole, in a full-text index with the keyword analyzer (no splitting, no case folding):
// a quoted query hits exactly the nodes with that alias, and no label is scanned for it.
CREATE FULLTEXT INDEX entity_alias_exact IF NOT EXISTS
FOR (n:Person|Organization|Honor|Program|Source)
ON EACH [n.aliases, n.contextAliases]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'keyword', `fulltext.eventually_consistent`: false } };
