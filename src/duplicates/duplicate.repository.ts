import neo4j from 'neo4j-driver';
import { EntityRow } from '../api/node.type';
import { EntityType, ENTITY_LABELS } from '../api/entity-type';
import { Row } from '../db/graph';
import { ALIAS_EXACT_INDEX, aliasExactQuery, project } from '../query/cypher';
import { Repository } from '../query/repository';
import { toEntity } from '../query/entity';
import { ContextRequest, STANDING_QUERY, isEmptyRequest, requireStanding, standingFrom, standingParams } from '../query/alias-context';
import { NO_CONTEXT, StandingContext, boundAliases, contextHolds } from '../graph/alias-context';
import { LIKELY_DUPLICATE, SEARCH_KEY_SEPARATOR, SHORT_FORMS, candidateQuery, matchName, nameKey, nameSkeleton } from '../text/normalize';
import { Transaction } from '../db/graph';
import { Named, PairFeature, pairFeatures, pairScore } from './pair-features';

export interface Candidate {
  node: EntityRow;
  score: number;
  reason: string;
}

type Run = (cypher: string, params: Record<string, unknown>) => Promise<Row[]>;

/** One pair of the duplicate queue: a's id sorts before b's. */
export interface QueuedPair {
  type: EntityType;
  a: EntityRow;
  b: EntityRow;
  score: number;
  features: PairFeature[];
}

/**
 * The bounds of the queue's work. A block is the entities sharing one key (a normalized name or
 * alias, its traditional form, its pinyin, the look-alike skeleton); a block of more than
 * BLOCK_CAP entities is read as its first BLOCK_CAP by id, and at most MAX_BLOCKS blocks per type
 * (the smallest, i.e. the most telling, first) are paired, so at most MAX_BLOCKS × BLOCK_CAP²/2
 * pairs are ever scored, never all pairs of the graph.
 */
