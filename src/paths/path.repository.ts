import neo4j from 'neo4j-driver';
import { EntityRow } from '../api/node.type';
import { project, projectFields } from '../query/cypher';
import { Row } from '../db/graph';
import { toEntity } from '../query/entity';
import { Repository } from '../query/repository';
import { citationsOf } from '../api/citation.type';
import { RelationshipTypeName, isRelationshipType, relationshipPropertiesWithRole } from '../graph/model';
import { GraphEdge, PathRelationship, WalkDirection } from './path.type';
import { precisionProperty, storedDateText } from '../graph/partial-date';

export const MAX_PATH_HOPS = 6;
export const MAX_NEIGHBORHOOD_HOPS = 3;
export const MAX_NEIGHBORHOOD_NODES = 200;

export interface PathRow {
  length: number;
  nodes: EntityRow[];
  relationships: PathRelationship[];
}

export interface NeighborhoodRow {
  nodes: EntityRow[];
  edges: GraphEdge[];
}

/** Citations travel as `sources`; an edge key only tells apart parallel edges; the statement id is bookkeeping here (graph/model.ts names them). */
const HIDDEN_PROPERTIES = new Set([
  ...relationshipPropertiesWithRole('citation'), ...relationshipPropertiesWithRole('edgeKey'), ...relationshipPropertiesWithRole('statementId'),
]);

/** The stored properties but citations and keys; a date with a precision (since, until) as the partial date it stands for. */
const visibleProperties = (properties: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(properties)
      .filter(([name]) => !HIDDEN_PROPERTIES.has(name))
      .map(([name, value]) => [name, typeof properties[precisionProperty(name)] === 'string' ? storedDateText(properties, name) : value]),
  );

/** A relationship as Cypher hands it back: `{id, type, from, to, props}`. */
const RELATIONSHIP = (r: string) =>
  `{id: elementId(${r}), type: type(${r}), from: startNode(${r}).id, to: endNode(${r}).id, props: properties(${r})}`;

interface RawRelationship {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Record<string, any>;
}

/** A hop bound goes into the Cypher text (shortestPath takes no parameter there): integers only. */
function hopLiteral(hops: number, max: number): string {
  if (!Number.isInteger(hops) || hops < 1 || hops > max) throw new RangeError(`hops must be an integer from 1 to ${max}`);
  return String(hops);
}

export class PathRepository extends Repository {
  /**
   * The shortest undirected path, or null when none is at most `maxHops` long. Both ends are
   * found through the Entity.id index; `exists` tells a missing end from a missing path.
   */
  async shortestPath(
    fromId: string,
    toId: string,
    maxHops: number,
    via: RelationshipTypeName[] | null = null,
    shows: { nodeFields?: Set<string> | null; relationships?: boolean } = {},
  ): Promise<{ missing: string[]; path: PathRow | null }> {
    // Only what the request shows is read: the nodes' plain properties when that is all it asks
    // of them (partial rows stay out of the node cache), the relationships only when asked for.
    const narrow = projectFields('n', shows.nodeFields ?? null);
    const withRelationships = shows.relationships ?? true;
    const hops = hopLiteral(maxHops, MAX_PATH_HOPS);
    // Relationship types cannot be parameters either; only the model's types reach the text.
    const types = via?.length ? `:${via.filter(isRelationshipType).join('|')}` : '';
    if (fromId === toId) {
      const node = await this.nodeLoader().load(fromId);
      return node ? { missing: [], path: { length: 0, nodes: [node], relationships: [] } } : { missing: [fromId], path: null };
    }
    const [row] = await this.graph.read(
      `OPTIONAL MATCH (a:Entity {id: $from})
       OPTIONAL MATCH (b:Entity {id: $to})
       OPTIONAL MATCH p = shortestPath((a)-[${types}*..${hops}]-(b))
       RETURN a IS NOT NULL AS fromExists, b IS NOT NULL AS toExists,
              CASE WHEN p IS NULL THEN null ELSE [n IN nodes(p) | ${narrow ?? project('n')}] END AS nodes,
              CASE WHEN p IS NULL THEN null ELSE [r IN relationships(p) | ${withRelationships ? RELATIONSHIP('r') : 'null'}] END AS relationships`,
      { from: fromId, to: toId },
    );
    const missing = [...(row.fromExists ? [] : [fromId]), ...(row.toExists ? [] : [toId])];
    if (missing.length || !row.nodes) return { missing, path: null };
    const nodes = narrow ? (row.nodes as Row[]).map((node) => toEntity(node)!) : this.entities(row.nodes);
    if (!withRelationships) return { missing: [], path: { length: nodes.length - 1, nodes, relationships: [] } };
    const relationships = (row.relationships as RawRelationship[]).map((r, i) => {
      const props = r.props ?? {};
      return Object.assign(new PathRelationship(), {
        type: r.type,
        from: r.from,
        to: r.to,
        direction: r.from === nodes[i].id ? WalkDirection.FORWARD : WalkDirection.BACKWARD,
        year: typeof props.year === 'number' ? props.year : null,
        role: typeof props.role === 'string' ? props.role : null,
        properties: visibleProperties(props),
        sources: citationsOf(props),
      });
    });
    return { missing: [], path: { length: relationships.length, nodes, relationships } };
  }

  /**
   * The center, then up to `first` nodes by distance (ring by ring, each ring by name and id so
   * the answer is stable), and every relationship among them. Each ring expands from at most
   * `first` nodes, so the work is bounded by `first` × degree × hops, not by the graph's size.
   * Null when the center does not exist.
   */
  async neighborhood(id: string, hops: number, first: number): Promise<NeighborhoodRow | null> {
    const rings = Number(hopLiteral(hops, MAX_NEIGHBORHOOD_HOPS));
    const expand = Array.from(
      { length: rings },
      () =>
        `CALL {
           WITH seen, frontier
           UNWIND frontier AS x
           MATCH (x)--(m:Entity) WHERE NOT m IN seen
           WITH DISTINCT m ORDER BY m.name, m.id LIMIT $first
           RETURN collect(m) AS ring
         }
         WITH seen + ring AS seen, ring AS frontier`,
    ).join('\n');
    const rows = await this.graph.read(
      `MATCH (c:Entity {id: $id})
       WITH [c] AS seen, [c] AS frontier
       ${expand}
       WITH seen[0..$keep] AS kept
       CALL {
         WITH kept
         UNWIND kept AS a
         MATCH (a)-[r]->(b) WHERE b IN kept
         RETURN collect(${RELATIONSHIP('r')}) AS edges
       }
       RETURN [n IN kept | ${project('n')}] AS nodes, edges`,
      { id, first: neo4j.int(first), keep: neo4j.int(first + 1) },
    );
    if (!rows.length) return null;
    const nodes = this.entities(rows[0].nodes);
    const edges = (rows[0].edges as RawRelationship[])
      .map((r) =>
        Object.assign(new GraphEdge(), {
          id: r.id,
          type: r.type,
          from: r.from,
          to: r.to,
          properties: visibleProperties(r.props ?? {}),
          sources: citationsOf(r.props ?? {}),
        }),
      )
      .sort((x, y) => x.from.localeCompare(y.from) || x.type.localeCompare(y.type) || x.to.localeCompare(y.to) || x.id.localeCompare(y.id));
    return { nodes, edges };
  }
}
