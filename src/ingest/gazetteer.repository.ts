import neo4j, { Driver } from 'neo4j-driver';
import { Repository } from '../query/repository';
import { heldAt } from '../query/valid-time';
import { GazetteerRow, compareIds, gazetteerEntry } from './gazetteer';
import { Gazetteer, GazetteerEntry, GazetteerType } from './ingest.model';

/** Nodes read per round trip: the gazetteer is read in pages, never as one unbounded result. */
export const GAZETTEER_PAGE = 2000;
/** More revisions or changed nodes than this since the gazetteer was read, and it is read again whole. */
const MAX_CHANGED = 5000;

const TYPES: GazetteerType[] = ['Person', 'Organization', 'Honor', 'Program'];
const COUNT_FIELDS: Record<GazetteerType, keyof Fingerprint> = { Person: 'people', Organization: 'organizations', Honor: 'honors', Program: 'programs' };

/** The state of the graph a gazetteer was read at. */
interface Fingerprint {
  revision: string | null;
  at: string | null;
  seq: string | null;
  revisions: number;
  people: number;
  organizations: number;
  honors: number;
  programs: number;
  /** Current parents are the PART_OF links that hold today: a new day may change them. */
  today: string;
}

interface Cached {
  fingerprint: Fingerprint;
  gazetteer: Promise<Gazetteer>;
}

/** Per driver and database: the gazetteer last read and the state of the graph it was read at. */
const CACHE = new WeakMap<Driver, Map<string, Cached>>();

const sameState = (a: Fingerprint, b: Fingerprint) => JSON.stringify(a) === JSON.stringify(b);

/** The projection of one node as an entry's row; `n` is bound. The current parent is the first by id of those that hold today. */
const ROW = `n.id AS id, [l IN labels(n) WHERE l IN $types][0] AS type, n.name AS name, n.aliases AS aliases,
  n.contextAliases AS contextAliases, n.aliasContexts AS aliasContexts, n.kind AS kind, n.level AS level,
  CASE WHEN n:Organization
    THEN head(COLLECT { MATCH (n)-[r:PART_OF]->(p:Organization) WHERE ${heldAt('r', 'date()')} RETURN p.id ORDER BY p.id })
  END AS parentId`;

function toEntry(row: Record<string, any>): GazetteerEntry {
  const type = row.type as GazetteerType;
  return gazetteerEntry({
    ...(row as GazetteerRow),
    kind: type === 'Organization' || type === 'Program' ? row.kind : null,
    level: type === 'Organization' || type === 'Honor' ? row.level : null,
  });
}

/**
 * Every name of the graph the matcher looks mentions up in: each Person, Organization, Honor and
 * Program with its aliases, bound aliases, kind, level and current parent. Loading it is one
 * cheap query while the graph is unchanged: the gazetteer is kept per database with a
 * fingerprint of the graph (the latest revision, the number of revisions, the number of nodes of
 * each type, today's date). When only revisions were added since, just the nodes they changed
 * (and the children of changed organizations) are read again; otherwise everything is, page by page.
 *
 * Every write through the editing kit records a revision, so any of them changes the
 * fingerprint; a write that records none (the seed, a GraphML import) changes it when it adds or
 * removes nodes. One that only rewrites names without a revision needs `forget()`.
 */
