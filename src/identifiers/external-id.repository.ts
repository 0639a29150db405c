import { EntityRow } from '../api/node.type';
import { Transaction } from '../db/graph';
import { project } from '../query/cypher';
import { toEntity } from '../query/entity';
import { Repository } from '../query/repository';
import { externalIdText } from './external-id';

/** One stored identifier as a phrase of the whitespace-analyzed index: a single exact term. */
const phrase = (stored: string) => `"${stored.replace(/["\\]/g, '\\$&')}"`;

/** The node holding an identifier: the index finds it, the list confirms the exact value. */
const HOLDER = `CALL db.index.fulltext.queryNodes('entity_external_ids', $phrase) YIELD node AS n
   WITH n WHERE $stored IN n.externalIds`;

export interface StoredExternalIds {
  externalIds: string[];
  externalIdSourceIds: string[];
  externalIdLocators: string[];
}

/** The Cypher of external identifiers: the lookup by one, the lock their writes share, and the aligned lists on a node. */
export class ExternalIdRepository extends Repository {
  /** The node with this stored identifier, or null. */
  async byExternalId(stored: string): Promise<EntityRow | null> {
    const [row] = await this.graph.read(`${HOLDER} RETURN ${project('n')} AS node LIMIT 1`, { phrase: phrase(stored), stored });
    return row ? toEntity(row.node) : null;
  }

  /**
   * Queues this transaction behind every other write of identifiers until it commits, so two
   * editors giving one identifier to two nodes cannot both find it free.
   */
  async lockExternalIds(tx: Transaction): Promise<void> {
    await tx.run("MERGE (l:GraphLock {name: 'external-ids'}) SET l._lock = true REMOVE l._lock");
  }

  /** The id of the node holding `stored`, as this transaction sees it (after lockExternalIds: final). */
  async holderIn(tx: Transaction, stored: string): Promise<string | null> {
    const [row] = await tx.run(`${HOLDER} RETURN n.id AS id LIMIT 1`, { phrase: phrase(stored), stored });
    return row ? row.id : null;
  }

  /** Replaces a node's identifier lists (removes them when empty) and its derived index text. */
  async write(tx: Transaction, id: string, lists: StoredExternalIds): Promise<void> {
    if (lists.externalIds.length === 0) {
      await tx.run(
        'MATCH (n:Entity {id: $id}) REMOVE n.externalIds, n.externalIdSourceIds, n.externalIdLocators, n.externalIdText SET n.updatedAt = datetime()',
        { id },
      );
      return;
    }
    await tx.run(
      `MATCH (n:Entity {id: $id})
       SET n.externalIds = $lists.externalIds, n.externalIdSourceIds = $lists.externalIdSourceIds,
           n.externalIdLocators = $lists.externalIdLocators, n.externalIdText = $text, n.updatedAt = datetime()`,
      { id, lists, text: externalIdText(lists.externalIds) },
    );
  }
}
