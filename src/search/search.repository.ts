import neo4j from 'neo4j-driver';
import { EntityRow } from '../api/node.type';
import { project, projectFields } from '../query/cypher';
import { toEntity } from '../query/entity';
import { Repository } from '../query/repository';
import { SEARCH_KEY_SEPARATOR, matchedName, searchQuery } from '../text/normalize';
import { SearchRequest } from './search.input';
import { ENTITY_LABELS } from '../api/entity-type';

export interface SearchHitRow {
  score: number;
  node: EntityRow;
  matchedOn: string | null;
}

/**
 * How many full-text candidates are re-ranked. The type filter and the exact-match bonus apply
 * after Lucene, so this must be well above `first`; it also bounds the work for a broad query.
 */
const CANDIDATES = 500;

/**
 * Lucene's score, squashed into [0, 1), plus a tier that exact matches earn: 2 when the text is
 * the node's name or an alias (in any script), 1 when it is one of its search keys (pinyin,
 * initials, English name). Tiers therefore always outrank full-text relevance.
 */
const search = (projection: string, byType: boolean) => `
CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $candidates}) YIELD node, score
${byType ? 'WITH node, score WHERE any(label IN labels(node) WHERE label IN $labels)' : ''}
WITH node, score,
  CASE
    WHEN node.name IN $names OR any(alias IN coalesce(node.aliases, []) WHERE alias IN $names) THEN 2
    WHEN any(key IN split(toLower(coalesce(node.searchText, '')), $separator) WHERE key IN $keys) THEN 1
    ELSE 0
  END AS tier
WITH node, tier + score / (score + 1.0) AS total
ORDER BY total DESC, node.id
LIMIT $first
RETURN ${projection} AS node, total AS score`;

export class SearchRepository extends Repository {
  /**
   * One Cypher round trip: the full-text call, re-ranking and projection. When the request shows
   * only plain properties of the hits (`nodeFields`), only those (and the names `matchedOn`
   * needs) are read; otherwise whole hits are read and primed into the node loader.
   */
  async search(request: SearchRequest, nodeFields: Set<string> | null = null): Promise<SearchHitRow[]> {
    const query = searchQuery(request.text);
    if (!query.lucene) return [];
    const narrow = projectFields('node', nodeFields && new Set([...nodeFields, 'name', 'aliases', 'nameEn']));
    const rows = await this.graph.read(search(narrow ?? project('node'), Boolean(request.types)), {
      query: query.lucene,
      candidates: neo4j.int(CANDIDATES),
      labels: request.types ? request.types.map((type) => ENTITY_LABELS[type]) : null,
      names: query.names,
      keys: query.keys,
      separator: SEARCH_KEY_SEPARATOR,
      first: neo4j.int(request.first),
    });
    const nodes = narrow ? rows.map((row) => toEntity(row.node)!) : this.entities(rows.map((row) => row.node));
    return nodes.map((node, i) => ({
      score: rows[i].score,
      node,
      matchedOn: matchedName(query, [node.name, ...(node.aliases ?? []), ...(node.nameEn ? [node.nameEn] : [])]),
    }));
  }
}
