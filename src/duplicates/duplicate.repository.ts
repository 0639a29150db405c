import { EntityRow } from '../api/node.type';
import { EntityType, ENTITY_LABELS } from '../api/entity-type';
import { Row } from '../db/graph';
import { project } from '../query/cypher';
import { Repository } from '../query/repository';
import { toEntity } from '../query/entity';
import { LIKELY_DUPLICATE, candidateQuery, matchName, nameKey, nameSkeleton } from '../text/normalize';

export interface Candidate {
  node: EntityRow;
  score: number;
  reason: string;
}

type Run = (cypher: string, params: Record<string, unknown>) => Promise<Row[]>;

export class DuplicateRepository extends Repository {
  /** Likely matches, best first; `run` lets a write transaction ask inside itself. */
  async candidates(name: string, type: EntityType, run?: Run, limit = 10): Promise<Candidate[]> {
    const label = ENTITY_LABELS[type];
    const query = candidateQuery(name);
    if (!query) return [];
    const read: Run = run ?? ((cypher, params) => this.graph.read(cypher, params));
    // Full-text finds the bigram, pinyin and alias neighbours; an exact nameKey or alias hit is
    // added in case the analyzer splits a short name oddly, and a nameSkeleton hit for names
    // written with look-alike characters (Cyrillic а for a). Scoring decides what is a match.
    const rows = await read(
      `CALL () {
         CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: 50}) YIELD node
         RETURN node
         UNION
         MATCH (node:${label}) WHERE node.nameKey = $key OR node.nameSkeleton = $skeleton OR $name IN node.aliases
         RETURN node
       }
       WITH node WHERE node:${label}
       RETURN DISTINCT ${project('node')} AS node`,
      { query, key: nameKey(name), skeleton: nameSkeleton(name), name },
    );
    const abbreviations = type !== EntityType.PERSON;
    const found: Candidate[] = [];
    for (const row of rows) {
      const node = toEntity(row.node);
      if (!node) continue;
      const match = matchName(name, { name: node.name ?? node.title, aliases: node.aliases, nameEn: node.nameEn }, abbreviations);
      if (match && match.score >= LIKELY_DUPLICATE) found.push({ node, ...match });
    }
    return found.sort((a, b) => b.score - a.score || a.node.id.localeCompare(b.node.id)).slice(0, limit);
  }
}

/** The candidates as they travel in a CONFLICT error's extensions. */
export const candidateSummary = (candidates: Candidate[]) =>
  candidates.map((c) => ({ id: c.node.id, name: c.node.name, type: c.node.__typename, score: c.score, reason: c.reason }));