export class GazetteerRepository extends Repository {
  async load(pageSize = GAZETTEER_PAGE): Promise<Gazetteer> {
    // The fingerprint is read first, so whatever is read after it is at least as new as it says.
    const fingerprint = await this.fingerprint();
    const byDatabase = CACHE.get(this.graph.driver) ?? new Map<string, Cached>();
    CACHE.set(this.graph.driver, byDatabase);
    const cached = byDatabase.get(this.graph.database);
    if (cached && sameState(cached.fingerprint, fingerprint)) return cached.gazetteer;
    const gazetteer = (async () => {
      const updated = cached ? await this.updated(cached, fingerprint, pageSize).catch(() => null) : null;
      return updated ?? this.readAll(pageSize);
    })();
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

  private async fingerprint(): Promise<Fingerprint> {
    const [row] = await this.graph.read(
      `CALL () {
         OPTIONAL MATCH (r:Revision)
         WITH r ORDER BY r.at DESC, r.seq DESC, r.id DESC LIMIT 1
         RETURN r.id AS revision, toString(r.at) AS at, toString(r.seq) AS seq
       }
       RETURN revision, at, seq, COUNT { (:Revision) } AS revisions,
              COUNT { (:Person) } AS people, COUNT { (:Organization) } AS organizations,
              COUNT { (:Honor) } AS honors, COUNT { (:Program) } AS programs, toString(date()) AS today`,
    );
    return {
      revision: row.revision ?? null,
      at: row.at ?? null,
      seq: row.seq ?? null,
      revisions: Number(row.revisions),
      people: Number(row.people),
      organizations: Number(row.organizations),
      honors: Number(row.honors),
      programs: Number(row.programs),
      today: row.today,
    };
  }

  /**
   * The kept gazetteer with the nodes changed since brought up to date, or null when that cannot
   * be told safely: the kept latest revision is gone, revisions were removed, a day has passed,
   * too many nodes changed, or the counts after the update differ from the graph's.
   */
  private async updated(cached: Cached, now: Fingerprint, pageSize: number): Promise<Gazetteer | null> {
    const was = cached.fingerprint;
    if (was.today !== now.today || (!was.revision && was.revisions > 0)) return null;
    // Revisions were removed, or so many added that reading everything again is as cheap.
    if (now.revisions < was.revisions || now.revisions - was.revisions > MAX_CHANGED) return null;
    // With no revision kept, every revision there is now is new; else those after the kept one
    // (ordered as history orders them: at, seq, id), found through the index on `at`.
    const newer = was.revision
      ? `MATCH (last:Revision {id: $revision})
         OPTIONAL MATCH (r:Revision)
           WHERE r.at >= last.at AND (r.at > last.at OR r.seq > last.seq OR (r.seq = last.seq AND r.id > last.id))`
      : 'OPTIONAL MATCH (r:Revision)';
    const [row] = await this.graph.read(
      `${newer}
       WITH count(r) AS newer, collect(r.entityIds) AS changed
       UNWIND (CASE WHEN size(changed) = 0 THEN [[]] ELSE changed END) AS ids
       UNWIND (CASE WHEN size(ids) = 0 THEN [null] ELSE ids END) AS id
       WITH newer, collect(DISTINCT id)[..$cap] AS ids
       RETURN newer, ids`,
      { revision: was.revision, cap: neo4j.int(MAX_CHANGED + 1) },
    );
    // Every revision added since is newer than the kept one, and none was removed.
    if (!row || Number(row.newer) !== now.revisions - was.revisions) return null;
    const ids = new Set<string>(row.ids);
    if (ids.size > MAX_CHANGED) return null;
    const old = await cached.gazetteer;
    // A child's current parent may have been merged away or deleted: the children are read again too.
    for (const entry of old.entries) if (entry.parentId && ids.has(entry.parentId)) ids.add(entry.id);
    const fresh = await this.readIds([...ids], pageSize);
    const entries = [...old.entries.filter((e) => !ids.has(e.id)), ...fresh].sort((a, b) => compareIds(a.id, b.id));
    for (const type of TYPES) if (entries.filter((e) => e.type === type).length !== now[COUNT_FIELDS[type]]) return null;
    return { entries };
  }

  private async readAll(pageSize: number): Promise<Gazetteer> {
    const entries: GazetteerEntry[] = [];
    for (const type of TYPES) entries.push(...(await this.readType(type, pageSize)));
    entries.sort((a, b) => compareIds(a.id, b.id));
    return { entries };
  }

  /** Every node of one label, in pages by id (the label's id constraint reads them in order). */
  private async readType(type: GazetteerType, pageSize: number): Promise<GazetteerEntry[]> {
    const out: GazetteerEntry[] = [];
    for (let after = ''; ; ) {
      const rows = await this.graph.read(`MATCH (n:${type}) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit RETURN ${ROW}`, {
        after,
        limit: neo4j.int(pageSize),
        types: [type],
      });
      for (const row of rows) if (row.name) out.push(toEntry(row));
      if (rows.length < pageSize) return out;
      after = rows[rows.length - 1].id as string;
    }
  }

  /** The entries of the nodes with these ids that still exist, in pages. */
  private async readIds(ids: string[], pageSize: number): Promise<GazetteerEntry[]> {
    const out: GazetteerEntry[] = [];
    for (let at = 0; at < ids.length; at += pageSize) {
      const rows = await this.graph.read(
        `UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE n:Person OR n:Organization OR n:Honor OR n:Program RETURN ${ROW}`,
        { ids: ids.slice(at, at + pageSize), types: TYPES },
      );
      for (const row of rows) if (row.name) out.push(toEntry(row));
    }
    return out;
  }
}
