import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { Viewer } from '../auth/viewer';
import { EntityType, ENTITY_LABELS } from '../api/entity-type';
import { badInput, conflict, notFound } from '../api/errors';
import { EntityRow } from '../api/node.type';
import { check, dateProblem, yearProblem } from '../api/validation';
import { Graph, Transaction } from '../db/graph';
import { Loaders } from '../db/loaders';
import { Candidate, DuplicateRepository, candidateSummary } from '../duplicates/duplicate.repository';
import { HistoryRepository, Recorder } from '../history/history.repository';
import { RelState, Snapshot, safeLabel, safeRelType } from './snapshot';
import { awardEdgeKey, awardKey } from '../honors/award-key';
import { AwardRow } from '../honors/honor.repository';
import { Repository } from '../query/repository';
import { toEntity } from '../query/entity';
import { project } from '../query/cypher';
import { cycleThrough, lockHierarchy } from '../organizations/hierarchy';
import { MembershipRow } from '../organizations/organization.repository';
import { missingSources } from '../sources/source.repository';
import { nameKey, namedProperties, pinyinKey } from '../text/normalize';

type RelKey = Pick<RelState, 'type' | 'from' | 'to' | 'key'>;
interface Tracked {
  nodes: string[];
  rels: RelKey[];
}

const ID_PREFIX: Record<EntityType, string> = {
  PERSON: 'person',
  ORGANIZATION: 'org',
  HONOR: 'honor',
  PROGRAM: 'program',
  SOURCE: 'src',
};

const TYPE_OF_LABEL: Record<string, EntityType> = Object.fromEntries(
  Object.entries(ENTITY_LABELS).map(([type, label]) => [label, type as EntityType]),
);

const CONSTRAINT_FAILED = 'Neo.ClientError.Schema.ConstraintValidationFailed';

/** Readable, unique ids: person-hetingting-1a2b3c4d. */
export function newId(type: EntityType, name: string): string {
  const slug = pinyinKey(name).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32).replace(/-+$/, '');
  return [ID_PREFIX[type], slug, randomUUID().slice(0, 8)].filter(Boolean).join('-');
}

export const provenance = (sourceIds: readonly string[] | null | undefined) => ({
  sourceIds: [...new Set(sourceIds ?? [])],
  locators: [...new Set(sourceIds ?? [])].map(() => ''),
});

/** Adds citations not yet present, keeping sourceIds and locators parallel. */
function unionCitations(props: Record<string, any>, sourceIds: readonly string[]) {
  const ids: string[] = [...(props.sourceIds ?? [])];
  const locators: string[] = [...(props.locators ?? ids.map(() => ''))];
  for (const id of sourceIds) {
    if (!ids.includes(id)) {
      ids.push(id);
      locators.push('');
    }
  }
  return { sourceIds: ids, locators };
}

/** Both lists of citations as (source, locator) pairs, each pair once: no locator is lost. */
export function uniteCitations(a: Record<string, any> | null | undefined, b: Record<string, any> | null | undefined) {
  const pairs: [string, string][] = [];
  for (const props of [a, b]) {
    const ids: string[] = props?.sourceIds ?? [];
    ids.forEach((id, i) => {
      const locator: string = props?.locators?.[i] ?? '';
      if (!pairs.some(([s, l]) => s === id && l === locator)) pairs.push([id, locator]);
    });
  }
  return { sourceIds: pairs.map(([s]) => s), locators: pairs.map(([, l]) => l) };
}

function sourceMissing(missing: { id: string; mergedInto: string | null }[], field: string): void {
  if (!missing.length) return;
  const [{ id, mergedInto }] = missing;
  throw notFound(field, id, mergedInto ? `it was merged into "${mergedInto}"` : undefined);
}

export interface CreateSpec {
  type: EntityType;
  name: string;
  aliases?: string[] | null;
  nameEn?: string | null;
  /** Type-specific properties (kind, level, year…). */
  props: Record<string, unknown>;
  sourceIds?: string[] | null;
  allowDuplicate?: boolean | null;
  /** Source titles are their names. */
  nameProperty?: 'name' | 'title';
}

export interface UpdateSpec {
  name?: string | null;
  aliases?: string[] | null;
  nameEn?: string | null;
  props: Record<string, unknown>;
  sourceIds?: string[] | null;
}

