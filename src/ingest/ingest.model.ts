/**
 * The data of a document ingest, stage by stage, shared by the reader, the extractors, the
 * matcher, the proposal store and the evaluation:
 *
 *   bytes ──read──▶ IngestDocument (repaired text, lines, repairs)
 *         ──extract──▶ Extraction (entity mentions and the facts between them, each with spans)
 *         ──match──▶ MentionMatch per mention (an existing node with the features that decided, or new)
 *         ──propose──▶ a stored proposal (proposals/), which changes nothing until committed.
 *
 * Plain data: no Cypher, no GraphQL. Offsets are UTF-16 code-unit offsets into
 * `IngestDocument.text` (the repaired text), end exclusive.
 */

export type DocumentFormat = 'TEXT' | 'MARKDOWN' | 'HTML' | 'DOCX' | 'PDF';

/** One paragraph or list line of the document, in the repaired text. */
export interface DocumentLine {
  /** Where it is: `¶N`, N the 1-based line of the received file (text, Markdown, HTML) or paragraph (docx), `p.P ¶N` in a PDF. */
  locator: string;
  start: number;
  end: number;
}

/** LOST_CHARACTER: a `?` filled from context; SCRIPT: traditional → simplified; PINYIN: annotations in parentheses dropped. */
export type RepairKind = 'LOST_CHARACTER' | 'SCRIPT' | 'PINYIN';

/** A repair of damaged text. Script and pinyin repairs are reported once per line with a count. */
export interface Repair {
  kind: RepairKind;
  locator: string;
  /** The text as received (for SCRIPT/PINYIN: the line's first damaged stretch, as an example). */
  damaged: string;
  /** The repaired text of the same stretch. */
  repaired: string;
  /** Offsets of the repaired stretch in IngestDocument.text. */
  start: number;
  end: number;
  /** How many repairs of this kind this entry stands for (1 for a lost character). */
  count: number;
  /** How the repair was decided (which word or name fixed it). */
  note: string;
}

export interface IngestDocument {
  format: DocumentFormat;
  fileName: string | null;
  /** sha256 (hex) of the bytes received: the same document ingested again is recognized by it. */
  contentHash: string;
  /** The text as extracted from the file, before repair. */
  rawText: string;
  /** The repaired text: lines joined by '\n'. */
  text: string;
  lines: DocumentLine[];
  repairs: Repair[];
  /** The title, when the format gives one (HTML <title>, docx/PDF metadata) or the first line. */
  title: string | null;
}

/** Where something is said: offsets into IngestDocument.text and the line's locator. */
export interface Span {
  start: number;
  end: number;
  locator: string;
}

export type MentionKind = 'ORGANIZATION' | 'PERSON' | 'HONOR' | 'PROGRAM';

/** Which of an item's fields the document states and which the extractor inferred. */
export interface FieldStates {
  stated: string[];
  inferred: string[];
}

/** One entity the document names (all its occurrences), before matching. */
export interface EntityMention {
  /** Local to the extraction ('e1', 'e2'…); facts refer to mentions by it. */
  key: string;
  kind: MentionKind;
  /** Canonical: simplified, normalizeName, with the document's place (市妇联 → 青源市妇女联合会). */
  name: string;
  /** Every form as written (after repair), distinct, in order of appearance. */
  written: string[];
  /** Every occurrence, in order; the first is where it is first named. */
  spans: Span[];
  /** Organizations: OrganizationKind name (src/api/organization-kind.ts) and Level, when read. */
  organizationKind?: string | null;
  level?: string | null;
  /** Programs: ProgramKind name (src/api/program-kind.ts) and year. */
  programKind?: string | null;
  year?: number | null;
  /** Honors: the key of the organization the document says confers it. */
  conferredByKey?: string | null;
  /** Honors: the generic title it is a level of (三八红旗手 for 青源市三八红旗手), by name. */
  variantOfName?: string | null;
  fields: FieldStates;
  /** The rules that found it (explainable: 'gazetteer', 'honor:称号', 'list-line', 'org-suffix:医院'…). */
  evidence: string[];
}

export interface AwardFact {
  recipientKey: string;
  honorKey: string;
  year: number | null;
  /** True when the text gives the year (2025年度, 2023年获评); false when inferred from the document's date. */
  yearStated: boolean;
  /** How an inferred year was read (null when stated). */
  yearNote: string | null;
  span: Span;
  evidence: string[];
}

