import { Snapshot, relId } from '../editing/snapshot';
import { DERIVED_NODE_PROPERTIES } from '../graph/model';

/**
 * What a revision changed, read from its before and after snapshots: each node and relationship
 * added, removed or changed, with the properties that differ. Derived keys (nameKey,
 * nameSkeleton, the search texts, an award's awardKey: computed from other properties) are left out; an editor
 * reads the name and aliases themselves.
 */
export type ChangeActionName = 'ADDED' | 'REMOVED' | 'CHANGED';

export interface PropertyChangeRow {
  name: string;
  /** JSON of the value before (null: the property was absent). */
  before: string | null;
  after: string | null;
}

export interface RevisionChangeRow {
  action: ChangeActionName;
  entityId: string | null;
  labels: string[];
  relationship: string | null;
  fromId: string | null;
  toId: string | null;
  key: string | null;
  properties: PropertyChangeRow[];
}

const DERIVED = new Set([...DERIVED_NODE_PROPERTIES, 'awardKey']);

function propertyChanges(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): PropertyChangeRow[] {
  const names = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((name) => !DERIVED.has(name)).sort();
  const changes: PropertyChangeRow[] = [];
  for (const name of names) {
    const was = before && name in before ? JSON.stringify(before[name]) : null;
    const is = after && name in after ? JSON.stringify(after[name]) : null;
    if (was !== is) changes.push({ name, before: was, after: is });
  }
  return changes;
}

const actionOf = (existed: boolean, exists: boolean): ChangeActionName | null =>
  !existed && exists ? 'ADDED' : existed && !exists ? 'REMOVED' : existed && exists ? 'CHANGED' : null;

/** The changes between two snapshot JSON texts, nodes first (in id order), then relationships. */
export function revisionChanges(beforeJson: string, afterJson: string): RevisionChangeRow[] {
  const before = JSON.parse(beforeJson) as Snapshot;
  const after = JSON.parse(afterJson) as Snapshot;
  const changes: RevisionChangeRow[] = [];
  const nodeIds = [...new Set([...Object.keys(before.nodes ?? {}), ...Object.keys(after.nodes ?? {})])].sort();
  for (const id of nodeIds) {
    const was = before.nodes?.[id] ?? null;
    const is = after.nodes?.[id] ?? null;
    const action = actionOf(was != null, is != null);
    if (!action) continue;
    const properties = propertyChanges(was?.props, is?.props);
    const labels = [...new Set([...(was?.labels ?? []), ...(is?.labels ?? [])])].filter((label) => label !== 'Entity').sort();
    if (action === 'CHANGED' && !properties.length && JSON.stringify(was!.labels) === JSON.stringify(is!.labels)) continue;
    changes.push({ action, entityId: id, labels, relationship: null, fromId: null, toId: null, key: null, properties });
  }
  const rels = new Map<string, { rel: Snapshot['rels'][number]; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>();
  for (const [side, snapshot] of [['before', before], ['after', after]] as const) {
    for (const rel of snapshot.rels ?? []) {
      const entry = rels.get(relId(rel)) ?? { rel, before: null, after: null };
      entry[side] = rel.props;
      rels.set(relId(rel), entry);
    }
  }
  for (const { rel, before: was, after: is } of rels.values()) {
    const action = actionOf(was != null, is != null);
    if (!action) continue;
    const properties = propertyChanges(was, is);
    if (action === 'CHANGED' && !properties.length) continue;
    changes.push({ action, entityId: null, labels: [], relationship: rel.type, fromId: rel.from, toId: rel.to, key: rel.key, properties });
  }
  return changes;
}

/** Names the snapshots give their nodes (name, or a source's title), by id: for nodes deleted since. */
export function snapshotNames(...jsons: string[]): Map<string, { name: string | null; labels: string[] }> {
  const names = new Map<string, { name: string | null; labels: string[] }>();
  for (const json of jsons) {
    const snapshot = JSON.parse(json) as Snapshot;
    for (const [id, node] of Object.entries(snapshot.nodes ?? {})) {
      if (!node) continue;
      const name = (node.props?.name ?? node.props?.title ?? null) as string | null;
      if (name != null || !names.has(id)) names.set(id, { name, labels: node.labels.filter((label) => label !== 'Entity') });
    }
  }
  return names;
}

/** Every id a revision mentions: the entities it touched and both ends of its relationships. */
export function mentionedIds(entityIds: readonly string[], ...jsons: string[]): string[] {
  const ids = new Set(entityIds);
  for (const json of jsons) {
    const snapshot = JSON.parse(json) as Snapshot;
    for (const id of Object.keys(snapshot.nodes ?? {})) ids.add(id);
    for (const rel of snapshot.rels ?? []) {
      ids.add(rel.from);
      ids.add(rel.to);
    }
  }
  return [...ids];
}
