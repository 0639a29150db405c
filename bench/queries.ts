/**
 * The query mix, written once per arm. Every arm's answer is mapped to one canonical shape and
 * normalized before the answers are compared, so "equal" means the same facts, not the same
 * spelling of the GraphQL.
 */
import { SEARCH_KEY_SEPARATOR, searchQuery } from '../src/text/normalize';
import type { SyntheticGraph } from './generate';

export type Arm = 'api' | 'peer' | 'floor';

export interface ArmRequest {
  /** POST path on the arm's server. */
  path: string;
  body: unknown;
}

export interface BenchQuery {
  name: string;
  title: string;
  /** A field of this API's schema the query needs ("Type.field"); absent → the API arm is skipped. */
  requires?: string[];
  request(arm: Arm, apiFields: Set<string>): ArmRequest;
  /** The arm's `data` in the canonical shape (this API's). */
  canon(arm: Arm, data: any): unknown;
  /** When equal answers may legitimately differ (ties), what to compare instead. */
  compare?: (canon: any) => unknown;
}

const gql = (query: string, variables: Record<string, unknown>): ArmRequest => ({ path: '/graphql', body: { query, variables } });
const floor = (name: string, variables: Record<string, unknown>): ArmRequest => ({ path: `/floor/${name}`, body: variables });

/** `children { … }` nested `depth` times, with the fields of `leaf` at every level. */
function nested(field: string, depth: number, leaf: string): string {
  let inner = leaf;
  for (let i = 0; i < depth; i++) inner = `${leaf} ${field} { ${inner} }`;
  return inner;
}

