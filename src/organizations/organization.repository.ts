import neo4j from 'neo4j-driver';
import { EntityRow } from '../api/node.type';
import { Row } from '../db/graph';
import { KeyedPage, KeysetPage, RelatedRow, SortInput } from '../api/connection';
import type { MembershipWhere, OrganizationWhere } from '../api/where.input';
import { ParamBag, project, projectFields, projectRelationship } from '../query/cypher';
import { groupBy } from '../db/loaders';
import { membershipConditions, nameAnchor, organizationConditions } from '../query/filter';
import { RelationshipQuery, Repository, sortTerms } from '../query/repository';
import { toEntity } from '../query/entity';
import { relationshipMatch } from '../query/pattern';
import { prefetch, prefetched } from '../api/prefetch';
import { AWARD_PROPERTIES, awardRow } from '../query/award-row';
import { AWARDS_OF_RECIPIENT } from '../query/fragments';
import { ChartPlan, OrganizationPagePlan, SubtreePlan } from './organization.plan';
import { ORGANIZATION_TYPENAMES } from '../api/organization-kind';
import { MAX_ORG_CHART_DEPTH, MAX_ORG_CHART_ORGANIZATIONS, OrgChartEntity, OrgChartInclude, OrgChartNode } from './org-chart.type';
import { Transaction } from '../db/graph';
import { storedDateText } from '../graph/partial-date';
import { dateProps } from '../db/temporal';
import { ValidTime, asOfDay, heldAt, pathHeldCondition, validTimeCondition, validTimeConditions, validTimeKey } from '../query/valid-time';

/** Membership fields that are relationship properties of the same name. */
const MEMBERSHIP_PROPERTIES = ['id', 'role', 'since', 'until'];

const ALL_COUNTS: ChartPlan = { children: true, members: true, awards: true };

/** Longest PART_OF chain followed for ancestors and descendants; real hierarchies are far shallower. */
const MAX_ANCESTRY = 50;

export interface MembershipRow {
  /** The statement id (graph/model.ts STATEMENT_ID). */
  id: string;
  memberId: string;
  organizationId: string;
  role: string | null;
  since: string | null;
  until: string | null;
  sourceIds: string[];
  locators: string[];
  inferred?: boolean;
  note?: string | null;
}

const ORGANIZATION_TYPES = Object.values(ORGANIZATION_TYPENAMES);

/** Deeper nesting is fetched level by level below this many levels. */
const MAX_SUBTREE_LEVELS = 10;

/** 'full' (whole nodes), or 'chart:<fields>' (only those chart fields, comma-separated and sorted). */
type SubtreeShape = string;
/** Fields an org chart shows that are plain properties (or need only the labels). */
const CHART_FIELDS = new Set(['__typename', 'id', 'name', 'aliases', 'nameEn', 'kind', 'level', 'children']);

function subtreeShape(fields: Set<string>): SubtreeShape {
  return [...fields].every((field) => CHART_FIELDS.has(field)) ? `chart:${[...fields].sort().join(',')}` : 'full';
}

/**
 * A subquery body over organization `v`: its subtree `levels` deep as rows of [parentId, depth,
 * node], by name then id. A chart reads only the fields it shows (`fields`, all chart fields).
 */
function subtreeOf(v: string, levels: number, shape: SubtreeShape, held: string | null): string {
  const chartFields = shape === 'full' ? null : new Set(shape.slice('chart:'.length).split(','));
  const projection = projectFields('other', chartFields, ['children']) ?? project('other');
  // Every link on the way must hold that day; with allTime, two periods of one link are one row.
  return `MATCH path = (${v})<-[:PART_OF*1..${levels}]-(other:Organization) ${held ? `WHERE ${held}` : ''}
    WITH DISTINCT nodes(path)[-2].id AS parentId, length(path) AS depth, other
    ORDER BY other.name, other.id
    RETURN collect([parentId, depth, ${projection}]) AS subtree`;
}

