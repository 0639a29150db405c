import { EntityRow } from '../api/node.type';
import { Repository } from '../query/repository';

export class NodeRepository extends Repository {
  byId(id: string): Promise<EntityRow | null> {
    return this.nodeLoader().load(id);
  }

  async byIds(ids: readonly string[]): Promise<EntityRow[]> {
    const rows = await this.nodeLoader().loadMany(ids);
    return rows.filter((row): row is EntityRow => row !== null && !(row instanceof Error));
  }
}
