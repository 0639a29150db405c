import { EntityRow } from '../common/node.type';
import { PageRequest, ParamBag, project } from '../db/cypher';
import { groupBy } from '../db/loaders';
import { ListFilter, Repository } from '../nodes/base.repository';
import { toEntity } from '../nodes/entity';
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

type SubtreeShape = 'chart' | 'full';
/** Fields an org chart shows that are plain properties (or need only the labels). */
const CHART_FIELDS = new Set(['__typename', 'id', 'name', 'aliases', 'nameEn', 'kind', 'level', 'children']);

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

  /** Children lists this request already holds, from a subtree query: `${shape}:${parentId}`. */
  private readonly knownChildren = new Map<string, EntityRow[]>();

  /**
   * Direct children. When the request asks for `levels` of nested children, the whole subtree
   * comes in one query and every level below is answered from it. When it asks for nothing but
   * the chart fields (name, kind, level…) at any level, only those are read: an org chart is the
   * hottest query of a frontend, and whole nodes cost Neo4j and the driver several times more.
   */
  childrenOf(id: string, levels = 1, fields?: Set<string>): Promise<EntityRow[]> {
    const shape: SubtreeShape = fields && [...fields].every((field) => CHART_FIELDS.has(field)) ? 'chart' : 'full';
    const known = this.knownChildren.get(`${shape}:${id}`);
    if (known) return Promise.resolve(known);
    if (levels <= 1) return this.childrenLoader().load(id);
    return this.subtreeLoader(Math.min(levels, MAX_SUBTREE_LEVELS), shape).load(id);
  }

  private subtreeLoader(levels: number, shape: SubtreeShape) {
    return this.loaders.get<EntityRow[]>(`organization.subtree.${shape}.${levels}`, async (ids) => {
      const projection = shape === 'chart' ? `other {.id, .name, .aliases, .nameEn, .kind, .level, __labels: labels(other)}` : project('other');
      const rows = await this.graph.read(
        `UNWIND $ids AS id
         MATCH path = (:Organization {id: id})<-[:PART_OF*1..${levels}]-(other:Organization)
         RETURN nodes(path)[-2].id AS parentId, length(path) AS depth, ${projection} AS node
         ORDER BY other.name, other.id`,
        { ids },
      );
      const children = new Map<string, EntityRow[]>();
      for (const id of ids) children.set(id, []);
      for (const row of rows) if (row.depth < levels) children.set(row.node.id, []);
      // Chart rows are partial, so they stay out of the request's node cache.
      const nodes = shape === 'full' ? this.entities(rows.map((row) => row.node)) : rows.map((row) => toEntity(row.node)!);
      rows.forEach((row, i) => children.get(row.parentId)?.push(nodes[i]));
      for (const [parentId, list] of children) this.knownChildren.set(`${shape}:${parentId}`, list);
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
