import { EntityType, ENTITY_LABELS } from '../api/entity-type';
import { EntityRow } from '../api/node.type';
import { Transaction } from '../db/graph';
import { safeLabel } from '../graph/model';
import { project } from '../query/cypher';
import { toEntity } from '../query/entity';
import { Repository } from '../query/repository';
import { nameKey, namedProperties } from '../text/normalize';

export class ImportRepository extends Repository {
  /** Entities of `type` whose id, canonical name or an alias (global or bound to a context) is exactly `text` (after normalizing), as the import's transaction sees them. */
  async findExact(tx: Transaction, type: EntityType, text: string): Promise<EntityRow[]> {
    const label = safeLabel(ENTITY_LABELS[type]);
    const rows = await tx.run(
      `MATCH (n:${label})
       WHERE n.id = $text OR n.nameKey = $key OR n.nameKey STARTS WITH $key + '#' OR n.name = $name OR $name IN n.aliases OR $text IN n.aliases OR $name IN n.contextAliases OR $text IN n.contextAliases
       RETURN ${project('n')} AS node ORDER BY n.id`,
      { text: text.trim(), key: nameKey(text), name: namedProperties({ name: text }).name },
    );
    return rows.map((row) => toEntity(row.node)!);
  }
}
