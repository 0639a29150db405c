// One full-text index over names, aliases and the normalized search keys (simplified and
// traditional forms, toneless pinyin, initials) that src/text/normalize.ts derives.
// The CJK analyzer splits Han text into bigrams, so partial Chinese names match.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Person|Organization|Honor|Program|Source)
ON EACH [n.name, n.aliasText, n.searchText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } };
