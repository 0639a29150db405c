/**
 * @generated SignedSource<<8a4c72ca01f37ad1e0e1b630ef001044>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ConcreteRequest } from 'relay-runtime';
export type Level = "COUNTY" | "MUNICIPAL" | "NATIONAL" | "PROVINCIAL" | "TOWNSHIP" | "VILLAGE" | "%future added value";
export type OrganizationKind = "ALLIANCE" | "ASSOCIATION" | "BANK" | "ENTERPRISE" | "FEDERATION" | "GOVERNMENT_BODY" | "INSTITUTION" | "PARTY_BODY" | "STUDIO" | "TEAM" | "THREE_NEW_SECTOR" | "%future added value";
export type clientsRelayOrganizationQuery$variables = {
  id: string;
};
export type clientsRelayOrganizationQuery$data = {
  readonly organization: {
    readonly __typename: string;
    readonly aliases: ReadonlyArray<string>;
    readonly awards: ReadonlyArray<{
      readonly honor: {
        readonly id: string;
        readonly level: Level | null | undefined;
        readonly name: string;
      };
      readonly id: string;
      readonly inferred: boolean;
      readonly year: number | null | undefined;
    }>;
    readonly children: ReadonlyArray<{
      readonly id: string;
      readonly kind: OrganizationKind;
      readonly level: Level | null | undefined;
      readonly name: string;
    }>;
    readonly childrenConnection: {
      readonly edges: ReadonlyArray<{
        readonly inferred: boolean;
        readonly node: {
          readonly id: string;
          readonly name: string;
        };
        readonly statementId: string;
      }>;
      readonly totalCount: number;
    };
    readonly id: string;
    readonly kind: OrganizationKind;
    readonly level: Level | null | undefined;
    readonly name: string;
    readonly parent: {
      readonly id: string;
      readonly level: Level | null | undefined;
      readonly name: string;
    } | null | undefined;
  } | null | undefined;
};
export type clientsRelayOrganizationQuery = {
  response: clientsRelayOrganizationQuery$data;
  variables: clientsRelayOrganizationQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "id"
  }
],
v1 = [
  {
    "kind": "Variable",
    "name": "id",
    "variableName": "id"
  }
],
v2 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "__typename",
  "storageKey": null
},
v3 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
},
v5 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "kind",
  "storageKey": null
},
v6 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "level",
  "storageKey": null
},
v7 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "aliases",
  "storageKey": null
},
v8 = [
  (v3/*:: as any*/),
  (v4/*:: as any*/),
  (v6/*:: as any*/)
],
v9 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "inferred",
  "storageKey": null
},
v10 = {
  "alias": null,
  "args": null,
  "concreteType": "Award",
  "kind": "LinkedField",
  "name": "awards",
  "plural": true,
  "selections": [
    (v3/*:: as any*/),
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "year",
      "storageKey": null
    },
    (v9/*:: as any*/),
    {
      "alias": null,
      "args": null,
      "concreteType": "Honor",
      "kind": "LinkedField",
      "name": "honor",
      "plural": false,
      "selections": (v8/*:: as any*/),
      "storageKey": null
    }
  ],
  "storageKey": null
},
v11 = [
  {
    "kind": "Literal",
    "name": "first",
    "value": 10
  }
],
v12 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "totalCount",
  "storageKey": null
},
v13 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "statementId",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "clientsRelayOrganizationQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": null,
        "kind": "LinkedField",
        "name": "organization",
        "plural": false,
        "selections": [
          (v2/*:: as any*/),
          (v3/*:: as any*/),
          (v4/*:: as any*/),
          (v5/*:: as any*/),
          (v6/*:: as any*/),
          (v7/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": null,
            "kind": "LinkedField",
            "name": "parent",
            "plural": false,
            "selections": (v8/*:: as any*/),
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "concreteType": null,
            "kind": "LinkedField",
            "name": "children",
            "plural": true,
            "selections": [
              (v3/*:: as any*/),
              (v4/*:: as any*/),
              (v5/*:: as any*/),
              (v6/*:: as any*/)
            ],
            "storageKey": null
          },
          (v10/*:: as any*/),
          {
            "alias": null,
            "args": (v11/*:: as any*/),
            "concreteType": "LinkedOrganizationConnection",
            "kind": "LinkedField",
            "name": "childrenConnection",
            "plural": false,
            "selections": [
              (v12/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "LinkedOrganizationEdge",
                "kind": "LinkedField",
                "name": "edges",
                "plural": true,
                "selections": [
                  (v13/*:: as any*/),
                  (v9/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": null,
                    "kind": "LinkedField",
                    "name": "node",
                    "plural": false,
                    "selections": [
                      (v3/*:: as any*/),
                      (v4/*:: as any*/)
                    ],
                    "storageKey": null
                  }
                ],
                "storageKey": null
              }
            ],
            "storageKey": "childrenConnection(first:10)"
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
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "clientsRelayOrganizationQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": null,
        "kind": "LinkedField",
        "name": "organization",
        "plural": false,
        "selections": [
          (v2/*:: as any*/),
          (v3/*:: as any*/),
          (v4/*:: as any*/),
          (v5/*:: as any*/),
          (v6/*:: as any*/),
          (v7/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": null,
            "kind": "LinkedField",
            "name": "parent",
            "plural": false,
            "selections": [
              (v2/*:: as any*/),
              (v3/*:: as any*/),
              (v4/*:: as any*/),
              (v6/*:: as any*/)
            ],
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "concreteType": null,
            "kind": "LinkedField",
            "name": "children",
            "plural": true,
            "selections": [
              (v2/*:: as any*/),
              (v3/*:: as any*/),
              (v4/*:: as any*/),
              (v5/*:: as any*/),
              (v6/*:: as any*/)
            ],
            "storageKey": null
          },
          (v10/*:: as any*/),
          {
            "alias": null,
            "args": (v11/*:: as any*/),
            "concreteType": "LinkedOrganizationConnection",
            "kind": "LinkedField",
            "name": "childrenConnection",
            "plural": false,
            "selections": [
              (v12/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "LinkedOrganizationEdge",
                "kind": "LinkedField",
                "name": "edges",
                "plural": true,
                "selections": [
                  (v13/*:: as any*/),
                  (v9/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": null,
                    "kind": "LinkedField",
                    "name": "node",
                    "plural": false,
                    "selections": [
                      (v2/*:: as any*/),
                      (v3/*:: as any*/),
                      (v4/*:: as any*/)
                    ],
                    "storageKey": null
                  }
                ],
                "storageKey": null
              }
            ],
            "storageKey": "childrenConnection(first:10)"
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "c6056b8ca5702e0a3a12dc33eca6b987",
    "id": null,
    "metadata": {},
    "name": "clientsRelayOrganizationQuery",
    "operationKind": "query",
    "text": "query clientsRelayOrganizationQuery(\n  $id: ID!\n) {\n  organization(id: $id) {\n    __typename\n    id\n    name\n    kind\n    level\n    aliases\n    parent {\n      __typename\n      id\n      name\n      level\n    }\n    children {\n      __typename\n      id\n      name\n      kind\n      level\n    }\n    awards {\n      id\n      year\n      inferred\n      honor {\n        id\n        name\n        level\n      }\n    }\n    childrenConnection(first: 10) {\n      totalCount\n      edges {\n        statementId\n        inferred\n        node {\n          __typename\n          id\n          name\n        }\n      }\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "29e1f2c1c1ed28e22cfa392d01664af4";

export default node;
