// A source an external identifier cites MENTIONS the entity, as one the entity's own facts cite
// does (docs/model.md, Provenance). Identifiers cited before the writes kept that edge get it here:
// created where missing, or given the places it lacks (each place once; [''] when none is known).
// Later starts find every place there and write nothing.
MATCH (n:Entity) WHERE size(coalesce(n.externalIdSourceIds, [])) > 0
UNWIND range(0, size(n.externalIdSourceIds) - 1) AS i
WITH n, n.externalIdSourceIds[i] AS sourceId, coalesce(n.externalIdLocators[i], '') AS place
WHERE sourceId <> '' AND sourceId <> n.id
MATCH (s:Source {id: sourceId})
OPTIONAL MATCH (s)-[m:MENTIONS {key: 'mention'}]->(n)
WITH s, n, m, collect(DISTINCT place) AS places
WHERE m IS NULL OR any(p IN places WHERE p <> '' AND NOT p IN coalesce(m.locators, []))
MERGE (s)-[e:MENTIONS {key: 'mention'}]->(n)
ON CREATE SET e.id = 'st-' + randomUUID()
WITH s, e, [l IN coalesce(e.locators, []) WHERE l <> ''] AS known, [p IN places WHERE p <> ''] AS cited
WITH s, e, known + [p IN cited WHERE NOT p IN known] AS located
WITH s, e, CASE WHEN size(located) = 0 THEN [''] ELSE located END AS locators
SET e.locators = locators, e.sourceIds = [l IN locators | s.id];
