/**
 * The graph model: every node label and relationship type the database holds, with each
 * relationship's direction, the labels at its start and end, and its properties. History, export,
 * paths, the relationship connections, the GraphQL `RelationshipType` enum and the benchmark's
 * peer schema read these lists; nothing else spells them out. Plain data: no Cypher, no GraphQL.
 */

/**
 * How a property is stored. `integer` is a whole number (a year): always a Neo4j INTEGER, never
 * a FLOAT. `date` is a partial date (graph/partial-date.ts): a DATE, the period's first day, with
 * a `<name>Precision` sibling of kind `string` (YEAR, MONTH or DAY). `float` is a measure.
 */
export type PropertyKind = 'string' | 'integer' | 'float' | 'bool' | 'date' | 'datetime' | 'string[]';

/** The Neo4j types (as `valueType()` names them, without NOT NULL) a property of each kind is stored as. */
export const NEO4J_TYPES: Record<PropertyKind, readonly string[]> = {
  string: ['STRING'],
  integer: ['INTEGER'],
  float: ['FLOAT'],
  bool: ['BOOLEAN'],
  date: ['DATE'],
  datetime: ['ZONED DATETIME'],
  'string[]': ['LIST<STRING>'],
};

export interface PropertySpec {
  kind: PropertyKind;
  description: string;
  /**
   * What the property is for, where readers treat it apart: `citation` (provenance, read as a
   * fact's sources), `edgeKey` (tells apart parallel edges of one type and pair), `searchKey`
   * (derived text only the full-text index reads).
   */
  role?: 'citation' | 'edgeKey' | 'searchKey' | 'statementId';
  /**
   * Computed by the writes from other properties (the name keys, the search texts): no export
   * format carries it, and import-graph computes it again with the same code (DERIVED_NODE_PROPERTIES).
   */
  derived?: true;
  /** The schema.org term a JSON-LD export writes it as (else `hg:<name>`). */
  schemaOrg?: string;
}

type Properties = Record<string, PropertySpec>;

/** The precision sibling of a `date` property (graph/partial-date.ts precisionProperty). */
const precisionOf = (what: string): PropertySpec => ({ kind: 'string', description: `How precise ${what} is: YEAR, MONTH or DAY.` });

// ---------------------------------------------------------------------------------------
// Node labels

export interface LabelSpec {
  description: string;
  /** The JSON-LD type of a node with this label: a schema.org type, or `hg:` when schema.org has none. */
  schemaOrg?: string;
  /** Bookkeeping, not content: history and export leave it to their own code. */
  bookkeeping?: true;
}

const LABEL_SPECS = {
  Entity: { description: 'Every content node carries it beside its own label, so ids are unique across the graph.' },
  Person: { description: 'A person: an honoree, a member, an author.', schemaOrg: 'Person' },
  Organization: { description: 'A body: a federation, a government office, a company, a village committee…', schemaOrg: 'Organization' },
  Honor: { description: 'A title or prize that is conferred (an honor); awards are RECEIVED edges to it.', schemaOrg: 'hg:Honor' },
  Program: { description: 'A campaign, event or project run by organizations.', schemaOrg: 'hg:Program' },
  Source: { description: 'A document that reports facts (a report, an article, a list).', schemaOrg: 'CreativeWork' },
  Figure: { description: 'A number a source reports about a node (people served, cases handled…).', schemaOrg: 'QuantitativeValue' },
  Revision: { description: 'One per mutation: what it changed, before and after (history, undo).', bookkeeping: true },
  GraphLock: { description: 'A named lock or marker (the hierarchy lock, the name-key version); no content.', bookkeeping: true },
  RevisionLog: { description: 'The one counter that numbers revisions in commit order (`position`), which live subscriptions follow.', bookkeeping: true },
  Proposal: {
    description: 'What a document ingest proposes (its items, their review), kept apart from the graph until committed (src/proposals/).',
    bookkeeping: true,
  },
} satisfies Record<string, LabelSpec>;

export type Label = keyof typeof LABEL_SPECS;
export const LABELS: Readonly<Record<Label, LabelSpec>> = LABEL_SPECS;