/** A loader's valid-time condition on relationship `r` (WHERE clause, or ''), its parameters, and the key of its day. */
function heldWhere(r: string, time: ValidTime): { where: string; params: Record<string, unknown>; key: string } {
  const params = new ParamBag();
  const condition = validTimeCondition(r, time, params);
  return { where: condition ? `WHERE ${condition}` : '', params: params.values, key: validTimeKey(time) };
}

/** The name of the prefetched value of a valid-time field (children, members…) read for `time`: it never answers another day. */
export const prefetchedName = (field: string, time: ValidTime) => `${field}|${validTimeKey(time)}`;

/** Relationship fields whose other end is an organization; `parent` is the node the field is on. */
/** Each link walks one relationship of graph/model.ts from the parent's end to the organization at the other. */
const LINK_QUERIES = {
  children: relationshipMatch('PART_OF', 'to'),
  parent: relationshipMatch('PART_OF', 'from'),
  conferredBy: relationshipMatch('CONFERRED_BY', 'from'),
  organizers: relationshipMatch('ORGANIZED', 'to'),
  partners: relationshipMatch('PARTNERED', 'to'),
};
export type OrganizationLink = keyof typeof LINK_QUERIES;

export class OrganizationRepository extends Repository {
  /**
   * An organization by id. With `plan.members` (the request shows its members) the members come
   * in the same query, and with their `awards` planned so do their awards and honors: the whole
   * organization page in one round trip, handed to the fields as prefetched values on the rows.
   * When the request shows only plain properties of the members or honors, only those are read;
   * such partial rows are kept out of the request caches.
   */
  async byId(id: string, plan: OrganizationPagePlan = {}): Promise<EntityRow | null> {
    const members = plan.members;
    if (!members) return this.typedById(id, ORGANIZATION_TYPES);
    const awards = members.member.awards;
    const memberProjection = projectFields('other', members.member.fields, awards ? ['awards'] : []);
    const honorProjection = awards ? projectFields('h', awards.honorFields) : null;
    const membershipProjection = projectRelationship('m', members.membershipFields, MEMBERSHIP_PROPERTIES, ['member', 'organization'], ['.sincePrecision', '.untilPrecision']);
    const awardProjection = awards ? projectRelationship('a', awards.awardFields, AWARD_PROPERTIES, ['honor', 'recipient']) : null;
    const time = members.time;
    const held = heldWhere('m', time);
    const [row] = await this.graph.read(
      `MATCH (o:Organization {id: $id})
       CALL (o) {
         MATCH (other:Entity)-[m:MEMBER_OF]->(o) ${held.where}
         WITH other, m ORDER BY other.name, other.id
         LIMIT $cap
         ${awards ? `CALL (other) { ${AWARDS_OF_RECIPIENT('other', honorProjection ?? undefined, awardProjection ?? undefined)} }` : 'WITH other, m, null AS awards'}
         RETURN collect({other: ${memberProjection ?? project('other')}, m: ${membershipProjection ?? 'm {.*}'}, awards: awards}) AS members
       }
       RETURN ${project('o')} AS node, members`,
      { ...held.params, id, cap: this.graph.listCap },
    );
    if (!row) return null;
    const [cached] = this.entities([row.node]);
    // Only what was read whole may answer other fields of this request, through its caches or
    // through prefetched values on a cached node; anything narrower is attached to a copy.
    const whole = memberProjection === null && membershipProjection === null;
    const awardsWhole = whole && honorProjection === null && awardProjection === null;
    const memberRows: MembershipRow[] = row.members.map((member: Row) => this.membershipRow('members', id, member, memberProjection === null));
    if (whole) this.membershipLoader('members', time).prime(id, memberRows);
    if (awards) {
      row.members.forEach((member: Row, i: number) => {
        const honors: EntityRow[] = awardsWhole ? this.entities(member.awards.map((award: Row) => award.far)) : member.awards.map((award: Row) => toEntity(award.far)!);
        const received = member.awards.map((award: Row, j: number) => awardRow('recipient', member.other.id, award.a, honors[j]));
        const memberRow = prefetched(memberRows[i], 'member') as EntityRow;
        prefetch(memberRows[i], { member: prefetch(awardsWhole ? memberRow : { ...memberRow }, { awards: received }) });
      });
    }
    return prefetch(whole && (!awards || awardsWhole) ? cached : { ...cached }, { [prefetchedName('members', time)]: memberRows });
  }

