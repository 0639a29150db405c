import type { Viewer } from '../auth/viewer';
import { notFound } from '../api/errors';
import { check, yearProblem } from '../api/validation';
import { Recorder } from '../editing/recorder';
import type { QualifierProvenanceInput } from '../api/qualifier.type';
import { qualifierProperties } from '../api/qualifier.type';
import { lock, mutate, provenance, requireEntity, requireSourceLists, unionCitations } from '../editing/write';
import { Graph } from '../db/graph';
import { awardEdgeKey, awardKey } from './award-key';
import { AwardEdge, AwardRow, HonorRepository } from './honor.repository';
import { integer } from '../db/temporal';

const RECIPIENT = ['Person', 'Organization'];

/** An award revokeAward removed (RevokeAwardPayload). */
export interface RevokedAward {
  awardId: string;
  recipientId: string;
  honorId: string;
  year: number;
  revisionId: string;
}

/** Awards: who received which honor in which year. Each change is one write that records its revision. */
export class AwardService {
  constructor(
    private readonly graph: Graph,
    private readonly honors: HonorRepository,
  ) {}

  /** Records the award inside `rec`'s transaction; an award already recorded gains the new citations. */
  async awardIn(
    rec: Recorder,
    recipientId: string,
    honorId: string,
    year: number,
    sourceIds: string[] | null | undefined,
    yearProvenance: QualifierProvenanceInput | null = null,
    locators?: string[] | null,
  ): Promise<{ award: AwardRow; created: boolean }> {
    check('year', year, yearProblem);
    await requireEntity(rec.tx, 'recipientId', recipientId, RECIPIENT, 'a person or an organization');
    await requireEntity(rec.tx, 'honorId', honorId, ['Honor'], 'an honor');
    await requireSourceLists(rec.tx, [
      ['sourceIds', sourceIds],
      ['yearProvenance.sourceIds', yearProvenance?.sourceIds],
    ]);
    // Identical concurrent calls queue on the recipient's lock; the later ones find the edge.
    await lock(rec.tx, recipientId);
    const rel = received(recipientId, honorId, year);
    const existing = await rec.rel(rel.type, rel.from, rel.to, rel.key);
    await rec.tracked('awardHonor', { nodes: [], rels: [rel] }, async () => {
      if (existing.props) {
        const citations = unionCitations(existing.props, sourceIds ?? [], locators);
        const before = { sourceIds: existing.props.sourceIds ?? [], locators: existing.props.locators ?? [] };
        if (JSON.stringify(citations) !== JSON.stringify(before)) await this.honors.setAwardCitations(rec.tx, rel, citations);
        if (yearProvenance) await this.honors.setAwardProperties(rec.tx, rel, qualifierProperties('year', yearProvenance));
        return;
      }
      await this.honors.createAward(rec.tx, rel, {
        year: integer(year),
        awardKey: awardKey(recipientId, honorId, year),
        ...provenance(sourceIds, locators),
        inferred: false,
        note: null,
        ...qualifierProperties('year', yearProvenance),
        createdBy: rec.actor.sub,
      });
    });
    const after = await rec.rel(rel.type, rel.from, rel.to, rel.key);
    return { award: { inferred: false, note: null, ...after.props!, recipientId, honorId } as AwardRow, created: !existing.props };
  }

  async award(
    viewer: Viewer,
    recipientId: string,
    honorId: string,
    year: number,
    sourceIds?: string[] | null,
    yearProvenance: QualifierProvenanceInput | null = null,
    locators?: string[] | null,
  ): Promise<AwardRow> {
    const { award } = await mutate(this.graph, viewer, (rec) => this.awardIn(rec, recipientId, honorId, year, sourceIds, yearProvenance, locators));
    return award;
  }

  /** Removes the award and says what went: its statement id, its key and the revision recording it. */
  revoke(viewer: Viewer, recipientId: string, honorId: string, year: number): Promise<RevokedAward> {
    check('year', year, yearProblem);
    return mutate(this.graph, viewer, async (rec) => {
      await requireEntity(rec.tx, 'recipientId', recipientId, RECIPIENT, 'a person or an organization');
      await requireEntity(rec.tx, 'honorId', honorId, ['Honor'], 'an honor');
      await lock(rec.tx, recipientId);
      const rel = received(recipientId, honorId, year);
      const existing = await rec.rel(rel.type, rel.from, rel.to, rel.key);
      if (!existing.props) throw notFound('year', `${recipientId} received ${honorId} in ${year}`);
      await rec.tracked('revokeAward', { nodes: [], rels: [rel] }, () => this.honors.deleteAward(rec.tx, rel));
      return { awardId: existing.props.id, recipientId, honorId, year, revisionId: rec.lastRevisionId! };
    });
  }
}

const received = (recipientId: string, honorId: string, year: number): AwardEdge => ({
  type: 'RECEIVED',
  from: recipientId,
  to: honorId,
  key: awardEdgeKey(year),
});
