import type { Viewer } from '../auth/viewer';
import { ENTITY_LABELS } from '../api/entity-type';
import { badInput, conflict, notFound } from '../api/errors';
import { EntityRow } from '../api/node.type';
import { Graph } from '../db/graph';
import { lock, mutate, requireEntity, requireSources } from '../editing/write';
import { ExternalId, ExternalIdError, MAX_EXTERNAL_IDS, kindAllowed, parseExternalId } from './external-id';
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
      if (sourceId) await requireSources(rec.tx, [sourceId], 'sourceId');
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
      if (!unchanged) await rec.tracked('addExternalId', { nodes: [entityId], rels: [] }, () => this.ids.write(rec.tx, entityId, lists));
      const fresh = await requireEntity(rec.tx, 'entityId', entityId, Object.values(ENTITY_LABELS), ANY_ENTITY);
      return { entity: strip(fresh), externalId: { ...parsed, sourceId: sourceId ?? '', locator: where }, revisionId: rec.lastRevisionId };
    });
  }

  /** Removes an identifier; NOT_FOUND when the entity does not hold it. */
  async remove(viewer: Viewer, entityId: string, text: string): Promise<ExternalIdResult> {
    const parsed = externalIdArgument(text);
    return mutate(this.graph, viewer, async (rec) => {
      await this.ids.lockExternalIds(rec.tx);
      await lock(rec.tx, entityId);
      const entity = await requireEntity(rec.tx, 'entityId', entityId, Object.values(ENTITY_LABELS), ANY_ENTITY);
      const lists = listsOf(entity);
      const at = lists.externalIds.indexOf(parsed.stored);
      if (at < 0) throw notFound('externalId', parsed.stored, `"${entityId}" does not hold it`);
      const removed = { ...parsed, sourceId: lists.externalIdSourceIds[at], locator: lists.externalIdLocators[at] };
      for (const list of Object.values(lists)) list.splice(at, 1);
      rec.lastRevisionId = null;
      await rec.tracked('removeExternalId', { nodes: [entityId], rels: [] }, () => this.ids.write(rec.tx, entityId, lists));
      const fresh = await requireEntity(rec.tx, 'entityId', entityId, Object.values(ENTITY_LABELS), ANY_ENTITY);
      return { entity: strip(fresh), externalId: removed, revisionId: rec.lastRevisionId };
    });
  }
}

const strip = ({ labels: _labels, ...row }: EntityRow & { labels: string[] }): EntityRow => row;
