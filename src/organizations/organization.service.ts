import type { Viewer } from '../auth/viewer';
import { EntityType } from '../api/entity-type';
import { badInput, conflict, notFound } from '../api/errors';
import { checkId } from '../api/id';
import { given } from '../api/named.input';
import { EntityRow } from '../api/node.type';
import { check, dateProblem } from '../api/validation';
import { NamedEntities, createSpec, updateSpec } from '../editing/named-entities';
import { Recorder, RelKey } from '../editing/recorder';
import { lock, mutate, provenance, requireEntity, requireSourceLists, unionCitations } from '../editing/write';
import { QualifierProvenanceInput, qualifierProperties } from '../api/qualifier.type';
import { Graph } from '../db/graph';
import { lockHierarchy } from './hierarchy';
import { CreateOrganizationInput, UpdateOrganizationInput } from './organization.input';
import { MembershipEdge, MembershipRow, OrganizationRepository, membershipOf } from './organization.repository';
import { dateProps } from '../db/temporal';
import { parsePartialDate, periodBefore, periodsOverlap, storedDateText } from '../graph/partial-date';

const RECIPIENT = ['Person', 'Organization'];

/** What an editor may say of a hierarchy link beside its ends: the sources stating it, and its start's own provenance. */
export interface LinkProvenance {
  sourceIds?: string[] | null;
  /** Where in each source the link is stated, aligned with sourceIds. */
  locators?: string[] | null;
  sinceProvenance?: QualifierProvenanceInput | null;
}

/** The provenance given for a membership's qualifiers, where it differs from the membership's. */
export type MembershipQualifierProvenance = Partial<Record<'role' | 'since' | 'until', QualifierProvenanceInput | null>>;

/** Checks that each qualifier given a provenance has a value, and the sources of all exist (locking them). */
async function requireQualifierProvenance(rec: Recorder, sourceIds: string[] | null | undefined, values: Record<string, unknown>, given: MembershipQualifierProvenance): Promise<void> {
  const named = Object.entries(given).filter(([, p]) => p) as [string, QualifierProvenanceInput][];
  for (const [q] of named) if (values[q] == null) throw badInput(`${q}Provenance`, `needs a ${q} to qualify`);
  await requireSourceLists(rec.tx, [['sourceIds', sourceIds], ...named.map(([q, p]) => [`${q}Provenance.sourceIds`, p.sourceIds] as [string, string[] | null | undefined])]);
}

/** The stored properties of the qualifier provenance given. */
const qualifierProps = (given: MembershipQualifierProvenance) =>
  Object.assign({}, ...Object.entries(given).map(([q, p]) => (p ? qualifierProperties(q as 'role' | 'since' | 'until', p) : {})));

/** An editor's changes to organizations: the organizations, their place in the hierarchy, their members. */
export class OrganizationService {
  constructor(
    private readonly graph: Graph,
    private readonly organizations: OrganizationRepository,
    private readonly named: NamedEntities,
  ) {}

  async create(viewer: Viewer, input: CreateOrganizationInput): Promise<EntityRow> {
    const parentId = input.parentId != null ? checkId(input.parentId, 'parentId') : null;
    const id = await this.named.create(
      viewer,
      createSpec(EntityType.ORGANIZATION, input, { kind: input.kind, level: input.level ?? null }, parentId ? [parentId] : []),
      parentId ? (rec, id) => this.setParentIn(rec, id, parentId) : undefined,
    );
    return this.organizations.byIdFresh(id);
  }

  async update(viewer: Viewer, id: string, input: UpdateOrganizationInput): Promise<EntityRow> {
    await this.named.update(viewer, EntityType.ORGANIZATION, id, updateSpec(input, given(input, ['kind', 'level'], ['level'])));
    return this.organizations.byIdFresh(id);
  }

  // ---- hierarchy ----------------------------------------------------------------------------

