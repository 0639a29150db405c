import { Transaction } from '../db/graph';

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
 * editors could have made, or null: an end that is not an organization, an organization with
 * two parents (or the same one twice), a cycle. Checked in memory, in one pass over the edges
 * and one walk up from each organization, so it costs nothing next to writing them.
 */
export function hierarchyProblem(edges: readonly { from: string; to: string }[], isOrganization: (id: string) => boolean): string | null {
  const parent = new Map<string, string>();
  for (const { from, to } of edges) {
    for (const id of [from, to]) if (!isOrganization(id)) return `"${id}" is not an organization: PART_OF links organizations only`;
    const known = parent.get(from);
    if (known !== undefined) return `organization "${from}" would have two parents ("${known}" and "${to}")`;
    parent.set(from, to);
  }
  // With one parent each, walking up from every organization either ends at a top-level one or
  // comes back to an organization already on this walk (a cycle).
  const done = new Set<string>();
  for (const start of [...parent.keys()].sort()) {
    const walk: string[] = [];
    const onWalk = new Set<string>();
    for (let id: string | undefined = start; id !== undefined && !done.has(id); id = parent.get(id)) {
      if (onWalk.has(id)) return `would make a cycle: ${[...walk.slice(walk.indexOf(id)), id].join(' → ')}`;
      walk.push(id);
      onWalk.add(id);
    }
    for (const id of walk) done.add(id);
  }
  return null;
}
