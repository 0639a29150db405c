import neo4j from 'neo4j-driver';
import { EntityRow } from '../api/node.type';
import { project, projectFields } from '../query/cypher';
import { toEntity } from '../query/entity';
import { Repository } from '../query/repository';
import { CONTEXT_KEY_GROUP_SEPARATOR, SEARCH_KEY_SEPARATOR, matchedName, searchQuery } from '../text/normalize';
import { NO_CONTEXT, StandingContext, boundAliases, contextHolds, hasContext } from '../graph/alias-context';
import { ContextRequest, STANDING_QUERY, isEmptyRequest, requireStanding, standingFrom, standingParams } from '../query/alias-context';
import { SearchRequest } from './search.input';
import { ENTITY_LABELS } from '../api/entity-type';

export interface SearchHitRow {
  score: number;
  reason: MatchReason;
  node: EntityRow;
  matchedOn: string | null;
}

/**
 * How many full-text candidates are re-ranked. The type filter and the exact-match bonus apply
 * after Lucene, so this must be well above `first`; it also bounds the work for a broad query.
 */
const CANDIDATES = 500;

/**
 * Tiers that exact matches earn, each above the next whatever Lucene says (its score, squashed
 * into [0, 0.25), orders hits within a tier). An alias bound to a context (市妇联 in Huainan)
 * ranks first where the context asked holds, as the context confirms it (above another body
 * merely named 市妇联); without a context it still counts, below exact names; in another context
 * it does not count at all.
 */
export const SEARCH_TIERS = {
  NAME: 2,
  ALIAS: 2,
  CONTEXT_ALIAS: 2.5,
  CONTEXT_ALIAS_WITHOUT_CONTEXT: 1.5,
  SEARCH_KEY: 1,
  SEARCH_KEY_WITHOUT_CONTEXT: 0.5,
  FULL_TEXT: 0,
} as const;

export type MatchReason = keyof typeof SEARCH_TIERS;

/**
 * Both full-text indexes (global names, then context aliases), re-ranked in one query. For each
 * context alias: whether its context holds ($contexts, or a place named in one of
 * $organizationNames), whether the text is it ($names), whether it is one of its keys ($keys).
 * A hit found only through context aliases that hold nowhere asked is dropped, and so is a node
 * whose bound alias is exactly the text when that alias's contexts all lie elsewhere.
 */
const search = (projection: string, byType: boolean) => `
CALL () {
  CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $candidates}) YIELD node, score
  RETURN node, score, false AS viaBound
  UNION ALL
  CALL db.index.fulltext.queryNodes('entity_context_search', $query, {limit: $candidates}) YIELD node, score
  RETURN node, score, true AS viaBound
}
WITH node, score, viaBound
${byType ? 'WHERE any(label IN labels(node) WHERE label IN $labels)' : ''}
WITH node, score, viaBound,
  [i IN range(0, size(coalesce(node.contextAliases, [])) - 1) | {
    held: node.aliasContexts[i] IN $contexts
      OR (node.aliasContexts[i] STARTS WITH 'place:' AND any(name IN $organizationNames WHERE name CONTAINS substring(node.aliasContexts[i], 6))),
    exact: node.contextAliases[i] IN $names,
    key: any(key IN split(toLower(coalesce(split(coalesce(node.contextSearchText, ''), $groupSeparator)[i], '')), $separator) WHERE key IN $keys)
  }] AS bindings
WITH node, score, viaBound,
  CASE
    WHEN node.name IN $names THEN 'NAME'
    WHEN any(alias IN coalesce(node.aliases, []) WHERE alias IN $names) THEN 'ALIAS'
    WHEN any(b IN bindings WHERE b.held AND b.exact) THEN 'CONTEXT_ALIAS'
    WHEN NOT $hasContext AND any(b IN bindings WHERE b.exact) THEN 'CONTEXT_ALIAS_WITHOUT_CONTEXT'
    WHEN any(key IN split(toLower(coalesce(node.searchText, '')), $separator) WHERE key IN $keys)
      OR any(b IN bindings WHERE b.held AND b.key) THEN 'SEARCH_KEY'
    WHEN NOT $hasContext AND any(b IN bindings WHERE b.key) THEN 'SEARCH_KEY_WITHOUT_CONTEXT'
    ELSE 'FULL_TEXT'
  END AS reason,
  $hasContext AND any(b IN bindings WHERE b.exact AND NOT b.held) AND NOT any(b IN bindings WHERE b.exact AND b.held) AS elsewhere,
  any(b IN bindings WHERE b.held) AS anyHeld
WITH node, reason, elsewhere, max(CASE WHEN viaBound AND $hasContext AND NOT anyHeld THEN null ELSE score END) AS score
WHERE score IS NOT NULL AND NOT (elsewhere AND reason IN ['FULL_TEXT', 'SEARCH_KEY_WITHOUT_CONTEXT'])
WITH node, reason, $tiers[reason] + 0.25 * score / (score + 1.0) AS total
ORDER BY total DESC, node.id
LIMIT $first
RETURN ${projection} AS node, total AS score, reason`;

export class SearchRepository extends Repository {
  /**
   * One Cypher round trip: the full-text call, re-ranking and projection. When the request shows
   * only plain properties of the hits (`nodeFields`), only those (and the names `matchedOn`
   * needs) are read; otherwise whole hits are read and primed into the node loader.
   */
  async search(request: SearchRequest, nodeFields: Set<string> | null = null): Promise<SearchHitRow[]> {
    const query = searchQuery(request.text);
    if (!query.lucene) return [];
    const standing = await this.standing(request.context);
    const narrow = projectFields('node', nodeFields && new Set([...nodeFields, 'name', 'aliases', 'nameEn', 'contextAliases', 'aliasContexts']));
    const rows = await this.graph.read(search(narrow ?? project('node'), Boolean(request.types)), {
      contexts: [...standing.contexts],
      organizationNames: standing.organizationNames,
      hasContext: hasContext(standing),
      tiers: SEARCH_TIERS,
      groupSeparator: CONTEXT_KEY_GROUP_SEPARATOR,
      query: query.lucene,
      candidates: neo4j.int(CANDIDATES),
      labels: request.types ? request.types.map((type) => ENTITY_LABELS[type]) : null,
      names: query.names,
      keys: query.keys,
      separator: SEARCH_KEY_SEPARATOR,
      first: neo4j.int(request.first),
    });
    const nodes = narrow ? rows.map((row) => toEntity(row.node)!) : this.entities(rows.map((row) => row.node));
    return nodes.map((node, i) => {
      // Bound aliases may be named as the match where they count: held, or no context asked.
      const bound = boundAliases(node).filter((b) => !hasContext(standing) || contextHolds(b.context, standing));
      const names = [node.name, ...(node.aliases ?? []), ...(node.nameEn ? [node.nameEn] : []), ...bound.map((b) => b.alias)];
      return { score: rows[i].score, node, reason: rows[i].reason as MatchReason, matchedOn: matchedName(query, names) };
    });
  }

  /** Where the asker stands; its organization and source must exist (NOT_FOUND). */
  private async standing(context: ContextRequest | null): Promise<StandingContext> {
    if (!context || isEmptyRequest(context)) return NO_CONTEXT;
    const [row] = await this.graph.read(STANDING_QUERY, standingParams(context));
    requireStanding(context, row, 'context');
    return standingFrom(context, row);
  }
}