/**
 * Every write an editor makes. Each public method is one write transaction that records its
 * revision in the same transaction; bad input is refused before anything is written.
 */
export class EditingRepository extends Repository {
  constructor(
    graph: Graph,
    loaders: Loaders,
    private readonly duplicates: DuplicateRepository,
    private readonly history: HistoryRepository,
  ) {
    super(graph, loaders);
  }

  // ---- plumbing ---------------------------------------------------------------------------

  /** One transaction with its recorder; constraint violations become CONFLICT errors. */
  async mutate<T>(viewer: Viewer, work: (rec: Recorder) => Promise<T>, onConstraint?: () => Promise<GraphQLError>): Promise<T> {
    try {
      return await this.graph.writeTransaction((tx) => work(this.history.recorder(tx, viewer)));
    } catch (error: any) {
      if (error?.code === CONSTRAINT_FAILED) {
        if (onConstraint) throw await onConstraint();
        throw conflict(`the change collides with an existing record: ${String(error.message).split('\n')[0]}`);
      }
      throw error;
    }
  }

  async snapshot(rec: Recorder, tracked: Tracked): Promise<Snapshot> {
    const snapshot: Snapshot = { nodes: {}, rels: [] };
    for (const id of tracked.nodes) snapshot.nodes[id] = await rec.node(id);
    for (const rel of tracked.rels) snapshot.rels.push(await rec.rel(rel.type, rel.from, rel.to, rel.key));
    return snapshot;
  }

  /** Runs `change` between two snapshots of `tracked` and records the revision. */
  async tracked<T>(rec: Recorder, operation: string, tracked: Tracked, change: () => Promise<T>): Promise<T> {
    const before = await this.snapshot(rec, tracked);
    const result = await change();
    const after = await this.snapshot(rec, tracked);
    if (JSON.stringify(before) !== JSON.stringify(after)) await rec.record(operation, before, after);
    return result;
  }

  /** Takes the node's write lock, so concurrent writers touching it queue behind this one. */
  async lock(tx: Transaction, id: string): Promise<void> {
    await tx.run('MATCH (n:Entity {id: $id}) SET n._lock = true REMOVE n._lock', { id });
  }

  async node(tx: Transaction, id: string): Promise<EntityRow | null> {
    const [row] = await tx.run(`MATCH (n:Entity {id: $id}) RETURN ${project('n')} AS node`, { id });
    return row ? toEntity(row.node) : null;
  }

  /** The node, which must exist (NOT_FOUND) and carry one of `labels` (BAD_USER_INPUT). */
  async require(tx: Transaction, field: string, id: string, labels: string[], what: string): Promise<EntityRow & { labels: string[] }> {
    const [row] = await tx.run(`MATCH (n:Entity {id: $id}) RETURN ${project('n')} AS node, labels(n) AS labels`, { id });
    if (!row) throw notFound(field, id);
    if (!labels.some((label) => row.labels.includes(label))) {
      throw badInput(field, `must be ${what}, but "${id}" is a ${row.labels.filter((l: string) => l !== 'Entity').join('/')}`);
    }
    return { ...toEntity(row.node)!, labels: row.labels };
  }

  /**
   * Locks the cited sources, in id order, then reads them again: a source being merged away
   * holds its lock until the merge commits, and a merge waits for a citation holding it, so a
   * fact never ends up naming a source a merge deleted (the merge rewrites every citation it can
   * see). Taken before any other entity lock, as mergeEntities takes the sources' locks before
   * those of the facts citing them. Returns the ids that do not exist, with the source each was
   * merged into when it was.
   */
  async lockSources(tx: Transaction, sourceIds: readonly string[] | null | undefined): Promise<{ id: string; mergedInto: string | null }[]> {
    if (!sourceIds?.length) return [];
    const ids = [...new Set(sourceIds)].sort();
    await tx.run('UNWIND $ids AS id MATCH (s:Source {id: id}) SET s._lock = true REMOVE s._lock', { ids });
    const missing = await missingSources(tx, ids);
    // In the order given, so the error names the first missing one the caller wrote.
    return [...new Set(sourceIds)].filter((id) => missing.has(id)).map((id) => ({ id, mergedInto: missing.get(id)! }));
  }

  /** Locks the cited sources (see lockSources); NOT_FOUND when one does not exist. */
  async requireSources(tx: Transaction, sourceIds: readonly string[] | null | undefined, field = 'sourceIds'): Promise<void> {
    sourceMissing(await this.lockSources(tx, sourceIds), field);
  }

