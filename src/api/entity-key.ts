/**
 * The Apollo Federation key of every entity (Person, the organizations, Honor, Program, Source):
 * ids are globally unique, so a gateway names any of them by `id` alone (docs/federation.md).
 * Only the subgraph schema (src/federation/) prints it; the public schema.graphql does not.
 */
export const ENTITY_KEY = '@key(fields: "id")';
