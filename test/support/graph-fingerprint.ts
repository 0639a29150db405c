import type { Graph } from '../../src/db/graph';

/**
 * What a test file must leave as it found it: the entities (id and labels) and the relationships
 * between them (type and ends). Revisions, proposals and property values are left out.
 */
export async function graphFingerprint(graph: Graph): Promise<{ entities: string[]; relationships: string[] }> {
  const [row] = await graph.read(
    `CALL () { MATCH (n:Entity) WITH n.id + ' ' + coalesce(n.name, n.title, '') + ' (' + reduce(s = '', l IN labels(n) | s + ':' + l) + ')' AS e ORDER BY e RETURN collect(e) AS entities }
     CALL () { MATCH (a:Entity)-[r]->(b:Entity) WITH a.id + ' -' + type(r) + '-> ' + b.id AS k ORDER BY k RETURN collect(k) AS relationships }
     RETURN entities, relationships`,
  );
  return { entities: row.entities, relationships: row.relationships };
}

/** The first few differences between two fingerprints, one per line; empty when they are equal. */
export function fingerprintChanges(before: { entities: string[]; relationships: string[] }, after: { entities: string[]; relationships: string[] }): string[] {
  const lines: string[] = [];
  for (const key of ['entities', 'relationships'] as const) {
    const was = new Set(before[key]);
    const now = new Set(after[key]);
    for (const item of after[key]) if (!was.has(item)) lines.push(`+ ${item}`);
    for (const item of before[key]) if (!now.has(item)) lines.push(`- ${item}`);
  }
  return lines;
}
