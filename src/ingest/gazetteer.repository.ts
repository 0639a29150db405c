import neo4j, { Driver } from 'neo4j-driver';
import { Repository } from '../query/repository';
import { heldAt } from '../query/valid-time';
import { GazetteerRow, gazetteerEntry } from './gazetteer';
import { Gazetteer, GazetteerEntry, GazetteerType } from './ingest.model';

/** Nodes read per round trip: the gazetteer is read in pages, never as one unbounded result. */
export const GAZETTEER_PAGE = 2000;

const TYPES: GazetteerType[] = ['Person', 'Organization', 'Honor', 'Program'];

interface Cached {
  fingerprint: string;
  gazetteer: Promise<Gazetteer>;
}

/** Per driver and database: the gazetteer last read and the state of the graph it was read at. */
const CACHE = new WeakMap<Driver, Map<string, Cached>>();

/**
 * Every name of the graph the matcher looks mentions up in: each Person, Organization, Honor and
 * Program with its aliases, bound aliases, kind, level and current parent. Reading it is one
 * cheap query while the graph is unchanged: the gazetteer is kept per database with a
 * fingerprint of the graph (the latest revision, the number of revisions, the number of nodes of
 * each type), and read again, page by page, only when the fingerprint differs.
 *
 * Every write through the editing kit records a revision, so any of them changes the
 * fingerprint; a write that records none (the seed, a GraphML import) changes it when it adds or
 * removes nodes. One that only rewrites names without a revision needs `forget()`.
 */
export class GazetteerRepository extends Repository {
  async load(pageSize = GAZETTEER_PAGE): Promise<Gazetteer> {
    // The fingerprint is read first, so the pages read after it are at least as new as it says.
    const fingerprint = await this.fingerprint();
    const byDatabase = CACHE.get(this.graph.driver) ?? new Map<string, Cached>();
    CACHE.set(this.graph.driver, byDatabase);
    const cached = byDatabase.get(this.graph.database);
    if (cached?.fingerprint === fingerprint) return cached.gazetteer;
    const gazetteer = this.readAll(pageSize);
    const entry = { fingerprint, gazetteer };
    byDatabase.set(this.graph.database, entry);
    // A failed read is not kept: the next load reads again.
    gazetteer.catch(() => {
      if (byDatabase.get(this.graph.database) === entry) byDatabase.delete(this.graph.database);
    });
    return gazetteer;
  }

  /** Drops the kept gazetteer of this database: the next load reads the graph again. */
  forget(): void {
    CACHE.get(this.graph.driver)?.delete(this.graph.database);
  }

  /** The state of the graph a gazetteer is valid for: latest revision, revision count, node counts. */
  async fingerprint(): Promise<string> {
    const [row] = await this.graph.read(
      `CALL () {
         OPTIONAL MATCH (r:Revision)
         WITH r ORDER BY r.at DESC, r.seq DESC, r.id DESC LIMIT 1
         RETURN r.id AS revision, toString(r.at) AS at, toString(r.seq) AS seq
       }
       RETURN revision, at, seq,
              COUNT { (:Revision) } AS revisions,
              COUNT { (:Person) } AS people, COUNT { (:Organization) } AS organizations,
              COUNT { (:Honor) } AS honors, COUNT { (:Program) } AS programs`,
    );
    return JSON.stringify(row ?? null);
  }

  private async readAll(pageSize: number): Promise<Gazetteer> {
    const entries: GazetteerEntry[] = [];
    for (const type of TYPES) entries.push(...(await this.readType(type, pageSize)));
    entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { entries };
  }

  /** Every node of one label, in pages by id (the label's id constraint reads them in order). */
  private async readType(type: GazetteerType, pageSize: number): Promise<GazetteerEntry[]> {
    const out: GazetteerEntry[] = [];
    const parent =
      type === 'Organization'
        ? `head(COLLECT { MATCH (n)-[r:PART_OF]->(p:Organization) WHERE ${heldAt('r', 'date()')} RETURN p.id ORDER BY p.id })`
        : 'null';
    for (let after = ''; ; ) {
      const rows = await this.graph.read(
        `MATCH (n:${type}) WHERE n.id > $after
         WITH n ORDER BY n.id LIMIT $limit
         RETURN n.id AS id, n.name AS name, n.aliases AS aliases, n.contextAliases AS contextAliases,
                n.aliasContexts AS aliasContexts, n.kind AS kind, n.level AS level, ${parent} AS parentId`,
        { after, limit: neo4j.int(pageSize) },
      );
      for (const row of rows) if (row.name) out.push(gazetteerEntry({ ...(row as GazetteerRow), type, kind: type === 'Person' || type === 'Honor' ? null : row.kind, level: type === 'Organization' || type === 'Honor' ? row.level : null }));
      if (rows.length < pageSize) return out;
      after = rows[rows.length - 1].id as string;
    }
  }
}
