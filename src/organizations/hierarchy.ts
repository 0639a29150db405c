import { Transaction } from '../db/graph';
import { periodsOverlap, storedDateText } from '../graph/partial-date';

/**
 * Serializes every change to the PART_OF hierarchy: the caller takes this lock inside its write
 * transaction, before its cycle check, and holds it until commit.
 *
 * Why one well-known lock rather than locks on the nodes concerned: a change A → B closes a cycle
 * when B's chain of ancestors reaches A, and concurrent changes elsewhere in that chain (B → C,
 * C → A, …) can each pass their own check against the committed graph and together close a ring of
 * any length. Locking both ends of each change only serializes changes that share a node, which
 * stops two-node cycles but not three-or-more. Locking all ancestors would have to re-read them
 * until the set stopped changing, and merges and undos rewrite edges of nodes they never name. One
 * lock is simple and obviously right; hierarchy edits are rare editor actions holding it for a few
 * milliseconds, so the queue costs nothing noticeable (an import-graph holds it for its whole load,
 * into an empty database). It is taken before any entity lock, so it
 * never takes part in a lock-order deadlock with other hierarchy writers.
 *
 * The lock node is created on first use (a uniqueness constraint makes concurrent first uses
 * meet on one node), not by a migration: `npm start` seeds only an empty database.
 */
export async function lockHierarchy(tx: Transaction): Promise<void> {
  await tx.run("MERGE (l:GraphLock {name: 'hierarchy'}) SET l._lock = true REMOVE l._lock");
}

/** A PART_OF cycle through any of `ids` (as ids, first repeated last), or null. */
export async function cycleThrough(tx: Transaction, ids: readonly string[]): Promise<string[] | null> {
  if (!ids.length) return null;
  const [row] = await tx.run(
    `UNWIND $ids AS id
     MATCH path = (o:Organization {id: id})-[:PART_OF*1..]->(o)
     RETURN [n IN nodes(path) | n.id] AS ids LIMIT 1`,
    { ids },
  );
  return row ? row.ids : null;
}

/**
 * What keeps a whole set of PART_OF edges (a file to import, say) from being a hierarchy the
 * editors could have made, or null: an end that is not an organization, an organization with two
 * parents on one day (links whose periods overlap, or the same link twice), a cycle. Like
 * setOrganizationParent, the cycle check counts every link whatever its dates. Checked in memory,
 * in one pass over the edges and one depth-first walk, so it costs nothing next to writing them.
 * `properties` are the edge's as stored (since/until with their precision; graph/partial-date.ts).
 */
export function hierarchyProblem(
  edges: readonly { from: string; to: string; properties?: Record<string, unknown> }[],
  isOrganization: (id: string) => boolean,
): string | null {
  const links = new Map<string, { to: string; since: string | null; until: string | null }[]>();
  for (const { from, to, properties } of edges) {
    for (const id of [from, to]) if (!isOrganization(id)) return `"${id}" is not an organization: PART_OF links organizations only`;
    const period = { to, since: storedDateText(properties, 'since'), until: storedDateText(properties, 'until') };
    const known = links.get(from) ?? [];
    const clash = known.find((other) => periodsOverlap(other, period));
    if (clash) return `organization "${from}" would have two parents ("${clash.to}" and "${to}")`;
    links.set(from, [...known, period]);
  }
  // Depth-first over every link: reaching an organization still on the walk closes a cycle.
  const state = new Map<string, 'walking' | 'done'>();
  const walk: string[] = [];
  const visit = (id: string): string | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'walking') return `would make a cycle: ${[...walk.slice(walk.indexOf(id)), id].join(' → ')}`;
    state.set(id, 'walking');
    walk.push(id);
    for (const parent of [...new Set((links.get(id) ?? []).map((link) => link.to))].sort()) {
      const problem = visit(parent);
      if (problem) return problem;
    }
    walk.pop();
    state.set(id, 'done');
    return null;
  };
  for (const start of [...links.keys()].sort()) {
    const problem = visit(start);
    if (problem) return problem;
  }
  return null;
}
