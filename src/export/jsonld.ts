import { DERIVED_NODE_PROPERTIES, LABELS, Label, RELATIONSHIPS, RELATIONSHIP_TYPES, RelationshipTypeName, isRelationshipType } from '../graph/model';
import { storedExternalId } from '../identifiers/external-id';
import { ExportBatch, FormatWriter, GraphSnapshot, PropertyValue, SnapshotEdge, SnapshotNode, asBatch } from './snapshot';

/**
 * JSON-LD for linked data (docs/export.md has the mapping table). schema.org where it has the
 * term: `Person`, `Organization`, `CreativeWork`, `QuantitativeValue`; `name`, `alternateName`,
 * `sameAs`, `taxID`, `parentOrganization`, `memberOf` through an `OrganizationRole` (role and
 * dates), `award` as text (the honor's name and year), `author`, `mentions`, `about`, dates.
 * Provenance is PROV-O: every fact `prov:wasDerivedFrom` its sources, and a `prov:Derivation`
 * (`prov:qualifiedDerivation`) carries the locator. A relationship is also a statement node (its
 * IRI from the statement id) holding its qualifiers and provenance: an `rdf:Statement`, or the
 * `OrganizationRole` of a membership. What schema.org has no term for stays in the project
 * namespace `hg:` (honors, programs, kinds, levels, the honor an award statement points at).
 * Values are typed literals (xsd:integer, xsd:double, xsd:boolean, xsd:gYear/gYearMonth/date by
 * the precision a date has, xsd:dateTime). Derived search fields never appear.
 */
export const HG_NAMESPACE = 'urn:honorgraph:terms:';
/** Node and statement IRIs without PUBLIC_BASE_URL: stable names, not addresses. */
const DEFAULT_NODE_BASE = 'urn:honorgraph:node:';
const DEFAULT_STATEMENT_BASE = 'urn:honorgraph:statement:';

