/**
 * @generated SignedSource<<5caf0b351f9a7d447e28b1964d470ce3>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ConcreteRequest } from 'relay-runtime';
export type Level = "COUNTY" | "MUNICIPAL" | "NATIONAL" | "PROVINCIAL" | "TOWNSHIP" | "VILLAGE" | "%future added value";
export type OrgChartEntity = "HONOR" | "ORGANIZATION" | "PERSON" | "PROGRAM" | "%future added value";
export type OrgChartInclude = "HONORS" | "MEMBERS" | "PROGRAMS" | "%future added value";
export type OrganizationKind = "ALLIANCE" | "ASSOCIATION" | "BANK" | "ENTERPRISE" | "FEDERATION" | "GOVERNMENT_BODY" | "INSTITUTION" | "PARTY_BODY" | "STUDIO" | "TEAM" | "THREE_NEW_SECTOR" | "%future added value";
export type clientsRelayOrgChartQuery$variables = {
  depth: number;
  include?: ReadonlyArray<OrgChartInclude> | null | undefined;
  rootId: string;
};
export type clientsRelayOrgChartQuery$data = {
  readonly orgChart: ReadonlyArray<{
    readonly __typename: "OrgChartNode";
    readonly administrativeLevel: Level | null | undefined;
    readonly awardCount: number;
    readonly childCount: number;
    readonly entity: OrgChartEntity;
    readonly entityId: string;
    readonly hasMore: boolean;
    readonly id: string;
    readonly kind: string | null | undefined;
    readonly level: number;
    readonly name: string;
    readonly organization: {
      readonly id: string;
      readonly kind: OrganizationKind;
      readonly level: Level | null | undefined;
      readonly name: string;
    } | null | undefined;
    readonly parentId: string | null | undefined;
  }>;
};
export type clientsRelayOrgChartQuery = {
  response: clientsRelayOrgChartQuery$data;
  variables: clientsRelayOrgChartQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = {
  "defaultValue": null,
  "kind": "LocalArgument",
  "name": "depth"
},
v1 = {
  "defaultValue": null,
  "kind": "LocalArgument",
  "name": "include"
},
v2 = {
  "defaultValue": null,
  "kind": "LocalArgument",
  "name": "rootId"
},
v3 = [
  {
    "kind": "Variable",
    "name": "depth",
    "variableName": "depth"
  },
  {
    "kind": "Variable",
    "name": "include",
    "variableName": "include"
  },
  {
    "kind": "Variable",
    "name": "rootId",
    "variableName": "rootId"
  }
],
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "__typename",
  "storageKey": null
},
v5 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v6 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "parentId",
  "storageKey": null
},
v7 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "entityId",
  "storageKey": null
},
v8 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "entity",
  "storageKey": null
},
v9 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
},
v10 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "kind",
  "storageKey": null
},
v11 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "level",
  "storageKey": null
},
v12 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "administrativeLevel",
  "storageKey": null
},
v13 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "childCount",
  "storageKey": null
},
v14 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "awardCount",
  "storageKey": null
},
v15 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "hasMore",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": [
      (v0/*:: as any*/),
      (v1/*:: as any*/),
      (v2/*:: as any*/)
    ],
    "kind": "Fragment",
    "metadata": null,
    "name": "clientsRelayOrgChartQuery",
    "selections": [
      {
        "alias": null,
        "args": (v3/*:: as any*/),
        "concreteType": "OrgChartNode",
        "kind": "LinkedField",
        "name": "orgChart",
        "plural": true,
        "selections": [
          (v4/*:: as any*/),
          (v5/*:: as any*/),
          (v6/*:: as any*/),
          (v7/*:: as any*/),
          (v8/*:: as any*/),
          (v9/*:: as any*/),
          (v10/*:: as any*/),
          (v11/*:: as any*/),
          (v12/*:: as any*/),
          (v13/*:: as any*/),
          (v14/*:: as any*/),
          (v15/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": null,
            "kind": "LinkedField",
            "name": "organization",
            "plural": false,
            "selections": [
              (v5/*:: as any*/),
              (v9/*:: as any*/),
              (v10/*:: as any*/),
              (v11/*:: as any*/)
            ],
            "storageKey": null
          }
        ],
        "storageKey": null
      }
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [
      (v2/*:: as any*/),
      (v0/*:: as any*/),
      (v1/*:: as any*/)
    ],
    "kind": "Operation",
    "name": "clientsRelayOrgChartQuery",
    "selections": [
      {
        "alias": null,
        "args": (v3/*:: as any*/),
        "concreteType": "OrgChartNode",
        "kind": "LinkedField",
        "name": "orgChart",
        "plural": true,
        "selections": [
          (v4/*:: as any*/),
          (v5/*:: as any*/),
          (v6/*:: as any*/),
          (v7/*:: as any*/),
          (v8/*:: as any*/),
          (v9/*:: as any*/),
          (v10/*:: as any*/),
          (v11/*:: as any*/),
          (v12/*:: as any*/),
          (v13/*:: as any*/),
          (v14/*:: as any*/),
          (v15/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": null,
            "kind": "LinkedField",
            "name": "organization",
            "plural": false,
            "selections": [
              (v4/*:: as any*/),
              (v5/*:: as any*/),
              (v9/*:: as any*/),
              (v10/*:: as any*/),
              (v11/*:: as any*/)
            ],
            "storageKey": null
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "73700235d86147ab1827abeb6a492dd4",
    "id": null,
    "metadata": {},
    "name": "clientsRelayOrgChartQuery",
    "operationKind": "query",
    "text": "query clientsRelayOrgChartQuery(\n  $rootId: ID!\n  $depth: Int!\n  $include: [OrgChartInclude!]\n) {\n  orgChart(rootId: $rootId, depth: $depth, include: $include) {\n    __typename\n    id\n    parentId\n    entityId\n    entity\n    name\n    kind\n    level\n    administrativeLevel\n    childCount\n    awardCount\n    hasMore\n    organization {\n      __typename\n      id\n      name\n      kind\n      level\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "5b3957e9d54890f27964f0dc391000d0";

export default node;
