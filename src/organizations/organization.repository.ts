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

/** Deeper nesting is fetched level by level below this many levels. */
const MAX_SUBTREE_LEVELS = 10;

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

  private childrenLoader() {
    return this.relatedLoader('organization.children', 'MATCH (:Organization {id: id})<-[:PART_OF]-(other:Organization)');
  }

  /** Organizations whose children this request already holds (fetched with a subtree). */
  private readonly childrenKnown = new Set<string>();

  /**
   * Direct children. When the request asks for `levels` of nested children, the whole subtree
   * comes in one query and every level below is answered from the request's cache.
   */
  childrenOf(id: string, levels = 1): Promise<EntityRow[]> {
    if (levels <= 1 || this.childrenKnown.has(id)) return this.childrenLoader().load(id);
    return this.subtreeLoader(Math.min(levels, MAX_SUBTREE_LEVELS)).load(id);
  }

  private subtreeLoader(levels: number) {
    return this.loaders.get<EntityRow[]>(`organization.subtree.${levels}`, async (ids) => {
      const rows = await this.graph.read(
        `UNWIND $ids AS id
         MATCH path = (:Organization {id: id})<-[:PART_OF*1..${levels}]-(other:Organization)
         RETURN nodes(path)[-2].id AS parentId, length(path) AS depth, ${project('other')} AS node
         ORDER BY other.name, other.id`,
        { ids },
      );
      const children = new Map<string, EntityRow[]>();
      for (const id of ids) children.set(id, []);
      for (const row of rows) if (row.depth < levels) children.set(row.node.id, []);
      for (const row of rows) {
        const [node] = this.entities([row.node]);
        children.get(row.parentId)?.push(node);
      }
      const loader = this.childrenLoader();
      for (const [parentId, list] of children) {
        loader.prime(parentId, list);
        this.childrenKnown.add(parentId);
      }
      return ids.map((id) => children.get(id)!);
    });
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
         RETURN id, ${project('other')} AS other, m {.*} AS m
         ORDER BY other.name, other.id`,
        { ids },
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
