import type { Viewer } from '../auth/viewer';
import { EntityType } from '../api/entity-type';
import { given } from '../api/named.input';
import { EntityRow } from '../api/node.type';
import { NamedEntities } from '../editing/named-entities';
import { CreateSourceInput, UpdateSourceInput } from './source.input';
import { SourceRepository } from './source.repository';

/** An editor's changes to sources; a source's title is its name, checked for duplicates. */
export class SourceService {
  constructor(
    private readonly sources: SourceRepository,
    private readonly named: NamedEntities,
  ) {}

  async create(viewer: Viewer, input: CreateSourceInput): Promise<EntityRow> {
    const id = await this.named.create(viewer, {
      type: EntityType.SOURCE,
      name: input.title,
      props: { kind: input.kind, published: input.published ?? null, publisher: input.publisher ?? null, language: input.language ?? null },
      allowDuplicate: input.allowDuplicate,
      nameProperty: 'title',
    });
    return this.sources.byIdFresh(id);
  }

  async update(viewer: Viewer, id: string, input: UpdateSourceInput): Promise<EntityRow> {
    await this.named.update(
      viewer,
      EntityType.SOURCE,
      id,
      { name: input.title, props: given(input, ['kind', 'published', 'publisher', 'language'], ['published', 'publisher', 'language']) },
      'title',
    );
    return this.sources.byIdFresh(id);
  }
}
