/**
 * Operations whose fields are not in schema/schema.graphql yet (they land from other branches):
 * typed by hand against the agreed signatures. Move each to web/operations/ once the schema has it.
 */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

class Operation<R, V> extends String implements DocumentTypeDecoration<R, V> {
  __apiType?: (variables: V) => R;
}

export interface AwardHonorVariables {
  recipientId: string;
  honorId: string;
  year: number;
  sourceIds?: string[] | null;
}

export interface AwardHonorResult {
  awardHonor: { __typename?: string; year?: number | null } | null;
}

/** `awardHonor(recipientId: ID!, honorId: ID!, year: Int!, sourceIds: [ID!])`, for editors with a token. */
export const AwardHonorDocument = new Operation<AwardHonorResult, AwardHonorVariables>(`
  mutation ExplorerAwardHonor($recipientId: ID!, $honorId: ID!, $year: Int!, $sourceIds: [ID!]) {
    awardHonor(recipientId: $recipientId, honorId: $honorId, year: $year, sourceIds: $sourceIds) { __typename }
  }
`);