/** Labels of content nodes, `Entity` first: the ones history and import may write into Cypher. */
export const CONTENT_LABELS = (Object.keys(LABELS) as Label[]).filter((label) => !LABELS[label].bookkeeping);

/** Labels that name the kind of a content node (every content label but `Entity`). */
export type EntityLabel = Exclude<Label, 'Entity' | 'Revision' | 'GraphLock' | 'RevisionLog' | 'Proposal'>;
export const ENTITY_LABELS = CONTENT_LABELS.filter((label) => label !== 'Entity') as EntityLabel[];

// ---------------------------------------------------------------------------------------
// Node properties

/** Where a fact comes from: on every content node and every content relationship. */
export const PROVENANCE: Properties = {
  sourceIds: { kind: 'string[]', description: 'Ids of the sources that report the fact, one per citation.', role: 'citation' },
  locators: { kind: 'string[]', description: "Where in each source (aligned with sourceIds); '' when not known.", role: 'citation' },
  inferred: { kind: 'bool', description: 'The fact is inferred from others, not stated by a source.' },
  note: { kind: 'string', description: 'A remark on the fact (how it was read, what is uncertain).' },
};

/**
 * The qualifiers of a statement: the relationship properties that say more about it than that it
 * holds (an award's year; a membership's role and dates; a hierarchy link's dates). Each may carry
 * its own provenance beside the statement's, stored as `<q>Inferred`, `<q>Note`, `<q>SourceIds`
 * and `<q>Locators`; an absent one means "as the statement": its sources, its `inferred`, no note.
 */
export const QUALIFIER_NAMES = ['year', 'role', 'since', 'until'] as const;
export type QualifierPropertyName = (typeof QUALIFIER_NAMES)[number];

/** The provenance properties of qualifier `q` (see QUALIFIER_NAMES). */
export function qualifierProvenance(q: QualifierPropertyName): Properties {
  return {
    [`${q}SourceIds`]: { kind: 'string[]', description: `Ids of the sources that report the ${q}, when they differ from the statement's.`, role: 'citation' },
    [`${q}Locators`]: { kind: 'string[]', description: `Where in each source the ${q} is given (aligned with ${q}SourceIds); '' when not known.`, role: 'citation' },
    [`${q}Inferred`]: { kind: 'bool', description: `The ${q} is inferred, not stated (absent: as the statement).` },
    [`${q}Note`]: { kind: 'string', description: `A remark on the ${q} (how it was read, what is uncertain).` },
  };
}

/** Who wrote a node or relationship through the API (a token subject); see auth/actors.ts. */
const CREATED_BY: PropertySpec = { kind: 'string', description: 'The editor who created it (the token subject).' };