export const NAMESPACES = {
  schema: 'https://schema.org/',
  hg: HG_NAMESPACE,
  prov: 'http://www.w3.org/ns/prov#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

export const JSONLD_CONTEXT = { '@vocab': NAMESPACES.schema, ...NAMESPACES };

/** Where node and statement IRIs start: PUBLIC_BASE_URL/node/<id> and /statement/<id>, or URNs. */
export interface LinkedDataBase {
  node: string;
  statement: string;
}

/** The IRI bases for `PUBLIC_BASE_URL` (an http(s) URL; unset: URNs). */
export function linkedDataBase(publicBaseUrl: string | undefined = process.env.PUBLIC_BASE_URL): LinkedDataBase {
  const base = publicBaseUrl?.trim();
  if (!base) return { node: DEFAULT_NODE_BASE, statement: DEFAULT_STATEMENT_BASE };
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new Error(`PUBLIC_BASE_URL must be an http(s) URL, got ${JSON.stringify(base)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PUBLIC_BASE_URL must be an http(s) URL, got ${JSON.stringify(base)}`);
  const root = url.href.replace(/\/+$/, '');
  return { node: `${root}/node/`, statement: `${root}/statement/` };
}

/** The JSON-LD type(s) of each label. Sources are also PROV entities: what facts derive from. */
const TYPES_OF: Partial<Record<string, string[]>> = Object.fromEntries(
  (Object.keys(LABELS) as Label[]).flatMap((label) => {
    const type = LABELS[label].schemaOrg;
    if (!type) return [];
    return [[label, label === 'Source' ? [type, 'prov:Entity'] : [type]]];
  }),
);

/**
 * Relationship types: the term of the direct link, on the node at `on` pointing at the other end.
 * Types with a schema.org term (graph/model.ts) use it; the others a project term. RECEIVED links
 * the honor with `hg:received` (schema:award is text, written beside it); MEMBER_OF goes through
 * its OrganizationRole.
 */
const PROJECT_TERMS: Partial<Record<RelationshipTypeName, string>> = {
  RECEIVED: 'hg:received',
  CONFERRED_BY: 'hg:conferredBy',
  VARIANT_OF: 'hg:variantOf',
  ORGANIZED: 'hg:organized',
  PARTNERED: 'hg:partnered',
  MENTIONS: 'mentions',
};
const LINKS: Record<string, { term: string; on: 'from' | 'to' }> = Object.fromEntries(
  RELATIONSHIP_TYPES.map((type) => {
    const mapped = RELATIONSHIPS[type].schemaOrg;
    const term = type === 'RECEIVED' ? PROJECT_TERMS.RECEIVED! : (mapped?.term ?? PROJECT_TERMS[type] ?? `hg:${type}`);
    return [type, { term, on: type === 'RECEIVED' ? 'from' : (mapped?.on ?? 'from') }];
  }),
);

/** Relationship types whose term sits on their end node: a batch needs them arriving too. */
export const JSONLD_INCOMING_TYPES = Object.entries(LINKS)
  .filter(([, link]) => link.on === 'to')
  .map(([type]) => type);

/** The full IRI of a compact term (schema:author, hg:received, or a bare schema.org term). */
function expand(term: string): string {
  const colon = term.indexOf(':');
  const prefix = colon > 0 ? term.slice(0, colon) : '';
  return prefix in NAMESPACES ? NAMESPACES[prefix as keyof typeof NAMESPACES] + term.slice(colon + 1) : NAMESPACES.schema + term;
}

// ---- values ----------------------------------------------------------------------------

/** XML Schema types of a partial date by its precision (its length as written: 2025, 2024-09, 2024-09-01). */
const DATE_TYPES: Record<number, string> = { 4: 'xsd:gYear', 7: 'xsd:gYearMonth', 10: 'xsd:date' };
const TEMPORAL_TYPES: Record<string, string> = {
  'ZONED DATETIME': 'xsd:dateTime',
  'LOCAL DATETIME': 'xsd:dateTime',
  'ZONED TIME': 'xsd:time',
  'LOCAL TIME': 'xsd:time',
  DURATION: 'xsd:duration',
};

const typed = (value: string, type: string) => ({ '@value': value, '@type': type });

/**
 * A double in the canonical lexical form JSON-LD writes (1.0E2, 2.5E-1): jsonld.js canonicalizes
 * an xsd:double it reads and rdflib keeps the text as written, so only this form reads the same in both.
 */
export function canonicalDouble(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'INF' : value < 0 ? '-INF' : 'NaN';
  const [mantissa, exponent] = value.toExponential(15).split('e');
  const trimmed = mantissa.replace(/0+$/, '').replace(/\.$/, '.0');
  return `${trimmed}E${Number(exponent)}`;
}

/** One stored value as JSON-LD: a typed literal (a list: one per element); text stays plain text. */
function literal(value: PropertyValue, neo4jType: string | undefined): unknown {
  if (Array.isArray(value)) {
    const element = neo4jType?.match(/^LIST<(.+)>$/)?.[1];
    return value.map((v) => literal(v, element));
  }
  if (typeof value === 'boolean') return typed(String(value), 'xsd:boolean');
  if (typeof value === 'number') {
    const integer = neo4jType === 'INTEGER' || (neo4jType !== 'FLOAT' && Number.isInteger(value));
    return integer ? typed(String(value), 'xsd:integer') : typed(canonicalDouble(value), 'xsd:double');
  }
  if (neo4jType === 'DATE') return typed(String(value), DATE_TYPES[String(value).length] ?? 'xsd:date');
  if (neo4jType && TEMPORAL_TYPES[neo4jType]) return typed(String(value), TEMPORAL_TYPES[neo4jType]);
  return value;
}

const year = (value: PropertyValue) => typed(String(value).padStart(4, '0'), 'xsd:gYear');

// ---- documents -------------------------------------------------------------------------

type Doc = Record<string, any>;
const add = (doc: Doc, term: string, value: unknown) => {
  if (value === undefined || value === null) return;
  const values = Array.isArray(value) ? value : [value];
  if (!values.length) return;
  doc[term] = [...(doc[term] ?? []), ...values];
};

interface Writer {
  base: LinkedDataBase;
  node(id: string): { '@id': string };
  statement(edge: SnapshotEdge): string;
}

function writerFor(base: LinkedDataBase): Writer {
  return {
    base,
    node: (id) => ({ '@id': base.node + encodeURIComponent(id) }),
    statement: (edge) =>
      base.statement +
      encodeURIComponent(typeof edge.properties.id === 'string' ? edge.properties.id : `${edge.from}|${edge.type}|${edge.to}|${String(edge.properties.key ?? '')}`),
  };
}

/**
 * PROV-O for one fact: `prov:wasDerivedFrom` each source, and where a locator (or a qualifier of
 * its own) is known a `prov:Derivation` naming the source and saying where (`hg:locator`) and
 * what it supports (`hg:qualifier`).
 */
function provenance(w: Writer, doc: Doc, subject: string, sourceIds: PropertyValue | undefined, locators: PropertyValue | undefined, qualifier?: string) {
  if (!Array.isArray(sourceIds)) return;
  sourceIds.forEach((sourceId, i) => {
    if (typeof sourceId !== 'string' || !sourceId) return;
    const locator = Array.isArray(locators) && typeof locators[i] === 'string' ? (locators[i] as string) : '';
    if (!qualifier) add(doc, 'prov:wasDerivedFrom', w.node(sourceId));
    if (!locator && !qualifier) return;
    const derivation: Doc = { '@id': `${subject}#derivation-${qualifier ? `${qualifier}-` : ''}${i}`, '@type': 'prov:Derivation', 'prov:entity': w.node(sourceId) };
    if (locator) derivation['hg:locator'] = locator;
    if (qualifier) derivation['hg:qualifier'] = qualifier;
    add(doc, 'prov:qualifiedDerivation', derivation);
  });
}

/** Node properties written by hand below (or left out: derived, or said by a relationship or a datatype). */
const NODE_HANDLED = new Set([
  ...DERIVED_NODE_PROPERTIES,
  'id', 'name', 'aliases', 'nameEn', 'contextAliases', 'aliasContexts', 'externalIds', 'externalIdSourceIds', 'externalIdLocators',
  'sourceIds', 'locators', 'inferred', 'note', 'createdAt', 'updatedAt', 'createdBy', 'distinctFrom', 'distinctNotes', 'subjectId',
]);
/** Node properties with a schema.org term (or a project one) of their own. */
const NODE_TERMS: Record<string, string> = {
  title: 'headline',
  published: 'datePublished',
  language: 'inLanguage',
  startDate: 'startDate',
  label: 'description',
  value: 'value',
  unit: 'unitText',
  mergedIds: 'hg:mergedId',
};

function nodeDocument(w: Writer, node: SnapshotNode): Doc[] {
  const iri = w.node(node.id)['@id'];
  const p = node.properties;
  const types = node.labels.flatMap((label) => TYPES_OF[label] ?? []);
  const doc: Doc = { '@id': iri, '@type': types.length === 1 ? types[0] : types, identifier: node.id };
  const extra: Doc[] = [];
  if (typeof p.name === 'string') doc.name = p.name;
  add(doc, 'alternateName', Array.isArray(p.aliases) ? p.aliases : []);
  if (typeof p.nameEn === 'string' && p.nameEn) add(doc, 'alternateName', { '@value': p.nameEn, '@language': 'en' });
  if (Array.isArray(p.contextAliases)) {
    p.contextAliases.forEach((alias, i) => {
      const context = Array.isArray(p.aliasContexts) ? p.aliasContexts[i] : null;
      add(doc, 'hg:contextAlias', { '@id': `${iri}#context-alias-${i}`, '@type': 'hg:ContextAlias', 'hg:alias': alias, 'hg:context': context });
    });
  }
  if (Array.isArray(p.externalIds)) {
    p.externalIds.forEach((stored, i) => {
      const parsed = typeof stored === 'string' ? storedExternalId(stored) : null;
      if (!parsed) return;
      const [term, object] = parsed.iri ? ['sameAs', { '@id': parsed.iri }] : ['taxID', parsed.value];
      add(doc, term, object);
      const sourceId = Array.isArray(p.externalIdSourceIds) ? p.externalIdSourceIds[i] : '';
      if (typeof sourceId !== 'string' || !sourceId) return;
      // The identifier's own citation, on the statement "this node sameAs/taxID that".
      const statement: Doc = { '@id': `${iri}#external-id-${i}`, '@type': 'rdf:Statement', 'rdf:subject': { '@id': iri }, 'rdf:predicate': { '@id': expand(term) }, 'rdf:object': object };
      provenance(w, statement, statement['@id'], [sourceId], Array.isArray(p.externalIdLocators) ? [p.externalIdLocators[i]] : []);
      extra.push(statement);
    });
  }
  provenance(w, doc, iri, p.sourceIds, p.locators);
  if (typeof p.inferred === 'boolean') doc['hg:inferred'] = literal(p.inferred, 'BOOLEAN');
  if (typeof p.note === 'string' && p.note) doc['rdfs:comment'] = p.note;
  if (p.createdAt != null) doc.dateCreated = literal(p.createdAt, node.types.createdAt);
  if (p.updatedAt != null) doc.dateModified = literal(p.updatedAt, node.types.updatedAt);
  if (typeof p.createdBy === 'string') doc['hg:createdBy'] = p.createdBy;
  if (Array.isArray(p.distinctFrom)) {
    p.distinctFrom.forEach((other, i) => {
      add(doc, 'owl:differentFrom', w.node(String(other)));
      const note = Array.isArray(p.distinctNotes) ? p.distinctNotes[i] : '';
      if (typeof note === 'string' && note) add(doc, 'hg:distinctNote', note);
    });
  }
  for (const [name, value] of Object.entries(p)) {
    if (NODE_HANDLED.has(name) || value === null || name.endsWith('Precision') && typeof p[name.slice(0, -'Precision'.length)] !== 'undefined') continue;
    const term = NODE_TERMS[name] ?? `hg:${name}`;
    add(doc, term, name === 'year' ? year(value) : literal(value, node.types[name]));
  }
  return [doc, ...extra];
}

/** Relationship properties written by hand (or left out: the keys, derived, said by the statement's IRI). */
const EDGE_HANDLED = new Set(['id', 'key', 'awardKey', 'sourceIds', 'locators', 'inferred', 'note', 'createdBy', 'year', 'role', 'since', 'until', 'sincePrecision', 'untilPrecision']);
const QUALIFIER_PROVENANCE = /^(year|role|since|until)(SourceIds|Locators)$/;

/** The statement node of one relationship: its qualifiers and provenance, linked to both ends. */
function statementDocument(w: Writer, edge: SnapshotEdge): Doc {
  const iri = w.statement(edge);
  const p = edge.properties;
  const from = w.node(edge.from);
  const to = w.node(edge.to);
  const link = LINKS[edge.type] ?? { term: `hg:${edge.type}`, on: 'from' as const };
  const doc: Doc =
    edge.type === 'MEMBER_OF'
      ? { '@id': iri, '@type': 'OrganizationRole', memberOf: to }
      : {
          '@id': iri,
          '@type': edge.type === 'RECEIVED' ? ['rdf:Statement', 'hg:Award'] : 'rdf:Statement',
          'rdf:subject': link.on === 'from' ? from : to,
          'rdf:predicate': { '@id': expand(link.term) },
          'rdf:object': link.on === 'from' ? to : from,
        };
  doc.identifier = typeof p.id === 'string' ? p.id : undefined;
  if (p.year != null) doc['hg:year'] = year(p.year);
  if (typeof p.role === 'string') doc.roleName = p.role;
  // A bare year (older data) is a gYear, as a date of YEAR precision is.
  if (p.since != null) doc.startDate = typeof p.since === 'number' ? year(p.since) : literal(p.since, edge.types.since);
  if (p.until != null) doc.endDate = typeof p.until === 'number' ? year(p.until) : literal(p.until, edge.types.until);
  provenance(w, doc, iri, p.sourceIds, p.locators);
  for (const q of ['year', 'role', 'since', 'until']) provenance(w, doc, iri, p[`${q}SourceIds`], p[`${q}Locators`], q);
  if (typeof p.inferred === 'boolean') doc['hg:inferred'] = literal(p.inferred, 'BOOLEAN');
  if (typeof p.note === 'string' && p.note) doc['rdfs:comment'] = p.note;
  if (typeof p.createdBy === 'string') doc['hg:createdBy'] = p.createdBy;
  for (const [name, value] of Object.entries(p)) {
    if (EDGE_HANDLED.has(name) || QUALIFIER_PROVENANCE.test(name) || value === null) continue;
    add(doc, `hg:${name}`, literal(value, edge.types[name]));
  }
  if (doc.identifier === undefined) delete doc.identifier;
  return doc;
}

/** An award as schema.org wants it, text: the honor's name, and the year when known. */
const awardText = (honorName: string | undefined, edge: SnapshotEdge) => {
  const name = honorName ?? edge.to;
  return edge.properties.year != null ? `${name} (${edge.properties.year})` : name;
};

/** The documents of one batch: each node with its links, then the statement of each relationship leaving it. */
function documentsOf(w: Writer, { nodes, edges, incoming, names = {} }: ExportBatch): Doc[] {
  const documents = new Map<string, Doc>();
  const extra: Doc[] = [];
  for (const node of nodes) {
    const [doc, ...more] = nodeDocument(w, node);
    documents.set(node.id, doc);
    extra.push(...more);
  }
  const statements: Doc[] = [];
  for (const edge of edges) {
    const link = LINKS[edge.type];
    const holder = documents.get(edge.from);
    if (!holder || !isRelationshipType(edge.type) || !link) {
      if (holder) statements.push(statementDocument(w, edge));
      continue;
    }
    if (edge.type === 'MEMBER_OF') add(holder, 'memberOf', { '@id': w.statement(edge) });
    else if (link.on === 'from') add(holder, link.term, w.node(edge.to));
    if (edge.type === 'RECEIVED') add(holder, 'award', awardText(names[edge.to], edge));
    statements.push(statementDocument(w, edge));
  }
  for (const edge of incoming) {
    const link = LINKS[edge.type];
    if (link?.on !== 'to') continue;
    const holder = documents.get(edge.to);
    if (holder) add(holder, link.term, w.node(edge.from));
  }
  return [...documents.values(), ...extra, ...statements];
}

export function toJsonLd(snapshot: GraphSnapshot, base: LinkedDataBase = linkedDataBase()): Record<string, unknown> {
  return { '@context': JSONLD_CONTEXT, '@graph': documentsOf(writerFor(base), asBatch(snapshot)) };
}

/** The same document as `JSON.stringify(toJsonLd(…), null, 2)`, written one batch of nodes at a time. */
export function jsonLdWriter(base: LinkedDataBase = linkedDataBase()): FormatWriter {
  const w = writerFor(base);
  let first = true;
  const indent = (doc: unknown) => `    ${JSON.stringify(doc, null, 2).replace(/\n/g, '\n    ')}`;
  return {
    start: () => `{\n  "@context": ${JSON.stringify(JSONLD_CONTEXT, null, 2).replace(/\n/g, '\n  ')},\n  "@graph": [`,
    batch(batch) {
      const docs = documentsOf(w, batch);
      if (!docs.length) return '';
      const out = `${first ? '\n' : ',\n'}${docs.map(indent).join(',\n')}`;
      first = false;
      return out;
    },
    end: () => (first ? ']\n}\n' : '\n  ]\n}\n'),
  };
}