  /**
   * Without `since`, corrects the record: the organization's links of every period give way to one
   * undated link to `parentId` (none for null). With `since`, records a reorganization: the current
   * link (the one without until) ends with the period just before `since`, of the same precision
   * (since 2021-03: until 2021-02; since 2021: until 2020; since 2021-03-01: until 2021-02-28), and a
   * link to `parentId` starts at `since` (none for null: the organization is top level from then).
   * Periods of one organization's links never overlap (CONFLICT otherwise). The cycle check counts
   * every link whatever its dates: a former ancestor cannot become a descendant.
   */
  async setParentIn(rec: Recorder, id: string, parentId: string | null, since: string | null = null, link: LinkProvenance = {}): Promise<void> {
    if (parentId === id) throw badInput('parentId', 'an organization cannot be its own parent');
    if (since != null) check('since', since, dateProblem);
    if (parentId == null && link.sourceIds?.length) throw badInput('sourceIds', 'cite a link to a parent: needs a parentId');
    if (parentId == null && link.sinceProvenance) throw badInput('sinceProvenance', 'needs a parentId: a new link to qualify');
    // Every hierarchy change queues here before it reads anything, so the cycle check below sees
    // every change committed before it and none can slip in until this one commits.
    await lockHierarchy(rec.tx);
    await requireEntity(rec.tx, 'id', id, ['Organization'], 'an organization');
    if (parentId != null) await requireEntity(rec.tx, 'parentId', parentId, ['Organization'], 'an organization');
    await requireQualifierProvenance(rec, link.sourceIds, { since }, { since: link.sinceProvenance });
    const cite = (key: string) =>
      parentId != null && (link.sourceIds?.length || link.sinceProvenance)
        ? this.organizations.citeParentLink(rec.tx, id, parentId, key, link.sourceIds ?? [], qualifierProps({ since: link.sinceProvenance }), link.locators)
        : Promise.resolve();
    if (parentId != null) {
      const cycle = await this.organizations.pathUp(rec.tx, parentId, id);
      if (cycle) throw badInput('parentId', `would make a cycle: ${[id, ...cycle].join(' → ')}`);
    }
    const existing = await this.organizations.parentEdges(rec.tx, id);
    const rels: RelKey[] = existing.map((row) => ({ type: 'PART_OF', from: id, to: row.parentId, key: row.key ?? 'parent' }));
    if (since == null) {
      if (parentId != null && !rels.some((rel) => rel.to === parentId && rel.key === 'parent')) rels.push({ type: 'PART_OF', from: id, to: parentId, key: 'parent' });
      await rec.tracked('setOrganizationParent', { nodes: [], rels }, async () => {
        await this.organizations.setParent(rec.tx, id, parentId);
        await cite('parent');
      });
      return;
    }
    const current = existing.filter((row) => row.until == null);
    if (current.length > 1) throw conflict(`since: "${id}" has ${current.length} links without an end; correct them with setOrganizationParent without since first`);
    const [open] = current;
    if (open && open.parentId === parentId) {
      // Already under it: the link stays as it is, and only gains the sources given.
      if (link.sourceIds?.length) {
        await rec.tracked('setOrganizationParent', { nodes: [], rels: [{ type: 'PART_OF', from: id, to: parentId!, key: open.key ?? 'parent' }] }, () =>
          this.organizations.citeParentLink(rec.tx, id, parentId!, open.key ?? 'parent', link.sourceIds!, {}, link.locators),
        );
      }
      return;
    }
    if (!open && parentId == null) throw notFound('parentId', `a current parent of "${id}" to end`);
    const until = periodBefore(since);
    if (open?.since != null && !(parsePartialDate(open.since)!.start < parsePartialDate(since)!.start)) {
      throw conflict(`since: the current link of "${id}" to "${open.parentId}" began ${open.since}, not before ${since}`);
    }
    const periods = existing.map((row) => (row === open ? { ...row, until } : row));
    const key = `since:${since}`;
    if (parentId != null) {
      const clash = periods.find((row) => periodsOverlap(row, { since, until: null }));
      if (clash) throw conflict(`since: "${id}" is part of "${clash.parentId}" from ${clash.since ?? 'the start'} until ${clash.until ?? 'now'}; its links must not overlap`);
      if (existing.some((row) => row.parentId === parentId && row.key === key)) throw conflict(`since: a link of "${id}" to "${parentId}" from ${since} exists already`);
      rels.push({ type: 'PART_OF', from: id, to: parentId, key });
    }
    await rec.tracked('setOrganizationParent', { nodes: [], rels }, async () => {
      if (open) await this.organizations.endParentLink(rec.tx, id, open.parentId, open.key ?? 'parent', until);
      if (parentId != null) await this.organizations.addParentLink(rec.tx, id, parentId, key, since, rec.actor.sub);
      await cite(key);
    });
  }

  async setParent(viewer: Viewer, id: string, parentId: string | null, since: string | null = null, link: LinkProvenance = {}): Promise<EntityRow> {
    await mutate(this.graph, viewer, (rec) => this.setParentIn(rec, id, parentId, since, link));
    return this.organizations.byIdFresh(id);
  }

