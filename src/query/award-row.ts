import { EntityRow } from '../api/node.type';
import { prefetch } from '../api/prefetch';

/** An award as repositories return it: the RECEIVED relationship's properties and the ids of its two ends. */
export interface AwardRow {
  /** The statement id (graph/model.ts STATEMENT_ID). */
  id: string;
  recipientId: string;
  honorId: string;
  year: number | null;
  sourceIds: string[];
  locators: string[];
  inferred: boolean;
  note: string | null;
}

/** Award fields that are relationship properties of the same name. */
export const AWARD_PROPERTIES = ['id', 'year', 'inferred', 'note'];

/**
 * The row of one award of node `id` (the recipient when `by` is 'recipient', else the honor) from
 * the relationship's properties and the node at its far end, which the row carries as its
 * prefetched `honor` (or `recipient`).
 */
export function awardRow(by: 'recipient' | 'honor', id: string, properties: Record<string, unknown>, far: EntityRow): AwardRow {
  const [recipientId, honorId] = by === 'recipient' ? [id, far.id] : [far.id, id];
  return prefetch({ inferred: false, note: null, ...properties, recipientId, honorId } as AwardRow, { [by === 'recipient' ? 'honor' : 'recipient']: far });
}