/** Every property a content node may hold (a label holds those that fit it). */
export const NODE_PROPERTIES: Properties = {
  id: { kind: 'string', description: 'The id, unique across the graph (Entity).' },
  name: { kind: 'string', description: 'The canonical name: cleaned, in simplified script.', schemaOrg: 'name' },
  aliases: { kind: 'string[]', description: 'Other names: as sources wrote them, short forms, the traditional form.', schemaOrg: 'alternateName' },
  nameEn: { kind: 'string', description: 'The English name, when known.' },
  contextAliases: {
    kind: 'string[]',
    description: 'Other names that hold only in a context (市妇联 in Huainan), aligned with aliasContexts (see graph/alias-context.ts).',
  },
  aliasContexts: {
    kind: 'string[]',
    description: 'The context of each context alias: place:<name>, org:<id> (and what is under it) or source:<id>.',
  },
  aliasText: { kind: 'string', description: 'The aliases joined, for the full-text index.', role: 'searchKey', derived: true },
  contextAliasText: { kind: 'string', description: 'The context aliases joined, for the context full-text index.', role: 'searchKey', derived: true },
  contextSearchText: {
    kind: 'string',
    description: 'Search keys of each context alias (keys joined by " | ", aliases by " || "), for the context full-text index.',
    role: 'searchKey',
    derived: true,
  },
  searchText: { kind: 'string', description: 'Search keys (scripts, pinyin, initials) joined, for the full-text index.', role: 'searchKey', derived: true },
  nameKey: { kind: 'string', description: 'The normalized name a uniqueness constraint holds per label.', derived: true },
  nameSkeleton: { kind: 'string', description: 'The confusable skeleton of the name, for duplicate checks.', derived: true },
  externalIds: {
    kind: 'string[]',
    description:
      'Identifiers outside the graph (src/identifiers/): Wikidata entity IRIs, official website URLs, uscc:<code>; each on at most one node.',
    schemaOrg: 'sameAs',
  },
  externalIdSourceIds: { kind: 'string[]', description: "The source citing each external id (aligned with externalIds); '' when none." },
  externalIdLocators: { kind: 'string[]', description: "Where in that source (aligned with externalIds); '' when not known." },
  externalIdText: {
    kind: 'string',
    description: 'The external ids joined by spaces, for the exact-match index entity_external_ids.',
    role: 'searchKey',
    derived: true,
  },
  mergedIds: { kind: 'string[]', description: 'Ids of the nodes merged into this one.' },
  distinctFrom: {
    kind: 'string[]',
    description: 'Ids of nodes an editor judged not the same as this one (dismissed from the duplicate queue); held on both nodes.',
  },
  distinctNotes: { kind: 'string[]', description: "Why each of distinctFrom is not the same (aligned with it); '' when not said." },
  title: { kind: 'string', description: 'The title of a source.' },
  kind: { kind: 'string', description: 'What kind of organization, program or source it is.' },
  level: { kind: 'string', description: 'The administrative level of an organization or honor.' },
  published: { kind: 'date', description: 'When a source was published (a partial date).' },
  publishedPrecision: precisionOf('published'),
  publisher: { kind: 'string', description: 'Who published a source.' },
  language: { kind: 'string', description: 'The language of a source.' },
  year: { kind: 'integer', description: 'The year of a program or figure.' },
  startDate: { kind: 'date', description: 'When a program started (a partial date).' },
  startDatePrecision: precisionOf('startDate'),
  subjectId: { kind: 'string', description: 'The node a figure is about (also its DESCRIBES edge).' },
  metric: { kind: 'string', description: 'What a figure counts.' },
  label: { kind: 'string', description: 'A figure as the source words it.' },
  value: { kind: 'float', description: 'The value of a figure.', schemaOrg: 'value' },
  unit: { kind: 'string', description: 'The unit of a figure.', schemaOrg: 'unitText' },
  approximate: { kind: 'bool', description: 'The figure is approximate (约, 余, 多).' },
  ...PROVENANCE,
  createdBy: CREATED_BY,
  createdAt: { kind: 'datetime', description: 'When the node was created.' },
  updatedAt: { kind: 'datetime', description: 'When the node was last written.' },
};

// ---------------------------------------------------------------------------------------
// Relationship types

export interface RelationshipSpec {
  /** What the relationship says; the GraphQL enum `RelationshipType` shows it. */
  description: string;
  /** Labels a start node may have (one of them). */
  from: readonly EntityLabel[];
  /** Labels an end node may have (one of them). */
  to: readonly EntityLabel[];
  properties: Properties;
  /** The schema.org term a JSON-LD export writes it as, on the node at `on`, pointing at the other end. */
  schemaOrg?: { term: string; on: 'from' | 'to' };
}

const KEY: PropertySpec = { kind: 'string', description: 'Tells apart parallel edges of one type between the same two nodes.', role: 'edgeKey' };
/**
 * When a statement (a membership, a hierarchy link) held: DATEs, the first day of a period as
 * precise as the source gives it, with its precision (graph/partial-date.ts). A missing one is open.
 */