export const QUEUE_LIMITS = { BLOCK_CAP: 20, MAX_BLOCKS: 2000, MAX_PAIRS: 10000 } as const;

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
    // Every branch starts from an index, none scans the label: nameKey its unique constraint,
    // nameSkeleton its range index, an exact alias or context alias the keyword full-text index
    // entity_alias_exact (a range index does not serve `$name IN list`), checked exactly after.
    const rows = await read(
      `CALL () {
         CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: 50}) YIELD node
         RETURN node
         UNION
         CALL db.index.fulltext.queryNodes('entity_context_search', $query, {limit: 50}) YIELD node
         RETURN node
         UNION
         MATCH (node:${label} {nameKey: $key})
         RETURN node
         UNION
         MATCH (node:${label} {nameSkeleton: $skeleton})
         RETURN node
         UNION
         CALL db.index.fulltext.queryNodes('${ALIAS_EXACT_INDEX}', $exact) YIELD node
         WITH node WHERE $name IN node.aliases OR $name IN node.contextAliases
         RETURN node
       }
       WITH node WHERE node:${label}
       RETURN DISTINCT ${project('node')} AS node`,
      { query, key: nameKey(name), skeleton: nameSkeleton(name), name, exact: aliasExactQuery([name]) },
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

  /**
   * Candidate duplicate pairs among the entities of `types`, best first (score, then the ids):
   * blocked by the keys every node already stores (searchText's names, scripts and pinyin, the
   * names with short forms expanded, nameKey, nameSkeleton), scored pair by pair as the duplicate check scores a name. Pairs
   * judged not the same (distinctFrom, on either node, by id or an id merged into the other) are left out.
   */
  async queue(types: readonly EntityType[]): Promise<QueuedPair[]> {
    const out: QueuedPair[] = [];
    for (const type of types) out.push(...(await this.queueOf(type)));
    return out.sort((x, y) => y.score - x.score || x.a.id.localeCompare(y.a.id) || x.b.id.localeCompare(y.b.id));
  }

  private async queueOf(type: EntityType): Promise<QueuedPair[]> {
    const label = ENTITY_LABELS[type];
    // Pinyin initials (short runs of letters: "hth") would block unrelated names together: left out.
    const blocks = await this.graph.read(
      `MATCH (n:${label})
       WITH n, [k IN split(coalesce(n.searchText, ''), $separator) WHERE k <> '' AND NOT k =~ '[a-z0-9]{1,4}'] AS names
       // Each name also with its short forms expanded (市妇联 → 市妇女联合会), as expandShortForms does.
       WITH n, names + [k IN names | reduce(s = k, form IN $shortForms | CASE WHEN s CONTAINS form[1] THEN s ELSE replace(s, form[0], form[1]) END)] +
               [split(coalesce(n.nameKey, ''), '#')[0], 'skeleton ' + n.nameSkeleton] AS keys
       UNWIND keys AS k
       WITH k, n WHERE k IS NOT NULL AND k <> '' ORDER BY n.id
       WITH k, collect(DISTINCT n.id) AS ids
       WHERE size(ids) > 1
       RETURN ids[..$cap] AS ids ORDER BY size(ids), k LIMIT $maxBlocks`,
      { separator: SEARCH_KEY_SEPARATOR, shortForms: SHORT_FORMS, cap: neo4j.int(QUEUE_LIMITS.BLOCK_CAP), maxBlocks: neo4j.int(QUEUE_LIMITS.MAX_BLOCKS) },
    );
    const pairs = new Map<string, [string, string]>();
    for (const { ids } of blocks) {
      for (let i = 0; i < ids.length && pairs.size < QUEUE_LIMITS.MAX_PAIRS; i += 1) {
        for (let j = i + 1; j < ids.length && pairs.size < QUEUE_LIMITS.MAX_PAIRS; j += 1) {
          const [x, y] = [ids[i], ids[j]].sort();
          pairs.set(`${x}\n${y}`, [x, y]);
        }
      }
    }
    if (pairs.size === 0) return [];
    const ids = [...new Set([...pairs.values()].flat())];
    const rows = await this.graph.read(`UNWIND $ids AS id MATCH (n:${label} {id: id}) RETURN ${project('n')} AS node`, { ids });
    const byId = new Map<string, { row: EntityRow; named: Named; distinct: Set<string>; ids: string[] }>();
    for (const { node } of rows) {
      const row = toEntity(node)!;
      byId.set(row.id, {
        row,
        named: { id: row.id, name: row.name ?? row.title ?? '', aliases: row.aliases ?? [], nameEn: row.nameEn ?? null },
        distinct: new Set(row.distinctFrom ?? []),
        ids: [row.id, ...(row.mergedIds ?? [])],
      });
    }
    const out: QueuedPair[] = [];
    for (const [x, y] of pairs.values()) {
      const a = byId.get(x);
      const b = byId.get(y);
      if (!a || !b) continue;
      if (b.ids.some((id) => a.distinct.has(id)) || a.ids.some((id) => b.distinct.has(id))) continue;
      const features = pairFeatures(a.named, b.named, type);
      const scored = pairScore(a.named, b.named, type, features);
      if (!scored) continue;
      out.push({ type, a: a.row, b: b.row, score: scored.score, features });
    }
    return out;
  }

  /** Records on both nodes that they are not the same (distinctFrom, with the note aligned in distinctNotes). */
  async writeDistinct(tx: Transaction, aId: string, bId: string, note: string): Promise<void> {
    await tx.run(
      `UNWIND [[$aId, $bId], [$bId, $aId]] AS pair
       MATCH (n:Entity {id: pair[0]})
       WHERE NOT pair[1] IN coalesce(n.distinctFrom, [])
       SET n.distinctNotes = coalesce(n.distinctNotes, [x IN coalesce(n.distinctFrom, []) | '']) + $note,
           n.distinctFrom = coalesce(n.distinctFrom, []) + pair[1],
           n.updatedAt = datetime()`,
      { aId, bId, note },
    );
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
