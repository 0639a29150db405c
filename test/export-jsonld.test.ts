import jsonld from 'jsonld';
import * as $rdf from 'rdflib';
import { parse as parseCsv } from 'csv-parse/sync';
import { startTestApp, TestApp } from './support/app';
import { DERIVED_NODE_PROPERTIES, nodePropertiesWithRole } from '../src/graph/model';
import { HG_NAMESPACE, NAMESPACES, linkedDataBase } from '../src/export/jsonld';

let app: TestApp;
let base: string;
const { schema, hg, prov, rdf, xsd } = NAMESPACES;
const RDF_TYPE = `${rdf}type`;
const node = (id: string) => `urn:honorgraph:node:${id}`;
const REPORT = 'src-huainan-wf-2024-report';

/** A triple as text, literals with their datatype and language: equal text, equal triple. */
interface Triple {
  subject: string;
  predicate: string;
  object: string;
  literal: boolean;
  datatype: string | null;
}
const key = (t: Triple) => JSON.stringify([t.subject, t.predicate, t.object, t.literal, t.datatype]);

async function viaJsonld(text: string): Promise<Triple[]> {
  const quads = (await jsonld.toRDF(JSON.parse(text))) as any[];
  return quads.map((q) => ({
    subject: q.subject.value,
    predicate: q.predicate.value,
    object: q.object.value,
    literal: q.object.termType === 'Literal',
    datatype: q.object.termType === 'Literal' ? (q.object.language ? `@${q.object.language}` : q.object.datatype.value) : null,
  }));
}

function viaRdflib(text: string): Promise<Triple[]> {
  const store = $rdf.graph();
  return new Promise((resolve, reject) =>
    $rdf.parse(text, store, 'urn:honorgraph:export', 'application/ld+json', (error) => {
      if (error) return reject(error);
      resolve(
        store.statements.map((st: any) => ({
          subject: st.subject.value,
          predicate: st.predicate.value,
          object: st.object.value,
          literal: st.object.termType === 'Literal',
          datatype: st.object.termType === 'Literal' ? (st.object.language ? `@${st.object.language}` : st.object.datatype.value) : null,
        })),
      );
    }),
  );
}

/** A triple is in the project namespace when its predicate is, or it types a node with a project class. */
const isPrivate = (t: Triple) => t.predicate.startsWith(HG_NAMESPACE) || (t.predicate === RDF_TYPE && t.object.startsWith(HG_NAMESPACE));

async function download(query: string) {
  const response = await fetch(`http://127.0.0.1:${app.server.port}/export?${query}`);
  expect(response.status).toBe(200);
  return response.text();
}

let text: string;
let triples: Triple[];

beforeAll(async () => {
  app = await startTestApp();
  await app.graph.write(
    `MATCH (o:Organization {id: 'org-huainan-wf'})
     SET o.externalIds = ['http://www.wikidata.org/entity/Q99999002', 'https://www.test-jsonld.example.org/', 'uscc:91350100M000100Y43'],
         o.externalIdSourceIds = [$report, '', ''], o.externalIdLocators = ['¶1', '', ''],
         o.externalIdText = 'http://www.wikidata.org/entity/Q99999002 https://www.test-jsonld.example.org/ uscc:91350100M000100Y43'`,
    { report: REPORT },
  );
  // The seed holds no membership: one, dated to the month, with a role.
  await app.graph.write(
    `MATCH (o:Organization {id: 'org-huainan-wf'})
     CREATE (:Entity:Person {id: 'test-jsonld-person', name: '测试链接人', aliases: []})
            -[:MEMBER_OF {id: 'st-test-jsonld-member', key: 'role:主席', role: '主席', since: date('2021-03-01'), sincePrecision: 'MONTH', sourceIds: [$report], locators: ['¶4']}]->(o)`,
    { report: REPORT },
  );
  text = await download('format=jsonld');
  triples = await viaJsonld(text);
});
afterAll(async () => {
  await app.graph.write("MATCH (p:Person {id: 'test-jsonld-person'}) DETACH DELETE p");
  await app.graph.write("MATCH (o:Organization {id: 'org-huainan-wf'}) REMOVE o.externalIds, o.externalIdSourceIds, o.externalIdLocators, o.externalIdText");
  delete process.env.PUBLIC_BASE_URL;
  await app.close();
});

const objects = (subject: string, predicate: string) => triples.filter((t) => t.subject === subject && t.predicate === predicate);