  private duplicateConflict(field: string, name: string, type: EntityType, candidates: Candidate[], detectedBy = 'candidates'): GraphQLError {
    const list = candidates.map((c) => `${c.node.name ?? c.node.title} (${c.node.id}: ${c.reason})`).join('; ');
    return conflict(`${field}: "${name}" looks like an existing ${ENTITY_LABELS[type]}: ${list}. Use it, merge, or pass allowDuplicate: true`, {
      field,
      candidates: candidateSummary(candidates),
      // 'constraint' when a concurrent create committed first and the nameKey constraint refused this one.
      detectedBy,
    });
  }

  // ---- entities ---------------------------------------------------------------------------

  async createIn(rec: Recorder, spec: CreateSpec): Promise<string> {
    const field = spec.nameProperty ?? 'name';
    await this.requireSources(rec.tx, spec.sourceIds);
    if (!spec.allowDuplicate) {
      const candidates = await this.duplicates.candidates(spec.name, spec.type, (c, p) => rec.tx.run(c, p));
      if (candidates.length) throw this.duplicateConflict(field, spec.name, spec.type, candidates);
    }
    const id = newId(spec.type, spec.name);
    const naming = namedProperties({ name: spec.name, aliases: spec.aliases, nameEn: spec.nameEn });
    // An explicit duplicate gets a key of its own, so the constraint still guards the plain name.
    if (spec.allowDuplicate) naming.nameKey = `${naming.nameKey}#${id}`;
    const props = {
      ...naming,
      ...(field === 'title' ? { title: naming.name } : {}),
      ...spec.props,
      ...provenance(spec.sourceIds),
      inferred: false,
      note: null,
      id,
      createdBy: rec.actor.sub,
    };
    const label = safeLabel(ENTITY_LABELS[spec.type]);
    // A source MENTIONS what it is cited for, as the seed has it, so provenance stays walkable.
    const mentions = props.sourceIds.map((sourceId) => ({ type: 'MENTIONS', from: sourceId, to: id, key: 'mention' }));
    await this.tracked(rec, `create${label}`, { nodes: [id], rels: mentions }, async () => {
      await rec.tx.run(`CREATE (n:Entity:${label}) SET n = $props, n.createdAt = datetime()`, { props });
      await rec.tx.run(
        `UNWIND $sourceIds AS sourceId
         MATCH (s:Source {id: sourceId}), (n:Entity {id: $id})
         MERGE (s)-[m:MENTIONS {key: 'mention'}]->(n) SET m.sourceIds = [sourceId], m.locators = ['']`,
        { sourceIds: props.sourceIds, id },
      );
    });
    return id;
  }

  /** The CONFLICT a lost race on nameKey turns into, with the winner among the candidates. */
  private raceConflict(field: string, name: string, type: EntityType) {
    return async () => {
      const candidates = await this.duplicates.candidates(name, type);
      return this.duplicateConflict(field, name, type, candidates, 'constraint');
    };
  }

  async create(viewer: Viewer, spec: CreateSpec, then?: (rec: Recorder, id: string) => Promise<void>): Promise<EntityRow> {
    const id = await this.mutate(
      viewer,
      async (rec) => {
        const id = await this.createIn(rec, spec);
        if (then) await then(rec, id);
        return id;
      },
      this.raceConflict(spec.nameProperty ?? 'name', spec.name, spec.type),
    );
    return this.byIdFresh(id);
  }

  async byIdFresh(id: string): Promise<EntityRow> {
    const [row] = await this.graph.read(`MATCH (n:Entity {id: $id}) RETURN ${project('n')} AS node`, { id });
    const entity = toEntity(row.node)!;
    this.remember([entity]);
    return entity;
  }