  /** `whole`: the far end is a whole node, which may enter the request's node cache. */
  private membershipRow(direction: 'members' | 'memberships', id: string, row: Row, whole = true): MembershipRow {
    const other = whole ? this.entities([row.other])[0] : toEntity(row.other)!;
    const [memberId, organizationId] = direction === 'members' ? [other.id, id] : [id, other.id];
    return prefetch(membershipOf(row.m, memberId, organizationId), { [direction === 'members' ? 'member' : 'organization']: other });
  }

  list(filter: OrganizationWhere | null | undefined, order: SortInput[], page: KeysetPage): Promise<KeyedPage<{ node: EntityRow }>> {
    const params = new ParamBag();
    const conditions = organizationConditions('n', filter, params);
    return this.nodePage('Organization', conditions, params, page, sortTerms('n', order), nameAnchor('Organization', filter, params));
  }

  count(filter: OrganizationWhere | null | undefined): Promise<number> {
    const params = new ParamBag();
    const conditions = organizationConditions('n', filter, params);
    return this.countNodes('Organization', conditions, params, nameAnchor('Organization', filter, params));
  }

  /** The parent on the day `time` names (one at most: periods of one organization's links do not overlap). */
  async parentOf(id: string, time: ValidTime = {}): Promise<EntityRow | null> {
    const held = heldWhere('r', { asOf: time.asOf });
    const parents = await this.relatedLoader(
      `organization.parent.${held.key}`,
      `MATCH (:Organization {id: id})-[r:PART_OF]->(other:Organization) ${held.where}`,
      undefined,
      held.params,
    ).load(id);
    return parents[0] ?? null;
  }

  private childrenLoader(time: ValidTime) {
    const held = heldWhere('r', time);
    return this.relatedLoader(
      `organization.children.${held.key}`,
      `MATCH (:Organization {id: id})<-[r:PART_OF]-(other:Organization) ${held.where} WITH DISTINCT id, other`,
      undefined,
      held.params,
    );
  }

  /**
   * Direct children. When the request shows several levels of nested children, the whole subtree
   * comes in one query and every level below is handed down as prefetched `children`. When it shows
   * nothing but the chart fields (name, kind, level…) at any level, only those are read: an org
   * chart is the hottest query of a frontend, and whole nodes cost Neo4j and the driver several times more.
   */
  childrenOf(id: string, plan: SubtreePlan): Promise<EntityRow[]> {
    if (plan.levels <= 1) return this.childrenLoader(plan.time).load(id);
    return this.subtreeLoader(Math.min(plan.levels, MAX_SUBTREE_LEVELS), subtreeShape(plan.fields), plan.time).load(id);
  }

  private subtreeLoader(levels: number, shape: SubtreeShape, time: ValidTime) {
    return this.loaders.get<EntityRow[]>(`organization.subtree.${shape}.${levels}.${validTimeKey(time)}`, async (ids) => {
      const params = new ParamBag();
      const held = pathHeldCondition('path', time, params);
      const rows = await this.graph.read(
        `UNWIND $ids AS id
         MATCH (parent:Organization {id: id})
         CALL (parent) { ${subtreeOf('parent', levels, shape, held)} }
         RETURN id, subtree`,
        { ...params.values, ids },
      );
      const subtrees = new Map(rows.map((row) => [row.id as string, row.subtree as any[][]]));
      return ids.map((id) => this.subtreeRows(id, subtrees.get(id) ?? [], levels, shape, time));
    });
  }

