import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Viewer } from '../auth/viewer';
import { EntityType } from '../api/entity-type';
import { badInput, conflict, notFound } from '../api/errors';
import { EntityRow } from '../api/node.type';
import { Graph, Transaction } from '../db/graph';
import { project } from '../query/cypher';
import { toEntity } from '../query/entity';
import { pinyinKey } from '../text/normalize';
import { Recorder, recorderFor } from './recorder';

/**
 * What every write shares: its transaction and revision recorder, locks, the checks that what it
 * names exists, and citations. Features' services use it; it knows no feature.
 */

export const CONSTRAINT_FAILED = 'Neo.ClientError.Schema.ConstraintValidationFailed';

/** One write transaction with its recorder; constraint violations become CONFLICT errors. */
export async function mutate<T>(graph: Graph, viewer: Viewer, work: (rec: Recorder) => Promise<T>, onConstraint?: () => Promise<GraphQLError>): Promise<T> {
  try {
    return await graph.writeTransaction((tx) => work(recorderFor(tx, viewer)));
  } catch (error: any) {
    if (error?.code === CONSTRAINT_FAILED) {
      if (onConstraint) throw await onConstraint();
      throw conflict(`the change collides with an existing record: ${String(error.message).split('\n')[0]}`);
    }
    throw error;
  }
}

// ---- locks and checks ---------------------------------------------------------------------

/** Takes the node's write lock, so concurrent writers touching it queue behind this one. */
export async function lock(tx: Transaction, id: string): Promise<void> {
  await tx.run('MATCH (n:Entity {id: $id}) SET n._lock = true REMOVE n._lock', { id });
}

/** Takes the write locks of the nodes, in the order given. */
export async function lockAll(tx: Transaction, ids: readonly string[]): Promise<void> {
  await tx.run('UNWIND $ids AS id MATCH (n:Entity {id: id}) SET n._lock = true REMOVE n._lock', { ids });
}

/** A node as the write transaction sees it, or null. */
export async function nodeIn(tx: Transaction, id: string): Promise<EntityRow | null> {
  const [row] = await tx.run(`MATCH (n:Entity {id: $id}) RETURN ${project('n')} AS node`, { id });
  return row ? toEntity(row.node) : null;
}

/** The node, which must exist (NOT_FOUND) and carry one of `labels` (BAD_USER_INPUT). */
export async function requireEntity(tx: Transaction, field: string, id: string, labels: string[], what: string): Promise<EntityRow & { labels: string[] }> {
  const [row] = await tx.run(`MATCH (n:Entity {id: $id}) RETURN ${project('n')} AS node, labels(n) AS labels`, { id });
  if (!row) throw notFound(field, id);
  if (!labels.some((label) => row.labels.includes(label))) {
    throw badInput(field, `must be ${what}, but "${id}" is a ${row.labels.filter((l: string) => l !== 'Entity').join('/')}`);
  }
  return { ...toEntity(row.node)!, labels: row.labels };
}

/**
 * Of `ids`, those that name no source (any more), each with the source it was merged into, or
 * null when none was. Citing writes refuse them; undo re-cites the sources kept.
 *
 * The ids found come back from Neo4j and are compared with the ones asked for by strict
 * equality here, not in Cypher: the driver sends a string that is not well-formed UTF-16 (a lone
 * surrogate) as U+FFFD, so a Cypher-side match could approve an id that differs from the one the
 * caller then stores. Whatever is not found exactly as given counts as missing.
 */
export async function missingSources(tx: Transaction, ids: readonly string[]): Promise<Map<string, string | null>> {
  const asked = [...new Set(ids)];
  if (asked.length === 0) return new Map();
  const rows = await tx.run('UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN s.id AS id', { ids: asked });
  const found = new Set(rows.map((row) => row.id as string));
  const missing = asked.filter((id) => !found.has(id));
  if (missing.length === 0) return new Map();
  const kept = await tx.run(
    `UNWIND $ids AS id MATCH (k:Source) WHERE id IN k.mergedIds
     RETURN k.id AS keptId, [m IN k.mergedIds WHERE m = id][0] AS mergedId ORDER BY keptId`,
    { ids: missing },
  );
  const mergedInto = new Map<string, string>();
  for (const row of kept) if (!mergedInto.has(row.mergedId)) mergedInto.set(row.mergedId, row.keptId);
  return new Map(missing.map((id) => [id, mergedInto.get(id) ?? null]));
}

