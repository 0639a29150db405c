import { EntityRow } from '../api/node.type';
import { Repository } from '../query/repository';

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
}