  async update(viewer: Viewer, type: EntityType, id: string, spec: UpdateSpec, nameProperty: 'name' | 'title' = 'name'): Promise<EntityRow> {
    const label = ENTITY_LABELS[type];
    const newName = spec.name;
    await this.mutate(
      viewer,
      async (rec) => {
        // Locked before it is read: the new values are computed from the current ones (aliases,
        // citations), so a concurrent update must be seen, not overwritten.
        // Cited sources are locked first, as every citing write and source merge locks them.
        const missing = await this.lockSources(rec.tx, spec.sourceIds);
        await this.lock(rec.tx, id);
        const current = await this.require(rec.tx, 'id', id, [label], `a ${label}`);
        sourceMissing(missing, 'sourceIds');
        const props: Record<string, unknown> = { ...spec.props };
        if (newName != null || spec.aliases != null || spec.nameEn !== undefined) {
          const name = newName ?? current.name;
          if (newName != null && nameKey(newName) !== nameKey(current.name)) {
            const candidates = (await this.duplicates.candidates(newName, type, (c, p) => rec.tx.run(c, p))).filter((c) => c.node.id !== id);
            if (candidates.length) throw this.duplicateConflict(nameProperty, newName, type, candidates);
          }
          const naming = namedProperties({
            name,
            aliases: spec.aliases ?? current.aliases ?? [],
            nameEn: spec.nameEn === undefined ? current.nameEn : spec.nameEn,
          });
          // A node created as an explicit duplicate keeps its own key.
          if (String(current.nameKey ?? '').includes('#')) naming.nameKey = `${naming.nameKey}#${id}`;
          Object.assign(props, naming, nameProperty === 'title' ? { title: naming.name } : {});
        }
        if (spec.sourceIds) Object.assign(props, unionCitations(current, spec.sourceIds));
        await this.tracked(rec, `update${label}`, { nodes: [id], rels: [] }, () =>
          rec.tx.run('MATCH (n:Entity {id: $id}) SET n += $props, n.updatedAt = datetime()', { id, props }),
        );
      },
      newName != null ? this.raceConflict(nameProperty, newName, type) : undefined,
    );
    return this.byIdFresh(id);
  }

  // ---- organization parent ----------------------------------------------------------------

  async setParentIn(rec: Recorder, id: string, parentId: string | null): Promise<void> {
    if (parentId === id) throw badInput('parentId', 'an organization cannot be its own parent');
    // Every hierarchy change queues here before it reads anything, so the cycle check below sees
    // every change committed before it and none can slip in until this one commits.
    await lockHierarchy(rec.tx);
    await this.require(rec.tx, 'id', id, ['Organization'], 'an organization');
    if (parentId != null) await this.require(rec.tx, 'parentId', parentId, ['Organization'], 'an organization');
    if (parentId != null) {
      const [cycle] = await rec.tx.run(
        'MATCH path = (:Organization {id: $parentId})-[:PART_OF*1..]->(:Organization {id: $id}) RETURN [n IN nodes(path) | n.id] AS ids LIMIT 1',
        { id, parentId },
      );
      if (cycle) throw badInput('parentId', `would make a cycle: ${[id, ...cycle.ids].join(' → ')}`);
    }
    const existing = await rec.tx.run('MATCH (:Organization {id: $id})-[r:PART_OF]->(p:Entity) RETURN p.id AS parentId, r.key AS key', { id });
    const rels: RelKey[] = existing.map((row) => ({ type: 'PART_OF', from: id, to: row.parentId, key: row.key ?? 'parent' }));
    if (parentId != null && !existing.some((row) => row.parentId === parentId)) rels.push({ type: 'PART_OF', from: id, to: parentId, key: 'parent' });
    await this.tracked(rec, 'setOrganizationParent', { nodes: [], rels }, async () => {
      await rec.tx.run(
        'MATCH (:Organization {id: $id})-[r:PART_OF]->(p:Entity) WHERE $parentId IS NULL OR p.id <> $parentId DELETE r',
        { id, parentId },
      );
      if (parentId != null) {
        await rec.tx.run(
          `MATCH (o:Organization {id: $id}), (p:Organization {id: $parentId})
           MERGE (o)-[r:PART_OF]->(p) ON CREATE SET r.key = 'parent', r.sourceIds = [], r.locators = [], r.inferred = false`,
          { id, parentId },
        );
      }
    });
  }

  async setOrganizationParent(viewer: Viewer, id: string, parentId: string | null): Promise<EntityRow> {
    await this.mutate(viewer, (rec) => this.setParentIn(rec, id, parentId));
    return this.byIdFresh(id);
  }

  // ---- awards -----------------------------------------------------------------------------

