import { EntityType, ENTITY_LABELS } from '../api/entity-type';
import { EntityRow } from '../api/node.type';
import { Transaction } from '../db/graph';
import { safeLabel } from '../graph/model';
import { ALIAS_EXACT_INDEX, aliasExactQuery, project } from '../query/cypher';
import { toEntity } from '../query/entity';
import { Repository } from '../query/repository';
import { nameKey, namedProperties } from '../text/normalize';

export class ImportRepository extends Repository {
  /** Entities of `type` whose id, canonical name or an alias (global or bound to a context) is exactly `text` (after normalizing), as the import's transaction sees them. */
  async findExact(tx: Transaction, type: EntityType, text: string): Promise<EntityRow[]> {
    const label = safeLabel(ENTITY_LABELS[type]);
    const exact = { text: text.trim(), key: nameKey(text), name: namedProperties({ name: text }).name };
    // Each way of matching starts from an index, none scans the label: the id and nameKey
    // constraints, the Entity name index, and for an alias (a list, which no range index serves)
    // the keyword full-text index entity_alias_exact, checked exactly after.
    const rows = await tx.run(
      `CALL () {
         MATCH (n:${label} {id: $text}) RETURN n
         UNION
         MATCH (n:${label} {nameKey: $key}) RETURN n
         UNION
         MATCH (n:${label}) WHERE n.nameKey STARTS WITH $key + '#' RETURN n
         UNION
         MATCH (n:Entity {name: $name}) WHERE n:${label} RETURN n
         UNION
         CALL db.index.fulltext.queryNodes('${ALIAS_EXACT_INDEX}', $aliasQuery) YIELD node AS n
         WITH n WHERE n:${label} AND ($name IN n.aliases OR $text IN n.aliases OR $name IN n.contextAliases OR $text IN n.contextAliases)
         RETURN n
       }
       RETURN ${project('n')} AS node ORDER BY n.id`,
      { ...exact, aliasQuery: aliasExactQuery([...new Set([exact.name, exact.text])]) },
    );
    return rows.map((row) => toEntity(row.node)!);
  }
}
