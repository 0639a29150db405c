import { EntityRow } from '../common/node.type';
import { Row } from '../db/graph';
import { KeyedPage, RelatedRow, SortInput } from '../common/connection';
import { KeysetPage, Logical, ParamBag, StringFilterValue, all, project, stringFilter, withLogic } from '../db/cypher';
import { groupBy } from '../db/loaders';
import {
  HierarchyFilterValue, ListFilter, RecipientFilter, RelationshipQuery, Repository, nameAnchor, hierarchyCondition, nodeConditions,
  recipientConditions, sortTerms,
} from '../nodes/base.repository';
import { toEntity } from '../nodes/entity';
import { Level } from '../common/enums';
import { AwardQuantifiers, awardQuantifierConditions } from '../honors/honor.repository';
import { ORGANIZATION_TYPENAMES, OrganizationKind } from './organization-kind';
import { MAX_ORG_CHART_DEPTH, OrgChartEntity, OrgChartInclude, OrgChartNode } from './org-chart.type';

/** Longest PART_OF chain followed for ancestors and descendants; real hierarchies are far shallower. */
const MAX_ANCESTRY = 50;

export interface OrganizationFilter extends ListFilter, AwardQuantifiers, Logical<OrganizationFilter> {
  kind?: OrganizationKind[] | null;
  level?: Level[] | null;
  partOf?: HierarchyFilterValue | null;
}

export interface MembershipFilter extends Logical<MembershipFilter> {
  role?: StringFilterValue | null;
  member?: RecipientFilter | null;
  organization?: OrganizationFilter | null;
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

/** Relationship fields whose other end is an organization; `parent` is the node the field is on. */
const LINK_QUERIES = {
  children: 'MATCH (parent:Organization {id: id})<-[r:PART_OF]-(other:Organization)',
  parent: 'MATCH (parent:Organization {id: id})-[r:PART_OF]->(other:Organization)',
  conferredBy: 'MATCH (parent:Honor {id: id})-[r:CONFERRED_BY]->(other:Organization)',
  organizers: 'MATCH (parent:Program {id: id})<-[r:ORGANIZED]-(other:Organization)',
  partners: 'MATCH (parent:Program {id: id})<-[r:PARTNERED]-(other:Organization)',
};
export type OrganizationLink = keyof typeof LINK_QUERIES;

/** The Cypher conditions for an OrganizationWhere on node variable `v`. */
export function organizationConditions(v: string, filter: OrganizationFilter | null | undefined, params: ParamBag): string[] {
  return withLogic(filter, (f) => {
    const conditions = nodeConditions(v, f, params);
    if (f.kind?.length) conditions.push(`${v}.kind IN ${params.add(f.kind)}`);
    if (f.level?.length) conditions.push(`${v}.level IN ${params.add(f.level)}`);
    conditions.push(...awardQuantifierConditions(v, f, params));
    if (f.partOf) conditions.push(hierarchyCondition(v, 'PART_OF', f.partOf, params));
    return conditions;
  });
}

/** The Cypher conditions for a MembershipWhere on relationship `m` from `member` to `organization`. */
export function membershipConditions(m: string, member: string, organization: string, filter: MembershipFilter | null | undefined, params: ParamBag): string[] {
  return withLogic(filter, (f) => [
    ...stringFilter(`${m}.role`, f.role, params),
    ...(f.member ? [all(recipientConditions(member, f.member, params))] : []),
    ...(f.organization ? [all(organizationConditions(organization, f.organization, params))] : []),
  ]);
}

export class OrganizationRepository extends Repository {
  /**
   * An organization by id. With `withMembers` (the request shows its members) the members come
   * in the same query, saving the organization page a round trip.
   */
  async byId(id: string, options: { withMembers?: boolean } = {}): Promise<EntityRow | null> {
    if (!options.withMembers) return this.typedById(id, ORGANIZATION_TYPES);
    const [row] = await this.graph.read(
      `MATCH (o:Organization {id: $id})
       CALL (o) {
         MATCH (other:Entity)-[m:MEMBER_OF]->(o)
         WITH other, m ORDER BY other.name, other.id
         RETURN collect({other: ${project('other')}, m: m {.*}})[..$cap] AS members
       }
       RETURN ${project('o')} AS node, members`,
      { id, cap: this.graph.listCap },
    );
    if (!row) return null;
    const [org] = this.entities([row.node]);
    this.membershipLoader('members').prime(id, row.members.map((member: Row) => this.membershipRow('members', id, member)));
    return org;
  }

