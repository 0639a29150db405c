import { Viewer } from '../auth/viewer';
import { withoutActors } from '../auth/actors';
import type { RevisionRow } from './history.repository';

/** A revision's before/after JSON without the properties that name editors. */
function hideActorsIn(json: string): string {
  const snapshot = JSON.parse(json);
  for (const [id, node] of Object.entries<any>(snapshot.nodes ?? {})) {
    if (node?.props) snapshot.nodes[id] = { ...node, props: withoutActors(node.props) };
  }
  snapshot.rels = (snapshot.rels ?? []).map((rel: any) => (rel?.props ? { ...rel, props: withoutActors(rel.props) } : rel));
  return JSON.stringify(snapshot);
}

/** Who made a change is for editors and admins (or everyone with HISTORY_ACTORS_PUBLIC=true). */
export function visibleTo<T extends RevisionRow>(viewer: Viewer, row: T): Omit<T, 'actor'> & { actor: string | null } {
  if (viewer.seesActors) return row;
  return { ...row, actor: null, before: hideActorsIn(row.before), after: hideActorsIn(row.after) };
}

