import { Transaction } from '../db/graph';

/**
 * Who holds an identifier, and the lock every write that could give one away takes: plain
 * functions over a write transaction, as organizations/hierarchy.ts is for the PART_OF queue, so
 * that undo (history/) checks uniqueness the way addExternalId does without importing a repository.
 */

/** One stored identifier as a phrase of the whitespace-analyzed index: a single exact term. */
export const phrase = (stored: string) => `"${stored.replace(/["\\]/g, '\\$&')}"`;

/** The nodes holding an identifier: the index finds them, the list confirms the exact value. */
export const HOLDER = `CALL db.index.fulltext.queryNodes('entity_external_ids', $phrase) YIELD node AS n
   WITH n WHERE $stored IN n.externalIds`;

/**
 * Queues this transaction behind every other write that may give an identifier away until it
 * commits, so two editors giving one identifier to two nodes cannot both find it free. Taken
 * after the hierarchy lock and before any entity lock (sources included), by every such writer.
 */
export async function lockExternalIds(tx: Transaction): Promise<void> {
  await tx.run("MERGE (l:GraphLock {name: 'external-ids'}) SET l._lock = true REMOVE l._lock");
}

/** The id of a node holding `stored`, as this transaction sees it (after lockExternalIds: final). */
export async function holderIn(tx: Transaction, stored: string): Promise<string | null> {
  const [row] = await tx.run(`${HOLDER} RETURN n.id AS id ORDER BY id LIMIT 1`, { phrase: phrase(stored), stored });
  return row ? row.id : null;
}

/**
 * Of `wanted` (node id → the identifiers it is to hold), the first identifier held now by a node
 * outside `rewritten` (nodes whose identifiers the caller writes anyway), with that holder; null
 * when every one is free. One index look-up per identifier.
 */
export async function firstHeldElsewhere(
  tx: Transaction,
  wanted: ReadonlyMap<string, readonly string[]>,
  rewritten: ReadonlySet<string>,
): Promise<{ stored: string; wantedBy: string; holderId: string } | null> {
  const asked = [...wanted].flatMap(([id, stored]) => stored.map((s) => ({ id, stored: s, phrase: phrase(s) })));
  if (!asked.length) return null;
  const [row] = await tx.run(
    `UNWIND $asked AS a
     CALL db.index.fulltext.queryNodes('entity_external_ids', a.phrase) YIELD node AS n
     WITH a, n WHERE a.stored IN n.externalIds AND NOT n.id IN $rewritten
     RETURN a.stored AS stored, a.id AS wantedBy, n.id AS holderId ORDER BY stored, holderId LIMIT 1`,
    { asked, rewritten: [...rewritten] },
  );
  return row ? { stored: row.stored, wantedBy: row.wantedBy, holderId: row.holderId } : null;
}
