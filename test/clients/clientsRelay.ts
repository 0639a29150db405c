/**
 * The operations the Relay test (test/clients.test.ts) sends, compiled by relay-compiler
 * (`npm run codegen`) into ./__generated__/. Never imported at run time: the artifacts are.
 */
import { graphql } from 'relay-runtime';

export const organizationPage = graphql`
  query clientsRelayOrganizationQuery($id: ID!) {
    organization(id: $id) {
      __typename
      id
      name
      kind
      level
      aliases
      parent {
        id
        name
        level
      }
      children {
        id
        name
        kind
        level
      }
      awards {
        id
        year
        inferred
        honor {
          id
          name
          level
        }
      }
      childrenConnection(first: 10) {
        totalCount
        edges {
          statementId
          inferred
          node {
            id
            name
          }
        }
      }
    }
  }
`;

export const orgChart = graphql`
  query clientsRelayOrgChartQuery($rootId: ID!, $depth: Int!, $include: [OrgChartInclude!]) {
    orgChart(rootId: $rootId, depth: $depth, include: $include) {
      __typename
      id
      parentId
      entityId
      entity
      name
      kind
      level
      administrativeLevel
      childCount
      awardCount
      hasMore
      organization {
        id
        name
        kind
        level
      }
    }
  }
`;
