import { EntityRow } from '../api/node.type';
import { Repository } from '../query/repository';
import { Transaction } from '../db/graph';

export class FigureRepository extends Repository {
  byId(id: string): Promise<EntityRow | null> {
    return this.typedById(id, ['Figure']);
  }

  ofSubject(subjectId: string): Promise<EntityRow[]> {
    return this.relatedLoader(
      'figure.ofSubject',
      'MATCH (other:Figure)-[:DESCRIBES]->(:Entity {id: id})',
      'other.metric, other.id',
    ).load(subjectId);
  }

  ofSource(sourceId: string): Promise<EntityRow[]> {
    return this.relatedLoader(
      'figure.ofSource',
      'MATCH (other:Figure) WHERE id IN other.sourceIds',
      'other.metric, other.id',
    ).load(sourceId);
  }

  // ---- writes (inside a write transaction) ----

  /** The figures about a subject, as a write transaction sees them. */
  async idsAbout(tx: Transaction, subjectId: string): Promise<string[]> {
    const rows = await tx.run('MATCH (f:Figure {subjectId: $mergeId}) RETURN f.id AS id', { mergeId: subjectId });
    return rows.map((row) => row.id);
  }

  /** The figures about one subject are about another from now on. */
  async moveSubject(tx: Transaction, fromId: string, toId: string): Promise<void> {
    await tx.run('MATCH (f:Figure {subjectId: $mergeId}) SET f.subjectId = $keepId', { mergeId: fromId, keepId: toId });
  }
}
