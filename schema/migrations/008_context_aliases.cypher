// Aliases bound to a context (市妇联 in Huainan, see src/graph/alias-context.ts) have an index of
// their own, so a search tells them from global names by where it found them, and a node with
// no context alias costs this index nothing.
CREATE FULLTEXT INDEX entity_context_search IF NOT EXISTS
FOR (n:Person|Organization|Honor|Program|Source)
ON EACH [n.contextAliasText, n.contextSearchText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } };
