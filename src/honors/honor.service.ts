import type { Viewer } from '../auth/viewer';
import { EntityType } from '../api/entity-type';
import { given } from '../api/named.input';
import { EntityRow } from '../api/node.type';
import { NamedEntities, createSpec, updateSpec } from '../editing/named-entities';
import { Recorder } from '../editing/recorder';
import { lock, mutate, provenance, requireEntity, requireSources, unionCitations } from '../editing/write';
import { CreateHonorInput, UpdateHonorInput } from './honor.input';
import { HonorRepository } from './honor.repository';
import { Graph } from '../db/graph';

/** An editor's changes to honors (titles); awards are award.service.ts. */
export class HonorService {
  constructor(
    private readonly graph: Graph,
    private readonly honors: HonorRepository,
    private readonly named: NamedEntities,
  ) {}

  async create(viewer: Viewer, input: CreateHonorInput): Promise<EntityRow> {
    const id = await this.named.create(viewer, createSpec(EntityType.HONOR, input, { level: input.level ?? null }));
    return this.honors.byIdFresh(id);
  }

  async update(viewer: Viewer, id: string, input: UpdateHonorInput): Promise<EntityRow> {
    await this.named.update(viewer, EntityType.HONOR, id, updateSpec(input, given(input, ['level'], ['level'])));
    return this.honors.byIdFresh(id);
  }

  /** An editor's linkHonorConferrer: one revision; the honor as it is afterwards. */
  async linkConferrer(viewer: Viewer, honorId: string, organizationId: string, sourceIds: string[] | null, locators: string[] | null): Promise<EntityRow> {
    await mutate(this.graph, viewer, (rec) => this.linkConferrerIn(rec, honorId, organizationId, sourceIds ?? [], locators ?? []));
    return this.honors.byIdFresh(honorId);
  }

  /** Records that the organization confers the honor (CONFERRED_BY); again adds only the new citations (`locators` aligned with `sourceIds`). */
  async linkConferrerIn(rec: Recorder, honorId: string, organizationId: string, sourceIds: string[], locators: string[]): Promise<void> {
    await requireEntity(rec.tx, 'honorId', honorId, ['Honor'], 'an honor');
    await requireEntity(rec.tx, 'organizationId', organizationId, ['Organization'], 'an organization');
    await requireSources(rec.tx, sourceIds);
    await lock(rec.tx, honorId);
    const rel = { type: 'CONFERRED_BY', from: honorId, to: organizationId, key: 'conferrer' };
    const existing = await rec.rel(rel.type, rel.from, rel.to, rel.key);
    await rec.tracked('linkHonorConferrer', { nodes: [], rels: [rel] }, async () => {
      const props = existing.props
        ? unionCitations(existing.props, sourceIds, locators)
        : { ...provenance(sourceIds, locators), inferred: false, note: null, createdBy: rec.actor.sub };
      await this.honors.mergeConferrer(rec.tx, honorId, organizationId, props);
    });
  }
}