describe('a researcher loads the JSON-LD export as linked data', () => {
  it('jsonld.js and rdflib read the same triples, with no blank node', async () => {
    const fromRdflib = await viaRdflib(text);
    expect(triples.length).toBeGreaterThan(2000);
    expect(new Set(fromRdflib.map(key))).toEqual(new Set(triples.map(key)));
    expect(fromRdflib.length).toBe(new Set(fromRdflib.map(key)).size);
    expect(triples.filter((t) => t.subject.startsWith('_:') || (!t.literal && t.object.startsWith('_:')))).toEqual([]);
  });

  it('every node is an IRI with the type of its label and its id as schema:identifier', async () => {
    const expected: Record<string, string[]> = {
      Person: [`${schema}Person`],
      Organization: [`${schema}Organization`],
      Honor: [`${hg}Honor`],
      Program: [`${hg}Program`],
      Source: [`${schema}CreativeWork`, `${prov}Entity`],
      Figure: [`${schema}QuantitativeValue`],
    };
    const rows = await app.graph.read('MATCH (n:Entity) RETURN n.id AS id, [l IN labels(n) WHERE l <> "Entity"][0] AS label');
    expect(rows.length).toBeGreaterThan(80);
    for (const row of rows) {
      const types = objects(node(row.id), RDF_TYPE).map((t) => t.object).sort();
      expect([row.id, types]).toEqual([row.id, [...expected[row.label]].sort()]);
      expect(objects(node(row.id), `${schema}identifier`).map((t) => t.object)).toEqual([row.id]);
    }
  });

  it('uses schema.org: parentOrganization, sameAs, taxID, award as text, memberOf through an OrganizationRole', async () => {
    const wf = node('org-huainan-wf');
    expect(objects(wf, `${schema}parentOrganization`).map((t) => t.object)).toEqual([node('org-anhui-wf')]);
    expect(objects(wf, `${schema}sameAs`).map((t) => [t.object, t.literal]).sort()).toEqual([
      ['http://www.wikidata.org/entity/Q99999002', false],
      ['https://www.test-jsonld.example.org/', false],
    ]);
    expect(objects(wf, `${schema}taxID`).map((t) => t.object)).toEqual(['91350100M000100Y43']);
    expect(objects(wf, `${schema}alternateName`).map((t) => t.object)).toContain('淮南市妇联');
    // The Wikidata id's own citation: a statement derived from the report, at ¶1.
    const cited = triples.find((t) => t.predicate === `${rdf}object` && t.object === 'http://www.wikidata.org/entity/Q99999002')!;
    expect(objects(cited.subject, `${prov}wasDerivedFrom`).map((t) => t.object)).toEqual([node(REPORT)]);

    const awards = triples.filter((t) => t.predicate === `${schema}award`);
    expect(awards.length).toBeGreaterThanOrEqual(4);
    for (const award of awards) expect([award.literal, award.datatype]).toEqual([true, `${xsd}string`]);
    const honors = await app.graph.read("MATCH (:Organization {id: 'org-huainan-wf'})-[r:RECEIVED]->(h) RETURN h.id AS id, h.name AS name, r.year AS year");
    expect(objects(wf, `${schema}award`).map((t) => t.object).sort()).toEqual(honors.map((h) => (h.year == null ? h.name : `${h.name} (${h.year})`)).sort());
    // The honor is a typed node, linked from the award statement.
    for (const honor of honors) {
      const statement = triples.find((t) => t.predicate === `${rdf}object` && t.object === node(honor.id) && objects(t.subject, `${rdf}subject`)[0]?.object === wf)!;
      expect(objects(statement.subject, RDF_TYPE).map((t) => t.object).sort()).toEqual([`${rdf}Statement`, `${hg}Award`].sort());
      expect(objects(node(honor.id), RDF_TYPE).map((t) => t.object)).toEqual([`${hg}Honor`]);
    }

    const memberships = await app.graph.read('MATCH (p:Person)-[r:MEMBER_OF]->(o) RETURN p.id AS person, o.id AS org, r.role AS role, r.id AS id LIMIT 5');
    expect(memberships.length).toBeGreaterThan(0);
    for (const m of memberships) {
      const role = `urn:honorgraph:statement:${m.id}`;
      expect(objects(node(m.person), `${schema}memberOf`).map((t) => t.object)).toContain(role);
      expect(objects(role, RDF_TYPE).map((t) => t.object)).toEqual([`${schema}OrganizationRole`]);
      expect(objects(role, `${schema}memberOf`).map((t) => t.object)).toEqual([node(m.org)]);
      if (m.role) expect(objects(role, `${schema}roleName`).map((t) => t.object)).toEqual([m.role]);
    }
    const chair = 'urn:honorgraph:statement:st-test-jsonld-member';
    expect(objects(chair, `${schema}startDate`).map((t) => [t.object, t.datatype])).toEqual([['2021-03', `${xsd}gYearMonth`]]);
    expect(objects(chair, `${prov}wasDerivedFrom`).map((t) => t.object)).toEqual([node(REPORT)]);
  });

  it('provenance is PROV-O: facts derive from their sources, and a qualified derivation carries the locator', async () => {
    const cited = await app.graph.read(
      "MATCH (n:Entity) WHERE size(coalesce(n.sourceIds, [])) > 0 AND any(l IN n.locators WHERE l <> '') RETURN n.id AS id, n.sourceIds AS sources, n.locators AS locators LIMIT 10",
    );
    expect(cited.length).toBeGreaterThan(0);
    for (const row of cited) {
      expect(objects(node(row.id), `${prov}wasDerivedFrom`).map((t) => t.object).sort()).toEqual([...new Set(row.sources as string[])].map(node).sort());
      const derivations = objects(node(row.id), `${prov}qualifiedDerivation`).map((t) => t.object);
      const located = derivations.map((d) => [objects(d, `${prov}entity`)[0].object, objects(d, `${hg}locator`)[0]?.object]);
      (row.sources as string[]).forEach((source, i) => {
        if (row.locators[i]) expect(located).toContainEqual([node(source), row.locators[i]]);
      });
      for (const d of derivations) expect(objects(d, RDF_TYPE).map((t) => t.object)).toEqual([`${prov}Derivation`]);
    }
    const statements = await app.graph.read("MATCH ()-[r:RECEIVED]->() WHERE size(coalesce(r.sourceIds, [])) > 0 RETURN r.id AS id, r.sourceIds AS sources LIMIT 10");
    for (const row of statements) {
      expect(objects(`urn:honorgraph:statement:${row.id}`, `${prov}wasDerivedFrom`).map((t) => t.object).sort()).toEqual([...new Set(row.sources as string[])].map(node).sort());
    }
  });

  it('values are typed literals: dateTime, gYear or date by precision, integer, double, boolean', async () => {
    const datatypes = (predicate: string) => new Set(triples.filter((t) => t.predicate === predicate).map((t) => t.datatype));
    expect(datatypes(`${schema}dateCreated`)).toEqual(new Set([`${xsd}dateTime`]));
    expect(datatypes(`${hg}year`)).toEqual(new Set([`${xsd}gYear`]));
    expect(datatypes(`${schema}value`)).toEqual(new Set([`${xsd}double`]));
    expect(datatypes(`${hg}inferred`)).toEqual(new Set([`${xsd}boolean`]));
    const report = objects(node(REPORT), `${schema}datePublished`);
    expect(report.map((t) => [t.object, t.datatype])).toEqual([['2025', `${xsd}gYear`]]);
    for (const t of triples.filter((x) => x.predicate === `${schema}startDate`)) expect([`${xsd}gYear`, `${xsd}gYearMonth`, `${xsd}date`]).toContain(t.datatype);
  });

  it('holds no derived search field, in JSON-LD as in GraphML and CSV', async () => {
    const derived = [...DERIVED_NODE_PROPERTIES];
    expect(derived).toEqual(expect.arrayContaining(['aliasText', 'nameKey', 'searchText', 'externalIdText', ...nodePropertiesWithRole('searchKey')]));
    const field = new RegExp(`(${derived.join('|')})`);
    expect(triples.filter((t) => field.test(t.predicate))).toEqual([]);
    for (const name of derived) expect(text).not.toContain(`"hg:${name}"`);
    const graphml = await download('format=graphml');
    for (const name of derived) expect(graphml).not.toContain(`attr.name="${name}"`);
    for (const part of ['nodes', 'edges']) {
      const [header] = parseCsv(await download(`format=csv&part=${part}`), { to_line: 1 }) as string[][];
      expect(header.filter((column) => derived.includes(column))).toEqual([]);
    }
  });

  it('most triples use shared vocabularies (schema.org, PROV-O, RDF); the share in the project namespace is measured', () => {
    const share = triples.filter(isPrivate).length / triples.length;
    const byPredicate = triples.filter((t) => t.predicate.startsWith(HG_NAMESPACE)).length / triples.length;
    console.log(`JSON-LD: ${triples.length} triples, ${triples.filter(isPrivate).length} in the project namespace (${(share * 100).toFixed(1)} %; by predicate alone ${(byPredicate * 100).toFixed(1)} %)`);
    expect(share).toBeLessThan(0.35);
  });

  it('node IRIs start at PUBLIC_BASE_URL when it is set', async () => {
    expect(linkedDataBase('https://graph.example.org/')).toEqual({ node: 'https://graph.example.org/node/', statement: 'https://graph.example.org/statement/' });
    expect(() => linkedDataBase('ftp://graph.example.org')).toThrow(/PUBLIC_BASE_URL must be an http\(s\) URL/);
    process.env.PUBLIC_BASE_URL = 'https://graph.example.org';
    try {
      const based = await viaJsonld(await download('format=jsonld&root=org-huainan-wf&hops=1'));
      expect(based.filter((t) => t.predicate === RDF_TYPE && t.subject === 'https://graph.example.org/node/org-huainan-wf')).toHaveLength(1);
      expect(based.filter((t) => t.subject.startsWith('urn:honorgraph:'))).toEqual([]);
      expect(based.some((t) => t.subject.startsWith('https://graph.example.org/statement/st-'))).toBe(true);
    } finally {
      delete process.env.PUBLIC_BASE_URL;
    }
  });
});