/** A flat org chart (id, parentId) as the nested tree the other arms return, children by name then id. */
function treeOf(flat: any[], depth: number): unknown {
  const nodes = new Map<string, any>();
  const levels = new Map<string, number>();
  for (const row of flat) nodes.set(row.id, { id: row.id, name: row.name, kind: row.kind, level: row.administrativeLevel });
  const root = flat.find((row) => row.parentId == null);
  if (!root) return null;
  levels.set(root.id, 0);
  const byParent = new Map<string, any[]>();
  for (const row of flat) if (row.parentId != null) byParent.set(row.parentId, [...(byParent.get(row.parentId) ?? []), row]);
  const build = (id: string, level: number): any => {
    const node = nodes.get(id);
    if (level < depth) {
      node.children = (byParent.get(id) ?? [])
        .map((row) => build(row.id, level + 1))
        .sort((a: any, b: any) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
    return node;
  };
  return build(root.id, 0);
}

export function benchQueries(graph: SyntheticGraph): BenchQuery[] {
  const p = graph.picks();
  const orgFields = 'id name kind level';
  const nestedChart = (arm: Arm): ArmRequest => {
    if (arm === 'floor') return floor('orgChart', { id: p.orgChartRoot, depth: p.orgChartDepth });
    if (arm === 'peer') {
      return gql(
        `query($id: ID!) { organizations(where: { id: { eq: $id } }) { ${nested('children(sort: [{ name: ASC }, { id: ASC }])', p.orgChartDepth, orgFields)} } }`,
        { id: p.orgChartRoot },
      );
    }
    return gql(`query($id: ID!) { organization(id: $id) { ${nested('children', p.orgChartDepth, orgFields)} } }`, { id: p.orgChartRoot });
  };
  return [
    {
      name: 'orgChart',
      title: `org chart, depth ${p.orgChartDepth} (${p.orgChartRoot}); this API answers with its flat \`orgChart(rootId, depth)\`, the others with nested children`,
      requires: ['Query.orgChart'],
      request(arm) {
        if (arm === 'api') {
          return gql('query($id: ID!, $depth: Int!) { orgChart(rootId: $id, depth: $depth) { id parentId name kind administrativeLevel } }', {
            id: p.orgChartRoot,
            depth: p.orgChartDepth,
          });
        }
        return nestedChart(arm);
      },
      canon(arm, data) {
        if (arm !== 'api') return arm === 'peer' ? data.organizations[0] ?? null : data.organization;
        return treeOf(data.orgChart, p.orgChartDepth);
      },
    },
    {
      name: 'orgChartNested',
      title: `org chart, depth ${p.orgChartDepth} (${p.orgChartRoot}), as nested \`children\` in every arm`,
      request: (arm) => nestedChart(arm),
      canon: (arm, data) => (arm === 'peer' ? data.organizations[0] ?? null : data.organization),
    },
    {
      name: 'organizationPage',
      title: `organization page: the org, its ${50} members, their awards and honors (${p.organizationPage})`,
      request(arm) {
        if (arm === 'floor') return floor('organizationPage', { id: p.organizationPage });
        if (arm === 'peer') {
          return gql(
            `query($id: ID!) { organizations(where: { id: { eq: $id } }) { ${orgFields}
               membersConnection(sort: [{ node: { name: ASC } }, { node: { id: ASC } }]) { edges { properties { role } node { id name
                 awardsConnection(sort: [{ edge: { year: DESC } }, { node: { name: ASC } }, { node: { id: ASC } }]) { edges { properties { year } node { id name level } } } } } } } }`,
            { id: p.organizationPage },
          );
        }
        return gql(
          `query($id: ID!) { organization(id: $id) { ${orgFields}
             members { role member { id name awards { year honor { id name level } } } } } }`,
          { id: p.organizationPage },
        );
      },
      canon(arm, data) {
        if (arm !== 'peer') return data.organization;
        const org = data.organizations[0];
        if (!org) return null;
        const { membersConnection, ...rest } = org;
        return {
          ...rest,
          members: membersConnection.edges.map((e: any) => ({
            role: e.properties.role,
            member: {
              id: e.node.id,
              name: e.node.name,
              awards: e.node.awardsConnection.edges.map((a: any) => ({ year: a.properties.year, honor: a.node })),
            },
          })),
        };
      },
    },
    {
      name: 'search',
      title: `search "${p.searchText}", top ${p.searchFirst}`,
      requires: ['Query.search'],
      request(arm) {
        if (arm === 'floor') return floor('search', { text: p.searchText, first: p.searchFirst });
        if (arm === 'peer') {
          const q = searchQuery(p.searchText);
          return gql(
            'query($query: String!, $names: [String!]!, $keys: [String!]!, $separator: String!, $first: Int!) { search(query: $query, names: $names, keys: $keys, separator: $separator, first: $first) { id name score } }',
            { query: q.lucene, names: q.names, keys: q.keys, separator: SEARCH_KEY_SEPARATOR, first: p.searchFirst },
          );
        }
        return gql('query($text: String!, $first: Int) { search(text: $text, first: $first) { score node { id } } }', { text: p.searchText, first: p.searchFirst });
      },
      canon(arm, data) {
        const hits = arm === 'peer' ? data.search.map((h: any) => ({ node: { id: h.id } })) : data.search.map((h: any) => ({ node: { id: h.node.id } }));
        return hits;
      },
      // Scores are the index's business; which nodes come back, in which order, is the answer.
      compare: (hits: any[]) => hits.map((h) => h.node.id),
    },
    {
      name: 'honorRecipients',
      title: `one page (${p.honorPageSize}) of an honor's recipients in ${p.honorYear} (${p.honor})`,
      requires: ['Honor.awardsConnection'],
      request(arm) {
        const vars = { id: p.honor, year: p.honorYear, first: p.honorPageSize };
        if (arm === 'floor') return floor('honorRecipients', vars);
        if (arm === 'peer') {
          return gql(
            `query($id: ID!, $year: Int!, $first: Int!) { honors(where: { id: { eq: $id } }) { id name
               recipientsConnection(where: { edge: { year: { eq: $year } } }, first: $first, sort: [{ node: { name: ASC } }, { node: { id: ASC } }]) {
                 edges { properties { year } node { id name } } } } }`,
            vars,
          );
        }
        return gql(
          `query($id: ID!, $year: Int!, $first: Int!) { honor(id: $id) { id name
             awardsConnection(where: { year: { eq: $year } }, first: $first, orderBy: [{ field: NAME }]) { edges { year node { id name } } } } }`,
          vars,
        );
      },
      canon(arm, data) {
        if (arm === 'floor') return data.honor;
        const honor = arm === 'peer' ? data.honors[0] : data.honor;
        if (!honor) return null;
        const edges = arm === 'peer' ? honor.recipientsConnection.edges.map((e: any) => ({ year: e.properties.year, recipient: e.node })) : honor.awardsConnection.edges.map((e: any) => ({ year: e.year, recipient: e.node }));
        return { id: honor.id, name: honor.name, awards: edges };
      },
    },
    {
      name: 'shortestPath',
      title: `shortest path, at most ${p.pathMaxHops} hops (${p.pathFrom} → ${p.pathTo})`,
      requires: ['Query.shortestPath'],
      request(arm) {
        const vars = { fromId: p.pathFrom, toId: p.pathTo, maxHops: p.pathMaxHops };
        if (arm === 'floor') return floor('shortestPath', vars);
        if (arm === 'peer') return gql('query($fromId: ID!, $toId: ID!) { shortestPathIds(fromId: $fromId, toId: $toId) }', { fromId: p.pathFrom, toId: p.pathTo });
        return gql('query($fromId: ID!, $toId: ID!, $maxHops: Int!) { shortestPath(fromId: $fromId, toId: $toId, maxHops: $maxHops) { nodes { id } } }', vars);
      },
      canon(arm, data) {
        if (arm === 'peer') return { nodes: data.shortestPathIds.map((id: string) => ({ id })) };
        return data.shortestPath ? { nodes: data.shortestPath.nodes.map((n: any) => ({ id: n.id })) } : null;
      },
      // Several paths can be shortest; the same ends and the same length is the same answer.
      compare: (path: any) => path && { hops: path.nodes.length - 1, from: path.nodes[0]?.id, to: path.nodes[path.nodes.length - 1]?.id },
    },
  ];
}

/** Stable JSON: object keys sorted, so key order never makes two answers differ. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as any)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
