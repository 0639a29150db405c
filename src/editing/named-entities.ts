import { GraphQLError } from 'graphql';
import type { Viewer } from '../auth/viewer';
import { EntityType, ENTITY_LABELS } from '../api/entity-type';
import { conflict } from '../api/errors';
import { CreateNamedInput, UpdateNamedInput } from '../api/named.input';
import { Graph } from '../db/graph';
import { Candidate, DuplicateRepository, candidateSummary } from '../duplicates/duplicate.repository';
import { nameKey, namedProperties } from '../text/normalize';
import { Recorder } from './recorder';
import { NODE_PROPERTIES, safeLabel } from '../graph/model';
import { storedProps } from '../db/temporal';
import { checkIds } from '../api/id';
import { boundAliasesOf } from '../api/context-alias.type';
import { BoundAlias, boundAliases, parseAliasContext } from '../graph/alias-context';
import { lock, lockSources, mutate, newId, provenance, requireEntity, requireSources, sourceMissing, unionCitations } from './write';

export interface CreateSpec {
  type: EntityType;
  name: string;
  aliases?: string[] | null;
  /** Aliases bound to a context (checked: each organization or source named must exist). */
  contextAliases?: BoundAlias[] | null;
  /** Organizations the new entity stands under (its parent, its organizers): its context for duplicate checks. */
  contextOrganizationIds?: string[] | null;
  nameEn?: string | null;
  /** Type-specific properties (kind, level, year…). */
  props: Record<string, unknown>;
  sourceIds?: string[] | null;
  /** Where in each source the entity is named, aligned with sourceIds ('' or absent: not given). */
  locators?: string[] | null;
  allowDuplicate?: boolean | null;
  /** Nodes the duplicate check passes over (those one write creates together and tells apart itself, as a document's commit does). */
  distinctFrom?: ReadonlySet<string> | null;
  /** Source titles are their names. */
  nameProperty?: 'name' | 'title';
}

export interface UpdateSpec {
  name?: string | null;
  aliases?: string[] | null;
  /** Replaces the stored context aliases when given. */
  contextAliases?: BoundAlias[] | null;
  nameEn?: string | null;
  props: Record<string, unknown>;
  sourceIds?: string[] | null;
}

/** What a create input asks for: its naming and (checked) citations, with the type's own properties. */
export const createSpec = (
  type: EntityType,
  input: CreateNamedInput,
  props: Record<string, unknown>,
  contextOrganizationIds: string[] = [],
): CreateSpec => ({
  type,
  name: input.name,
  aliases: input.aliases,
  contextAliases: boundAliasesOf(input.contextAliases),
  contextOrganizationIds,
  nameEn: input.nameEn,
  props,
  sourceIds: checkIds(input.sourceIds, 'sourceIds'),
  allowDuplicate: input.allowDuplicate,
});

/** What an update input asks for: new naming, citations to add, and the type's own properties given. */
export const updateSpec = (input: UpdateNamedInput, props: Record<string, unknown>): UpdateSpec => ({
  name: input.name,
  aliases: input.aliases,
  contextAliases: boundAliasesOf(input.contextAliases),
  nameEn: input.nameEn,
  props,
  sourceIds: checkIds(input.sourceIds, 'sourceIds'),
});

/**
 * Creating and updating a named entity (person, organization, honor, program, source), with the
 * duplicate check on its name. One piece for the five labels, as their nodes are written alike:
 * the features' services add what is special (a parent, organizers) in the same transaction.
 */
export class NamedEntities {
  constructor(
    private readonly graph: Graph,
    private readonly duplicates: DuplicateRepository,
  ) {}

  /** Creates the entity inside `rec`'s transaction; returns its id. */
  async createIn(rec: Recorder, spec: CreateSpec): Promise<string> {
    const field = spec.nameProperty ?? 'name';
    await requireSources(rec.tx, spec.sourceIds);
    await requireAliasContexts(rec, spec.contextAliases);
    if (!spec.allowDuplicate) {
      const context = { organizationIds: spec.contextOrganizationIds ?? [], sourceIds: spec.sourceIds ?? [] };
      const candidates = (await this.duplicates.candidates(spec.name, spec.type, (c, p) => rec.tx.run(c, p), 10, context)).filter(
        (c) => !spec.distinctFrom?.has(c.node.id),
      );
      if (candidates.length) throw duplicateConflict(field, spec.name, spec.type, candidates);
    }
    const id = newId(spec.type, spec.name);
    const naming = namedProperties({ name: spec.name, aliases: spec.aliases, nameEn: spec.nameEn, contextAliases: spec.contextAliases });
    // An explicit duplicate gets a key of its own, so the constraint still guards the plain name.
    if (spec.allowDuplicate) naming.nameKey = `${naming.nameKey}#${id}`;
    const props = storedProps({
      ...naming,
      ...(field === 'title' ? { title: naming.name } : {}),
      ...spec.props,
      ...provenance(spec.sourceIds, spec.locators),
      inferred: false,
      note: null,
      id,
      createdBy: rec.actor.sub,
    }, NODE_PROPERTIES);
    const label = safeLabel(ENTITY_LABELS[spec.type]);
    // A source MENTIONS what it is cited for, as the seed has it, so provenance stays walkable.
    const mentions = props.sourceIds.map((sourceId) => ({ type: 'MENTIONS', from: sourceId, to: id, key: 'mention' }));
    await rec.tracked(`create${label}`, { nodes: [id], rels: mentions }, async () => {
      await rec.tx.run(`CREATE (n:Entity:${label}) SET n = $props, n.createdAt = datetime()`, { props });
      await rec.tx.run(
        `UNWIND $sourceIds AS sourceId
         MATCH (s:Source {id: sourceId}), (n:Entity {id: $id})
         MERGE (s)-[m:MENTIONS {key: 'mention'}]->(n)
         ON CREATE SET m.id = 'st-' + randomUUID()
         SET m.sourceIds = [sourceId], m.locators = [coalesce($locators[sourceId], '')]`,
        { sourceIds: props.sourceIds, id, locators: Object.fromEntries(props.sourceIds.map((s: string, i: number) => [s, props.locators[i] ?? ''])) },
      );
    });
    return id;
  }

