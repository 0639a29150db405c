import Graph from 'graphology';
import { parse } from 'graphology-graphml';
import { NODE_PROPERTIES, RELATIONSHIPS, RELATIONSHIP_TYPES, propertiesOfKind } from '../graph/model';
import { Domain, FormatWriter, GraphSnapshot, PropertyValue, SnapshotEdge, SnapshotNode, TypeTable, asBatch, isListType, typeTableOf } from './snapshot';

/**
 * GraphML as Gephi, NetworkX (read_graphml) and yEd read it. Each property is a <key> with a
 * native GraphML type where Neo4j's is a scalar (INTEGER → long, years int, FLOAT → double); lists
 * are JSON text, temporals ISO text and dates with a precision the partial date ("2025"). The Neo4j type of every property is kept in graph-level data
 * (`honorgraph.propertyTypes`), so an import restores exactly what was exported.
 */
const GRAPHML_TYPES: Record<string, string> = { STRING: 'string', INTEGER: 'long', FLOAT: 'double', BOOLEAN: 'boolean' };

/** Properties the model keeps as small whole numbers (years): GraphML `int`, which every reader takes for an integer. */
const INT_PROPERTIES: Record<Domain, Set<string>> = {
  node: new Set(propertiesOfKind(NODE_PROPERTIES, 'integer')),
  edge: new Set(RELATIONSHIP_TYPES.flatMap((type) => propertiesOfKind(RELATIONSHIPS[type].properties, 'integer'))),
};
const graphmlType = (domain: Domain, name: string, type: string) =>
  type === 'INTEGER' && INT_PROPERTIES[domain].has(name) ? 'int' : (GRAPHML_TYPES[type] ?? 'string');

/** Attribute names of the structure itself; a property of the same name would be ambiguous. */
const NODE_LABELS = 'labels';
const EDGE_TYPE = 'type';
const ELEMENT_TYPES = 'honorgraph.types';
const ESCAPED = 'honorgraph.escaped';
const GRAPH_TYPES = 'honorgraph.propertyTypes';

/**
 * What XML 1.0 cannot hold at all, not even as a character reference: NUL and the other C0
 * controls but tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF. A property
 * value holding one is written as JSON text with each such character a \uXXXX escape (lists and
 * MIXED values are JSON already), and a string so written is named in the element's
 * `honorgraph.escaped` data: an import reads back exactly what was stored. Only in ids, labels and
 * types (never free text) does one become U+FFFD, counted.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const HAS_NOT_XML = new RegExp(NOT_XML.source, 'u');
const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
/** JSON text with every character XML cannot hold escaped (JSON.stringify leaves U+FFFE and U+FFFF as they are). */
const xmlSafeJson = (json: string) => json.replace(NOT_XML, (c) => [...c].map(hex4).join(''));
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;', '\t': '&#9;', '\n': '&#10;' };

/** Escapes text for XML; `replaced` counts the characters that had to become U+FFFD. */
class XmlEscaper {
  replaced = 0;

  private clean(value: string): string {
    return value.replace(NOT_XML, () => {
      this.replaced++;
      return '\uFFFD';
    });
  }

  /** Element content: line feeds and tabs stay, a carriage return is a reference (parsers would turn it into \n). */
  text(value: string): string {
    return this.clean(value).replace(/[&<>\r]/g, (c) => ENTITIES[c]);
  }