const VALID_TIME: Properties = {
  since: { kind: 'date', description: 'The first day it held: the start of a year, month or day (sincePrecision).' },
  sincePrecision: { kind: 'string', description: 'How precise since is: YEAR, MONTH or DAY.' },
  until: { kind: 'date', description: 'The last period it held: a year, month or day (untilPrecision), through its last day.' },
  untilPrecision: { kind: 'string', description: 'How precise until is: YEAR, MONTH or DAY.' },
};
/**
 * The statement's stable id, on every content relationship: `st-` and a random UUID for a write
 * through the API, `st-` and a hash of type, ends and key for the seed (a reseed gives the same
 * ids). Undo, merge and import-graph keep it; the migration in db/migrations.ts gives one to a
 * relationship written before ids existed. GraphQL shows it as `Award.id`, `Membership.id` and
 * `CitedEdge.statementId`.
 */
export const STATEMENT_ID: PropertySpec = { kind: 'string', description: 'The statement id, unique across the graph (st-…).', role: 'statementId' };
const ANY: readonly EntityLabel[] = ['Person', 'Organization', 'Honor', 'Program', 'Source', 'Figure'];
const RECIPIENTS: readonly EntityLabel[] = ['Person', 'Organization'];

/** The content relationships, in the order the GraphQL enum lists them. */
const RELATIONSHIP_SPECS = {
  RECEIVED: {
    description: 'A person or organization received an honor (an award).',
    from: RECIPIENTS,
    to: ['Honor'],
    properties: {
      key: KEY,
      year: { kind: 'integer', description: 'The year of the award.' },
      awardKey: { kind: 'string', description: 'Recipient, honor and year: unique (see honors/award-key.ts).' },
      ...PROVENANCE,
      ...qualifierProvenance('year'),
      createdBy: CREATED_BY,
    },
    schemaOrg: { term: 'award', on: 'from' },
  },
  MEMBER_OF: {
    description: 'A person or organization belongs to an organization.',
    from: RECIPIENTS,
    to: ['Organization'],
    properties: {
      key: KEY,
      role: { kind: 'string', description: 'The role held (chair, member…).' },
      ...VALID_TIME,
      ...PROVENANCE,
      ...qualifierProvenance('role'),
      ...qualifierProvenance('since'),
      ...qualifierProvenance('until'),
      createdBy: CREATED_BY,
    },
    schemaOrg: { term: 'memberOf', on: 'from' },
  },
  PART_OF: {
    description: 'An organization is part of another (hierarchy).',
    from: ['Organization'],
    to: ['Organization'],
    properties: { key: KEY, ...VALID_TIME, ...PROVENANCE, ...qualifierProvenance('since'), ...qualifierProvenance('until'), createdBy: CREATED_BY },
    schemaOrg: { term: 'parentOrganization', on: 'from' },
  },
  CONFERRED_BY: {
    description: 'An honor is conferred by an organization.',
    from: ['Honor'],
    to: ['Organization'],
    properties: { key: KEY, ...PROVENANCE, createdBy: CREATED_BY },
  },
  VARIANT_OF: {
    description: 'An honor is a level of a generic title.',
    from: ['Honor'],
    to: ['Honor'],
    properties: { key: KEY, ...PROVENANCE, createdBy: CREATED_BY },
  },
  ORGANIZED: {
    description: 'An organization ran a program.',
    from: ['Organization'],
    to: ['Program'],
    properties: { key: KEY, ...PROVENANCE, createdBy: CREATED_BY },
  },
  PARTNERED: {
    description: 'An organization took part in a program as a partner.',
    from: ['Organization'],
    to: ['Program'],
    properties: { key: KEY, ...PROVENANCE, createdBy: CREATED_BY },
  },
  AUTHORED: {
    description: 'A person wrote a source.',
    from: ['Person'],
    to: ['Source'],
    properties: { key: KEY, role: { kind: 'string', description: 'The part taken (author, reporter…).' }, ...PROVENANCE, createdBy: CREATED_BY },
    schemaOrg: { term: 'author', on: 'to' },
  },
  DESCRIBES: {
    description: 'A figure is about a node.',
    from: ['Figure'],
    to: ANY,
    properties: { key: KEY, ...PROVENANCE, createdBy: CREATED_BY },
    schemaOrg: { term: 'about', on: 'from' },
  },
  MENTIONS: {
    description: "A source names a node (derived from the node's citations).",
    from: ['Source'],
    to: ANY,
    properties: { key: KEY, ...PROVENANCE },
  },
} satisfies Record<string, RelationshipSpec>;