  private membershipRow(direction: 'members' | 'memberships', id: string, row: Row): MembershipRow {
    this.entities([row.other]);
    const [memberId, organizationId] = direction === 'members' ? [row.other.id, id] : [id, row.other.id];
    return { ...row.m, memberId, organizationId } as MembershipRow;
  }

  list(filter: OrganizationFilter | null | undefined, order: SortInput[], page: KeysetPage): Promise<KeyedPage<{ node: EntityRow }>> {
    const params = new ParamBag();
    const conditions = organizationConditions('n', filter, params);
    return this.nodePage('Organization', conditions, params, page, sortTerms('n', order), nameAnchor('Organization', filter, params));
  }

  count(filter: OrganizationFilter | null | undefined): Promise<number> {
    const params = new ParamBag();
    const conditions = organizationConditions('n', filter, params);
    return this.countNodes('Organization', conditions, params, nameAnchor('Organization', filter, params));
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

  /** An organization-to-organization relationship field as a connection query, filtered on the other end. */
  private linked(field: string, match: string, filter: OrganizationFilter | null | undefined, order: SortInput[]): RelationshipQuery {
    return {
      field,
      match,
      conditions: (params) => organizationConditions('other', filter, params),
      terms: sortTerms('other', order),
      key: JSON.stringify(filter ?? null),
    };
  }

  /** Organizations linked to a node (children, parent, conferring bodies, organizers, partners), with the link's provenance. */
  linkedPage(link: OrganizationLink, parentId: string, filter: OrganizationFilter | null | undefined, order: SortInput[], page: KeysetPage) {
    const query = this.linked(`organization.${link}Page`, LINK_QUERIES[link], filter, order);
    return { page: this.relationshipPage(query, page, parentId), count: () => this.relationshipCount(query, parentId) };
  }

  private membershipQuery(direction: 'members' | 'memberships', filter: MembershipFilter | null | undefined, order: SortInput[]): RelationshipQuery {
    const [match, member, organization] =
      direction === 'members'
        ? ['MATCH (other:Entity)-[r:MEMBER_OF]->(parent:Organization {id: id})', 'other', 'parent']
        : ['MATCH (parent:Entity {id: id})-[r:MEMBER_OF]->(other:Organization)', 'parent', 'other'];
    return {
      field: `organization.${direction}Page`,
      match,
      conditions: (params) => membershipConditions('r', member, organization, filter, params),
      terms: sortTerms('other', order),
      key: JSON.stringify(filter ?? null),
    };
  }

  /** Members of an organization (`members`) or organizations a node belongs to (`memberships`), as a page per parent. */
  membershipPage(direction: 'members' | 'memberships', parentId: string, filter: MembershipFilter | null | undefined, order: SortInput[], page: KeysetPage): {
    page: Promise<KeyedPage<RelatedRow>>;
    count: () => Promise<number>;
  } {
    const query = this.membershipQuery(direction, filter, order);
    return { page: this.relationshipPage(query, page, parentId), count: () => this.relationshipCount(query, parentId) };
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
      return groupBy(ids, rows, (row) => row.id).map((group) => group.map((row) => this.membershipRow(direction, row.id, row)));
    });
  }

  membersOf(organizationId: string): Promise<MembershipRow[]> {
    return this.membershipLoader('members').load(organizationId);
  }

  membershipsOf(memberId: string): Promise<MembershipRow[]> {
    return this.membershipLoader('memberships').load(memberId);
  }

