/**
 * The floor: what the database costs when a person writes each benchmark query by hand as one
 * Cypher statement, shaped into the same JSON as this API's answer.
 */
import neo4j, { Driver } from 'neo4j-driver';
import { SEARCH_KEY_SEPARATOR, searchQuery } from '../src/text/normalize';

type Vars = Record<string, any>;
type Node = Record<string, any>;

const byNameThenId = (a: Node, b: Node) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function floorQueries(driver: Driver, database: string): Record<string, (vars: Vars) => Promise<unknown>> {
  const read = async (cypher: string, params: Vars) =>
    (await driver.executeQuery(cypher, params, { database, routing: 'READ' })).records.map((r) => r.toObject());

  return {
    async orgChart({ id, depth }) {
      const levels = Math.max(0, Math.min(10, Math.trunc(Number(depth))));
      const rows = await read(
        `MATCH (root:Organization {id: $id})
         MATCH path = (root)<-[:PART_OF*0..${levels}]-(o:Organization)
         WITH o, nodes(path) AS ns
         RETURN o.id AS id, o.name AS name, o.kind AS kind, o.level AS level,
                CASE WHEN size(ns) > 1 THEN ns[size(ns) - 2].id END AS parentId, size(ns) - 1 AS depth`,
        { id },
      );
      const nodes = new Map<string, Node>();
      for (const row of rows) {
        const node: Node = { id: row.id, name: row.name, kind: row.kind, level: row.level };
        if (row.depth < levels) node.children = [];
        nodes.set(row.id, node);
      }
      let root: Node | null = null;
      for (const row of rows) {
        if (row.parentId == null) root = nodes.get(row.id)!;
        else nodes.get(row.parentId)!.children.push(nodes.get(row.id));
      }
      for (const node of nodes.values()) node.children?.sort(byNameThenId);
      return { organization: root };
    },

    async organizationPage({ id }) {
      const [row] = await read(
        `MATCH (o:Organization {id: $id})
         CALL (o) {
           MATCH (m:Entity)-[r:MEMBER_OF]->(o)
           CALL (m) {
             MATCH (m)-[a:RECEIVED]->(h:Honor)
             WITH a, h ORDER BY a.year DESC, h.name, h.id
             RETURN collect({year: a.year, honor: {id: h.id, name: h.name, level: h.level}}) AS awards
           }
           WITH m, r, awards ORDER BY m.name, m.id
           RETURN collect({role: r.role, member: {id: m.id, name: m.name, awards: awards}}) AS members
         }
         RETURN o {.id, .name, .kind, .level, members: members} AS organization`,
        { id },
      );
      return { organization: row?.organization ?? null };
    },

    async honorRecipients({ id, year, first }) {
      const [row] = await read(
        `MATCH (h:Honor {id: $id})
         CALL (h) {
           MATCH (r:Entity)-[a:RECEIVED]->(h) WHERE a.year = $year
           WITH r, a ORDER BY r.name, r.id LIMIT $first
           RETURN collect({year: a.year, recipient: {id: r.id, name: r.name}}) AS awards
         }
         RETURN h {.id, .name, awards: awards} AS honor`,
        { id, year, first: neo4j.int(Math.trunc(first)) },
      );
      return { honor: row?.honor ?? null };
    },

    async search({ text, first }) {
      // The same ranking as this API's search: exact names and aliases, then search keys, then
      // Lucene's relevance; the text is read with the shared normalizer, as any client would.
      const query = searchQuery(text);
      const rows = await read(
        `CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: 500}) YIELD node, score
         WITH node, score,
           CASE
             WHEN node.name IN $names OR any(alias IN coalesce(node.aliases, []) WHERE alias IN $names) THEN 2
             WHEN any(key IN split(toLower(coalesce(node.searchText, '')), $separator) WHERE key IN $keys) THEN 1
             ELSE 0
           END AS tier
         WITH node, tier + score / (score + 1.0) AS total
         ORDER BY total DESC, node.id
         LIMIT $first
         RETURN node.id AS id, node.name AS name, total AS score`,
        { query: query.lucene, names: query.names, keys: query.keys, separator: SEARCH_KEY_SEPARATOR, first: neo4j.int(Math.trunc(first)) },
      );
      return { search: rows.map((r) => ({ score: r.score, node: { id: r.id, name: r.name } })) };
    },

    async shortestPath({ fromId, toId, maxHops }) {
      const hops = Math.max(1, Math.min(6, Math.trunc(Number(maxHops))));
      const [row] = await read(
        `MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
         MATCH p = shortestPath((a)-[*..${hops}]-(b))
         RETURN [n IN nodes(p) | n {.id, .name}] AS nodes`,
        { fromId, toId },
      );
      return { shortestPath: row ? { nodes: row.nodes } : null };
    },
  };
}
