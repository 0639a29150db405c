import { EntityRow } from '../api/node.type';
import { EntityType, ENTITY_LABELS } from '../api/entity-type';
import { Row } from '../db/graph';
import { project } from '../query/cypher';
import { Repository } from '../query/repository';
import { toEntity } from '../query/entity';
import { ContextRequest, STANDING_QUERY, isEmptyRequest, requireStanding, standingFrom, standingParams } from '../query/alias-context';
import { NO_CONTEXT, StandingContext, boundAliases, contextHolds } from '../graph/alias-context';
import { LIKELY_DUPLICATE, candidateQuery, matchName, nameKey, nameSkeleton } from '../text/normalize';

export interface Candidate {
  node: EntityRow;
  score: number;
  reason: string;
}

type Run = (cypher: string, params: Record<string, unknown>) => Promise<Row[]>;

export class DuplicateRepository extends Repository {
  /**
   * Likely matches, best first; `run` lets a write transaction ask inside itself. `context` is
   * where the new entity stands (its parent or organizers, its sources, a place): an alias bound
   * to a context counts only there, and a name equal to a bound alias whose contexts all lie
   * elsewhere names some other body (another city's 市妇联), so that node is no candidate.
   */
  async candidates(
    name: string,
    type: EntityType,
    run?: Run,
    limit = 10,
    context: ContextRequest | null = null,
    /** When set, the context's organization and source must exist (NOT_FOUND naming this field). */
    requireField?: string,
  ): Promise<Candidate[]> {
    const label = ENTITY_LABELS[type];
    const query = candidateQuery(name);
    if (!query) return [];
    const read: Run = run ?? ((cypher, params) => this.graph.read(cypher, params));
    const standing = await this.standing(read, context, requireField);
    // Full-text finds the bigram, pinyin and alias neighbours; an exact nameKey or alias hit is
    // added in case the analyzer splits a short name oddly, and a nameSkeleton hit for names
    // written with look-alike characters (Cyrillic а for a). Scoring decides what is a match.
    const rows = await read(
      `CALL () {
         CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: 50}) YIELD node
         RETURN node
         UNION
         CALL db.index.fulltext.queryNodes('entity_context_search', $query, {limit: 50}) YIELD node
         RETURN node
         UNION
         MATCH (node:${label}) WHERE node.nameKey = $key OR node.nameSkeleton = $skeleton OR $name IN node.aliases OR $name IN node.contextAliases
         RETURN node
       }
       WITH node WHERE node:${label}
       RETURN DISTINCT ${project('node')} AS node`,
      { query, key: nameKey(name), skeleton: nameSkeleton(name), name },
    );
    const key = nameKey(name);
    const nodes = rows.map((row) => toEntity(row.node)).filter((node): node is EntityRow => node != null);
    // The name is a bound alias whose contexts all lie elsewhere: it is a short form that means
    // some other body here (another city's 市妇联), so the node it is bound to is no candidate,
    // and neither is anything it merely abbreviates (淮南市妇联宣讲团).
    const boundElsewhere = (node: EntityRow) => {
      const bound = boundAliases(node).filter((b) => nameKey(b.alias) === key);
      return bound.length > 0 && !bound.some((b) => contextHolds(b.context, standing));
    };
    const shortFormElsewhere = nodes.some(boundElsewhere);
    const abbreviations = type !== EntityType.PERSON && !shortFormElsewhere;
    const found: Candidate[] = [];
    for (const node of nodes) {
      if (boundElsewhere(node)) continue;
      const held = boundAliases(node).filter((b) => contextHolds(b.context, standing));
      const heldAliases = [...new Set(held.map((b) => b.alias))];
      const match = matchName(name, { name: node.name ?? node.title, aliases: [...(node.aliases ?? []), ...heldAliases], nameEn: node.nameEn }, abbreviations);
      if (!match || match.score < LIKELY_DUPLICATE) continue;
      const byContext = held.find((b) => match.reason.includes(b.alias));
      found.push({ node, ...match, reason: byContext ? `${match.reason} (in the context ${byContext.context})` : match.reason });
    }
    return found.sort((a, b) => b.score - a.score || a.node.id.localeCompare(b.node.id)).slice(0, limit);
  }

  /** Where the new entity stands, in one read; no context when none is given. */
  private async standing(read: Run, context: ContextRequest | null, requireField?: string): Promise<StandingContext> {
    if (!context || isEmptyRequest(context)) return NO_CONTEXT;
    const [row] = await read(STANDING_QUERY, standingParams(context));
    if (requireField) requireStanding(context, row, requireField);
    return standingFrom(context, row);
  }
}

/** The candidates as they travel in a CONFLICT error's extensions. */
export const candidateSummary = (candidates: Candidate[]) =>
  candidates.map((c) => ({ id: c.node.id, name: c.node.name, type: c.node.__typename, score: c.score, reason: c.reason }));
