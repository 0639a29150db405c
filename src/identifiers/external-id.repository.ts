import { EntityRow } from '../api/node.type';
import { Transaction } from '../db/graph';
import { project } from '../query/cypher';
import { toEntity } from '../query/entity';
import { Repository } from '../query/repository';
import { Mention, externalIdText } from './external-id';
import { HOLDER, holderIn, lockExternalIds, phrase } from './holders';

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
    await lockExternalIds(tx);
  }

  /** The id of the node holding `stored`, as this transaction sees it (after lockExternalIds: final). */
  async holderIn(tx: Transaction, stored: string): Promise<string | null> {
    return holderIn(tx, stored);
  }

  /**
   * The source's MENTIONS of the node as its citations derive it (external-id.ts mentionOf):
   * written, or removed when the node no longer cites the source at all.
   */
  async writeMention(tx: Transaction, sourceId: string, entityId: string, mention: Mention | null): Promise<void> {
    if (!mention) {
      await tx.run("MATCH (:Source {id: $sourceId})-[m:MENTIONS {key: 'mention'}]->(:Entity {id: $entityId}) DELETE m", { sourceId, entityId });
      return;
    }
    await tx.run(
      `MATCH (s:Source {id: $sourceId}), (n:Entity {id: $entityId})
       MERGE (s)-[m:MENTIONS {key: 'mention'}]->(n)
       ON CREATE SET m.id = 'st-' + randomUUID()
       SET m.sourceIds = $mention.sourceIds, m.locators = $mention.locators`,
      { sourceId, entityId, mention },
    );
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
