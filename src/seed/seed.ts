import path from 'node:path';
import { Graph } from '../db/graph';
import { namedProperties } from '../text/normalize';
import { awardKey } from '../honors/award-key';
import { dateProps, integer } from '../db/temporal';
import { CitationRef, Named, ProvenanceOf, SeedFile, readSeedFile, seedFiles } from './seed-file';
import { Rows, SeedRepository, isGraphEmpty } from './seed.repository';

export interface SeedReport {
  files: string[];
  nodes: number;
  relationships: number;
  totals: { nodes: number; relationships: number };
  ms: number;
}

const provenance = (fact: { citations: CitationRef[]; inferred?: boolean; note?: string | null }) => ({
  sourceIds: fact.citations.map((c) => c.sourceId),
  locators: fact.citations.map((c) => c.locator ?? ''),
  inferred: fact.inferred ?? false,
  note: fact.note ?? null,
});

/** A link's provenance: its own where the seed gives it, else stated with its record's citations. */
const linkProvenance = (record: { citations: CitationRef[] }, own: ProvenanceOf | undefined) =>
  provenance({ citations: own?.citations ?? record.citations, inferred: own?.inferred ?? false, note: own?.note ?? null });

/** The `<q>Inferred`, `<q>Note`, `<q>SourceIds`, `<q>Locators` of the qualifiers a statement gives its own provenance. */
function qualifierProvenance(qualifiers: Partial<Record<string, ProvenanceOf>> | undefined): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [q, own] of Object.entries(qualifiers ?? {})) {
    if (!own) continue;
    if (own.inferred != null) props[`${q}Inferred`] = own.inferred;
    if (own.note != null) props[`${q}Note`] = own.note;
    if (own.citations) {
      props[`${q}SourceIds`] = own.citations.map((c) => c.sourceId);
      props[`${q}Locators`] = own.citations.map((c) => c.locator ?? '');
    }
  }
  return props;
}
/** A seed entity's name properties; each of its context aliases holds in each context listed. */
const naming = (e: Named) =>
  namedProperties({ ...e, contextAliases: (e.contextAliases ?? []).flatMap((b) => b.contexts.map((context) => ({ alias: b.alias, context }))) });

const nodeRow = (id: string, props: Record<string, unknown>) => ({ id, props });
const edge = (from: string, to: string, key: string, props: Record<string, unknown>) => ({ from, to, key, props });

