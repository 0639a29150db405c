import { LABELS, Label, NODE_PROPERTIES, RELATIONSHIPS, RELATIONSHIP_TYPES, nodePropertiesWithRole } from '../graph/model';
import { ExportBatch, FormatWriter, GraphSnapshot, PropertyValue, SnapshotEdge, SnapshotNode, asBatch } from './snapshot';

/**
 * JSON-LD on schema.org: people are `Person`, organizations `Organization`, the report a
 * `CreativeWork`, figures `QuantitativeValue`; names are `name` and `alternateName`, awards
 * `award`, memberships `memberOf`, PART_OF `parentOrganization`, AUTHORED `author` (on the work).
 * Everything schema.org has no term for (honors, programs, kinds, provenance, relationship
 * properties) stays under the project namespace `hg:`, so nothing is lost.
 */
export const HG_NAMESPACE = 'urn:honorgraph:terms:';
export const NODE_NAMESPACE = 'urn:honorgraph:node:';

/** Relationship types with a schema.org term (graph/model.ts), written on the node the term belongs to. */
const EDGE_TERMS: Record<string, { term: string; on: 'from' | 'to'; target: 'from' | 'to' }> = Object.fromEntries(
  RELATIONSHIP_TYPES.flatMap((type) => {
    const mapped = RELATIONSHIPS[type].schemaOrg;
    return mapped ? [[type, { ...mapped, target: mapped.on === 'from' ? 'to' : 'from' }]] : [];
  }),
);

export const JSONLD_CONTEXT = {
  '@vocab': 'https://schema.org/',
  hg: HG_NAMESPACE,
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  node: NODE_NAMESPACE,
  ...Object.fromEntries(Object.values(EDGE_TERMS).map(({ term }) => [term, { '@type': '@id' }])),
};

/** The JSON-LD type of each label that has one. */
const SCHEMA_TYPES: [string, string][] = (Object.keys(LABELS) as Label[]).flatMap((label) => {
  const type = LABELS[label].schemaOrg;
  return type ? [[label, type] as [string, string]] : [];
});

/** Properties mapped onto schema.org terms; search-only fields are derived and left out. */
const NODE_TERMS: Record<string, string> = Object.fromEntries(
  Object.entries(NODE_PROPERTIES).flatMap(([name, spec]) => (spec.schemaOrg ? [[name, spec.schemaOrg]] : [])),
);
const DERIVED = new Set(nodePropertiesWithRole('searchKey'));

const ref = (id: string) => `node:${id}`;

/** Relationship types whose schema.org term sits on their end node: a batch needs them arriving too. */
export const JSONLD_INCOMING_TYPES = Object.entries(EDGE_TERMS)
  .filter(([, mapped]) => mapped.on === 'to')
  .map(([type]) => type);

/** The documents of one batch: each node with the terms of its relationships. */
function documentsOf({ nodes, edges, incoming }: ExportBatch): Record<string, any>[] {
  const documents = new Map<string, Record<string, any>>();
  for (const node of nodes) documents.set(node.id, nodeDocument(node));
  const add = (doc: Record<string, any>, term: string, value: unknown) => {
    doc[term] = [...(doc[term] ?? []), value];
  };
  for (const edge of edges) {
    const mapped = EDGE_TERMS[edge.type];
    if (mapped?.on === 'from') {
      const holder = documents.get(edge.from);
      if (holder) add(holder, mapped.term, ref(edge[mapped.target]));
    }
    // Every relationship, mapped or not, also as a qualified statement keeping its properties.
    const from = documents.get(edge.from);
    if (from) add(from, 'hg:relationship', edgeDocument(edge));
  }
  for (const edge of incoming) {
    const mapped = EDGE_TERMS[edge.type];
    if (mapped?.on !== 'to') continue;
    const holder = documents.get(edge.to);
    if (holder) add(holder, mapped.term, ref(edge[mapped.target]));
  }
  return [...documents.values()];
}

export function toJsonLd(snapshot: GraphSnapshot): Record<string, unknown> {
  return { '@context': JSONLD_CONTEXT, '@graph': documentsOf(asBatch(snapshot)) };
}

/** The same document as `JSON.stringify(toJsonLd(…), null, 2)`, written one batch of nodes at a time. */
export function jsonLdWriter(): FormatWriter {
  let first = true;
  const indent = (doc: unknown) => `    ${JSON.stringify(doc, null, 2).replace(/\n/g, '\n    ')}`;
  return {
    start: () => `{\n  "@context": ${JSON.stringify(JSONLD_CONTEXT, null, 2).replace(/\n/g, '\n  ')},\n  "@graph": [`,
    batch(batch) {
      const docs = documentsOf(batch);
      if (!docs.length) return '';
      const out = `${first ? '\n' : ',\n'}${docs.map(indent).join(',\n')}`;
      first = false;
      return out;
    },
    end: () => (first ? ']\n}\n' : '\n  ]\n}\n'),
  };
}

function nodeDocument(node: SnapshotNode): Record<string, any> {
  const types = SCHEMA_TYPES.filter(([label]) => node.labels.includes(label)).map(([, type]) => type);
  const doc: Record<string, any> = { '@id': ref(node.id), '@type': types.length === 1 ? types[0] : types, identifier: node.id };
  doc['hg:labels'] = node.labels;
  for (const [name, value] of Object.entries(node.properties)) {
    if (name === 'id' || DERIVED.has(name) || value === null) continue;
    doc[NODE_TERMS[name] ?? `hg:${name}`] = jsonValue(value, node.types[name]);
  }
  return doc;
}

function edgeDocument(edge: SnapshotEdge): Record<string, any> {
  const doc: Record<string, any> = { '@type': `hg:${edge.type}`, 'hg:to': { '@id': ref(edge.to) } };
  for (const [name, value] of Object.entries(edge.properties)) {
    if (value !== null) doc[`hg:${name}`] = jsonValue(value, edge.types[name]);
  }
  return doc;
}

/** XML Schema types of a partial date by its precision (its length as written: 2025, 2024-09, 2024-09-01). */
const DATE_TYPES: Record<number, string> = { 4: 'xsd:gYear', 7: 'xsd:gYearMonth', 10: 'xsd:date' };

/** Temporals become typed literals so a JSON-LD processor knows them for dates; a date as precise as it is stored. */
function jsonValue(value: PropertyValue, type: string | undefined): unknown {
  if (type === 'ZONED DATETIME' || type === 'LOCAL DATETIME') return { '@value': value, '@type': 'DateTime' };
  if (type === 'DATE') return { '@value': value, '@type': DATE_TYPES[String(value).length] ?? 'xsd:date' };
  return value;
}
