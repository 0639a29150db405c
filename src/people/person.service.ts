import type { Viewer } from '../auth/viewer';
import { EntityType } from '../api/entity-type';
import { EntityRow } from '../api/node.type';
import { NamedEntities } from '../editing/named-entities';
import { checkIds } from '../editing/write';
import { CreatePersonInput, UpdatePersonInput } from './person.input';
import { PersonRepository } from './person.repository';

/** An editor's changes to people: each one write that records its revision. */
export class PersonService {
  constructor(
    private readonly people: PersonRepository,
    private readonly named: NamedEntities,
  ) {}

  async create(viewer: Viewer, input: CreatePersonInput): Promise<EntityRow> {
    const id = await this.named.create(viewer, {
      type: EntityType.PERSON,
      name: input.name,
      aliases: input.aliases,
      nameEn: input.nameEn,
      props: {},
      sourceIds: checkIds(input.sourceIds, 'sourceIds'),
      allowDuplicate: input.allowDuplicate,
    });
    return this.people.byIdFresh(id);
  }

  async update(viewer: Viewer, id: string, input: UpdatePersonInput): Promise<EntityRow> {
    await this.named.update(viewer, EntityType.PERSON, id, {
      name: input.name,
      aliases: input.aliases,
      nameEn: input.nameEn,
      props: {},
      sourceIds: checkIds(input.sourceIds, 'sourceIds'),
    });
    return this.people.byIdFresh(id);
  }
}
