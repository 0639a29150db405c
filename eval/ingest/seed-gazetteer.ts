/**
 * The gazetteer of the seeded graph, built from seeds/*.json: a stand-in until the gazetteer is read
 * from the database (src/ingest/gazetteer.repository.ts); the run says which it used.
 */
import { SeedFile } from '../../src/seed/seed-file';
import { Gazetteer, GazetteerEntry, GazetteerType } from '../../src/ingest/ingest.model';

export function gazetteerFromSeeds(seeds: SeedFile[]): Gazetteer {
  const entries: GazetteerEntry[] = [];
  const add = (type: GazetteerType, e: SeedFile['people'][number], kind: string | null, level: string | null, parentId: string | null) =>
    entries.push({ id: e.id, type, name: e.name, aliases: e.aliases ?? [], contextAliases: e.contextAliases ?? [], kind, level, parentId });
  for (const seed of seeds) {
    seed.people.forEach((p) => add('Person', p, null, null, null));
    seed.organizations.forEach((o) => add('Organization', o, o.kind, o.level ?? null, o.parentId ?? null));
    seed.honors.forEach((h) => add('Honor', h, null, h.level ?? null, null));
    seed.programs.forEach((g) => add('Program', g, g.kind, null, null));
  }
  return { entries };
}
