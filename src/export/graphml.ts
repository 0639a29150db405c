import Graph from 'graphology';
import { parse } from 'graphology-graphml';
import { create } from 'xmlbuilder2';
import { GraphSnapshot, PropertyValue, SnapshotEdge, SnapshotNode, isListType } from './snapshot';

/**
 * GraphML as Gephi, NetworkX (read_graphml) and yEd read it. Each property is a <key> with a
 * native GraphML type where Neo4j's is a scalar (INTEGER → long, FLOAT → double); lists are JSON
 * text and temporals ISO text. The Neo4j type of every property is kept in graph-level data
 * (`honorgraph.propertyTypes`), so an import restores exactly what was exported.
 */
const GRAPHML_TYPES: Record<string, string> = { STRING: 'string', INTEGER: 'long', FLOAT: 'double', BOOLEAN: 'boolean' };

/** Attribute names of the structure itself; a property of the same name would be ambiguous. */
const NODE_LABELS = 'labels';
const EDGE_TYPE = 'type';
const ELEMENT_TYPES = 'honorgraph.types';
const GRAPH_TYPES = 'honorgraph.propertyTypes';

type Domain = 'node' | 'edge';
/** Per domain and property: its one Neo4j type, or MIXED when elements disagree. */
type TypeTable = Record<Domain, Record<string, string>>;

function typeTable(snapshot: GraphSnapshot): TypeTable {
  const table: TypeTable = { node: {}, edge: {} };
  const note = (domain: Domain, items: (SnapshotNode | SnapshotEdge)[]) => {
    for (const item of items) {
      for (const [name, type] of Object.entries(item.types)) {
        const known = table[domain][name];
        table[domain][name] = known === undefined || known === type ? type : 'MIXED';
      }
    }
  };
  note('node', snapshot.nodes);
  note('edge', snapshot.edges);
  return table;
}

const encode = (value: PropertyValue, type: string): string =>
  type === 'MIXED' || isListType(type) ? JSON.stringify(value) : String(value);

export function toGraphml(snapshot: GraphSnapshot): string {
  const table = typeTable(snapshot);
  for (const name of Object.keys(table.node)) if (name === NODE_LABELS || name === ELEMENT_TYPES) throw new Error(`a node property is named "${name}"`);
  for (const name of Object.keys(table.edge)) if (name === EDGE_TYPE || name === ELEMENT_TYPES) throw new Error(`a relationship property is named "${name}"`);

  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('graphml', {
    xmlns: 'http://graphml.graphdrawing.org/xmlns',
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
  });
  const keyIds: Record<Domain, Record<string, string>> = { node: {}, edge: {} };
  const key = (domain: Domain, id: string, name: string, type: string) => {
    root.ele('key', { id, for: domain, 'attr.name': name, 'attr.type': type }).up();
    keyIds[domain][name] = id;
  };
  root.ele('key', { id: 'g_types', for: 'graph', 'attr.name': GRAPH_TYPES, 'attr.type': 'string' }).up();
  key('node', 'n_labels', NODE_LABELS, 'string');
  key('node', 'n_types', ELEMENT_TYPES, 'string');
  key('edge', 'e_type', EDGE_TYPE, 'string');
  key('edge', 'e_types', ELEMENT_TYPES, 'string');
  for (const domain of ['node', 'edge'] as Domain[]) {
    Object.keys(table[domain])
      .sort()
      .forEach((name, i) => key(domain, `${domain[0]}${i}`, name, GRAPHML_TYPES[table[domain][name]] ?? 'string'));
  }

  const graph = root.ele('graph', { id: 'honorgraph', edgedefault: 'directed' });
  graph.ele('data', { key: 'g_types' }).txt(JSON.stringify(table)).up();
  const data = (element: any, domain: Domain, item: SnapshotNode | SnapshotEdge) => {
    const mixed: Record<string, string> = {};
    for (const name of Object.keys(item.properties).sort()) {
      const type = table[domain][name];
      if (type === 'MIXED') mixed[name] = item.types[name];
      element.ele('data', { key: keyIds[domain][name] }).txt(encode(item.properties[name], type)).up();
    }
    if (Object.keys(mixed).length) element.ele('data', { key: keyIds[domain][ELEMENT_TYPES] }).txt(JSON.stringify(mixed)).up();
  };
  for (const node of snapshot.nodes) {
    const element = graph.ele('node', { id: node.id });
    element.ele('data', { key: 'n_labels' }).txt(node.labels.map((l) => `:${l}`).join('')).up();
    data(element, 'node', node);
    element.up();
  }
  snapshot.edges.forEach((edge, i) => {
    const element = graph.ele('edge', { id: `e${i}`, source: edge.from, target: edge.to });
    element.ele('data', { key: 'e_type' }).txt(edge.type).up();
    data(element, 'edge', edge);
    element.up();
  });
  return root.end({ prettyPrint: true });
}

/** Reads a GraphML file this module wrote (parsed by graphology-graphml) back into a snapshot. */
export function fromGraphml(xml: string): GraphSnapshot {
  const graph = parse(Graph, xml, { addMissingNodes: false });
  const tableText = graph.getAttribute(GRAPH_TYPES);
  if (typeof tableText !== 'string') throw new Error(`not a HonorGraph GraphML export: no ${GRAPH_TYPES} graph data`);
  const table = JSON.parse(tableText) as TypeTable;

  const decode = (domain: Domain, attributes: Record<string, any>, skip: string) => {
    const mixed: Record<string, string> = attributes[ELEMENT_TYPES] ? JSON.parse(attributes[ELEMENT_TYPES]) : {};
    const properties: Record<string, PropertyValue> = {};
    const types: Record<string, string> = {};
    for (const [name, raw] of Object.entries(attributes)) {
      if (name === skip || name === ELEMENT_TYPES) continue;
      const declared = table[domain][name];
      if (declared === undefined) throw new Error(`${domain} property "${name}" has no type in ${GRAPH_TYPES}`);
      const type = declared === 'MIXED' ? mixed[name] : declared;
      types[name] = type;
      properties[name] = declared === 'MIXED' || isListType(type) ? JSON.parse(raw) : raw;
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