  /**
   * The root's children from a subtree read by `subtreeOf` (rows of [parentId, depth, node]), each
   * child above the last level carrying its own children as prefetched values.
   */
  private subtreeRows(rootId: string, subtree: any[][], levels: number, shape: SubtreeShape, time: ValidTime): EntityRow[] {
    const children = new Map<string, EntityRow[]>([[rootId, []]]);
    for (const [, depth, node] of subtree) if (depth < levels) children.set(node.id, []);
    // Chart rows are partial, so they stay out of the request's node cache.
    const nodes = shape === 'full' ? this.entities(subtree.map((row) => row[2])) : subtree.map((row) => toEntity(row[2])!);
    subtree.forEach(([parentId], i) => children.get(parentId)?.push(nodes[i]));
    for (const node of nodes) {
      const list = children.get(node.id);
      if (list) prefetch(node, { [prefetchedName('children', time)]: list });
    }
    return children.get(rootId)!;
  }

  /**
   * An organization with `plan.levels` levels of children, in one query (the organization page of
   * a frontend drawing a nested chart); the children are read as for `childrenOf`.
   */
  async byIdWithSubtree(id: string, plan: SubtreePlan): Promise<EntityRow | null> {
    const shape = subtreeShape(plan.fields);
    const depth = Math.min(Math.max(plan.levels, 1), MAX_SUBTREE_LEVELS);
    const params = new ParamBag();
    const held = pathHeldCondition('path', plan.time, params);
    const [row] = await this.graph.read(
      `MATCH (root:Organization {id: $id})
       CALL (root) { ${subtreeOf('root', depth, shape, held)} }
       RETURN ${project('root')} AS node, subtree`,
      { ...params.values, id },
    );
    if (!row) return null;
    const [org] = this.entities([row.node]);
    const children = this.subtreeRows(id, row.subtree, depth, shape, plan.time);
    // Whole children may answer wherever this (cached) organization shows up; partial ones only here.
    return prefetch(shape === 'full' ? org : { ...org }, { [prefetchedName('children', plan.time)]: children });
  }

  /** An organization-to-organization relationship field as a connection query, filtered on the other end. */
  private linked(field: string, match: string, filter: OrganizationWhere | null | undefined, order: SortInput[], time: ValidTime | null): RelationshipQuery {
    return {
      field,
      match,
      conditions: (params) => [...(time ? validTimeConditions('r', time, params) : []), ...organizationConditions('other', filter, params)],
      terms: sortTerms('other', order),
      key: JSON.stringify([filter ?? null, time ? validTimeKey(time) : null]),
    };
  }

  /**
   * Organizations linked to a node (children, parent, conferring bodies, organizers, partners), with the link's provenance.
   * The hierarchy links (children, parent) are those holding on the day `time` names (today by default), or all with allTime.
   */
  linkedPage(link: OrganizationLink, parentId: string, filter: OrganizationWhere | null | undefined, order: SortInput[], page: KeysetPage, time: ValidTime = {}) {
    const dated = link === 'children' || link === 'parent';
    const query = this.linked(`organization.${link}Page`, LINK_QUERIES[link], filter, order, dated ? time : null);
    return { page: this.relationshipPage(query, page, parentId), count: () => this.relationshipCount(query, parentId) };
  }

  private membershipQuery(direction: 'members' | 'memberships', filter: MembershipWhere | null | undefined, order: SortInput[], time: ValidTime): RelationshipQuery {
    const [match, member, organization] =
      direction === 'members'
        ? ['MATCH (other:Entity)-[r:MEMBER_OF]->(parent:Organization {id: id})', 'other', 'parent']
        : ['MATCH (parent:Entity {id: id})-[r:MEMBER_OF]->(other:Organization)', 'parent', 'other'];
    return {
      field: `organization.${direction}Page`,
      match,
      conditions: (params) => [...validTimeConditions('r', time, params), ...membershipConditions('r', member, organization, filter, params)],
      terms: sortTerms('other', order),
      key: JSON.stringify([filter ?? null, validTimeKey(time)]),
    };
  }

