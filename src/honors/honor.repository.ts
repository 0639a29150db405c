import { EntityRow } from '../api/node.type';
import { Row } from '../db/graph';
import { prefetch } from '../api/prefetch';
import { toEntity } from '../query/entity';
import { KeyedPage, KeysetPage, SortInput } from '../api/connection';
import type { AwardWhere, HonorWhere } from '../api/where.input';
import { ParamBag, project } from '../query/cypher';
import { awardConditions, honorConditions, nameAnchor } from '../query/filter';
import { RelationshipQuery, Repository, sortTerms } from '../query/repository';
import { Transaction } from '../db/graph';

/**
 * A subquery body returning `awards`: the awards of recipient `v` as `{a, far}` maps (far = the
 * honor), newest first, in the order and shape the awards loader uses, so another repository can
 * read them in its own query and prime that loader (HonorRepository.primeAwardsOfRecipient).
 */
export const AWARDS_OF_RECIPIENT = (v: string, honorProjection = project('h'), awardProjection = 'a {.*}') => `
  MATCH (${v})-[a:RECEIVED]->(h:Honor)
  WITH a, h ORDER BY a.year DESC, h.name, h.id
  LIMIT $cap
  RETURN collect({a: ${awardProjection}, far: ${honorProjection}}) AS awards`;

/** Award fields that are relationship properties of the same name. */
export const AWARD_PROPERTIES = ['year', 'inferred', 'note'];

export interface AwardRow {
  recipientId: string;
  honorId: string;
  year: number | null;
  sourceIds: string[];
  locators: string[];
  inferred: boolean;
  note: string | null;
}

/** Awards sort by the award's year; NAME and CREATED_AT sort by the node listed. */
const AWARD_YEAR = { YEAR: () => ({ expression: 'coalesce(r.year, -1)' }) };

/** What a request shows of an award page (common/lookahead `fieldsAt`): the edges and their nodes. */
export interface AwardPageFields {
  edge?: Set<string> | null;
  node?: Set<string> | null;
}

function awardQuery(by: 'recipient' | 'honor', filter: AwardWhere | null | undefined, order: SortInput[], fields: AwardPageFields): RelationshipQuery {
  const [field, match, conditions] =
    by === 'recipient'
      ? ['award.ofRecipientPage', 'MATCH (parent:Entity {id: id})-[r:RECEIVED]->(other:Honor)', (params: ParamBag) => awardConditions('r', 'parent', 'other', filter, params)]
      : ['award.ofHonorPage', 'MATCH (other:Entity)-[r:RECEIVED]->(parent:Honor {id: id})', (params: ParamBag) => awardConditions('r', 'other', 'parent', filter, params)];
  return {
    field,
    match,
    conditions,
    terms: sortTerms('other', order, AWARD_YEAR),
    key: JSON.stringify(filter ?? null),
    nodeFields: fields.node,
    edgeFields: fields.edge,
    edgeProperties: AWARD_PROPERTIES,
  };
}

export class HonorRepository extends Repository {
  byId(id: string): Promise<EntityRow | null> {
    return this.typedById(id, ['Honor']);
  }

  list(filter: HonorWhere | null | undefined, order: SortInput[], page: KeysetPage): Promise<KeyedPage<{ node: EntityRow }>> {
    const params = new ParamBag();
    const conditions = honorConditions('n', filter, params);
    return this.nodePage('Honor', conditions, params, page, sortTerms('n', order), nameAnchor('Honor', filter, params));
  }

  count(filter: HonorWhere | null | undefined): Promise<number> {
    const params = new ParamBag();
    const conditions = honorConditions('n', filter, params);
    return this.countNodes('Honor', conditions, params, nameAnchor('Honor', filter, params));
  }

  /** Awards of a recipient (the node listed is the honor) or of an honor (the node listed is the recipient), a page per parent. */
  awardPage(by: 'recipient' | 'honor', parentId: string, filter: AwardWhere | null | undefined, order: SortInput[], page: KeysetPage, fields: AwardPageFields = {}) {
    const query = awardQuery(by, filter, order, fields);
    return { page: this.relationshipPage(query, page, parentId), count: () => this.relationshipCount(query, parentId) };
  }

  /** An honor and one page of its recipients in one query; the page answers its `awardsConnection` afterwards. */
  byIdWithAwardPage(id: string, filter: AwardWhere | null | undefined, order: SortInput[], page: KeysetPage, fields: AwardPageFields = {}): Promise<EntityRow | null> {
    return this.typedByIdWithPage(id, ['Honor'], () => awardQuery('honor', filter, order, fields), page);
  }

