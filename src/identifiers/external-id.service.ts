import type { Viewer } from '../auth/viewer';
import { ENTITY_LABELS } from '../api/entity-type';
import { badInput, conflict, notFound } from '../api/errors';
import { EntityRow } from '../api/node.type';
import { Graph } from '../db/graph';
import { Recorder } from '../editing/recorder';
import { lock, lockSources, mutate, nodeIn, requireEntity, sourceMissing } from '../editing/write';
import { ExternalId, ExternalIdError, MAX_EXTERNAL_IDS, kindAllowed, mentionOf, parseExternalId } from './external-id';
import { ExternalIdRepository, StoredExternalIds } from './external-id.repository';

const ANY_ENTITY = 'a person, organization, honor, program or source';
export const MAX_LOCATOR = 200;

/** An identifier as the API reads it; BAD_USER_INPUT naming `field` when it is none. */
export function externalIdArgument(text: string, field = 'externalId'): ExternalId {
  try {
    return parseExternalId(text);
  } catch (error) {
    if (error instanceof ExternalIdError) throw badInput(field, error.message);
    throw error;
  }
}

const listsOf = (node: EntityRow): StoredExternalIds => {
  const externalIds: string[] = [...(node.externalIds ?? [])];
  return {
    externalIds,
    externalIdSourceIds: externalIds.map((_, i) => node.externalIdSourceIds?.[i] ?? ''),
    externalIdLocators: externalIds.map((_, i) => node.externalIdLocators?.[i] ?? ''),
  };
};

export interface ExternalIdResult {
  entity: EntityRow;
  externalId: ExternalId & { sourceId: string; locator: string };
  revisionId: string | null;
}

/**
 * An editor's changes to identifiers: each one write, one revision (undo takes it), the
 * identifier held by at most one node (checked under the external-ids lock: CONFLICT).
 */
export class ExternalIdService {
  constructor(
    private readonly graph: Graph,
    private readonly ids: ExternalIdRepository,
  ) {}

  /** Adds an identifier with its citation; given again, its citation is replaced (no change: no revision). */
  async add(viewer: Viewer, entityId: string, text: string, sourceId: string | null, locator: string | null): Promise<ExternalIdResult> {
    const parsed = externalIdArgument(text);
    const where = (locator ?? '').trim();
    if (where.length > MAX_LOCATOR) throw badInput('locator', `must be at most ${MAX_LOCATOR} characters, got ${where.length}`);
    if (where && !sourceId) throw badInput('locator', 'needs a sourceId: a locator says where in a source');
    return mutate(this.graph, viewer, async (rec) => {
      await this.ids.lockExternalIds(rec.tx);
      // The source cited now and the one a replaced citation named: their MENTIONS change.
      const missing = await this.lockCitedSources(rec, entityId, parsed.stored, sourceId);
      sourceMissing(missing.filter((m) => m.id === sourceId), 'sourceId');
      await lock(rec.tx, entityId);
      const entity = await requireEntity(rec.tx, 'entityId', entityId, Object.values(ENTITY_LABELS), ANY_ENTITY);
      if (!kindAllowed(parsed.kind, entity.labels)) {
        throw badInput('externalId', `a Unified Social Credit Code names an organization, but "${entityId}" is a ${entity.labels.filter((l) => l !== 'Entity').join('/')}`);
      }
      const holder = await this.ids.holderIn(rec.tx, parsed.stored);
      if (holder && holder !== entityId) {
        throw conflict(`externalId: ${parsed.stored} already identifies "${holder}"; an identifier names one node (remove it there first, or merge the two)`, {
          field: 'externalId',
          holderId: holder,
        });
      }
      const lists = listsOf(entity);
      const at = lists.externalIds.indexOf(parsed.stored);
      if (at < 0) {
        if (lists.externalIds.length >= MAX_EXTERNAL_IDS) throw badInput('externalId', `"${entityId}" has ${MAX_EXTERNAL_IDS} identifiers, as many as one node may hold`);
        lists.externalIds.push(parsed.stored);
        lists.externalIdSourceIds.push(sourceId ?? '');
        lists.externalIdLocators.push(where);
      } else {
        lists.externalIdSourceIds[at] = sourceId ?? '';
        lists.externalIdLocators[at] = where;
      }
      rec.lastRevisionId = null;
      const unchanged = at >= 0 && (entity.externalIdSourceIds?.[at] ?? '') === (sourceId ?? '') && (entity.externalIdLocators?.[at] ?? '') === where;
      if (!unchanged) await this.writeTracked(rec, 'addExternalId', entity, lists, [sourceId ?? '', at >= 0 ? entity.externalIdSourceIds?.[at] ?? '' : '']);
      const fresh = await requireEntity(rec.tx, 'entityId', entityId, Object.values(ENTITY_LABELS), ANY_ENTITY);
      return { entity: strip(fresh), externalId: { ...parsed, sourceId: sourceId ?? '', locator: where }, revisionId: rec.lastRevisionId };
    });
  }