  /** Members of an organization (`members`) or organizations a node belongs to (`memberships`), as a page per parent. */
  membershipPage(direction: 'members' | 'memberships', parentId: string, filter: MembershipWhere | null | undefined, order: SortInput[], page: KeysetPage, time: ValidTime = {}): {
    page: Promise<KeyedPage<RelatedRow>>;
    count: () => Promise<number>;
  } {
    const query = this.membershipQuery(direction, filter, order, time);
    return { page: this.relationshipPage(query, page, parentId), count: () => this.relationshipCount(query, parentId) };
  }

  /** Memberships in the organization (`members`) or of the member (`memberships`), one query per request each. */
  private membershipLoader(direction: 'members' | 'memberships', time: ValidTime) {
    const pattern =
      direction === 'members'
        ? 'MATCH (other:Entity)-[m:MEMBER_OF]->(:Organization {id: id})'
        : 'MATCH (:Entity {id: id})-[m:MEMBER_OF]->(other:Organization)';
    const held = heldWhere('m', time);
    return this.loaders.get<MembershipRow[]>(`organization.${direction}.${held.key}`, async (ids) => {
      const rows = await this.graph.read(
        `UNWIND $ids AS id ${pattern} ${held.where}
         WITH id, other, m ORDER BY other.name, other.id
         WITH id, collect({other: ${project('other')}, m: m {.*}})[..$cap] AS rows
         UNWIND rows AS row
         RETURN id, row.other AS other, row.m AS m`,
        { ...held.params, ids, cap: this.graph.listCap },
      );
      return groupBy(ids, rows, (row) => row.id).map((group) => group.map((row) => this.membershipRow(direction, row.id, row)));
    });
  }

  membersOf(organizationId: string, time: ValidTime = {}): Promise<MembershipRow[]> {
    return this.membershipLoader('members', time).load(organizationId);
  }

  membershipsOf(memberId: string, time: ValidTime = {}): Promise<MembershipRow[]> {
    return this.membershipLoader('memberships', time).load(memberId);
  }