  async awardIn(rec: Recorder, recipientId: string, honorId: string, year: number, sourceIds: string[] | null | undefined): Promise<{ award: AwardRow; created: boolean }> {
    check('year', year, yearProblem);
    await this.require(rec.tx, 'recipientId', recipientId, ['Person', 'Organization'], 'a person or an organization');
    await this.require(rec.tx, 'honorId', honorId, ['Honor'], 'an honor');
    await this.requireSources(rec.tx, sourceIds);
    // Identical concurrent calls queue on the recipient's lock; the later ones find the edge.
    await this.lock(rec.tx, recipientId);
    const key = awardEdgeKey(year);
    const rel = { type: 'RECEIVED', from: recipientId, to: honorId, key };
    const existing = await rec.rel('RECEIVED', recipientId, honorId, key);
    await this.tracked(rec, 'awardHonor', { nodes: [], rels: [rel] }, async () => {
      if (existing.props) {
        const citations = unionCitations(existing.props, sourceIds ?? []);
        if (citations.sourceIds.length !== (existing.props.sourceIds ?? []).length) {
          await rec.tx.run('MATCH (:Entity {id: $from})-[r:RECEIVED {key: $key}]->(:Entity {id: $to}) SET r += $citations', { ...rel, citations });
        }
        return;
      }
      await rec.tx.run(
        `MATCH (a:Entity {id: $from}), (h:Honor {id: $to})
         MERGE (a)-[r:RECEIVED {key: $key}]->(h)
         ON CREATE SET r += $props`,
        { ...rel, props: { year, awardKey: awardKey(recipientId, honorId, year), ...provenance(sourceIds), inferred: false, note: null, createdBy: rec.actor.sub } },
      );
    });
    const after = await rec.rel('RECEIVED', recipientId, honorId, key);
    return { award: { inferred: false, note: null, ...after.props!, recipientId, honorId } as AwardRow, created: !existing.props };
  }

  async awardHonor(viewer: Viewer, recipientId: string, honorId: string, year: number, sourceIds?: string[] | null): Promise<AwardRow> {
    const { award } = await this.mutate(viewer, (rec) => this.awardIn(rec, recipientId, honorId, year, sourceIds));
    return award;
  }

  async revokeAward(viewer: Viewer, recipientId: string, honorId: string, year: number): Promise<boolean> {
    check('year', year, yearProblem);
    return this.mutate(viewer, async (rec) => {
      await this.require(rec.tx, 'recipientId', recipientId, ['Person', 'Organization'], 'a person or an organization');
      await this.require(rec.tx, 'honorId', honorId, ['Honor'], 'an honor');
      await this.lock(rec.tx, recipientId);
      const rel = { type: 'RECEIVED', from: recipientId, to: honorId, key: awardEdgeKey(year) };
      const existing = await rec.rel(rel.type, rel.from, rel.to, rel.key);
      if (!existing.props) throw notFound('year', `${recipientId} received ${honorId} in ${year}`);
      await this.tracked(rec, 'revokeAward', { nodes: [], rels: [rel] }, () =>
        rec.tx.run('MATCH (:Entity {id: $from})-[r:RECEIVED {key: $key}]->(:Entity {id: $to}) DELETE r', rel),
      );
      return true;
    });
  }

