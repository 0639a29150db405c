import type { Viewer } from '../auth/viewer';
import { EntityType } from '../api/entity-type';
import { given } from '../api/named.input';
import { EntityRow } from '../api/node.type';
import { NamedEntities } from '../editing/named-entities';
import { checkIds } from '../editing/write';
import { CreateHonorInput, UpdateHonorInput } from './honor.input';
import { HonorRepository } from './honor.repository';

/** An editor's changes to honors (titles); awards are award.service.ts. */
export class HonorService {
  constructor(
    private readonly honors: HonorRepository,
    private readonly named: NamedEntities,
  ) {}

  async create(viewer: Viewer, input: CreateHonorInput): Promise<EntityRow> {
    const id = await this.named.create(viewer, {
      type: EntityType.HONOR,
      name: input.name,
      aliases: input.aliases,
      nameEn: input.nameEn,
      props: { level: input.level ?? null },
      sourceIds: checkIds(input.sourceIds, 'sourceIds'),
      allowDuplicate: input.allowDuplicate,
    });
    return this.honors.byIdFresh(id);
  }

  async update(viewer: Viewer, id: string, input: UpdateHonorInput): Promise<EntityRow> {
    await this.named.update(viewer, EntityType.HONOR, id, {
      name: input.name,
      aliases: input.aliases,
      nameEn: input.nameEn,
      props: given(input, ['level'], ['level']),
      sourceIds: checkIds(input.sourceIds, 'sourceIds'),
    });
    return this.honors.byIdFresh(id);
  }
}
