import { EntityRow } from '../api/node.type';
import { KeyedPage, SortInput } from '../api/connection';
import { IntFilterValue, KeysetPage, Logical, ParamBag, all, intFilter, withLogic } from '../query/cypher';
import { ListFilter, RelationshipQuery, Repository, nameAnchor, nodeConditions, sortTerms } from '../query/repository';
import { OrganizationFilter, organizationConditions } from '../organizations/organization.repository';
import { ProgramKind } from './program-kind';
import { Transaction } from '../db/graph';

export interface ProgramFilter extends ListFilter, Logical<ProgramFilter> {
  kind?: ProgramKind[] | null;
  year?: IntFilterValue | null;
  organizedBy?: OrganizationFilter | null;
  partneredBy?: OrganizationFilter | null;
}

/** The Cypher conditions for a ProgramWhere on node variable `v`. */
export function programConditions(v: string, filter: ProgramFilter | null | undefined, params: ParamBag): string[] {
  return withLogic(filter, (f) => {
    const conditions = nodeConditions(v, f, params);
    if (f.kind?.length) conditions.push(`${v}.kind IN ${params.add(f.kind)}`);
    conditions.push(...intFilter(`${v}.year`, f.year, params));
    for (const [type, organizations] of [['ORGANIZED', f.organizedBy], ['PARTNERED', f.partneredBy]] as const) {
      if (!organizations) continue;
      const o = params.variable('org');
      conditions.push(`EXISTS { MATCH (${v})<-[:${type}]-(${o}:Organization) WHERE ${all(organizationConditions(o, organizations, params))} }`);
    }
    return conditions;
  });
}

export class ProgramRepository extends Repository {
  byId(id: string): Promise<EntityRow | null> {
    return this.typedById(id, ['Program']);
  }

  list(filter: ProgramFilter | null | undefined, order: SortInput[], page: KeysetPage): Promise<KeyedPage<{ node: EntityRow }>> {
    const params = new ParamBag();
    const conditions = programConditions('n', filter, params);
    return this.nodePage('Program', conditions, params, page, sortTerms('n', order), nameAnchor('Program', filter, params));
  }

  count(filter: ProgramFilter | null | undefined): Promise<number> {
    const params = new ParamBag();
    const conditions = programConditions('n', filter, params);
    return this.countNodes('Program', conditions, params, nameAnchor('Program', filter, params));
  }

  /** Programs an organization organized or partnered in, one edge per relationship, a page per organization. */
  ofOrganizationPage(organizationId: string, filter: ProgramFilter | null | undefined, order: SortInput[], page: KeysetPage) {
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
       MERGE (o)-[r:${rel.type === 'PARTNERED' ? 'PARTNERED' : 'ORGANIZED'} {key: $key}]->(p) SET r += $props`,
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