  // ---- memberships ------------------------------------------------------------------------

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
    await this.require(rec.tx, 'memberId', memberId, ['Person', 'Organization'], 'a person or an organization');
    await this.require(rec.tx, 'organizationId', organizationId, ['Organization'], 'an organization');
    await this.requireSources(rec.tx, sourceIds);
    await this.lock(rec.tx, memberId);
    const rel = { type: 'MEMBER_OF', from: memberId, to: organizationId, key: `role:${role ?? ''}` };
    const existing = await rec.rel(rel.type, rel.from, rel.to, rel.key);
    if (existing.props?.until) {
      throw conflict(`role: ${memberId} was ${role ?? 'a member'} of ${organizationId} until ${existing.props.until}; a new period needs another role or an undo`);
    }
    await this.tracked(rec, 'addMembership', { nodes: [], rels: [rel] }, async () => {
      const props = existing.props
        ? { ...unionCitations(existing.props, sourceIds ?? []), since: existing.props.since ?? since ?? null }
        : { role: role ?? null, since: since ?? null, until: null, ...provenance(sourceIds), inferred: false, note: null, createdBy: rec.actor.sub };
      await rec.tx.run(
        `MATCH (a:Entity {id: $from}), (o:Organization {id: $to})
         MERGE (a)-[r:MEMBER_OF {key: $key}]->(o) SET r += $props`,
        { ...rel, props },
      );
    });
    const after = await rec.rel(rel.type, rel.from, rel.to, rel.key);
    return { ...(after.props as any), memberId, organizationId };
  }

  async addMembership(
    viewer: Viewer,
    memberId: string,
    organizationId: string,
    role?: string | null,
    since?: string | null,
    sourceIds?: string[] | null,
  ): Promise<MembershipRow> {
    return this.mutate(viewer, (rec) => this.addMembershipIn(rec, memberId, organizationId, role, since, sourceIds));
  }

  async endMembership(viewer: Viewer, memberId: string, organizationId: string, role: string | null | undefined, until: string): Promise<MembershipRow> {
    check('until', until, dateProblem);
    return this.mutate(viewer, async (rec) => {
      await this.require(rec.tx, 'memberId', memberId, ['Person', 'Organization'], 'a person or an organization');
      await this.require(rec.tx, 'organizationId', organizationId, ['Organization'], 'an organization');
      await this.lock(rec.tx, memberId);
      const rel = { type: 'MEMBER_OF', from: memberId, to: organizationId, key: `role:${role ?? ''}` };
      const existing = await rec.rel(rel.type, rel.from, rel.to, rel.key);
      if (!existing.props) throw notFound('role', `${memberId} as ${role ?? 'member'} of ${organizationId}`);
      if (existing.props.until) throw conflict(`until: the membership already ended in ${existing.props.until}`);
      const since: string | null = existing.props.since ?? null;
      if (since && until.slice(0, since.length) < since.slice(0, until.length)) {
        throw badInput('until', `must not be before the membership began (${since}), got ${until}`);
      }
      await this.tracked(rec, 'endMembership', { nodes: [], rels: [rel] }, () =>
        rec.tx.run('MATCH (:Entity {id: $from})-[r:MEMBER_OF {key: $key}]->(:Entity {id: $to}) SET r.until = $until', { ...rel, until }),
      );
      const after = await rec.rel(rel.type, rel.from, rel.to, rel.key);
      return { ...(after.props as any), memberId, organizationId };
    });
  }

  // ---- programs ---------------------------------------------------------------------------

  async linkRelIn(rec: Recorder, operation: string, type: 'PARTNERED' | 'ORGANIZED', organizationId: string, programId: string, sourceIds?: string[] | null) {
    await this.require(rec.tx, 'programId', programId, ['Program'], 'a program');
    await this.require(rec.tx, 'organizationId', organizationId, ['Organization'], 'an organization');
    await this.requireSources(rec.tx, sourceIds);
    await this.lock(rec.tx, programId);
    const key = type === 'PARTNERED' ? 'partner' : 'organizer';
    const rel = { type, from: organizationId, to: programId, key };
    const existing = await rec.rel(type, organizationId, programId, key);
    await this.tracked(rec, operation, { nodes: [], rels: [rel] }, async () => {
      const props = existing.props
        ? unionCitations(existing.props, sourceIds ?? [])
        : { ...provenance(sourceIds), inferred: false, note: null, createdBy: rec.actor.sub };
      await rec.tx.run(
        `MATCH (o:Organization {id: $from}), (p:Program {id: $to})
         MERGE (o)-[r:${safeRelType(type)} {key: $key}]->(p) SET r += $props`,
        { ...rel, props },
      );
    });
  }

  async linkProgramPartner(viewer: Viewer, programId: string, organizationId: string, sourceIds?: string[] | null): Promise<EntityRow> {
    await this.mutate(viewer, (rec) => this.linkRelIn(rec, 'linkProgramPartner', 'PARTNERED', organizationId, programId, sourceIds));
    return this.byIdFresh(programId);
  }

  // ---- merge ------------------------------------------------------------------------------

  /**
   * Moves every relationship and property of `mergeId` onto `keepId` and deletes it: the kept
   * node's values win, the other's fill its gaps, its name becomes an alias and citations are
   * united. Parallel relationships (same type, other end and key) are united, not doubled.
   */
  async mergeEntities(viewer: Viewer, keepId: string, mergeId: string): Promise<EntityRow> {
    if (keepId === mergeId) throw badInput('mergeId', 'cannot merge a node with itself');
    const labels = Object.values(ENTITY_LABELS);
    await this.mutate(viewer, async (rec) => {
      const first = await this.require(rec.tx, 'keepId', keepId, labels, 'a person, organization, honor, program or source');
      const keepLabel = labels.find((l) => first.labels.includes(l))!;
      // Organizations: their PART_OF edges move, so the merge queues with every hierarchy change.
      if (keepLabel === 'Organization') await lockHierarchy(rec.tx);
      for (const id of [keepId, mergeId].sort()) await this.lock(rec.tx, id);
      // Read again under the locks: the kept name, aliases and citations are rewritten from these.
      const keep = await this.require(rec.tx, 'keepId', keepId, labels, 'a person, organization, honor, program or source');
      const merged = await this.require(rec.tx, 'mergeId', mergeId, labels, 'a person, organization, honor, program or source');
      if (!merged.labels.includes(keepLabel)) {
        throw badInput('mergeId', `cannot merge a ${merged.labels.filter((l) => l !== 'Entity').join('/')} into a ${keepLabel}`);
      }
      const moved = (await rec.relsOf(mergeId)).filter((rel) => rel.from !== rel.to);
      const retarget = (id: string) => (id === mergeId ? keepId : id);
      let targets = moved
        .map((rel) => ({ ...rel, from: retarget(rel.from), to: retarget(rel.to) }))
        .filter((rel) => rel.from !== rel.to);
      if (keepLabel === 'Organization') {
        // An organization has one parent: the kept one's, else the merged one's.
        // (Its edge to the merged one does not count: that one disappears.)
        const [{ parents }] = await rec.tx.run(
          'MATCH (k:Organization {id: $keepId}) RETURN COUNT { (k)-[:PART_OF]->(p) WHERE p.id <> $mergeId } AS parents',
          { keepId, mergeId },
        );
        if (parents > 0) targets = targets.filter((rel) => !(rel.type === 'PART_OF' && rel.from === keepId));
      }
      const figures = await rec.tx.run('MATCH (f:Figure {subjectId: $mergeId}) RETURN f.id AS id', { mergeId });
      const tracked: Tracked = {
        nodes: [keepId, mergeId, ...figures.map((f) => f.id)],
        rels: [...moved, ...targets].map(({ type, from, to, key }) => ({ type, from, to, key })),
      };
      // A merged source is cited by facts anywhere in the graph: they cite the kept one instead,
      // recorded in the revision so that an undo gives them their citation back.
      const citing = keepLabel === 'Source' ? await this.citing(rec.tx, mergeId) : { nodes: [], rels: [] };
      tracked.nodes.push(...citing.nodes.filter((id) => !tracked.nodes.includes(id)));
      tracked.rels.push(...citing.rels);
      // Their owners are locked as editors adding a citation lock them, so no union is lost.
      const owners = [...new Set([...citing.nodes, ...citing.rels.flatMap((r) => [r.from, r.to])])].filter((id) => id !== keepId && id !== mergeId).sort();
      if (owners.length) await rec.tx.run('UNWIND $ids AS id MATCH (n:Entity {id: id}) SET n._lock = true REMOVE n._lock', { ids: owners });
      await this.tracked(rec, 'mergeEntities', tracked, async () => {
        for (const rel of targets) {
          const current = await rec.rel(rel.type, rel.from, rel.to, rel.key);
          const props: Record<string, any> = current.props ? { ...rel.props, ...current.props, ...uniteCitations(current.props, rel.props) } : { ...rel.props };
          if (rel.type === 'RECEIVED') props.awardKey = awardKey(rel.from, rel.to, props.year ?? null);
          await rec.tx.run(
            `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
             MERGE (a)-[r:${safeRelType(rel.type)} {key: $key}]->(b) SET r = $props`,
            { from: rel.from, to: rel.to, key: rel.key, props: { ...props, key: rel.key } },
          );
        }
        await rec.tx.run('MATCH (f:Figure {subjectId: $mergeId}) SET f.subjectId = $keepId', { mergeId, keepId });
        const mergedProps = (await rec.node(mergeId))!.props;
        const keepProps = (await rec.node(keepId))!.props;
        const naming = namedProperties({
          name: keep.name,
          aliases: [...(keep.aliases ?? []), mergedProps.name, ...(mergedProps.aliases ?? [])].filter((a) => a && a !== keep.name),
          nameEn: keep.nameEn ?? mergedProps.nameEn ?? null,
        });
        naming.nameKey = keepProps.nameKey ?? naming.nameKey;
        const filled = Object.fromEntries(Object.entries(mergedProps).filter(([k, v]) => v != null && keepProps[k] == null && k !== 'createdAt'));
        // Nodes merged into the merged one earlier stay findable in the kept one's history.
        const mergedIds = [...new Set([...(keepProps.mergedIds ?? []), mergeId, ...(mergedProps.mergedIds ?? [])])];
        const props = { ...filled, ...naming, ...uniteCitations(keepProps, mergedProps), mergedIds };
        if (keepLabel === 'Source') (props as any).title = naming.name;
        delete (props as any).id;
        await rec.tx.run('MATCH (n:Entity {id: $mergeId}) DETACH DELETE n', { mergeId });
        await rec.tx.run('MATCH (n:Entity {id: $keepId}) SET n += $props, n.updatedAt = datetime()', { keepId, props });
        if (keepLabel === 'Source') await this.recite(rec.tx, mergeId, keepId);
      });
      if (keepLabel === 'Organization') {
        const cycle = await cycleThrough(rec.tx, [keepId]);
        if (cycle) throw badInput('mergeId', `merging ${mergeId} into ${keepId} would make a cycle: ${cycle.join(' → ')}`);
      }
    });
    return this.byIdFresh(keepId);
  }

  /** Nodes and relationships whose citations name `sourceId`, apart from the source's own relationships. */
  private async citing(tx: Transaction, sourceId: string): Promise<Tracked> {
    // No index covers list membership: a scan, acceptable for a rare admin operation.
    const nodes = await tx.run('MATCH (n:Entity) WHERE $sourceId IN n.sourceIds AND n.id <> $sourceId RETURN n.id AS id ORDER BY id', { sourceId });
    const rels = await tx.run(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE $sourceId IN r.sourceIds AND a.id <> $sourceId AND b.id <> $sourceId
       RETURN type(r) AS type, a.id AS from, b.id AS to, r.key AS key`,
      { sourceId },
    );
    return { nodes: nodes.map((row) => row.id), rels: rels.map((row) => ({ type: row.type, from: row.from, to: row.to, key: row.key ?? '' })) };
  }

  /** Every citation of `fromId` now names `toId`, at the same locator; a pair cited twice is kept once. */
  private async recite(tx: Transaction, fromId: string, toId: string): Promise<void> {
    const rewrite = (v: string) => `
      WITH ${v}, [i IN range(0, size(${v}.sourceIds) - 1) |
                  [CASE ${v}.sourceIds[i] WHEN $fromId THEN $toId ELSE ${v}.sourceIds[i] END, coalesce(${v}.locators[i], '')]] AS pairs
      WITH ${v}, reduce(kept = [], pair IN pairs | CASE WHEN pair IN kept THEN kept ELSE kept + [pair] END) AS pairs
      SET ${v}.sourceIds = [pair IN pairs | pair[0]], ${v}.locators = [pair IN pairs | pair[1]]`;
    await tx.run(`MATCH (n:Entity) WHERE $fromId IN n.sourceIds ${rewrite('n')}`, { fromId, toId });
    await tx.run(`MATCH (:Entity)-[r]->(:Entity) WHERE $fromId IN r.sourceIds ${rewrite('r')}`, { fromId, toId });
  }

  /** Entities of `type` whose id, canonical name or an alias is exactly `text` (after normalizing). */
  async findExact(tx: Transaction, type: EntityType, text: string): Promise<EntityRow[]> {
    const label = safeLabel(ENTITY_LABELS[type]);
    const rows = await tx.run(
      `MATCH (n:${label})
       WHERE n.id = $text OR n.nameKey = $key OR n.nameKey STARTS WITH $key + '#' OR n.name = $name OR $name IN n.aliases OR $text IN n.aliases
       RETURN ${project('n')} AS node ORDER BY n.id`,
      { text: text.trim(), key: nameKey(text), name: namedProperties({ name: text }).name },
    );
    return rows.map((row) => toEntity(row.node)!);
  }

  static typeOfLabels(labels: string[]): EntityType | undefined {
    const label = labels.find((l) => TYPE_OF_LABEL[l]);
    return label ? TYPE_OF_LABEL[label] : undefined;
  }
}