export interface MembershipFact {
  memberKey: string;
  organizationKey: string;
  /** The post as written after the unit (主任, 副校长), or null. */
  role: string | null;
  span: Span;
  evidence: string[];
}

/** A PART_OF link: the child organization stands under the parent. */
export interface HierarchyFact {
  childKey: string;
  parentKey: string;
  /** True when the child's name as written contains the parent's (seeds/README.md's rule). */
  stated: boolean;
  span: Span;
  evidence: string[];
  note?: string | null;
}

export interface ProgramLinkFact {
  programKey: string;
  organizationKey: string;
  role: 'ORGANIZER' | 'PARTNER';
  /** False when the organizer is read from the document's author (a sentence without a subject). */
  stated: boolean;
  span: Span;
  evidence: string[];
}

export type FigureUnit = 'person' | 'person_time' | 'count' | 'event' | 'session' | 'CNY' | 'household';

export interface FigureFact {
  /** In base units: 3200万元 → 32000000, 2.3万户 → 23000. */
  value: number;
  unit: FigureUnit;
  /** 余, 多, 近, 约 and the like. */
  approximate: boolean;
  /** The figure as written (1.1万余人次). */
  label: string;
  /** What it counts, in the document's words (培训学员). */
  counts: string;
  /** The mention it is about (an organization, program or honor), or null when none is found. */
  subjectKey: string | null;
  year: number | null;
  span: Span;
  evidence: string[];
}

/** What the document says about itself: its place and date, which resolve short forms and years. */
export interface DocumentContext {
  /** The place the document is set in, as a full name (青源市, 淮南市), or null. */
  place: string | null;
  /** The document's date as a partial date (YYYY[-MM[-DD]]), or null. */
  date: string | null;
  dateSpan: Span | null;
  /** The year awards without a stated year fall in (the report's year, else the date's), or null. */
  year: number | null;
  /** How `year` was read. */
  yearNote: string | null;
  /** The key of the organization that issued the document (its author), when named. */
  issuerKey: string | null;
}

export interface Extraction {
  context: DocumentContext;
  entities: EntityMention[];
  awards: AwardFact[];
  memberships: MembershipFact[];
  hierarchy: HierarchyFact[];
  programLinks: ProgramLinkFact[];
  figures: FigureFact[];
}

// ---- the graph's names, for finding and matching mentions ---------------------------------

export type GazetteerType = 'Person' | 'Organization' | 'Honor' | 'Program';

export interface GazetteerEntry {
  id: string;
  type: GazetteerType;
  name: string;
  aliases: string[];
  /** Aliases that hold only in a context (graph/alias-context.ts): place:…, org:…, source:…. */
  contextAliases: { alias: string; contexts: string[] }[];
  kind: string | null;
  level: string | null;
  /** Organizations: the current parent's id. */
  parentId: string | null;
}

/** Every name and alias in the graph, with what the matcher needs. */
export interface Gazetteer {
  entries: GazetteerEntry[];
}

// ---- matching -----------------------------------------------------------------------------

export type MatchFeatureName =
  | 'EXACT_NAME'
  | 'ALIAS'
  | 'SCRIPT_VARIANT'
  | 'PINYIN'
  | 'CONTEXT_ALIAS'
  | 'SAME_PARENT'
  | 'SAME_CONTEXT'
  | 'SHORT_FORM'
  | 'KIND';

export interface MatchFeature {
  feature: MatchFeatureName;
  /** What this feature adds to the score (may be negative). */
  score: number;
  detail: string;
}

export interface MatchCandidate {
  id: string;
  type: GazetteerType;
  name: string;
  /** 0..1. */
  score: number;
  features: MatchFeature[];
}

export interface MentionMatch {
  key: string;
  /** MATCHED: `match` is the node; NEW: none fits; AMBIGUOUS: several fit about equally (the best is `match`). */
  status: 'MATCHED' | 'NEW' | 'AMBIGUOUS';
  match: MatchCandidate | null;
  /** The best few, best first (the match among them). */
  candidates: MatchCandidate[];
  /** 0..1: how sure the decision (matched or new) is. */
  confidence: number;
}

/** Extraction and matching together: what a proposal is built from. */
export interface Analysis {
  document: IngestDocument;
  extraction: Extraction;
  matches: MentionMatch[];
}
