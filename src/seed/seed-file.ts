import fs from 'node:fs';
import path from 'node:path';

export const SEEDS_DIR = path.resolve(__dirname, '../../seeds');

export interface CitationRef {
  sourceId: string;
  locator: string | null;
}

interface Cited {
  citations: CitationRef[];
  inferred?: boolean;
  note?: string | null;
}

/**
 * The provenance of one qualifier or link, where it differs from its record's: its own inferred
 * flag, note and citations (absent ones: as the record).
 */
export interface ProvenanceOf {
  inferred?: boolean;
  note?: string | null;
  citations?: CitationRef[];
}

/** Provenance of a statement's qualifiers (year; role, since, until), by qualifier. */
type Qualified<Q extends string> = { qualifiers?: Partial<Record<Q, ProvenanceOf>> };

export interface Named extends Cited {
  id: string;
  name: string;
  aliases?: string[];
  /** Aliases that hold only in the contexts listed (`place:淮南`, `org:<id>`, `source:<id>`). */
  contextAliases?: { alias: string; contexts: string[] }[];
  nameEn?: string | null;
}

/** The shape of a file in seeds/ (see seeds/README.md). */
export interface SeedFile {
  sources: (Cited & { id: string; title: string; kind: string; published?: string | null; publisher?: string | null; language?: string | null })[];
  people: Named[];
  /** `parentLink`: the PART_OF link's own provenance (seeds/README.md gives the rule); absent: stated, with the organization's citations. */
  organizations: (Named & { kind: string; level?: string | null; parentId?: string | null; parentLink?: ProvenanceOf })[];
  /** `conferrerLinks`: each CONFERRED_BY link's own provenance, by conferrer id; absent: stated, with the honor's citations. */
  honors: (Named & { level?: string | null; conferredByIds?: string[]; conferrerLinks?: Record<string, ProvenanceOf>; variantOfId?: string | null })[];
  /** `organizerLinks`/`partnerLinks`: each ORGANIZED/PARTNERED link's own provenance, by organization id; absent: stated, with the program's citations. */
  programs: (Named & {
    kind: string;
    year?: number | null;
    startDate?: string | null;
    organizerIds?: string[];
    organizerLinks?: Record<string, ProvenanceOf>;
    partnerIds?: string[];
    partnerLinks?: Record<string, ProvenanceOf>;
  })[];
  awards: (Cited & Qualified<'year'> & { recipientId: string; honorId: string; year?: number | null })[];
  memberships: (Cited & Qualified<'role' | 'since' | 'until'> & { memberId: string; organizationId: string; role?: string | null; since?: string | null; until?: string | null })[];
  authorships: (Cited & { personId: string; sourceId: string; role?: string | null })[];
  figures: (Cited & { id: string; subjectId: string; metric: string; label: string; value: number; unit: string; approximate?: boolean; year?: number | null })[];
  repairs?: { locator: string; damaged: string; repaired: string; note: string }[];
}

export function seedFiles(dir = SEEDS_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => path.join(dir, file));
}

export function readSeedFile(file: string): SeedFile {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SeedFile>;
  return {
    sources: data.sources ?? [],
    people: data.people ?? [],
    organizations: data.organizations ?? [],
    honors: data.honors ?? [],
    programs: data.programs ?? [],
    awards: data.awards ?? [],
    memberships: data.memberships ?? [],
    authorships: data.authorships ?? [],
    figures: data.figures ?? [],
    repairs: data.repairs ?? [],
  };
}