  // ---- memberships --------------------------------------------------------------------------

  async addMembershipIn(
    rec: Recorder,
    memberId: string,
    organizationId: string,
    role: string | null | undefined,
    since: string | null | undefined,
    sourceIds: string[] | null | undefined,
    qualifiers: MembershipQualifierProvenance = {},
    locators?: string[] | null,
  ): Promise<MembershipRow> {
    if (since != null) check('since', since, dateProblem);
    if (memberId === organizationId) throw badInput('organizationId', 'a member cannot belong to itself');
    await requireEntity(rec.tx, 'memberId', memberId, RECIPIENT, 'a person or an organization');
    await requireEntity(rec.tx, 'organizationId', organizationId, ['Organization'], 'an organization');
    await requireQualifierProvenance(rec, sourceIds, { role, since }, { role: qualifiers.role, since: qualifiers.since });
    await lock(rec.tx, memberId);
    const rel = membership(memberId, organizationId, role);
    const existing = await rec.rel(rel.type, rel.from, rel.to, rel.key);
    if (existing.props?.until) {
      throw conflict(`role: ${memberId} was ${role ?? 'a member'} of ${organizationId} until ${storedDateText(existing.props, 'until')}; a new period needs another role or an undo`);
    }
    await rec.tracked('addMembership', { nodes: [], rels: [rel] }, async () => {
      const props = existing.props
        ? { ...unionCitations(existing.props, sourceIds ?? [], locators), ...(existing.props.since != null ? {} : dateProps('since', since)) }
        : { role: role ?? null, ...dateProps('since', since), ...dateProps('until', null), ...provenance(sourceIds, locators), inferred: false, note: null, createdBy: rec.actor.sub };
      await this.organizations.mergeMembership(rec.tx, rel, { ...props, ...qualifierProps({ role: qualifiers.role, since: qualifiers.since }) });
    });
    const after = await rec.rel(rel.type, rel.from, rel.to, rel.key);
    return membershipOf(after.props!, memberId, organizationId);
  }

  addMembership(
    viewer: Viewer,
    memberId: string,
    organizationId: string,
    role?: string | null,
    since?: string | null,
    sourceIds?: string[] | null,
    qualifiers: MembershipQualifierProvenance = {},
    locators?: string[] | null,
  ): Promise<MembershipRow> {
    return mutate(this.graph, viewer, (rec) => this.addMembershipIn(rec, memberId, organizationId, role, since, sourceIds, qualifiers, locators));
  }

  endMembership(
    viewer: Viewer,
    memberId: string,
    organizationId: string,
    role: string | null | undefined,
    until: string,
    qualifiers: MembershipQualifierProvenance = {},
  ): Promise<MembershipRow> {
    check('until', until, dateProblem);
    return mutate(this.graph, viewer, async (rec) => {
      await requireEntity(rec.tx, 'memberId', memberId, RECIPIENT, 'a person or an organization');
      await requireEntity(rec.tx, 'organizationId', organizationId, ['Organization'], 'an organization');
      await requireQualifierProvenance(rec, null, { until }, { until: qualifiers.until });
      await lock(rec.tx, memberId);
      const rel = membership(memberId, organizationId, role);
      const existing = await rec.rel(rel.type, rel.from, rel.to, rel.key);
      if (!existing.props) throw notFound('role', `${memberId} as ${role ?? 'member'} of ${organizationId}`);
      if (existing.props.until) throw conflict(`until: the membership already ended in ${storedDateText(existing.props, 'until')}`);
      const since = storedDateText(existing.props, 'since');
      if (since && until.slice(0, since.length) < since.slice(0, until.length)) {
        throw badInput('until', `must not be before the membership began (${since}), got ${until}`);
      }
      await rec.tracked('endMembership', { nodes: [], rels: [rel] }, () => this.organizations.endMembership(rec.tx, rel, until, qualifierProps({ until: qualifiers.until })));
      const after = await rec.rel(rel.type, rel.from, rel.to, rel.key);
      return membershipOf(after.props!, memberId, organizationId);
    });
  }
}

/** The MEMBER_OF edge of a member in a role: one per (member, organization, role). */
const membership = (memberId: string, organizationId: string, role: string | null | undefined): MembershipEdge => ({
  type: 'MEMBER_OF',
  from: memberId,
  to: organizationId,
  key: `role:${role ?? ''}`,
});
