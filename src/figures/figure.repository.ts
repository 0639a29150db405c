import { EntityRow } from '../api/node.type';
import { Repository } from '../query/repository';
import { Transaction } from '../db/graph';
import { integer } from '../db/temporal';

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

  /**
   * A new figure node and its DESCRIBES edge to the subject, citing its sources (each MENTIONS it
   * at the locator given), as the seed writes figures.
   */
  async create(tx: Transaction, props: Record<string, unknown> & { id: string; subjectId: string; sourceIds: string[]; locators: string[] }): Promise<void> {
    await tx.run(
      `MATCH (s:Entity {id: $props.subjectId})
       CREATE (f:Entity:Figure) SET f = $props, f.createdAt = datetime()
       CREATE (f)-[d:DESCRIBES {key: 'subject'}]->(s)
       SET d.id = 'st-' + randomUUID(), d.sourceIds = $props.sourceIds, d.locators = $props.locators, d.createdBy = $props.createdBy`,
      { props },
    );
    await tx.run(
      `UNWIND range(0, size($sourceIds) - 1) AS i
       MATCH (src:Source {id: $sourceIds[i]}), (f:Figure {id: $id})
       MERGE (src)-[m:MENTIONS {key: 'mention'}]->(f)
       ON CREATE SET m.id = 'st-' + randomUUID()
       SET m.sourceIds = [$sourceIds[i]], m.locators = [$locators[i]]`,
      { id: props.id, sourceIds: props.sourceIds, locators: props.locators },
    );
  }

  /** Figures about the subject with this value, unit and year, as a transaction sees them (a figure already recorded). */
  async sameFigure(tx: Transaction, subjectId: string, value: number, unit: string, year: number | null): Promise<string[]> {
    const rows = await tx.run(
      `MATCH (f:Figure {subjectId: $subjectId}) WHERE f.value = $value AND f.unit = $unit AND (f.year = $year OR ($year IS NULL AND f.year IS NULL))
       RETURN f.id AS id ORDER BY id`,
      { subjectId, value, unit, year: year == null ? null : integer(year) },
    );
    return rows.map((row) => row.id);
  }

  /** The figures about one subject are about another from now on. */
  async moveSubject(tx: Transaction, fromId: string, toId: string): Promise<void> {
    await tx.run('MATCH (f:Figure {subjectId: $mergeId}) SET f.subjectId = $keepId', { mergeId: fromId, keepId: toId });
  }
}