  /**
   * The org chart under `rootId`, `depth` levels deep, in ONE query: a variable-length PART_OF
   * path from the root and, per organization, the shortest one (so a cycle, which the editors'
   * mutations refuse anyway, cannot repeat a node or loop: a shortest path never visits a node
   * twice). The counts are computed only when `counts` asks for them, and the whole chart comes
   * back as one record of lists, which costs Neo4j and the driver far less than a record per box.
   * Returns null when the root is not an organization, 'too-large' when the chart holds more than
   * MAX_ORG_CHART_ORGANIZATIONS organizations (counts and leaves are computed for at most one more
   * than that); leaves are capped per organization at the list cap.
   */
  async orgChart(
    rootId: string,
    depth: number,
    include: OrgChartInclude[],
    counts: ChartPlan = ALL_COUNTS,
    time: ValidTime = {},
  ): Promise<OrgChartNode[] | null | 'too-large'> {
    if (!Number.isInteger(depth) || depth < 0 || depth > MAX_ORG_CHART_DEPTH) throw new Error(`depth out of range: ${depth}`);
    const count = (wanted: boolean, pattern: string) => (wanted ? `COUNT { ${pattern} }` : '0');
    const leaves = (wanted: boolean, comprehension: string) => (wanted ? comprehension : '[]');
    // The chart as it stood on the day: every link of a box's path, its counted children and its members held then.
    const params = new ParamBag();
    const day = time.allTime ? null : asOfDay(params, time.asOf);
    const held = (r: string) => (day ? ` WHERE ${heldAt(r, day)}` : '');
    const [row] = await this.graph.read(
      `MATCH (root:Organization {id: $rootId})
       MATCH path = (root)<-[:PART_OF*0..${depth}]-(org:Organization)
       ${day ? `WHERE all(step IN relationships(path) WHERE ${heldAt('step', day)})` : ''}
       WITH org, length(path) AS level, CASE WHEN length(path) = 0 THEN null ELSE nodes(path)[-2].id END AS parentId
       ORDER BY level
       WITH org, head(collect([level, parentId])) AS shortest
       WITH org, shortest[0] AS level, shortest[1] AS parentId
       ORDER BY level, org.name, org.id
       LIMIT $most
       RETURN collect([org.id, parentId, org.name, org.kind, org.level, level,
         ${count(counts.children, `(org)<-[c:PART_OF]-(:Organization)${held('c')}`)},
         ${count(counts.members, `(:Entity)-[m:MEMBER_OF]->(org)${held('m')}`)},
         ${count(counts.awards, '(org)-[:RECEIVED]->(:Honor)')},
         ${leaves(include.includes(OrgChartInclude.MEMBERS), `[(p:Person)-[pm:MEMBER_OF]->(org)${held('pm')} | [p.id, p.name, COUNT { (p)-[:RECEIVED]->(:Honor) }]][0..$cap]`)},
         ${leaves(include.includes(OrgChartInclude.PROGRAMS), '[(org)-[:ORGANIZED|PARTNERED]->(g:Program) | [g.id, g.name, g.kind]][0..$cap]')},
         ${leaves(include.includes(OrgChartInclude.HONORS), '[(org)-[:RECEIVED]->(h:Honor) | [h.id, h.name, h.level]][0..$cap]')}]) AS boxes`,
      { ...params.values, rootId, most: neo4j.int(MAX_ORG_CHART_ORGANIZATIONS + 1), cap: this.graph.listCap },
    );
    const boxes: any[][] = row?.boxes ?? [];
    if (boxes.length === 0) return null;
    if (boxes.length > MAX_ORG_CHART_ORGANIZATIONS) return 'too-large';
    const nodes: OrgChartNode[] = [];
    const leafNodes: OrgChartNode[] = [];
    const leafIds = new Set<string>();
    const byName = (a: any[], b: any[]) => a[1].localeCompare(b[1], 'zh') || a[0].localeCompare(b[0]);
    for (const [id, parentId, name, kind, administrativeLevel, level, childCount, memberCount, awardCount, members, programs, honors] of boxes) {
      nodes.push({
        id, parentId, entityId: id, entity: OrgChartEntity.ORGANIZATION, name, kind: kind ?? null, level,
        administrativeLevel: administrativeLevel ?? null, childCount, memberCount, awardCount,
        hasMore: level === depth && childCount > 0,
      });
      const leaf = (entity: OrgChartEntity, segment: string, itemId: string, itemName: string, extra: Partial<OrgChartNode> = {}) => {
        const leafId = `${id}/${segment}/${itemId}`;
        if (leafIds.has(leafId)) return; // an honor received in several years is one leaf
        leafIds.add(leafId);
        leafNodes.push({
          id: leafId, parentId: id, entityId: itemId, entity, name: itemName, kind: null, level: level + 1,
          administrativeLevel: null, childCount: 0, memberCount: 0, awardCount: 0, hasMore: false, ...extra,
        });
      };
      for (const [pid, pname, pawards] of [...members].sort(byName)) leaf(OrgChartEntity.PERSON, 'member', pid, pname, { awardCount: pawards });
      for (const [gid, gname, gkind] of [...programs].sort(byName)) leaf(OrgChartEntity.PROGRAM, 'program', gid, gname, { kind: gkind ?? null });
      for (const [hid, hname, hlevel] of [...honors].sort(byName)) leaf(OrgChartEntity.HONOR, 'honor', hid, hname, { administrativeLevel: hlevel ?? null });
    }
    return [...nodes, ...leafNodes];
  }

