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
    children: [Organization!]! @relationship(type: "PART_OF", direction: IN)
    members: [Person!]! @relationship(type: "MEMBER_OF", direction: IN, properties: "Membership")
    awards: [Honor!]! @relationship(type: "RECEIVED", direction: OUT, properties: "Award")
  }

  type Person @node(labels: ["Person", "Entity"]) {
    id: ID!
    name: String!
    awards: [Honor!]! @relationship(type: "RECEIVED", direction: OUT, properties: "Award")
  }

  type Honor @node(labels: ["Honor", "Entity"]) {
    id: ID!
    name: String!
    level: String
    recipients: [Person!]! @relationship(type: "RECEIVED", direction: IN, properties: "Award")
  }

  type Membership @relationshipProperties {
    role: String
    since: String
  }

  type Award @relationshipProperties {
    year: Int
  }

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
