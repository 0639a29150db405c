import type { Viewer } from '../auth/viewer';
import { EntityType } from '../api/entity-type';
import { badInput, conflict, notFound } from '../api/errors';
import { checkId } from '../api/id';
import { given } from '../api/named.input';
import { EntityRow } from '../api/node.type';
import { check, dateProblem } from '../api/validation';
import { NamedEntities, createSpec, updateSpec } from '../editing/named-entities';
import { Recorder, RelKey } from '../editing/recorder';
import { lock, mutate, provenance, requireEntity, requireSources, unionCitations } from '../editing/write';
import { Graph } from '../db/graph';
import { lockHierarchy } from './hierarchy';
import { CreateOrganizationInput, UpdateOrganizationInput } from './organization.input';
import { MembershipEdge, MembershipRow, OrganizationRepository } from './organization.repository';

const RECIPIENT = ['Person', 'Organization'];

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

  async setParentIn(rec: Recorder, id: string, parentId: string | null): Promise<void> {
    if (parentId === id) throw badInput('parentId', 'an organization cannot be its own parent');
    // Every hierarchy change queues here before it reads anything, so the cycle check below sees
    // every change committed before it and none can slip in until this one commits.
    await lockHierarchy(rec.tx);
    await requireEntity(rec.tx, 'id', id, ['Organization'], 'an organization');
    if (parentId != null) await requireEntity(rec.tx, 'parentId', parentId, ['Organization'], 'an organization');
    if (parentId != null) {
      const cycle = await this.organizations.pathUp(rec.tx, parentId, id);
      if (cycle) throw badInput('parentId', `would make a cycle: ${[id, ...cycle].join(' → ')}`);
    }
    const existing = await this.organizations.parentEdges(rec.tx, id);
    const rels: RelKey[] = existing.map((row) => ({ type: 'PART_OF', from: id, to: row.parentId, key: row.key ?? 'parent' }));
    if (parentId != null && !existing.some((row) => row.parentId === parentId)) rels.push({ type: 'PART_OF', from: id, to: parentId, key: 'parent' });
    await rec.tracked('setOrganizationParent', { nodes: [], rels }, () => this.organizations.setParent(rec.tx, id, parentId));
  }

  async setParent(viewer: Viewer, id: string, parentId: string | null): Promise<EntityRow> {
    await mutate(this.graph, viewer, (rec) => this.setParentIn(rec, id, parentId));
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
  ): Promise<MembershipRow> {
    if (since != null) check('since', since, dateProblem);
    if (memberId === organizationId) throw badInput('organizationId', 'a member cannot belong to itself');
    await requireEntity(rec.tx, 'memberId', memberId, RECIPIENT, 'a person or an organization');
    await requireEntity(rec.tx, 'organizationId', organizationId, ['Organization'], 'an organization');
    await requireSources(rec.tx, sourceIds);
    await lock(rec.tx, memberId);
    const rel = membership(memberId, organizationId, role);
    const existing = await rec.rel(rel.type, rel.from, rel.to, rel.key);
    if (existing.props?.until) {
      throw conflict(`role: ${memberId} was ${role ?? 'a member'} of ${organizationId} until ${existing.props.until}; a new period needs another role or an undo`);
    }
    await rec.tracked('addMembership', { nodes: [], rels: [rel] }, async () => {
      const props = existing.props
        ? { ...unionCitations(existing.props, sourceIds ?? []), since: existing.props.since ?? since ?? null }
        : { role: role ?? null, since: since ?? null, until: null, ...provenance(sourceIds), inferred: false, note: null, createdBy: rec.actor.sub };
      await this.organizations.mergeMembership(rec.tx, rel, props);
    });
    const after = await rec.rel(rel.type, rel.from, rel.to, rel.key);
    return { ...(after.props as any), memberId, organizationId };
  }

  addMembership(
    viewer: Viewer,
    memberId: string,
    organizationId: string,
    role?: string | null,
    since?: string | null,
    sourceIds?: string[] | null,
  ): Promise<MembershipRow> {
    return mutate(this.graph, viewer, (rec) => this.addMembershipIn(rec, memberId, organizationId, role, since, sourceIds));
  }

  endMembership(viewer: Viewer, memberId: string, organizationId: string, role: string | null | undefined, until: string): Promise<MembershipRow> {
    check('until', until, dateProblem);
    return mutate(this.graph, viewer, async (rec) => {
      await requireEntity(rec.tx, 'memberId', memberId, RECIPIENT, 'a person or an organization');
      await requireEntity(rec.tx, 'organizationId', organizationId, ['Organization'], 'an organization');
      await lock(rec.tx, memberId);
      const rel = membership(memberId, organizationId, role);
      const existing = await rec.rel(rel.type, rel.from, rel.to, rel.key);
      if (!existing.props) throw notFound('role', `${memberId} as ${role ?? 'member'} of ${organizationId}`);
      if (existing.props.until) throw conflict(`until: the membership already ended in ${existing.props.until}`);
      const since: string | null = existing.props.since ?? null;
      if (since && until.slice(0, since.length) < since.slice(0, until.length)) {
        throw badInput('until', `must not be before the membership began (${since}), got ${until}`);
      }
      await rec.tracked('endMembership', { nodes: [], rels: [rel] }, () => this.organizations.endMembership(rec.tx, rel, until));
      const after = await rec.rel(rel.type, rel.from, rel.to, rel.key);
      return { ...(after.props as any), memberId, organizationId };
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
