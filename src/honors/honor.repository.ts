import { EntityRow } from '../api/node.type';
import { Row } from '../db/graph';
import { KeyedPage, KeysetPage, RelatedRow, SortInput } from '../api/connection';
import type { AwardWhere, HonorWhere } from '../api/where.input';
import { ParamBag, project } from '../query/cypher';
import { awardConditions, honorConditions, nameAnchor } from '../query/filter';
import { RelationshipQuery, Repository, sortTerms } from '../query/repository';
import { Transaction } from '../db/graph';
import { AWARD_PROPERTIES, AwardRow, awardRow } from '../query/award-row';
import { AwardPageFields } from './award.plan';

export type { AwardRow } from '../query/award-row';

/** Awards sort by the award's year; NAME and CREATED_AT sort by the node listed. */
const AWARD_YEAR = { YEAR: () => ({ expression: 'coalesce(r.year, -1)' }) };

function awardQuery(by: 'recipient' | 'honor', filter: AwardWhere | null | undefined, order: SortInput[], fields?: AwardPageFields): RelationshipQuery {
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
    nodeFields: fields?.nodeFields,
    edgeFields: fields?.edgeFields,
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
  awardPage(by: 'recipient' | 'honor', parentId: string, filter: AwardWhere | null | undefined, order: SortInput[], page: KeysetPage, fields?: AwardPageFields): Promise<KeyedPage<RelatedRow>> {
    return this.relationshipPage(awardQuery(by, filter, order, fields), page, parentId);
  }

  /** How many awards of a recipient or an honor match `filter`, batched like the pages. */
  awardCount(by: 'recipient' | 'honor', parentId: string, filter: AwardWhere | null | undefined): Promise<number> {
    return this.relationshipCount(awardQuery(by, filter, []), parentId);
  }

  /** An honor and one page of its recipients in one query; the page is null when its cursor is not one of this list. */
  byIdWithAwardPage(id: string, filter: AwardWhere | null | undefined, order: SortInput[], page: KeysetPage, fields: AwardPageFields) {
    return this.typedByIdWithPage(id, ['Honor'], awardQuery('honor', filter, order, fields), page);
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

  /** Award rows from `{a, far}` maps as the loader returns them; the far ends go to the node cache. */
  private awardRows(by: 'recipient' | 'honor', id: string, awards: Row[]): AwardRow[] {
    const others = this.entities(awards.map((award) => award.far));
    return awards.map((award, i) => awardRow(by, id, award.a, others[i]));
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
       ON CREATE SET r += $props, r.id = 'st-' + randomUUID()`,
      { ...rel, props },
    );
  }

  async setAwardCitations(tx: Transaction, rel: AwardEdge, citations: { sourceIds: string[]; locators: string[] }): Promise<void> {
    await tx.run('MATCH (:Entity {id: $from})-[r:RECEIVED {key: $key}]->(:Entity {id: $to}) SET r += $citations', { ...rel, citations });
  }

  /** Sets (or, where null, removes) properties of the award, such as its year's provenance. */
  async setAwardProperties(tx: Transaction, rel: AwardEdge, props: Record<string, unknown>): Promise<void> {
    await tx.run('MATCH (:Entity {id: $from})-[r:RECEIVED {key: $key}]->(:Entity {id: $to}) SET r += $props', { ...rel, props });
  }

  async deleteAward(tx: Transaction, rel: AwardEdge): Promise<void> {
    await tx.run('MATCH (:Entity {id: $from})-[r:RECEIVED {key: $key}]->(:Entity {id: $to}) DELETE r', { ...rel });
  }

  /** Writes (or completes) the honor's CONFERRED_BY edge to the organization. */
  async mergeConferrer(tx: Transaction, honorId: string, organizationId: string, props: Record<string, unknown>): Promise<void> {
    await tx.run(
      `MATCH (h:Honor {id: $honorId}), (o:Organization {id: $organizationId})
       MERGE (h)-[r:CONFERRED_BY {key: 'conferrer'}]->(o)
       ON CREATE SET r.id = 'st-' + randomUUID()
       SET r += $props`,
      { honorId, organizationId, props },
    );
  }
}

/** One RECEIVED edge: recipient, honor and the key telling the years apart. */
export interface AwardEdge {
  type: 'RECEIVED';
  from: string;
  to: string;
  key: string;
}