  /** The organizations above this one, root first. */
  /** The organizations above this one on the day `time` names (every link of the chain held then), root first. */
  ancestorsOf(id: string, time: ValidTime = {}): Promise<EntityRow[]> {
    const params = new ParamBag();
    const held = pathHeldCondition('path', { asOf: time.asOf }, params);
    return this.relatedLoader(
      `organization.ancestors.${validTimeKey({ asOf: time.asOf })}`,
      `MATCH path = (:Organization {id: id})-[:PART_OF*1..${MAX_ANCESTRY}]->(other:Organization)
       WHERE ${held}
       WITH id, other, min(length(path)) AS distance`,
      'distance DESC',
      params.values,
    ).load(id);
  }

  /** Binds `n` to each organization below `id`, at any depth, once: through links that held on the day `time` names, or any with allTime. */
  private descendantsAnchor(id: string, params: ParamBag, time: ValidTime): string {
    const held = pathHeldCondition('path', time, params);
    return `MATCH path = (:Organization {id: ${params.add(id)}})<-[:PART_OF*1..${MAX_ANCESTRY}]-(d:Organization) ${held ? `WHERE ${held}` : ''} WITH DISTINCT d AS n`;
  }

  /** One page of every organization below this one, at any depth. */
  descendantsOf(id: string, order: SortInput[], page: KeysetPage, time: ValidTime = {}): Promise<KeyedPage<{ node: EntityRow }>> {
    const params = new ParamBag();
    return this.nodePage('Organization', [], params, page, sortTerms('n', order), this.descendantsAnchor(id, params, time));
  }

  countDescendants(id: string, time: ValidTime = {}): Promise<number> {
    const params = new ParamBag();
    return this.countNodes('Organization', [], params, this.descendantsAnchor(id, params, time));
  }

  // ---- writes (inside a write transaction; the rules and history are in organization.service.ts) ----

  /** The ids on a PART_OF path from `parentId` up to `id`, if there is one (the new edge would close it). */
  async pathUp(tx: Transaction, parentId: string, id: string): Promise<string[] | null> {
    const [row] = await tx.run(
      'MATCH path = (:Organization {id: $parentId})-[:PART_OF*1..]->(:Organization {id: $id}) RETURN [n IN nodes(path) | n.id] AS ids LIMIT 1',
      { id, parentId },
    );
    return row ? row.ids : null;
  }

  /** The organization's PART_OF edges as they are, with their periods as text. */
  async parentEdges(tx: Transaction, id: string): Promise<{ parentId: string; key: string | null; since: string | null; until: string | null }[]> {
    const rows = await tx.run('MATCH (:Organization {id: $id})-[r:PART_OF]->(p:Entity) RETURN p.id AS parentId, r.key AS key, properties(r) AS props', { id });
    return rows.map((row) => ({ parentId: row.parentId, key: row.key, since: storedDateText(row.props, 'since'), until: storedDateText(row.props, 'until') }));
  }

  /** Ends a PART_OF link with the period `until` (YYYY, YYYY-MM or YYYY-MM-DD). */
  async endParentLink(tx: Transaction, id: string, parentId: string, key: string, until: string): Promise<void> {
    await tx.run('MATCH (:Organization {id: $id})-[r:PART_OF {key: $key}]->(:Organization {id: $parentId}) SET r += $until', {
      id, parentId, key, until: dateProps('until', until),
    });
  }

  /**
   * Cites a PART_OF link: the sources not yet among its citations are added (locator unknown),
   * and `props` (its start's own provenance, say) are set beside them.
   */
  async citeParentLink(
    tx: Transaction,
    id: string,
    parentId: string,
    key: string,
    sourceIds: readonly string[],
    props: Record<string, unknown>,
    locators?: readonly (string | null)[] | null,
  ): Promise<void> {
    // Each source's locator by id (aligned with sourceIds), '' where none is given.
    const at = Object.fromEntries(sourceIds.map((s, i) => [s, locators?.[i] ?? '']));
    await tx.run(
      `MATCH (:Organization {id: $id})-[r:PART_OF {key: $key}]->(:Organization {id: $parentId})
       WITH r, [s IN $sourceIds WHERE NOT s IN coalesce(r.sourceIds, [])] AS added
       SET r.sourceIds = coalesce(r.sourceIds, []) + added, r.locators = coalesce(r.locators, []) + [s IN added | coalesce($at[s], '')], r += $props`,
      { id, parentId, key, sourceIds, props, at },
    );
  }