  /**
   * The org chart under `rootId`, `depth` levels deep, in ONE query: a variable-length PART_OF
   * path from the root, keeping only node-distinct paths and, per organization, the shortest one
   * (so a cycle, which the editors' mutations refuse anyway, cannot repeat a node or loop).
   * Returns null when the root is not an organization.
   */
  async orgChart(rootId: string, depth: number, include: OrgChartInclude[]): Promise<OrgChartNode[] | null> {
    if (!Number.isInteger(depth) || depth < 0 || depth > MAX_ORG_CHART_DEPTH) throw new Error(`depth out of range: ${depth}`);
    const rows = await this.graph.read(
      `MATCH (root:Organization {id: $rootId})
       MATCH path = (root)<-[:PART_OF*0..${depth}]-(org:Organization)
       WHERE all(i IN range(0, length(path) - 1) WHERE NOT nodes(path)[i] IN nodes(path)[i + 1..])
       WITH org, path ORDER BY length(path)
       WITH org, head(collect(path)) AS path
       WITH org, length(path) AS level, CASE WHEN length(path) = 0 THEN null ELSE nodes(path)[-2].id END AS parentId
       RETURN org.id AS id, parentId, org.name AS name, org.kind AS kind, org.level AS administrativeLevel, level,
         COUNT { (org)<-[:PART_OF]-(:Organization) } AS childCount,
         COUNT { (:Entity)-[:MEMBER_OF]->(org) } AS memberCount,
         COUNT { (org)-[:RECEIVED]->(:Honor) } AS awardCount,
         CASE WHEN $members THEN [(p:Person)-[:MEMBER_OF]->(org) | p {.id, .name, awardCount: COUNT { (p)-[:RECEIVED]->(:Honor) }}] ELSE [] END AS members,
         CASE WHEN $programs THEN [(org)-[:ORGANIZED|PARTNERED]->(g:Program) | g {.id, .name, .kind}] ELSE [] END AS programs,
         CASE WHEN $honors THEN [(org)-[:RECEIVED]->(h:Honor) | h {.id, .name, .level}] ELSE [] END AS honors
       ORDER BY level, name, id`,
      {
        rootId,
        members: include.includes(OrgChartInclude.MEMBERS),
        programs: include.includes(OrgChartInclude.PROGRAMS),
        honors: include.includes(OrgChartInclude.HONORS),
      },
    );
    if (rows.length === 0) return null;
    const nodes: OrgChartNode[] = [];
    const leaves: OrgChartNode[] = [];
    const leafIds = new Set<string>();
    for (const row of rows) {
      nodes.push({
        id: row.id,
        parentId: row.parentId,
        entityId: row.id,
        entity: OrgChartEntity.ORGANIZATION,
        name: row.name,
        kind: row.kind ?? null,
        level: row.level,
        administrativeLevel: row.administrativeLevel ?? null,
        childCount: row.childCount,
        memberCount: row.memberCount,
        awardCount: row.awardCount,
        hasMore: row.level === depth && row.childCount > 0,
      });
      const leaf = (entity: OrgChartEntity, segment: string, item: Record<string, any>, extra: Partial<OrgChartNode> = {}) => {
        const id = `${row.id}/${segment}/${item.id}`;
        if (leafIds.has(id)) return; // an honor received in several years is one leaf
        leafIds.add(id);
        leaves.push({
          id, parentId: row.id, entityId: item.id, entity, name: item.name, kind: null, level: row.level + 1,
          administrativeLevel: null, childCount: 0, memberCount: 0, awardCount: 0, hasMore: false, ...extra,
        });
      };
      const byName = (a: Record<string, any>, b: Record<string, any>) => a.name.localeCompare(b.name, 'zh') || a.id.localeCompare(b.id);
      for (const person of [...row.members].sort(byName)) leaf(OrgChartEntity.PERSON, 'member', person, { awardCount: person.awardCount });
      for (const program of [...row.programs].sort(byName)) leaf(OrgChartEntity.PROGRAM, 'program', program, { kind: program.kind ?? null });
      for (const honor of [...row.honors].sort(byName)) leaf(OrgChartEntity.HONOR, 'honor', honor, { administrativeLevel: honor.level ?? null });
    }
    return [...nodes, ...leaves];
  }

  /** The organizations above this one, root first. */
  ancestorsOf(id: string): Promise<EntityRow[]> {
    return this.relatedLoader(
      'organization.ancestors',
      `MATCH path = (:Organization {id: id})-[:PART_OF*1..${MAX_ANCESTRY}]->(other:Organization)
       WITH id, other, min(length(path)) AS distance`,
      'distance DESC',
    ).load(id);
  }

  /** Binds `n` to each organization below `id`, at any depth, once. */
  private descendantsAnchor(id: string, params: ParamBag): string {
    return `MATCH (:Organization {id: ${params.add(id)}})<-[:PART_OF*1..${MAX_ANCESTRY}]-(d:Organization) WITH DISTINCT d AS n`;
  }

  /** One page of every organization below this one, at any depth. */
  descendantsOf(id: string, order: SortInput[], page: KeysetPage): Promise<KeyedPage<{ node: EntityRow }>> {
    const params = new ParamBag();
    return this.nodePage('Organization', [], params, page, sortTerms('n', order), this.descendantsAnchor(id, params));
  }

  countDescendants(id: string): Promise<number> {
    const params = new ParamBag();
    return this.countNodes('Organization', [], params, this.descendantsAnchor(id, params));
  }
}
