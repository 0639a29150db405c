import { EntityRow } from '../common/node.type';
import { PageRequest, ParamBag } from '../db/cypher';
import { ListFilter, Repository } from '../nodes/base.repository';
import { ProgramKind } from './program-kind';

export interface ProgramFilter extends ListFilter {
  kind?: ProgramKind[] | null;
  year?: number | null;
}

export class ProgramRepository extends Repository {
  byId(id: string): Promise<EntityRow | null> {
    return this.typedById(id, ['Program']);
  }

  private conditions(filter: ProgramFilter | null | undefined, params: ParamBag): string[] {
    const conditions = this.filterConditions('n', filter, params);
    if (filter?.kind?.length) conditions.push(`n.kind IN ${params.add(filter.kind)}`);
    if (filter?.year != null) conditions.push(`n.year = ${params.add(filter.year)}`);
    return conditions;
  }

  list(filter: ProgramFilter | null | undefined, page: PageRequest): Promise<EntityRow[]> {
    const params = new ParamBag();
    return this.listPage('Program', this.conditions(filter, params), params, page);
  }

  count(filter: ProgramFilter | null | undefined): Promise<number> {
    const params = new ParamBag();
    return this.countNodes('Program', this.conditions(filter, params), params);
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
}
