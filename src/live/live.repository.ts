import neo4j from 'neo4j-driver';
import { Graph } from '../db/graph';
import type { RevisionRow } from '../history/revision.type';
/** A revision as the log holds it (the row `history` reads), with its global position. */
export interface LogRow extends RevisionRow {
  seq: number;
  position: number;
}

/** Most organizations a PART_OF chain is followed through when deciding what lies under one. */
export const MAX_SUBTREE_DEPTH = 20;

/** The revision log's Cypher: its head, revisions by position, and what lies under an organization. */
export class LiveRepository {
  constructor(private readonly graph: Graph) {}

  /** The position of the last committed revision (0: none yet). */
  async head(): Promise<number> {
    const [row] = await this.graph.read("OPTIONAL MATCH (l:RevisionLog {name: 'revisions'}) RETURN coalesce(l.position, 0) AS position");
    return row?.position ?? 0;
  }

  /** Revisions after `after` up to `upTo` (null: no bound), oldest first, at most `limit`. */
  async since(after: number, upTo: number | null, limit: number): Promise<LogRow[]> {
    const rows = await this.graph.read(
      `MATCH (r:Revision) WHERE r.position > $after AND ($upTo IS NULL OR r.position <= $upTo)
       RETURN r {.*} AS r ORDER BY r.position LIMIT $limit`,
      { after: neo4j.int(after), upTo: upTo == null ? null : neo4j.int(upTo), limit: neo4j.int(limit) },
    );
    return rows.map((row) => ({ undoneBy: null, undoes: null, ...row.r }) as LogRow);
  }

  /**
   * For each organization, which of `ids` lie under it now: itself, organizations PART_OF it
   * (transitively), and members of those.
   */
  async underOrganizations(organizationIds: string[], ids: string[]): Promise<Map<string, Set<string>>> {
    const rows = await this.graph.read(
      `UNWIND $organizations AS organization
       CALL (organization) {
         UNWIND $ids AS id
         MATCH (n:Entity {id: id})
         WHERE id = organization
            OR EXISTS { MATCH (n)-[:PART_OF*1..${MAX_SUBTREE_DEPTH}]->(:Entity {id: organization}) }
            OR EXISTS { MATCH (n)-[:MEMBER_OF]->(o:Entity) WHERE o.id = organization OR EXISTS { MATCH (o)-[:PART_OF*1..${MAX_SUBTREE_DEPTH}]->(:Entity {id: organization}) } }
         RETURN collect(id) AS under
       }
       RETURN organization, under`,
      { organizations: organizationIds, ids },
    );
    return new Map(rows.map((row) => [row.organization as string, new Set(row.under as string[])]));
  }

  /** Whether a node of this id and label exists. */
  async exists(id: string, label: 'Entity' | 'Organization' | 'Honor'): Promise<boolean> {
    const [row] = await this.graph.read(`RETURN EXISTS { MATCH (:${label} {id: $id}) } AS found`, { id });
    return row.found === true;
  }
}