export type RelationshipTypeName = keyof typeof RELATIONSHIP_SPECS;
/** The content relationships; every one of them holds a statement id (STATEMENT_ID) as `id`. */
export const RELATIONSHIPS: Readonly<Record<RelationshipTypeName, RelationshipSpec>> = withStatementIds(RELATIONSHIP_SPECS);

function withStatementIds<T extends Record<string, RelationshipSpec>>(specs: T): Record<keyof T, RelationshipSpec> {
  const out = {} as Record<keyof T, RelationshipSpec>;
  for (const type of Object.keys(specs) as (keyof T)[]) out[type] = { ...specs[type], properties: { id: STATEMENT_ID, ...specs[type].properties } };
  return out;
}

/** The qualifiers each statement type has, in the order the API lists them (others have none). */
export const QUALIFIERS: Partial<Record<RelationshipTypeName, readonly QualifierPropertyName[]>> = {
  RECEIVED: ['year'],
  MEMBER_OF: ['role', 'since', 'until'],
  PART_OF: ['since', 'until'],
};

/** The qualifiers of relationship type `type` (none for an unknown or unqualified type). */
export function qualifiersOfType(type: string): readonly QualifierPropertyName[] {
  return isRelationshipType(type) ? (QUALIFIERS[type] ?? []) : [];
}

/** Every content relationship type, in the model's order. */
export const RELATIONSHIP_TYPES = Object.keys(RELATIONSHIPS) as RelationshipTypeName[];

/** Bookkeeping relationships: a revision points at the nodes it changed. Not content, not in the API. */
export const BOOKKEEPING_RELATIONSHIPS = {
  CHANGED: { description: 'A revision changed this node (history).', from: ['Revision'], to: ['Entity'] },
} as const;

// ---------------------------------------------------------------------------------------
// Helpers

export function isRelationshipType(type: string): type is RelationshipTypeName {
  return Object.prototype.hasOwnProperty.call(RELATIONSHIPS, type);
}

export function isContentLabel(label: string): label is Label {
  return (CONTENT_LABELS as string[]).includes(label);
}

export function relationship(type: RelationshipTypeName): RelationshipSpec {
  return RELATIONSHIPS[type];
}

/** A content label, checked, for interpolation into Cypher text (labels cannot be parameters). */
export function safeLabel(label: string): string {
  if (!isContentLabel(label)) throw new Error(`unexpected label ${label}`);
  return label;
}

/** A content relationship type, checked, for interpolation into Cypher text. */
export function safeRelType(type: string): string {
  if (!isRelationshipType(type)) throw new Error(`unexpected relationship type ${type}`);
  return type;
}

/** Names of the properties of a relationship type (or of every type) that have `role`. */
export function relationshipPropertiesWithRole(role: PropertySpec['role'], types: readonly RelationshipTypeName[] = RELATIONSHIP_TYPES): string[] {
  const names = new Set<string>();
  for (const type of types) for (const [name, spec] of Object.entries(RELATIONSHIPS[type].properties)) if (spec.role === role) names.add(name);
  return [...names];
}

/** Names of the properties of `kind` in a property list (NODE_PROPERTIES or a relationship's). */
export function propertiesOfKind(properties: Readonly<Record<string, PropertySpec>>, kind: PropertyKind): string[] {
  return Object.entries(properties)
    .filter(([, spec]) => spec.kind === kind)
    .map(([name]) => name);
}

/** Node properties the writes compute from others: left out of every export, computed again by import-graph. */
export const DERIVED_NODE_PROPERTIES: readonly string[] = Object.entries(NODE_PROPERTIES)
  .filter(([, spec]) => spec.derived)
  .map(([name]) => name);

/** Names of the node properties that have `role`. */
export function nodePropertiesWithRole(role: PropertySpec['role']): string[] {
  return Object.entries(NODE_PROPERTIES)
    .filter(([, spec]) => spec.role === role)
    .map(([name]) => name);
}