  /** Attribute values: whitespace as references too, since parsers normalize it to spaces. */
  attribute(value: string): string {
    return this.clean(value).replace(/[&<>"\r\n\t]/g, (c) => ENTITIES[c]);
  }
}

/** A property value as GraphML text, and whether it is a string written as JSON (it held characters XML cannot). */
function encode(value: PropertyValue, type: string): { text: string; escaped: boolean } {
  if (type === 'MIXED' || isListType(type)) return { text: xmlSafeJson(JSON.stringify(value)), escaped: false };
  if (typeof value === 'string' && HAS_NOT_XML.test(value)) return { text: xmlSafeJson(JSON.stringify(value)), escaped: true };
  return { text: String(value), escaped: false };
}

/**
 * GraphML written as it is read: the keys (every property's name and type, known before the
 * first node), then per batch its nodes and their relationships. GraphML allows edges between
 * nodes; every reader (graphology, NetworkX, Gephi, yEd) collects nodes before edges.
 */
export function graphmlWriter(table: TypeTable): FormatWriter & { readonly replaced: number } {
  for (const name of Object.keys(table.node)) if ([NODE_LABELS, ELEMENT_TYPES, ESCAPED].includes(name)) throw new Error(`a node property is named "${name}"`);
  for (const name of Object.keys(table.edge)) if ([EDGE_TYPE, ELEMENT_TYPES, ESCAPED].includes(name)) throw new Error(`a relationship property is named "${name}"`);
  const xml = new XmlEscaper();
  const attrs = (values: Record<string, string>) => Object.entries(values).map(([k, v]) => ` ${k}="${xml.attribute(v)}"`).join('');
  const keyIds: Record<Domain, Record<string, string>> = { node: {}, edge: {} };
  const keys: string[] = [];
  const key = (domain: Domain | 'graph', id: string, name: string, type: string) => {
    keys.push(`  <key${attrs({ id, for: domain, 'attr.name': name, 'attr.type': type })}/>\n`);
    if (domain !== 'graph') keyIds[domain][name] = id;
  };
  key('graph', 'g_types', GRAPH_TYPES, 'string');
  key('node', 'n_labels', NODE_LABELS, 'string');
  key('node', 'n_types', ELEMENT_TYPES, 'string');
  key('node', 'n_escaped', ESCAPED, 'string');
  key('edge', 'e_type', EDGE_TYPE, 'string');
  key('edge', 'e_types', ELEMENT_TYPES, 'string');
  key('edge', 'e_escaped', ESCAPED, 'string');
  for (const domain of ['node', 'edge'] as Domain[]) {
    Object.keys(table[domain])
      .sort()
      .forEach((name, i) => key(domain, `${domain[0]}${i}`, name, graphmlType(domain, name, table[domain][name])));
  }
  const data = (domain: Domain, item: SnapshotNode | SnapshotEdge): string => {
    let out = '';
    const mixed: Record<string, string> = {};
    const escaped: string[] = [];
    for (const name of Object.keys(item.properties).sort()) {
      const type = table[domain][name];
      if (type === undefined) throw new Error(`${domain} property "${name}" is missing from the export's type table`);
      if (type === 'MIXED') mixed[name] = item.types[name];
      const { text, escaped: asJson } = encode(item.properties[name], type);
      if (asJson) escaped.push(name);
      out += `      <data key="${keyIds[domain][name]}">${xml.text(text)}</data>\n`;
    }
    if (Object.keys(mixed).length) out += `      <data key="${keyIds[domain][ELEMENT_TYPES]}">${xml.text(JSON.stringify(mixed))}</data>\n`;
    if (escaped.length) out += `      <data key="${keyIds[domain][ESCAPED]}">${xml.text(JSON.stringify(escaped))}</data>\n`;
    return out;
  };
  let edgeCount = 0;
  return {
    get replaced() {
      return xml.replaced;
    },
    start: () =>
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<graphml${attrs({
        xmlns: 'http://graphml.graphdrawing.org/xmlns',
        'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        'xsi:schemaLocation': 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
      })}>\n` +
      keys.join('') +
      '  <graph id="honorgraph" edgedefault="directed">\n' +
      `    <data key="g_types">${xml.text(JSON.stringify(table))}</data>\n`,
    batch({ nodes, edges }) {
      let out = '';
      for (const node of nodes) {
        out += `    <node${attrs({ id: node.id })}>\n      <data key="n_labels">${xml.text(node.labels.map((l) => `:${l}`).join(''))}</data>\n`;
        out += `${data('node', node)}    </node>\n`;
      }
      for (const edge of edges) {
        out += `    <edge${attrs({ id: `e${edgeCount++}`, source: edge.from, target: edge.to })}>\n      <data key="e_type">${xml.text(edge.type)}</data>\n`;
        out += `${data('edge', edge)}    </edge>\n`;
      }
      return out;
    },
    end: () =>
      '  </graph>\n' +
      (xml.replaced ? `  <!-- ${xml.replaced} character(s) that XML 1.0 cannot hold (NUL, other controls, lone surrogates) were written as U+FFFD -->\n` : '') +
      '</graphml>\n',
  };
}

export function toGraphml(snapshot: GraphSnapshot): string {
  const writer = graphmlWriter(typeTableOf(snapshot));
  return writer.start() + writer.batch(asBatch(snapshot)) + writer.end();
}

/** Reads a GraphML file this module wrote (parsed by graphology-graphml) back into a snapshot. */
export function fromGraphml(xml: string): GraphSnapshot {
  const graph = parse(Graph, xml, { addMissingNodes: false });
  const tableText = graph.getAttribute(GRAPH_TYPES);
  if (typeof tableText !== 'string') throw new Error(`not a HonorGraph GraphML export: no ${GRAPH_TYPES} graph data`);
  const table = JSON.parse(tableText) as TypeTable;

  const decode = (domain: Domain, attributes: Record<string, any>, skip: string) => {
    const mixed: Record<string, string> = attributes[ELEMENT_TYPES] ? JSON.parse(attributes[ELEMENT_TYPES]) : {};
    const escaped = new Set<string>(attributes[ESCAPED] ? JSON.parse(attributes[ESCAPED]) : []);
    const properties: Record<string, PropertyValue> = {};
    const types: Record<string, string> = {};
    for (const [name, raw] of Object.entries(attributes)) {
      if (name === skip || name === ELEMENT_TYPES || name === ESCAPED) continue;
      const declared = table[domain][name];
      if (declared === undefined) throw new Error(`${domain} property "${name}" has no type in ${GRAPH_TYPES}`);
      const type = declared === 'MIXED' ? mixed[name] : declared;
      types[name] = type;
      properties[name] = declared === 'MIXED' || isListType(type) || escaped.has(name) ? JSON.parse(raw) : raw;
    }
    return { properties, types };
  };

  const nodes: SnapshotNode[] = graph.mapNodes((id, attributes) => {
    const labels = String(attributes[NODE_LABELS] ?? '').split(':').filter(Boolean).sort();
    return { id, labels, ...decode('node', attributes, NODE_LABELS) };
  });
  const edges: SnapshotEdge[] = graph.mapEdges((_id, attributes, from, to) => ({
    type: String(attributes[EDGE_TYPE]),
    from,
    to,
    ...decode('edge', attributes, EDGE_TYPE),
  }));
  return { nodes, edges };
}
