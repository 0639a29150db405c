import type { Viewer } from '../auth/viewer';
import { EntityType } from '../api/entity-type';
import { EntityRow } from '../api/node.type';
import { NamedEntities, createSpec, updateSpec } from '../editing/named-entities';
import { CreatePersonInput, UpdatePersonInput } from './person.input';
import { PersonRepository } from './person.repository';

/** An editor's changes to people: each one write that records its revision. */
export class PersonService {
  constructor(
    private readonly people: PersonRepository,
    private readonly named: NamedEntities,
  ) {}

  async create(viewer: Viewer, input: CreatePersonInput): Promise<EntityRow> {
    const id = await this.named.create(viewer, createSpec(EntityType.PERSON, input, {}));
    return this.people.byIdFresh(id);
  }

  async update(viewer: Viewer, id: string, input: UpdatePersonInput): Promise<EntityRow> {
    await this.named.update(viewer, EntityType.PERSON, id, updateSpec(input, {}));
    return this.people.byIdFresh(id);
  }
}
