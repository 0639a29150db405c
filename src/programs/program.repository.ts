import { EntityRow } from '../api/node.type';
import { KeyedPage, KeysetPage, SortInput } from '../api/connection';
import type { ProgramWhere } from '../api/where.input';
import { ParamBag } from '../query/cypher';
import { nameAnchor, programConditions } from '../query/filter';
import { RelationshipQuery, Repository, sortTerms } from '../query/repository';
import { Transaction } from '../db/graph';

export class ProgramRepository extends Repository {
  byId(id: string): Promise<EntityRow | null> {
    return this.typedById(id, ['Program']);
  }

  list(filter: ProgramWhere | null | undefined, order: SortInput[], page: KeysetPage): Promise<KeyedPage<{ node: EntityRow }>> {
    const params = new ParamBag();
    const conditions = programConditions('n', filter, params);
    return this.nodePage('Program', conditions, params, page, sortTerms('n', order), nameAnchor('Program', filter, params));
  }

  count(filter: ProgramWhere | null | undefined): Promise<number> {
    const params = new ParamBag();
    const conditions = programConditions('n', filter, params);
    return this.countNodes('Program', conditions, params, nameAnchor('Program', filter, params));
  }

  /** Programs an organization organized or partnered in, one edge per relationship, a page per organization. */
  ofOrganizationPage(organizationId: string, filter: ProgramWhere | null | undefined, order: SortInput[], page: KeysetPage) {
    const query: RelationshipQuery = {
      field: 'program.ofOrganizationPage',
      match: 'MATCH (parent:Organization {id: id})-[r:ORGANIZED|PARTNERED]->(other:Program)',
      conditions: (params) => programConditions('other', filter, params),
      terms: sortTerms('other', order),
      key: JSON.stringify(filter ?? null),
    };
    return { page: this.relationshipPage(query, page, organizationId), count: () => this.relationshipCount(query, organizationId) };
  }

  organizers(programId: string): Promise<EntityRow[]> {
    return this.relatedLoader('program.organizers', 'MATCH (:Program {id: id})<-[:ORGANIZED]-(other:Organization)').load(programId);
  }

  partners(programId: string): Promise<EntityRow[]> {
    return this.relatedLoader('program.partners', 'MATCH (:Program {id: id})<-[:PARTNERED]-(other:Organization)').load(programId);
  }

  /** Programs an organization organized or partnered in, by year then name. */
  ofOrganization(organizationId: string): Promise<EntityRow[]> {
    return this.relatedLoader(
      'program.ofOrganization',
      'MATCH (:Organization {id: id})-[:ORGANIZED|PARTNERED]->(other:Program) WITH DISTINCT id, other',
      'other.year DESC, other.name, other.id',
    ).load(organizationId);
  }

  // ---- writes (inside a write transaction; the rules and history are in program.service.ts) ----

  /** Writes an ORGANIZED or PARTNERED edge's properties (organization `from`, program `to`). */
  async mergeOrganizationLink(tx: Transaction, rel: ProgramLink, props: Record<string, unknown>): Promise<void> {
    await tx.run(
      `MATCH (o:Organization {id: $from}), (p:Program {id: $to})
       MERGE (o)-[r:${rel.type === 'PARTNERED' ? 'PARTNERED' : 'ORGANIZED'} {key: $key}]->(p)
       ON CREATE SET r.id = 'st-' + randomUUID()
       SET r += $props`,
      { ...rel, props },
    );
  }
}

/** An organization's link to a program: it ran it (ORGANIZED) or partnered in it. */
export interface ProgramLink {
  type: 'PARTNERED' | 'ORGANIZED';
  from: string;
  to: string;
  key: string;
}