/**
 * Locks the cited sources, in id order, then reads them again: a source being merged away
 * holds its lock until the merge commits, and a merge waits for a citation holding it, so a
 * fact never ends up naming a source a merge deleted (the merge rewrites every citation it can
 * see). Taken before any other entity lock, as mergeEntities takes the sources' locks before
 * those of the facts citing them. Returns the ids that do not exist, with the source each was
 * merged into when it was.
 */
export async function lockSources(tx: Transaction, sourceIds: readonly string[] | null | undefined): Promise<{ id: string; mergedInto: string | null }[]> {
  if (!sourceIds?.length) return [];
  const ids = [...new Set(sourceIds)].sort();
  await tx.run('UNWIND $ids AS id MATCH (s:Source {id: id}) SET s._lock = true REMOVE s._lock', { ids });
  const missing = await missingSources(tx, ids);
  // In the order given, so the error names the first missing one the caller wrote.
  return [...new Set(sourceIds)].filter((id) => missing.has(id)).map((id) => ({ id, mergedInto: missing.get(id)! }));
}

/** NOT_FOUND naming the first missing source (see lockSources), if any. */
export function sourceMissing(missing: { id: string; mergedInto: string | null }[], field: string): void {
  if (!missing.length) return;
  const [{ id, mergedInto }] = missing;
  throw notFound(field, id, mergedInto ? `it was merged into "${mergedInto}"` : undefined);
}

/** Locks the cited sources (see lockSources); NOT_FOUND when one does not exist. */
export async function requireSources(tx: Transaction, sourceIds: readonly string[] | null | undefined, field = 'sourceIds'): Promise<void> {
  sourceMissing(await lockSources(tx, sourceIds), field);
}

/**
 * Locks the sources of several lists at once (one lock order), then NOT_FOUND naming the first
 * list, in the order given, that cites a missing one: `[['sourceIds', ids], ['yearProvenance.sourceIds', more]]`.
 */
export async function requireSourceLists(tx: Transaction, lists: [field: string, ids: readonly string[] | null | undefined][]): Promise<void> {
  const missing = await lockSources(tx, lists.flatMap(([, ids]) => ids ?? []));
  for (const [field, ids] of lists) sourceMissing(missing.filter((m) => ids?.includes(m.id)), field);
}

// ---- citations and ids --------------------------------------------------------------------

/**
 * The citations of a new fact: each source once, with its locator (where in the source it is
 * said, aligned with `sourceIds`; '' when not given).
 */
export function provenance(sourceIds: readonly string[] | null | undefined, locators?: readonly (string | null)[] | null) {
  const ids: string[] = [];
  const at: string[] = [];
  (sourceIds ?? []).forEach((id, i) => {
    if (ids.includes(id)) return;
    ids.push(id);
    at.push(locators?.[i] ?? '');
  });
  return { sourceIds: ids, locators: at };
}

/**
 * Adds citations not yet present, keeping sourceIds and locators parallel; `locators` (aligned
 * with `sourceIds`) fills in where a source was cited without one.
 */
export function unionCitations(props: Record<string, any>, sourceIds: readonly string[], locators?: readonly (string | null)[] | null) {
  const ids: string[] = [...(props.sourceIds ?? [])];
  const at: string[] = [...(props.locators ?? ids.map(() => ''))];
  sourceIds.forEach((id, i) => {
    const locator = locators?.[i] ?? '';
    const known = ids.indexOf(id);
    if (known < 0) {
      ids.push(id);
      at.push(locator);
    } else if (!at[known] && locator) at[known] = locator;
  });
  return { sourceIds: ids, locators: at };
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

const ID_PREFIX: Record<EntityType, string> = {
  PERSON: 'person',
  ORGANIZATION: 'org',
  HONOR: 'honor',
  PROGRAM: 'program',
  SOURCE: 'src',
};

/** Readable, unique ids: person-hetingting-1a2b3c4d. */
export function newId(type: EntityType, name: string): string {
  const slug = pinyinKey(name).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32).replace(/-+$/, '');
  return [ID_PREFIX[type], slug, randomUUID().slice(0, 8)].filter(Boolean).join('-');
}
