
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "CitedEdge": [
      "AwardEdge",
      "HonorRecipientEdge",
      "LinkedOrganizationEdge",
      "MemberEdge",
      "MembershipEdge",
      "OrganizationProgramEdge"
    ],
    "Node": [
      "Alliance",
      "Association",
      "Bank",
      "Enterprise",
      "Federation",
      "Figure",
      "GovernmentBody",
      "Honor",
      "Institution",
      "PartyBody",
      "Person",
      "Program",
      "SectorOrganization",
      "Source",
      "Studio",
      "Team"
    ],
    "Organization": [
      "Alliance",
      "Association",
      "Bank",
      "Enterprise",
      "Federation",
      "GovernmentBody",
      "Institution",
      "PartyBody",
      "SectorOrganization",
      "Studio",
      "Team"
    ],
    "Recipient": [
      "Alliance",
      "Association",
      "Bank",
      "Enterprise",
      "Federation",
      "GovernmentBody",
      "Institution",
      "PartyBody",
      "Person",
      "SectorOrganization",
      "Studio",
      "Team"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "CitedEdge": [
      "AwardEdge",
      "HonorRecipientEdge",
      "LinkedOrganizationEdge",
      "MemberEdge",
      "MembershipEdge",
      "OrganizationProgramEdge"
    ],
    "Node": [
      "Alliance",
      "Association",
      "Bank",
      "Enterprise",
      "Federation",
      "Figure",
      "GovernmentBody",
      "Honor",
      "Institution",
      "PartyBody",
      "Person",
      "Program",
      "SectorOrganization",
      "Source",
      "Studio",
      "Team"
    ],
    "Organization": [
      "Alliance",
      "Association",
      "Bank",
      "Enterprise",
      "Federation",
      "GovernmentBody",
      "Institution",
      "PartyBody",
      "SectorOrganization",
      "Studio",
      "Team"
    ],
    "Recipient": [
      "Alliance",
      "Association",
      "Bank",
      "Enterprise",
      "Federation",
      "GovernmentBody",
      "Institution",
      "PartyBody",
      "Person",
      "SectorOrganization",
      "Studio",
      "Team"
    ]
  }
};
      export default result;
    