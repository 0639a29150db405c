import { Label, PropertyKind, RELATIONSHIPS, RelationshipTypeName } from '../src/graph/model';

/** The peer's GraphQL scalar for each stored kind (years are Int, as in this API). */
const SCALARS: Partial<Record<PropertyKind, string>> = { string: 'String', integer: 'Int', float: 'Float', bool: 'Boolean' };

/**
 * A relationship field on `on`, walking `type` from the end `at` to `target`: the direction and
 * both ends are checked against graph/model.ts, so the peer cannot drift from the graph.
 */
function relationshipField(on: Label, name: string, type: RelationshipTypeName, at: 'from' | 'to', target: Label, properties?: string): string {
  const spec = RELATIONSHIPS[type];
  const [here, there] = at === 'from' ? [spec.from, spec.to] : [spec.to, spec.from];
  if (!(here as readonly string[]).includes(on) || !(there as readonly string[]).includes(target)) {
    throw new Error(`peer: ${on}.${name} walks ${type} from ${on} to ${target}, which graph/model.ts does not have`);
  }
  const props = properties ? `, properties: "${properties}"` : '';
  return `${name}: [${target}!]! @relationship(type: "${type}", direction: ${at === 'from' ? 'OUT' : 'IN'}${props})`;
}

/** A @relationshipProperties type holding `names` of `type`'s properties, typed from the model. */
function relationshipProperties(typeName: string, type: RelationshipTypeName, names: string[]): string {
  const fields = names.map((name) => {
    const spec = RELATIONSHIPS[type].properties[name];
    const scalar = spec && SCALARS[spec.kind];
    if (!scalar) throw new Error(`peer: ${type} has no scalar property ${name} in graph/model.ts`);
    return `    ${name}: ${scalar}`;
  });
  return `type ${typeName} @relationshipProperties {\n${fields.join('\n')}\n  }`;
}

/**
 * The peer: @neo4j/graphql over the same database, with type definitions equivalent to this API
 * for the fields the benchmark asks for. Search and shortest path are @cypher fields, the way a
 * user of the library writes them; the search text is read into a Lucene query and the names to
 * rank first by the shared normalizer, as a client of the library would have to.
 */
export const peerTypeDefs = /* GraphQL */ `
  type Organization @node(labels: ["Organization", "Entity"]) {
    id: ID!
    name: String!
    kind: String
    level: String
    ${relationshipField('Organization', 'children', 'PART_OF', 'to', 'Organization')}
    ${relationshipField('Organization', 'members', 'MEMBER_OF', 'to', 'Person', 'Membership')}
    ${relationshipField('Organization', 'awards', 'RECEIVED', 'from', 'Honor', 'Award')}
  }

  type Person @node(labels: ["Person", "Entity"]) {
    id: ID!
    name: String!
    ${relationshipField('Person', 'awards', 'RECEIVED', 'from', 'Honor', 'Award')}
  }

  type Honor @node(labels: ["Honor", "Entity"]) {
    id: ID!
    name: String!
    level: String
    ${relationshipField('Honor', 'recipients', 'RECEIVED', 'to', 'Person', 'Award')}
  }

  ${relationshipProperties('Membership', 'MEMBER_OF', ['role', 'since'])}

  ${relationshipProperties('Award', 'RECEIVED', ['year'])}

  type SearchHit {
    id: ID!
    name: String!
    score: Float!
  }

  type Query {
    search(query: String!, names: [String!]!, keys: [String!]!, separator: String!, first: Int!): [SearchHit!]!
      @cypher(
        statement: """
        CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: 500}) YIELD node, score
        WITH node, score,
          CASE
            WHEN node.name IN $names OR any(alias IN coalesce(node.aliases, []) WHERE alias IN $names) THEN 2
            WHEN any(key IN split(toLower(coalesce(node.searchText, '')), $separator) WHERE key IN $keys) THEN 1
            ELSE 0
          END AS tier
        WITH node, tier + score / (score + 1.0) AS total
        ORDER BY total DESC, node.id
        LIMIT $first
        RETURN {id: node.id, name: node.name, score: total} AS hit
        """
        columnName: "hit"
      )
    shortestPathIds(fromId: ID!, toId: ID!): [ID!]!
      @cypher(
        statement: """
        MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
        MATCH p = shortestPath((a)-[*..6]-(b))
        RETURN [n IN nodes(p) | n.id] AS ids
        """
        columnName: "ids"
      )
  }
`;