  /** Awards by recipient or by honor; both ends are cached so resolving them costs no query. */
  private awardLoader(by: 'recipient' | 'honor') {
    const pattern =
      by === 'recipient'
        ? 'MATCH (r:Entity {id: id})-[a:RECEIVED]->(h:Honor)'
        : 'MATCH (r:Entity)-[a:RECEIVED]->(h:Honor {id: id})';
    return this.loaders.get<AwardRow[]>(`award.by${by}`, async (ids) => {
      // Only the far end is projected: the near end is the node whose awards were asked for,
      // which the request already holds (repeating it on every award row cost more than the rest).
      const farVariable = by === 'recipient' ? 'h' : 'r';
      const rows = await this.graph.read(
        `UNWIND $ids AS id ${pattern}
         WITH id, a, r, h ORDER BY a.year DESC, h.name, r.name, h.id, r.id
         WITH id, collect({a: a {.*}, far: ${project(farVariable)}})[..$cap] AS awards
         RETURN id, awards`,
        { ids, cap: this.graph.listCap },
      );
      const byId = new Map(rows.map((row) => [row.id as string, row.awards as Row[]]));
      return ids.map((id) => this.awardRows(by, id, byId.get(id) ?? []));
    });
  }

  /**
   * Award rows from `{a, far}` maps as AWARDS_OF_RECIPIENT (or the loader) returns them. Whole far
   * ends go to the node cache; partial ones (a narrow projection) are only the rows' prefetched ends.
   */
  private awardRows(by: 'recipient' | 'honor', id: string, awards: Row[], whole = true): AwardRow[] {
    const others = whole ? this.entities(awards.map((award) => award.far)) : awards.map((award) => toEntity(award.far)!);
    return awards.map((award, i) => {
      const [recipientId, honorId] = by === 'recipient' ? [id, others[i].id] : [others[i].id, id];
      return prefetch({ inferred: false, note: null, ...award.a, recipientId, honorId } as AwardRow, { [by === 'recipient' ? 'honor' : 'recipient']: others[i] });
    });
  }

  /**
   * Awards of a recipient that another query already read (as AWARDS_OF_RECIPIENT). Rows of whole
   * honors also answer any later ask for them in this request; partial ones only the asker.
   */
  awardsRead(recipientId: string, awards: Row[], whole: boolean): AwardRow[] {
    const rows = this.awardRows('recipient', recipientId, awards, whole);
    if (whole) this.awardLoader('recipient').prime(recipientId, rows);
    return rows;
  }

  awardsOfRecipient(recipientId: string): Promise<AwardRow[]> {
    return this.awardLoader('recipient').load(recipientId);
  }

  awardsOfHonor(honorId: string): Promise<AwardRow[]> {
    return this.awardLoader('honor').load(honorId);
  }

  conferredBy(honorId: string): Promise<EntityRow[]> {
    return this.relatedLoader('honor.conferredBy', 'MATCH (:Honor {id: id})-[:CONFERRED_BY]->(other:Organization)').load(honorId);
  }

  async variantOf(honorId: string): Promise<EntityRow | null> {
    const generic = await this.relatedLoader('honor.variantOf', 'MATCH (:Honor {id: id})-[:VARIANT_OF]->(other:Honor)').load(honorId);
    return generic[0] ?? null;
  }

  variants(honorId: string): Promise<EntityRow[]> {
    return this.relatedLoader('honor.variants', 'MATCH (:Honor {id: id})<-[:VARIANT_OF]-(other:Honor)').load(honorId);
  }

  // ---- writes (inside a write transaction; the rules and history are in award.service.ts) ----

  /** Records the award (recipient `from` received honor `to`, told apart by `key`) unless it exists. */
  async createAward(tx: Transaction, rel: AwardEdge, props: Record<string, unknown>): Promise<void> {
    await tx.run(
      `MATCH (a:Entity {id: $from}), (h:Honor {id: $to})
       MERGE (a)-[r:RECEIVED {key: $key}]->(h)
       ON CREATE SET r += $props`,
      { ...rel, props },
    );
  }

  async setAwardCitations(tx: Transaction, rel: AwardEdge, citations: { sourceIds: string[]; locators: string[] }): Promise<void> {
    await tx.run('MATCH (:Entity {id: $from})-[r:RECEIVED {key: $key}]->(:Entity {id: $to}) SET r += $citations', { ...rel, citations });
  }

  async deleteAward(tx: Transaction, rel: AwardEdge): Promise<void> {
    await tx.run('MATCH (:Entity {id: $from})-[r:RECEIVED {key: $key}]->(:Entity {id: $to}) DELETE r', { ...rel });
  }
}

/** One RECEIVED edge: recipient, honor and the key telling the years apart. */
export interface AwardEdge {
  type: 'RECEIVED';
  from: string;
  to: string;
  key: string;
}
