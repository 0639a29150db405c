import { EntityRow } from '../common/node.type';
import { PageRequest, ParamBag, project } from '../db/cypher';
import { groupBy } from '../db/loaders';
import { ListFilter, Repository } from '../nodes/base.repository';
import { Level } from '../common/enums';

export interface HonorFilter extends ListFilter {
  level?: Level[] | null;
}

export interface AwardRow {
  recipientId: string;
  honorId: string;
  year: number | null;
  sourceIds: string[];
  locators: string[];
  inferred: boolean;
  note: string | null;
}

export class HonorRepository extends Repository {
  byId(id: string): Promise<EntityRow | null> {
    return this.typedById(id, ['Honor']);
  }

  private conditions(filter: HonorFilter | null | undefined, params: ParamBag): string[] {
    const conditions = this.filterConditions('n', filter, params);
    if (filter?.level?.length) conditions.push(`n.level IN ${params.add(filter.level)}`);
    return conditions;
  }

  list(filter: HonorFilter | null | undefined, page: PageRequest): Promise<EntityRow[]> {
    const params = new ParamBag();
    return this.listPage('Honor', this.conditions(filter, params), params, page);
  }

  count(filter: HonorFilter | null | undefined): Promise<number> {
    const params = new ParamBag();
    return this.countNodes('Honor', this.conditions(filter, params), params);
  }

  /** Awards by recipient or by honor; both ends are cached so resolving them costs no query. */
  private awardLoader(by: 'recipient' | 'honor') {
    const pattern =
      by === 'recipient'
        ? 'MATCH (r:Entity {id: id})-[a:RECEIVED]->(h:Honor)'
        : 'MATCH (r:Entity)-[a:RECEIVED]->(h:Honor {id: id})';
    return this.loaders.get<AwardRow[]>(`award.by${by}`, async (ids) => {
      const rows = await this.graph.read(
        `UNWIND $ids AS id ${pattern}
         WITH id, a, r, h ORDER BY a.year DESC, h.name, r.name, r.id
         WITH id, collect({a: a {.*}, r: ${project('r')}, h: ${project('h')}})[..$cap] AS awards
         UNWIND awards AS award
         RETURN id, award.a AS a, award.r AS r, award.h AS h`,
        { ids, cap: this.graph.listCap },
      );
      return groupBy(ids, rows, (row) => row.id).map((group) =>
        group.map((row) => {
          this.entities([row.r, row.h]);
          return { inferred: false, note: null, ...row.a, recipientId: row.r.id, honorId: row.h.id } as AwardRow;
        }),
      );
    });
  }

  awardsOfRecipient(recipientId: string): Promise<AwardRow[]> {
    return this.awardLoader('recipient').load(recipientId);
  }

  awardsOfHonor(honorId: string): Promise<AwardRow[]> {
    return this.awardLoader('honor').load(honorId);
  }

  conferredBy(honorId: string): Promise<EntityRow[]> {
    return this.relatedLoader('honor.conferredBy', 'MATCH (:Honor {id: id})-[:CONFERRED_BY]->(other:Organization)').load(honorId);
  }

  async variantOf(honorId: string): Promise<EntityRow | null> {
    const generic = await this.relatedLoader('honor.variantOf', 'MATCH (:Honor {id: id})-[:VARIANT_OF]->(other:Honor)').load(honorId);
    return generic[0] ?? null;
  }

  variants(honorId: string): Promise<EntityRow[]> {
    return this.relatedLoader('honor.variants', 'MATCH (:Honor {id: id})<-[:VARIANT_OF]-(other:Honor)').load(honorId);
  }
}
