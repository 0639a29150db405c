import { EntityRow } from '../common/node.type';
import { PageRequest, ParamBag, project } from '../db/cypher';
import { groupBy } from '../db/loaders';
import { ListFilter, Repository } from '../nodes/base.repository';
import { Level } from '../common/enums';
import { ORGANIZATION_TYPENAMES, OrganizationKind } from './organization-kind';

export interface OrganizationFilter extends ListFilter {
  kind?: OrganizationKind[] | null;
  level?: Level[] | null;
}

export interface MembershipRow {
  memberId: string;
  organizationId: string;
  role: string | null;
  since: string | null;
  until: string | null;
  sourceIds: string[];
  locators: string[];
}

const ORGANIZATION_TYPES = Object.values(ORGANIZATION_TYPENAMES);

export class OrganizationRepository extends Repository {
  byId(id: string): Promise<EntityRow | null> {
    return this.typedById(id, ORGANIZATION_TYPES);
  }

  private conditions(filter: OrganizationFilter | null | undefined, params: ParamBag): string[] {
    const conditions = this.filterConditions('n', filter, params);
    if (filter?.kind?.length) conditions.push(`n.kind IN ${params.add(filter.kind)}`);
    if (filter?.level?.length) conditions.push(`n.level IN ${params.add(filter.level)}`);
    return conditions;
  }

  list(filter: OrganizationFilter | null | undefined, page: PageRequest): Promise<EntityRow[]> {
    const params = new ParamBag();
    return this.listPage('Organization', this.conditions(filter, params), params, page);
  }

  count(filter: OrganizationFilter | null | undefined): Promise<number> {
    const params = new ParamBag();
    return this.countNodes('Organization', this.conditions(filter, params), params);
  }

  async parentOf(id: string): Promise<EntityRow | null> {
    const parents = await this.relatedLoader(
      'organization.parent',
      'MATCH (:Organization {id: id})-[:PART_OF]->(other:Organization)',
    ).load(id);
    return parents[0] ?? null;
  }

  childrenOf(id: string): Promise<EntityRow[]> {
    return this.relatedLoader('organization.children', 'MATCH (:Organization {id: id})<-[:PART_OF]-(other:Organization)').load(id);
  }

  /** Memberships in the organization (`members`) or of the member (`memberships`), one query per request each. */
  private membershipLoader(direction: 'members' | 'memberships') {
    const pattern =
      direction === 'members'
        ? 'MATCH (other:Entity)-[m:MEMBER_OF]->(:Organization {id: id})'
        : 'MATCH (:Entity {id: id})-[m:MEMBER_OF]->(other:Organization)';
    return this.loaders.get<MembershipRow[]>(`organization.${direction}`, async (ids) => {
      const rows = await this.graph.read(
        `UNWIND $ids AS id ${pattern}
         WITH id, other, m ORDER BY other.name, other.id
         WITH id, collect({other: ${project('other')}, m: m {.*}})[..$cap] AS rows
         UNWIND rows AS row
         RETURN id, row.other AS other, row.m AS m`,
        { ids, cap: this.graph.listCap },
      );
      return groupBy(ids, rows, (row) => row.id).map((group) =>
        group.map((row) => {
          this.entities([row.other]);
          const [memberId, organizationId] = direction === 'members' ? [row.other.id, row.id] : [row.id, row.other.id];
          return { ...row.m, memberId, organizationId } as MembershipRow;
        }),
      );
    });
  }

  membersOf(organizationId: string): Promise<MembershipRow[]> {
    return this.membershipLoader('members').load(organizationId);
  }

  membershipsOf(memberId: string): Promise<MembershipRow[]> {
    return this.membershipLoader('memberships').load(memberId);
  }
}