  /** Removes an identifier; NOT_FOUND when the entity does not hold it. */
  async remove(viewer: Viewer, entityId: string, text: string): Promise<ExternalIdResult> {
    const parsed = externalIdArgument(text);
    return mutate(this.graph, viewer, async (rec) => {
      await this.ids.lockExternalIds(rec.tx);
      await this.lockCitedSources(rec, entityId, parsed.stored, null);
      await lock(rec.tx, entityId);
      const entity = await requireEntity(rec.tx, 'entityId', entityId, Object.values(ENTITY_LABELS), ANY_ENTITY);
      const lists = listsOf(entity);
      const at = lists.externalIds.indexOf(parsed.stored);
      if (at < 0) throw notFound('externalId', parsed.stored, `"${entityId}" does not hold it`);
      const removed = { ...parsed, sourceId: lists.externalIdSourceIds[at], locator: lists.externalIdLocators[at] };
      for (const list of Object.values(lists)) list.splice(at, 1);
      rec.lastRevisionId = null;
      await this.writeTracked(rec, 'removeExternalId', entity, lists, [removed.sourceId]);
      const fresh = await requireEntity(rec.tx, 'entityId', entityId, Object.values(ENTITY_LABELS), ANY_ENTITY);
      return { entity: strip(fresh), externalId: removed, revisionId: rec.lastRevisionId };
    });
  }

  /**
   * Locks the source `sourceId` and the one the entity's citation of `stored` names now, in id
   * order and before the entity, as every citing write and source merge locks them. The citation
   * is read before the entity's lock: one changed in between is serialized by the external-ids
   * lock, which every writer of identifiers holds. Returns the sources that do not exist.
   */
  private async lockCitedSources(rec: Recorder, entityId: string, stored: string, sourceId: string | null) {
    const node = await nodeIn(rec.tx, entityId);
    const at = (node?.externalIds ?? []).indexOf(stored);
    const cited = at >= 0 ? node?.externalIdSourceIds?.[at] ?? '' : '';
    return lockSources(rec.tx, [...new Set([sourceId ?? '', cited])].filter(Boolean));
  }

  /**
   * Writes the entity's identifier lists as one revision, with the MENTIONS of each source whose
   * citations they change, derived again from all the entity's citations (docs/model.md
   * Provenance): a source an identifier cites mentions the entity, as one its own facts cite does.
   */
  private async writeTracked(rec: Recorder, operation: string, entity: EntityRow, lists: StoredExternalIds, sources: string[]): Promise<void> {
    // A source's identifier cited by the source itself links to nothing else: no MENTIONS loop.
    const touched = [...new Set(sources.filter((id) => id && id !== entity.id))].sort();
    const rels = touched.map((sourceId) => ({ type: 'MENTIONS', from: sourceId, to: entity.id, key: 'mention' }));
    await rec.tracked(operation, { nodes: [entity.id], rels }, async () => {
      await this.ids.write(rec.tx, entity.id, lists);
      for (const sourceId of touched) await this.ids.writeMention(rec.tx, sourceId, entity.id, mentionOf({ ...entity, ...lists }, sourceId));
    });
  }
}

const strip = ({ labels: _labels, ...row }: EntityRow & { labels: string[] }): EntityRow => row;