  /** Creates the entity in a write of its own, then runs `then` in the same transaction; returns its id. */
  create(viewer: Viewer, spec: CreateSpec, then?: (rec: Recorder, id: string) => Promise<void>): Promise<string> {
    return mutate(
      this.graph,
      viewer,
      async (rec) => {
        const id = await this.createIn(rec, spec);
        if (then) await then(rec, id);
        return id;
      },
      this.raceConflict(spec.nameProperty ?? 'name', spec.name, spec.type),
    );
  }

  async update(viewer: Viewer, type: EntityType, id: string, spec: UpdateSpec, nameProperty: 'name' | 'title' = 'name'): Promise<void> {
    const label = ENTITY_LABELS[type];
    const newName = spec.name;
    await mutate(
      this.graph,
      viewer,
      async (rec) => {
        // Locked before it is read: the new values are computed from the current ones (aliases,
        // citations), so a concurrent update must be seen, not overwritten.
        // Cited sources are locked first, as every citing write and source merge locks them.
        const missing = await lockSources(rec.tx, spec.sourceIds);
        await lock(rec.tx, id);
        const current = await requireEntity(rec.tx, 'id', id, [label], `a ${label}`);
        sourceMissing(missing, 'sourceIds');
        await requireAliasContexts(rec, spec.contextAliases);
        const props: Record<string, unknown> = { ...spec.props };
        if (newName != null || spec.aliases != null || spec.contextAliases != null || spec.nameEn !== undefined) {
          const name = newName ?? current.name;
          if (newName != null && nameKey(newName) !== nameKey(current.name)) {
            // Where the entity stands: its sources, and for an organization itself and all above it.
            const context = {
              organizationIds: label === 'Organization' ? [id] : [],
              sourceIds: [...new Set([...(current.sourceIds ?? []), ...(spec.sourceIds ?? [])])],
            };
            const run = (c: string, p: Record<string, unknown>) => rec.tx.run(c, p);
            const candidates = (await this.duplicates.candidates(newName, type, run, 10, context)).filter((c) => c.node.id !== id);
            if (candidates.length) throw duplicateConflict(nameProperty, newName, type, candidates);
          }
          const naming = namedProperties({
            name,
            aliases: spec.aliases ?? current.aliases ?? [],
            contextAliases: spec.contextAliases ?? boundAliases(current),
            nameEn: spec.nameEn === undefined ? current.nameEn : spec.nameEn,
          });
          // A node created as an explicit duplicate keeps its own key.
          if (String(current.nameKey ?? '').includes('#')) naming.nameKey = `${naming.nameKey}#${id}`;
          Object.assign(props, naming, nameProperty === 'title' ? { title: naming.name } : {});
        }
        if (spec.sourceIds) Object.assign(props, unionCitations(current, spec.sourceIds));
        await rec.tracked(`update${label}`, { nodes: [id], rels: [] }, () =>
          rec.tx.run('MATCH (n:Entity {id: $id}) SET n += $props, n.updatedAt = datetime()', { id, props: storedProps(props, NODE_PROPERTIES) }),
        );
      },
      newName != null ? this.raceConflict(nameProperty, newName, type) : undefined,
    );
  }

  /** The CONFLICT a lost race on nameKey turns into, with the winner among the candidates. */
  private raceConflict(field: string, name: string, type: EntityType) {
    return async () => {
      const candidates = await this.duplicates.candidates(name, type);
      return duplicateConflict(field, name, type, candidates, 'constraint');
    };
  }
}

/** Each organization or source a context alias names must exist (NOT_FOUND) and be one (BAD_USER_INPUT). */
async function requireAliasContexts(rec: Recorder, bound: BoundAlias[] | null | undefined): Promise<void> {
  for (const [i, b] of (bound ?? []).entries()) {
    const parsed = parseAliasContext(b.context)!;
    if (parsed.kind === 'org') await requireEntity(rec.tx, `contextAliases[${i}].context.organizationId`, parsed.value, ['Organization'], 'an organization');
    if (parsed.kind === 'source') await requireEntity(rec.tx, `contextAliases[${i}].context.sourceId`, parsed.value, ['Source'], 'a source');
  }
}

function duplicateConflict(field: string, name: string, type: EntityType, candidates: Candidate[], detectedBy = 'candidates'): GraphQLError {
  const list = candidates.map((c) => `${c.node.name ?? c.node.title} (${c.node.id}: ${c.reason})`).join('; ');
  return conflict(`${field}: "${name}" looks like an existing ${ENTITY_LABELS[type]}: ${list}. Use it, merge, or pass allowDuplicate: true`, {
    field,
    candidates: candidateSummary(candidates),
    // 'constraint' when a concurrent create committed first and the nameKey constraint refused this one.
    detectedBy,
  });
}