  /** A new PART_OF link from `since` on, open-ended, under `key` (each period of a pair has its own). */
  async addParentLink(tx: Transaction, id: string, parentId: string, key: string, since: string, createdBy: string): Promise<void> {
    await tx.run(
      `MATCH (o:Organization {id: $id}), (p:Organization {id: $parentId})
       CREATE (o)-[r:PART_OF {key: $key}]->(p) SET r += $props, r.id = 'st-' + randomUUID()`,
      { id, parentId, key, props: { ...dateProps('since', since), sourceIds: [], locators: [], inferred: false, createdBy } },
    );
  }

  /** Puts the organization under `parentId` alone, undated (null: top level): links of every other parent or period go. */
  async setParent(tx: Transaction, id: string, parentId: string | null): Promise<void> {
    await tx.run(
      `MATCH (:Organization {id: $id})-[r:PART_OF]->(p:Entity)
       WHERE $parentId IS NULL OR p.id <> $parentId OR r.key <> 'parent' OR r.since IS NOT NULL OR r.until IS NOT NULL
       DELETE r`,
      { id, parentId },
    );
    if (parentId != null) {
      await tx.run(
        `MATCH (o:Organization {id: $id}), (p:Organization {id: $parentId})
         MERGE (o)-[r:PART_OF {key: 'parent'}]->(p) ON CREATE SET r.id = 'st-' + randomUUID(), r.sourceIds = [], r.locators = [], r.inferred = false`,
        { id, parentId },
      );
    }
  }

  /** How many parents the organization has apart from `exceptId`. */
  async otherParentCount(tx: Transaction, id: string, exceptId: string): Promise<number> {
    const [{ parents }] = await tx.run(
      'MATCH (k:Organization {id: $keepId}) RETURN COUNT { (k)-[:PART_OF]->(p) WHERE p.id <> $mergeId } AS parents',
      { keepId: id, mergeId: exceptId },
    );
    return parents;
  }

  /** Writes a MEMBER_OF edge's properties (`from` a member of `to`, in the role its key names). */
  async mergeMembership(tx: Transaction, rel: MembershipEdge, props: Record<string, unknown>): Promise<void> {
    await tx.run(
      `MATCH (a:Entity {id: $from}), (o:Organization {id: $to})
       MERGE (a)-[r:MEMBER_OF {key: $key}]->(o)
       ON CREATE SET r.id = 'st-' + randomUUID()
       SET r += $props`,
      { ...rel, props },
    );
  }

  /** Sets the membership's until date (DATE and precision), and `props` (the until's provenance, say) beside it. */
  async endMembership(tx: Transaction, rel: MembershipEdge, until: string, props: Record<string, unknown> = {}): Promise<void> {
    await tx.run('MATCH (:Entity {id: $from})-[r:MEMBER_OF {key: $key}]->(:Entity {id: $to}) SET r += $props, r += $until', { ...rel, until: dateProps('until', until), props });
  }
}

/** A membership as GraphQL shows it, from a MEMBER_OF edge's properties: its dates as text (YYYY, YYYY-MM or YYYY-MM-DD). */
export function membershipOf(props: Record<string, any>, memberId: string, organizationId: string): MembershipRow {
  return { ...props, since: storedDateText(props, 'since'), until: storedDateText(props, 'until'), memberId, organizationId } as MembershipRow;
}

/** One MEMBER_OF edge: member, organization and the key naming the role. */
export interface MembershipEdge {
  type: 'MEMBER_OF';
  from: string;
  to: string;
  key: string;
}