/** Turns a seed file into the rows each write takes, label by label and type by type. */
export function seedRows(seed: SeedFile) {
  const nodes: Record<string, Rows> = {
    Source: seed.sources.map((s) =>
      nodeRow(s.id, {
        ...namedProperties({ name: s.title }),
        title: s.title,
        kind: s.kind,
        ...dateProps('published', s.published),
        publisher: s.publisher ?? null,
        language: s.language ?? null,
        ...provenance({ ...s, citations: s.citations ?? [{ sourceId: s.id, locator: null }] }),
      }),
    ),
    Person: seed.people.map((p) => nodeRow(p.id, { ...naming(p), ...provenance(p) })),
    Organization: seed.organizations.map((o) => nodeRow(o.id, { ...naming(o), kind: o.kind, level: o.level ?? null, ...provenance(o) })),
    Honor: seed.honors.map((h) => nodeRow(h.id, { ...naming(h), level: h.level ?? null, ...provenance(h) })),
    Program: seed.programs.map((p) =>
      nodeRow(p.id, { ...naming(p), kind: p.kind, year: integer(p.year), ...dateProps('startDate', p.startDate), ...provenance(p) }),
    ),
    Figure: seed.figures.map((f) =>
      nodeRow(f.id, {
        subjectId: f.subjectId,
        metric: f.metric,
        label: f.label,
        name: f.label,
        value: f.value,
        unit: f.unit,
        approximate: f.approximate ?? false,
        year: integer(f.year),
        ...provenance(f),
      }),
    ),
  };
  const relationships: Record<string, Rows> = {
    PART_OF: seed.organizations.filter((o) => o.parentId).map((o) => edge(o.id, o.parentId!, 'parent', linkProvenance(o, o.parentLink))),
    CONFERRED_BY: seed.honors.flatMap((h) => (h.conferredByIds ?? []).map((org) => edge(h.id, org, 'conferrer', linkProvenance(h, h.conferrerLinks?.[org])))),
    VARIANT_OF: seed.honors.filter((h) => h.variantOfId).map((h) => edge(h.id, h.variantOfId!, 'variant', provenance(h))),
    ORGANIZED: seed.programs.flatMap((p) => (p.organizerIds ?? []).map((org) => edge(org, p.id, 'organizer', linkProvenance(p, p.organizerLinks?.[org])))),
    PARTNERED: seed.programs.flatMap((p) => (p.partnerIds ?? []).map((org) => edge(org, p.id, 'partner', linkProvenance(p, p.partnerLinks?.[org])))),
    RECEIVED: seed.awards.map((a) =>
      edge(a.recipientId, a.honorId, `year:${a.year ?? 'unknown'}`, {
        year: integer(a.year),
        awardKey: awardKey(a.recipientId, a.honorId, a.year ?? null),
        ...provenance(a),
        ...qualifierProvenance(a.qualifiers),
      }),
    ),
    MEMBER_OF: seed.memberships.map((m) =>
      edge(m.memberId, m.organizationId, `role:${m.role ?? ''}`, {
        role: m.role ?? null,
        ...dateProps('since', m.since),
        ...dateProps('until', m.until),
        ...provenance(m),
        ...qualifierProvenance(m.qualifiers),
      }),
    ),
    AUTHORED: seed.authorships.map((a) => edge(a.personId, a.sourceId, `role:${a.role ?? ''}`, { role: a.role ?? null, ...provenance(a) })),
    DESCRIBES: seed.figures.map((f) => edge(f.id, f.subjectId, 'subject', provenance(f))),
    MENTIONS: mentions([...seed.people, ...seed.organizations, ...seed.honors, ...seed.programs, ...seed.figures]),
  };
  return { nodes, relationships };
}

/**
 * A source MENTIONS every node it cites, at the cited places. Node provenance lives in
 * properties; these edges make it walkable, so "how is the reporter connected to the
 * litigation service center" has an answer: she wrote the report that names it.
 */
function mentions(entities: { id: string; citations: CitationRef[] }[]): Rows {
  return entities.flatMap((entity) => {
    const bySource = new Map<string, string[]>();
    for (const citation of entity.citations) {
      const locators = bySource.get(citation.sourceId) ?? [];
      if (citation.locator && !locators.includes(citation.locator)) locators.push(citation.locator);
      bySource.set(citation.sourceId, locators);
    }
    return [...bySource].map(([sourceId, locators]) =>
      edge(sourceId, entity.id, 'mention', { sourceIds: locators.map(() => sourceId), locators }),
    );
  });
}

/** Loads every file in seeds/ in one transaction: all of it or none. Idempotent. */
export async function loadSeeds(graph: Graph, log: (line: string) => void = () => {}, files = seedFiles()): Promise<SeedReport> {
  const started = Date.now();
  const seeds = files.map((file) => ({ file, rows: seedRows(readSeedFile(file)) }));
  let nodes = 0;
  let relationships = 0;
  const totals = await graph.writeTransaction(async (tx) => {
    nodes = relationships = 0;
    const repo = new SeedRepository(tx);
    for (const { file, rows } of seeds) {
      log(`seeding ${path.basename(file)}`);
      for (const [label, list] of Object.entries(rows.nodes)) {
        nodes += await repo.nodes(label, list);
        log(`  ${label}: ${list.length} nodes`);
      }
      for (const [type, list] of Object.entries(rows.relationships)) {
        relationships += await repo.relationships(type, list);
        log(`  ${type}: ${list.length} relationships`);
      }
    }
    return repo.counts();
  });
  return { files: files.map((f) => path.basename(f)), nodes, relationships, totals, ms: Date.now() - started };
}

/** At start-up: seed only a database that has no entities yet. */
export async function seedIfEmpty(graph: Graph, log: (line: string) => void): Promise<SeedReport | null> {
  if (!(await isGraphEmpty(graph))) return null;
  return loadSeeds(graph, log);
}
