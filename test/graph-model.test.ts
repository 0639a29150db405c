import { createDriver, Graph } from '../src/db/graph';
import {
  BOOKKEEPING_RELATIONSHIPS,
  LABELS,
  NEO4J_TYPES,
  NODE_PROPERTIES,
  RELATIONSHIPS,
  isContentLabel,
  isRelationshipType,
} from '../src/graph/model';

let graph: Graph;
beforeAll(() => {
  graph = new Graph(createDriver(process.env.TEST_NEO4J_URI!, 'neo4j', ''), 'neo4j');
});
afterAll(() => graph.driver.close());

/** Whether a value of `valueType` fits a kind; NOT NULL dropped, an empty list fits every list kind. */
const fits = (kind: keyof typeof NEO4J_TYPES, valueType: string) => {
  const type = valueType.replace(/ NOT NULL/g, '');
  return NEO4J_TYPES[kind].includes(type) || (type === 'LIST<NOTHING>' && NEO4J_TYPES[kind].some((t) => t.startsWith('LIST<')));
};

describe('the graph model (src/graph/model.ts) describes the seeded graph', () => {
  it('knows every label and relationship type the database holds', async () => {
    const labels = (await graph.read('CALL db.labels() YIELD label RETURN label')).map((row) => row.label as string);
    // The types relationships have (db.relationshipTypes() also lists those an index names, as the
    // statement-id index on MEMBER_OF does).
    const types = (await graph.read('MATCH ()-[r]->() RETURN DISTINCT type(r) AS type')).map((row) => row.type as string);
    expect(labels.filter((label) => !(label in LABELS))).toEqual([]);
    expect(types.filter((type) => !isRelationshipType(type) && !(type in BOOKKEEPING_RELATIONSHIPS))).toEqual([]);
    // The seed makes every content relationship type but MEMBER_OF (the report names no member).
    expect(types.filter(isRelationshipType).sort()).toEqual(Object.keys(RELATIONSHIPS).filter((type) => type !== 'MEMBER_OF').sort());
  });

  it('starts and ends each relationship at the labels the model gives it', async () => {
    const rows = await graph.read(
      `MATCH (a:Entity)-[r]->(b:Entity)
       RETURN DISTINCT type(r) AS type, [l IN labels(a) WHERE l <> 'Entity'] AS from, [l IN labels(b) WHERE l <> 'Entity'] AS to`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const wrong = rows.filter((row) => {
      if (!isRelationshipType(row.type)) return true;
      const spec = RELATIONSHIPS[row.type];
      const at = (labels: string[], allowed: readonly string[]) => labels.length === 1 && allowed.includes(labels[0]);
      return !at(row.from, spec.from) || !at(row.to, spec.to);
    });
    expect(wrong).toEqual([]);
  });

  it('lists every relationship property with the kind it is stored as', async () => {
    const rows = await graph.read(
      `MATCH (:Entity)-[r]->(:Entity) UNWIND keys(r) AS name
       RETURN DISTINCT type(r) AS type, name, valueType(r[name]) AS valueType`,
    );
    const wrong = rows
      .filter((row) => {
        const spec = isRelationshipType(row.type) ? RELATIONSHIPS[row.type].properties[row.name] : undefined;
        return !spec || !fits(spec.kind, row.valueType);
      })
      .map((row) => `${row.type}.${row.name}: ${row.valueType}`);
    expect(wrong).toEqual([]);
  });

  it('holds no FLOAT year, and every date as a DATE beside its precision', async () => {
    const years = await graph.read(
      `CALL () { MATCH (n:Entity) WHERE n.year IS NOT NULL RETURN valueType(n.year) AS type
                 UNION ALL MATCH (:Entity)-[r]->(:Entity) WHERE r.year IS NOT NULL RETURN valueType(r.year) AS type }
       RETURN collect(DISTINCT type) AS types, count(*) AS count`,
    );
    expect(years[0].count).toBeGreaterThan(0);
    expect(years[0].types).toEqual(['INTEGER NOT NULL']);
    const dateNames = [
      ...Object.entries(NODE_PROPERTIES).filter(([, spec]) => spec.kind === 'date').map(([name]) => name),
      ...Object.values(RELATIONSHIPS).flatMap((spec) => Object.entries(spec.properties).filter(([, p]) => p.kind === 'date').map(([name]) => name)),
    ];
    expect(dateNames).toEqual(expect.arrayContaining(['published', 'startDate', 'since', 'until']));
    const dates = await graph.read(
      `CALL () { MATCH (n:Entity) UNWIND $names AS name WITH n, name WHERE n[name] IS NOT NULL RETURN valueType(n[name]) AS type, n[name + 'Precision'] AS precision
                 UNION ALL MATCH (:Entity)-[r]->(:Entity) UNWIND $names AS name WITH r, name WHERE r[name] IS NOT NULL RETURN valueType(r[name]) AS type, r[name + 'Precision'] AS precision }
       RETURN collect(DISTINCT type) AS types, collect(DISTINCT precision) AS precisions, count(*) AS count`,
      { names: [...new Set(dateNames)] },
    );
    expect(dates[0].count).toBeGreaterThan(0);
    expect(dates[0].types).toEqual(['DATE NOT NULL']);
    expect(dates[0].precisions.every((p: string) => ['YEAR', 'MONTH', 'DAY'].includes(p))).toBe(true);
  });

  it('lists every node property and label of the content nodes, with the kind it is stored as', async () => {
    const rows = await graph.read(
      `MATCH (n:Entity) UNWIND keys(n) AS name
       RETURN DISTINCT labels(n) AS labels, name, valueType(n[name]) AS valueType`,
    );
    const wrong = rows
      .filter((row) => {
        const spec = NODE_PROPERTIES[row.name];
        return !(row.labels as string[]).every(isContentLabel) || !spec || !fits(spec.kind, row.valueType);
      })
      .map((row) => `${row.labels.join(':')}.${row.name}: ${row.valueType}`);
    expect(wrong).toEqual([]);
  });
});
