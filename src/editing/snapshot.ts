import { QUALIFIER_NAMES } from '../graph/model';

/**
 * The state of what one mutation touched, before or after it: nodes by id and relationships
 * by (type, from, to, key). `null` means "did not exist". Undo writes the `before` state back.
 */
export interface NodeState {
  labels: string[];
  props: Record<string, any>;
}

export interface RelState {
  type: string;
  from: string;
  to: string;
  key: string;
  props: Record<string, any> | null;
}

export interface Snapshot {
  nodes: Record<string, NodeState | null>;
  rels: RelState[];
}

export const emptySnapshot = (): Snapshot => ({ nodes: {}, rels: [] });

export const relId = (rel: Pick<RelState, 'type' | 'from' | 'to' | 'key'>) => `${rel.from}-[${rel.type}:${rel.key}]->${rel.to}`;

/**
 * Node properties a snapshot leaves out: updatedAt says when a node was last written, and an undo
 * is a write. createdAt is kept (it never changes), so a node an undo recreates gets it back.
 */
export const UNTRACKED = ['updatedAt'];

export function stripUntracked(props: Record<string, any>): Record<string, any> {
  const out = { ...props };
  for (const key of UNTRACKED) delete out[key];
  return out;
}

/** Ids a snapshot concerns: its nodes and both ends of its relationships. */
export function entityIdsOf(...snapshots: Snapshot[]): string[] {
  const ids = new Set<string>();
  for (const s of snapshots) {
    for (const id of Object.keys(s.nodes)) ids.add(id);
    for (const rel of s.rels) {
      ids.add(rel.from);
      ids.add(rel.to);
    }
  }
  return [...ids].sort();
}

/** The sources a relationship's properties cite: the statement's and its qualifiers' own. */
function relationshipCitations(props: Record<string, any> | null | undefined): string[] {
  if (!props) return [];
  return [...(props.sourceIds ?? []), ...QUALIFIER_NAMES.flatMap((q) => props[`${q}SourceIds`] ?? [])];
}

/** The sources a node's properties cite: its own and its external identifiers' ('' is none). */
function nodeCitations(props: Record<string, any> | null | undefined): string[] {
  if (!props) return [];
  return [...(props.sourceIds ?? []), ...(props.externalIdSourceIds ?? []).filter(Boolean)];
}

/** Every id a snapshot's facts cite or link to that it does not itself recreate. */
export function referencedIds(snapshot: Snapshot): string[] {
  const ids = new Set<string>();
  for (const state of Object.values(snapshot.nodes)) for (const id of nodeCitations(state?.props)) ids.add(id);
  for (const rel of snapshot.rels) {
    if (!rel.props) continue;
    for (const id of relationshipCitations(rel.props)) ids.add(id);
    ids.add(rel.from);
    ids.add(rel.to);
  }
  for (const [id, state] of Object.entries(snapshot.nodes)) if (state) ids.delete(id);
  return [...ids];
}

/** Every source a snapshot's facts cite that it does not itself recreate. */
export function citedIds(snapshot: Snapshot): string[] {
  const ids = new Set<string>();
  for (const state of Object.values(snapshot.nodes)) for (const id of nodeCitations(state?.props)) ids.add(id);
  for (const rel of snapshot.rels) for (const id of relationshipCitations(rel.props)) ids.add(id);
  for (const [id, state] of Object.entries(snapshot.nodes)) if (state) ids.delete(id);
  return [...ids];
}

/**
 * The snapshot with every citation of a source merged away (`keptFor`: merged id → kept id) and
 * every relationship to or from one moved to the source kept, as the merge itself rewrote the
 * facts it saw: undoing an older change must not bring back a source the graph no longer has.
 * A (source, locator) pair cited twice after the move is kept once.
 */
export function withMergedSourcesReplaced(snapshot: Snapshot, keptFor: ReadonlyMap<string, string>): Snapshot {
  if (keptFor.size === 0) return snapshot;
  const kept = (id: string) => keptFor.get(id) ?? id;
  const reciteList = (props: Record<string, any>, ids: string, locators: string) => {
    if (!Array.isArray(props[ids]) || !props[ids].some((id: string) => keptFor.has(id))) return props;
    const pairs: [string, string][] = [];
    props[ids].forEach((id: string, i: number) => {
      const pair: [string, string] = [kept(id), props[locators]?.[i] ?? ''];
      if (!pairs.some(([s, l]) => s === pair[0] && l === pair[1])) pairs.push(pair);
    });
    return { ...props, [ids]: pairs.map(([s]) => s), [locators]: pairs.map(([, l]) => l) };
  };
  // The statement's citations, then each qualifier's own (graph/model.ts).
  const recite = (props: Record<string, any>) =>
    QUALIFIER_NAMES.reduce((out, q) => reciteList(out, `${q}SourceIds`, `${q}Locators`), reciteList(props, 'sourceIds', 'locators'));
  // An identifier's citation is aligned with its identifier: replaced in place, never united.
  const reciteIdentifiers = (props: Record<string, any>) =>
    Array.isArray(props.externalIdSourceIds) && props.externalIdSourceIds.some((id: string) => keptFor.has(id))
      ? { ...props, externalIdSourceIds: props.externalIdSourceIds.map(kept) }
      : props;
  return {
    nodes: Object.fromEntries(Object.entries(snapshot.nodes).map(([id, state]) => [id, state && { ...state, props: reciteIdentifiers(recite(state.props)) }])),
    rels: snapshot.rels.map((rel) => (rel.props ? { ...rel, from: kept(rel.from), to: kept(rel.to), props: recite(rel.props) } : rel)),
  };
}
