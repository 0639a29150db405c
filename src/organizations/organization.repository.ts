import { EntityRow } from '../common/node.type';
import neo4j from 'neo4j-driver';
import { PageRequest, ParamBag, pageCondition, project, where } from '../db/cypher';
import { groupBy } from '../db/loaders';
import { ListFilter, Repository } from '../nodes/base.repository';
import { Level } from '../common/enums';
import { ORGANIZATION_TYPENAMES, OrganizationKind } from './organization-kind';
import { MAX_ORG_CHART_DEPTH, OrgChartEntity, OrgChartInclude, OrgChartNode } from './org-chart.type';

/** Longest PART_OF chain followed for ancestors and descendants; real hierarchies are far shallower. */
const MAX_ANCESTRY = 50;

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

  private descendantConditions(params: ParamBag, id: string): string {
    return `MATCH (:Organization {id: ${params.add(id)}})<-[:PART_OF*1..${MAX_ANCESTRY}]-(d:Organization) WITH DISTINCT d AS n`;
  }

  /** One page of every organization below this one, at any depth, by (name, id). */
  async descendantsOf(id: string, page: PageRequest): Promise<EntityRow[]> {
    const params = new ParamBag();
    const match = this.descendantConditions(params, id);
    const limit = params.add(neo4j.int(page.first + 1));
    const rows = await this.graph.read(
      `${match} ${where(pageCondition('n', page, params))}
       RETURN ${project('n')} AS node ORDER BY n.name, n.id LIMIT ${limit}`,
      params.values,
    );
    return this.entities(rows.map((row) => row.node));
  }

  async countDescendants(id: string): Promise<number> {
    const params = new ParamBag();
    const rows = await this.graph.read(`${this.descendantConditions(params, id)} RETURN count(n) AS count`, params.values);
    return rows[0]?.count ?? 0;
  }
}
