import type { Viewer } from '../auth/viewer';
import { EntityType } from '../api/entity-type';
import { given } from '../api/named.input';
import { EntityRow } from '../api/node.type';
import { NamedEntities, createSpec, updateSpec } from '../editing/named-entities';
import { CreateHonorInput, UpdateHonorInput } from './honor.input';
import { HonorRepository } from './honor.repository';

/** An editor's changes to honors (titles); awards are award.service.ts. */
export class HonorService {
  constructor(
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
}
