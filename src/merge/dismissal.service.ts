import type { Viewer } from '../auth/viewer';
import { ENTITY_LABELS } from '../api/entity-type';
import { badInput } from '../api/errors';
import { Graph } from '../db/graph';
import { DuplicateRepository } from '../duplicates/duplicate.repository';
import { lockAll, mutate, requireEntity } from '../editing/write';

const ANY_ENTITY = 'a person, organization, honor, program or source';
export const MAX_DISMISS_NOTE = 500;

/**
 * "Not the same" (editor): the opposite of a merge. Both nodes record the other in distinctFrom
 * (with the note aligned in distinctNotes), in one revision an admin can undo; the duplicate
 * queue leaves the pair out from then on. Here beside the merge, above the write kit that the
 * duplicates feature sits below.
 */
export class DismissalService {
  constructor(
    private readonly graph: Graph,
    private readonly duplicates: DuplicateRepository,
  ) {}

  async dismiss(viewer: Viewer, aId: string, bId: string, note: string | null) {
    if (aId === bId) throw badInput('bId', 'names the same node as aId; a node is always the same as itself');
    const text = (note ?? '').trim();
    if (text.length > MAX_DISMISS_NOTE) throw badInput('note', `must be at most ${MAX_DISMISS_NOTE} characters, got ${text.length}`);
    const labels = Object.values(ENTITY_LABELS);
    return mutate(this.graph, viewer, async (rec) => {
      await lockAll(rec.tx, [aId, bId].sort());
      const a = await requireEntity(rec.tx, 'aId', aId, labels, ANY_ENTITY);
      const b = await requireEntity(rec.tx, 'bId', bId, labels, ANY_ENTITY);
      const label = labels.find((l) => a.labels.includes(l))!;
      if (!b.labels.includes(label)) {
        throw badInput('bId', `is a ${b.labels.filter((l) => l !== 'Entity').join('/')}, not a ${label}: only entities of one type can be duplicates`);
      }
      rec.lastRevisionId = null;
      await rec.tracked('dismissDuplicate', { nodes: [aId, bId], rels: [] }, () => this.duplicates.writeDistinct(rec.tx, aId, bId, text));
      const [freshA, freshB] = await Promise.all([aId, bId].map((id) => requireEntity(rec.tx, 'aId', id, labels, ANY_ENTITY)));
      const strip = ({ labels: _labels, ...row }: typeof freshA) => row;
      return { a: strip(freshA), b: strip(freshB), note: text || null, revisionId: rec.lastRevisionId };
    });
  }
}
