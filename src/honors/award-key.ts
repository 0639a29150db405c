/**
 * The identity of an award: one recipient, one honor, one year. A relationship uniqueness
 * constraint on RECEIVED.awardKey (schema/migrations/004_editing.cypher) makes a second edge
 * for the same three impossible, whoever writes it.
 */
export const awardKey = (recipientId: string, honorId: string, year: number | null) =>
  `${recipientId}|${honorId}|${year ?? 'unknown'}`;

/** The `key` the seed and the editors use to tell parallel RECEIVED edges apart. */
export const awardEdgeKey = (year: number | null) => `year:${year ?? 'unknown'}`;
