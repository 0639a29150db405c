import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { bearer, startTestApp, TestApp } from './support/app';
import { Graph } from '../src/db/graph';
import { applyMigrations } from '../src/db/migrations';
import { loadSeeds } from '../src/seed/seed';
import { importGraphml, readSnapshot } from '../src/export/export';
import { GraphSnapshot } from '../src/export/snapshot';
import { toGraphml } from '../src/export/graphml';
import { DERIVED_NODE_PROPERTIES } from '../src/graph/model';

let app: TestApp;

/**
 * Runs a program without blocking the event loop: the test's own HTTP server must keep serving
 * (a blocked loop lets keep-alive sockets expire under the next request).
 */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', () => resolve({ status: null, stdout, stderr }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
let base: string;

/**
 * Imports load into an empty database only. The test run has one Neo4j, so a test that imports
 * empties it (this file runs among the last, test/support/sequencer.js). The round trip leaves
 * the imported copy, equal to the original, for the tests that read exports after it; the
 * hierarchy tests empty it again; at the end the graph is put back: the migrations and the seed.
 */
async function emptyTarget(): Promise<Graph> {
  await app.graph.write('MATCH (n) DETACH DELETE n');
  return app.graph;
}
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'honorgraph-export-test-'));

/**
 * Values of every kind Neo4j stores and the seed does not use: integers beside the seed's
 * floats (so one property has mixed types), integer lists, empty lists, dates, XML's special
 * characters and a line break, and two parallel relationships of one type. Relationships hold
 * statement ids, as every relationship of the graph does: the import keeps them.
 */
const FIXTURE = `
  CREATE (o:Entity:Organization {id: 'test-export-org', name: '测试<导出>&"协会"', aliases: ['导出\\n协会', "O'Export"], kind: 'ASSOCIATION',
          founded: date('1998-03-08'), seenAt: datetime('2024-03-08T09:30:00.123+08:00'), members: 120, share: 0.25,
          codes: [3, 1, 4], tags: [], verified: true})
  CREATE (p:Entity:Person {id: 'test-export-person', name: '测试导出人', aliases: []})
  CREATE (p)-[:RECEIVED {id: 'st-test-export-award', year: 2020, sourceIds: ['src-huainan-wf-2024-report'], locators: ['¶3']}]->(:Entity:Honor {id: 'test-export-honor', name: '测试导出奖', aliases: [], level: 'COUNTY'})
  CREATE (p)-[:MEMBER_OF {id: 'st-test-export-chair', role: '会长', since: 2019}]->(o)
  CREATE (p)-[:MEMBER_OF {id: 'st-test-export-board', role: '理事', since: 2015, until: 2019}]->(o)
  CREATE (o)-[:PART_OF {id: 'st-test-export-part'}]->(:Entity:Organization {id: 'test-export-parent', name: '测试导出总会', aliases: [], kind: 'ASSOCIATION',
          externalIds: ['http://www.wikidata.org/entity/Q99999001', 'uscc:9144030071526726XG'], externalIdSourceIds: ['src-huainan-wf-2024-report', ''], externalIdLocators: ['¶9', '']})
  CREATE (:Entity:Person {id: 'test-export-control', name: $controlName, aliases: [$controlName], note: $controlName})`;

/** Text XML 1.0 cannot hold (NUL, other C0 controls, U+FFFE, U+FFFF) beside what it can (tab, LF, CR, markup). */
const CONTROL_NAME = '测试\u0000控制\u0001字符\u000b\u001f\ufffe\uffff\t\n\r<&>"';

beforeAll(async () => {
  app = await startTestApp();
  base = `http://127.0.0.1:${app.server.port}`;
  await app.graph.write(FIXTURE, { controlName: CONTROL_NAME });
});
afterAll(async () => {
  await app.graph.write('MATCH (n) DETACH DELETE n');
  await applyMigrations(app.graph);
  await loadSeeds(app.graph);
  await app.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** A snapshot without the derived search fields (exports leave them out; import computes them). */
const withoutDerived = (snapshot: GraphSnapshot): GraphSnapshot => ({
  edges: snapshot.edges,
  nodes: snapshot.nodes.map((n) => ({
    ...n,
    properties: Object.fromEntries(Object.entries(n.properties).filter(([k]) => !DERIVED_NODE_PROPERTIES.includes(k))),
    types: Object.fromEntries(Object.entries(n.types).filter(([k]) => !DERIVED_NODE_PROPERTIES.includes(k))),
  })),
});

/** A snapshot in a canonical order, so two databases holding the same graph compare equal. */
function canonical(snapshot: GraphSnapshot) {
  const edges = snapshot.edges.map((e) => JSON.stringify([e.from, e.type, e.to, sortKeys(e.properties), sortKeys(e.types)]));
  return {
    nodes: [...snapshot.nodes].sort((a, b) => a.id.localeCompare(b.id)).map((n) => ({ ...n, properties: sortKeys(n.properties), types: sortKeys(n.types) })),
    edges: edges.sort(),
  };
}
const sortKeys = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

async function download(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/export?${query}`, { headers });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** The server's one shape of HTTP errors, as JSON text. */
const errorBody = (code: string, message: string) => ({
  errors: [{ message: expect.stringContaining(message), extensions: { code, requestId: expect.any(String) } }],
});

describe('a researcher exports the graph and loads it elsewhere', () => {
  it('GraphML export → an empty Neo4j → import: every node, relationship, property and property type is preserved', async () => {
    const original = await readSnapshot(app.graph);
    expect(original.nodes.length).toBeGreaterThan(80);
    const fixtureOrg = original.nodes.find((n) => n.id === 'test-export-org')!;
    expect(fixtureOrg.types).toMatchObject({ founded: 'DATE', seenAt: 'ZONED DATETIME', members: 'INTEGER', share: 'FLOAT', codes: 'LIST<INTEGER>', verified: 'BOOLEAN' });
    const years = new Set(original.edges.filter((e) => e.type === 'RECEIVED').map((e) => e.types.year));
    // Years are INTEGERs (the seed's too) and dates DATEs with their precision; both survive the trip.
    expect(years).toEqual(new Set(['INTEGER']));
    const report = original.nodes.find((n) => n.id === 'src-huainan-wf-2024-report')!;
    expect([report.properties.published, report.types.published, report.types.publishedPrecision]).toEqual(['2025', 'DATE', 'STRING']);

    // As an editor: anonymous readers get the file without editors' names (test/access.test.ts).
    const download_ = await download('format=graphml', bearer('editor'));
    expect(download_.status).toBe(200);
    expect(download_.headers.get('content-type')).toMatch(/^application\/graphml\+xml/);
    expect(download_.headers.get('content-disposition')).toBe('attachment; filename="honorgraph.graphml"');
    const file = path.join(scratch, 'honorgraph.graphml');
    fs.writeFileSync(file, download_.body);
    // Well-formed XML 1.0 although a name holds NUL, controls, U+FFFE and U+FFFF: none is in the file, nor a reference to one.
    expect(download_.body).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
    expect(download_.body).not.toMatch(/&#(x0*([0-8bcef]|1[0-9a-f]|fff[ef])|0*([0-8]|1[124-9]|2[0-9]|3[01]|6553[45]));/i);
    const expat = await run('python3', ['-c', 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1]); print("ok")', file]);
    if (expat.status !== null) expect([expat.stdout.trim(), expat.stderr]).toEqual(['ok', '']);

    const target = await emptyTarget();
    const counts = await importGraphml(target, fs.readFileSync(file, 'utf8'));
    expect(counts).toEqual({ nodes: original.nodes.length, edges: original.edges.length });

    const copy = await readSnapshot(target);
    expect(canonical(withoutDerived(copy))).toEqual(canonical(withoutDerived(original)));
    // The file held no derived field; the import computed each as the writes do: every node that had one has it again, equal.
    expect(download_.body).not.toMatch(new RegExp(`attr.name="(${DERIVED_NODE_PROPERTIES.join('|')})"`));
    const copied = new Map(copy.nodes.map((n) => [n.id, n]));
    let derivedCompared = 0;
    for (const node of original.nodes) {
      for (const name of DERIVED_NODE_PROPERTIES) {
        if (node.properties[name] === undefined) continue;
        expect([node.id, name, copied.get(node.id)!.properties[name]]).toEqual([node.id, name, node.properties[name]]);
        derivedCompared++;
      }
    }
    expect(derivedCompared).toBeGreaterThan(300);
    // The text XML cannot hold came back exactly.
    expect(copied.get('test-export-control')!.properties).toMatchObject({ name: CONTROL_NAME, aliases: [CONTROL_NAME], note: CONTROL_NAME });

    // Search works on the imported graph: the full-text indexes read the computed fields.
    const found = await app.raw('query ($text: String!) { search(text: $text) { node { id } } }', { text: 'huainan fulian' });
    expect(found.errors).toBeUndefined();
    expect(found.data.search.map((hit: any) => hit.node.id)).toContain('org-huainan-wf');
    const byAlias = await app.raw('query ($text: String!) { search(text: $text) { node { id } } }', { text: '淮南市妇联' });
    expect(byAlias.data.search[0].node.id).toBe('org-huainan-wf');
    // And so does the lookup by an external id (its index text was computed too).
    for (const id of ['Q99999001', '9144030071526726XG']) {
      const byId = await app.raw('query ($id: String!) { nodeByExternalId(externalId: $id) { id } }', { id });
      expect(byId.data.nodeByExternalId).toEqual({ id: 'test-export-parent' });
    }

    // Importing twice would duplicate everything: a database that holds nodes is refused.
    await expect(importGraphml(target, fs.readFileSync(file, 'utf8'))).rejects.toThrow(/not empty/);
  }, 300_000);

  it('NetworkX reads the GraphML export (when python3 with networkx is installed)', async () => {
    const file = path.join(scratch, 'nx.graphml');
    fs.writeFileSync(file, (await download('format=graphml')).body);
    const probe = await run('python3', ['-c', 'import networkx']);
    if (probe.status !== 0) {
      console.warn('skipped: python3 with networkx is not installed (pip install networkx to run this check)');
      return;
    }
    const script = `import json, sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
o = g.nodes['test-export-org']
print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "members": o["members"], "share": o["share"], "name": o["name"], "labels": o["labels"]}))`;
    const result = await run('python3', ['-c', script, file]);
    expect(result.stderr).toBe('');
    const counts = await app.graph.read('MATCH (n:Entity) WITH count(n) AS nodes MATCH (:Entity)-[r]->(:Entity) RETURN nodes, count(r) AS edges');
    expect(JSON.parse(result.stdout)).toEqual({
      nodes: counts[0].nodes,
      edges: counts[0].edges,
      members: 120,
      share: 0.25,
      name: '测试<导出>&"协会"',
      labels: ':Entity:Organization',
    });
  });

  it('JSON-LD parses as JSON, uses schema.org and has one typed document per node (test/export-jsonld.test.ts checks it as RDF)', async () => {
    const response = await download('format=jsonld');
    expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    const document = JSON.parse(response.body);
    expect(document['@context']['@vocab']).toBe('https://schema.org/');
    const counts = await app.graph.read(
      'MATCH (n:Entity) RETURN sum(CASE WHEN n:Person THEN 1 ELSE 0 END) AS people, sum(CASE WHEN n:Organization THEN 1 ELSE 0 END) AS organizations, count(n) AS all',
    );
    const nodeDocs = document['@graph'].filter((d: any) => String(d['@id']).startsWith('urn:honorgraph:node:') && !String(d['@id']).includes('#'));
    const typed = (type: string) => nodeDocs.filter((d: any) => d['@type'] === type).length;
    expect(nodeDocs).toHaveLength(counts[0].all);
    expect(typed('Person')).toBe(counts[0].people);
    expect(typed('Organization')).toBe(counts[0].organizations);
    const federation = nodeDocs.find((d: any) => d.identifier === 'org-huainan-wf');
    expect(federation).toMatchObject({ '@type': 'Organization', name: '淮南市妇女联合会', parentOrganization: [{ '@id': 'urn:honorgraph:node:org-anhui-wf' }] });
    expect(federation.alternateName).toContain('淮南市妇联');
    // 市妇联 holds in Huainan's context only: a context alias node, with its context.
    expect(federation['hg:contextAlias']).toContainEqual(expect.objectContaining({ '@type': 'hg:ContextAlias', 'hg:alias': '市妇联' }));
    // schema:award is text: the honor's name and year; the honor itself is linked by hg:received.
    expect(federation.award).toHaveLength(3);
    for (const award of federation.award) expect(typeof award).toBe('string');
    expect(federation['hg:received']).toHaveLength(3);
    const person = nodeDocs.find((d: any) => d.identifier === 'test-export-person');
    // Each membership is an OrganizationRole (role, dates) that is memberOf the organization.
    expect(person.memberOf).toHaveLength(2);
    const roles = person.memberOf.map((m: any) => document['@graph'].find((d: any) => d['@id'] === m['@id']));
    expect(roles).toContainEqual(
      expect.objectContaining({ '@type': 'OrganizationRole', memberOf: { '@id': 'urn:honorgraph:node:test-export-org' }, roleName: '理事', startDate: { '@value': '2015', '@type': 'xsd:gYear' } }),
    );
    const award = document['@graph'].find((d: any) => d['@id'] === 'urn:honorgraph:statement:st-test-export-award');
    expect(award).toMatchObject({
      '@type': ['rdf:Statement', 'hg:Award'],
      'rdf:subject': { '@id': 'urn:honorgraph:node:test-export-person' },
      'rdf:object': { '@id': 'urn:honorgraph:node:test-export-honor' },
      'hg:year': { '@value': '2020', '@type': 'xsd:gYear' },
      'prov:wasDerivedFrom': [{ '@id': 'urn:honorgraph:node:src-huainan-wf-2024-report' }],
      'prov:qualifiedDerivation': [expect.objectContaining({ '@type': 'prov:Derivation', 'hg:locator': '¶3' })],
    });
    expect(person.award).toEqual(['测试导出奖 (2020)']);
  });

  it('CSV: one row per node and per relationship, as downloads and from the command line', async () => {
    const nodes = await download('format=csv&part=nodes');
    const edges = await download('format=csv&part=edges');
    expect(nodes.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(edges.headers.get('content-disposition')).toBe('attachment; filename="honorgraph-edges.csv"');
    const nodeRows = parseCsv(nodes.body, { columns: true });
    const edgeRows = parseCsv(edges.body, { columns: true });
    const counts = await app.graph.read('MATCH (n:Entity) WITH count(n) AS nodes MATCH (:Entity)-[r]->(:Entity) RETURN nodes, count(r) AS edges');
    expect(nodeRows).toHaveLength(counts[0].nodes);
    expect(edgeRows).toHaveLength(counts[0].edges);
    expect(nodeRows.find((r: any) => r.id === 'test-export-org')).toMatchObject({ labels: 'Entity;Organization', name: '测试<导出>&"协会"', codes: '[3,1,4]', verified: 'true' });

    const out = path.join(scratch, 'csv');
    const cli = await run(
      process.execPath,
      ['dist/export/cli.js', '--format', 'csv', '--out', out, '--root', 'org-huainan-court-litigation-center', '--hops', '1'],
      { ...process.env, NEO4J_URI: process.env.TEST_NEO4J_URI },
    );
    expect(cli.status).toBe(0);
    expect(cli.stderr).toMatch(/read 4\/4 nodes, 5 relationships/);
    expect(parseCsv(fs.readFileSync(path.join(out, 'nodes.csv')), { columns: true }).map((r: any) => r.id)).toEqual([
      'honor-national-sanba-collective',
      'org-huainan-court-litigation-center',
      'org-huainan-intermediate-court',
      'src-huainan-wf-2024-report',
    ]);
    // RECEIVED, PART_OF, and the report's MENTIONS of the other three.
    expect(parseCsv(fs.readFileSync(path.join(out, 'edges.csv')), { columns: true })).toHaveLength(5);
  });

  it('a subgraph download keeps only nodes within the hops and the edges among them', async () => {
    const response = await download('format=graphml&root=org-huainan-court-litigation-center&hops=2');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="honorgraph-org-huainan-court-litigation-center-2hops.graphml"');
    const ids = [...response.body.matchAll(/<node id="([^"]+)"/g)].map((m) => m[1]);
    const expected = await app.graph.read(
      "MATCH (:Entity {id: 'org-huainan-court-litigation-center'})-[*0..2]-(m:Entity) RETURN collect(DISTINCT m.id) AS ids",
    );
    expect(ids.sort()).toEqual(expected[0].ids.sort());
    const alone = await download('format=jsonld&root=org-huainan-wf&hops=0');
    expect(JSON.parse(alone.body)['@graph'].map((d: any) => d['@id'])).toEqual(['urn:honorgraph:node:org-huainan-wf']);
    for (const [, source, target] of response.body.matchAll(/<edge id="[^"]+" source="([^"]+)" target="([^"]+)"/g)) {
      expect(ids).toContain(source);
      expect(ids).toContain(target);
    }
  });

  it('refuses an unknown format, too many hops and an unknown root, with a reason', async () => {
    const refusal = async (query: string) => {
      const response = await download(query);
      return { status: response.status, body: JSON.parse(response.body) };
    };
    expect(await refusal('format=xml')).toEqual({ status: 400, body: errorBody('BAD_USER_INPUT', 'format must be one of graphml, csv, jsonld, got "xml"') });
    expect(await refusal('format=graphml&root=org-acwf&hops=9')).toEqual({ status: 400, body: errorBody('BAD_USER_INPUT', 'hops must be an integer from 0 to 6, got 9') });
    expect(await refusal('format=csv&part=both')).toEqual({ status: 400, body: errorBody('BAD_USER_INPUT', 'part must be nodes or edges, got "both"') });
    expect(await refusal('format=jsonld&root=org-nowhere')).toEqual({ status: 404, body: errorBody('NOT_FOUND', 'root "org-nowhere" does not exist') });
  });
});

describe('import-graph keeps the hierarchy one editors could have made', () => {
  const org = (id: string) => ({ id, labels: ['Entity', 'Organization'], properties: { id, name: `测试导入${id}`, aliases: [] }, types: { id: 'STRING', name: 'STRING', aliases: 'LIST<STRING>' } });
  const partOf = (from: string, to: string) => ({ type: 'PART_OF', from, to, properties: { key: 'parent' }, types: { key: 'STRING' } });
  const file = (name: string, snapshot: GraphSnapshot) => {
    const where = path.join(scratch, name);
    fs.writeFileSync(where, toGraphml(snapshot));
    return where;
  };
  const entities = async (graph: Graph) => (await graph.read('MATCH (n:Entity) RETURN count(n) AS count'))[0].count;

  it('an import with PART_OF edges waits for the hierarchy lock an editor holds, then loads', async () => {
    const target = await emptyTarget();
    const xml = toGraphml({ nodes: [org('test-import-a'), org('test-import-b')], edges: [partOf('test-import-a', 'test-import-b')] });
    // An editor's hierarchy change in progress: it holds the lock until it commits.
    const session = app.driver.session({ database: process.env.TEST_NEO4J_DATABASE ?? 'neo4j' });
    const editor = await session.beginTransaction();
    await editor.run("MERGE (l:GraphLock {name: 'hierarchy'}) SET l._lock = true REMOVE l._lock");
    let finished = false;
    const importing = importGraphml(target, xml).finally(() => (finished = true));
    try {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(finished).toBe(false);
    } finally {
      await editor.commit();
      await session.close();
    }
    await expect(importing).resolves.toEqual({ nodes: 2, edges: 1 });
    const [row] = await target.read("MATCH (:Organization {id: 'test-import-a'})-[r:PART_OF]->(p) RETURN p.id AS parent");
    expect(row.parent).toBe('test-import-b');
  }, 300_000);

  it('a file whose PART_OF edges close a cycle is refused and nothing is written', async () => {
    const target = await emptyTarget();
    const cyclic = file('cycle.graphml', {
      nodes: [org('test-import-a'), org('test-import-b'), org('test-import-c'), org('test-import-top')],
      edges: [partOf('test-import-a', 'test-import-b'), partOf('test-import-b', 'test-import-c'), partOf('test-import-c', 'test-import-a')],
    });
    await expect(importGraphml(target, fs.readFileSync(cyclic, 'utf8'))).rejects.toThrow(
      'PART_OF: would make a cycle: test-import-a → test-import-b → test-import-c → test-import-a; nothing was imported',
    );
    expect(await entities(target)).toBe(0);
    // The command says so and fails.
    const cli = await run('node', [path.resolve(__dirname, '../dist/export/import-cli.js'), cyclic], { ...process.env, NEO4J_URI: process.env.TEST_NEO4J_URI, NEO4J_PASSWORD: process.env.TEST_NEO4J_PASSWORD ?? '' });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('[import] failed: PART_OF: would make a cycle: test-import-a → test-import-b → test-import-c → test-import-a; nothing was imported');
    expect(await entities(target)).toBe(0);
  }, 300_000);

  it('a file giving an organization two parents, or a person as parent, is refused and nothing is written', async () => {
    const target = await emptyTarget();
    const twoParents = { nodes: [org('test-import-a'), org('test-import-b'), org('test-import-c')], edges: [partOf('test-import-a', 'test-import-b'), partOf('test-import-a', 'test-import-c')] };
    await expect(importGraphml(target, toGraphml(twoParents))).rejects.toThrow(
      'PART_OF: organization "test-import-a" would have two parents ("test-import-b" and "test-import-c"); nothing was imported',
    );
    const person = { id: 'test-import-p', labels: ['Entity', 'Person'], properties: { id: 'test-import-p' }, types: { id: 'STRING' } };
    await expect(importGraphml(target, toGraphml({ nodes: [org('test-import-a'), person], edges: [partOf('test-import-a', 'test-import-p')] }))).rejects.toThrow(
      'PART_OF: "test-import-p" is not an organization: PART_OF links organizations only; nothing was imported',
    );
    expect(await entities(target)).toBe(0);
  }, 300_000);

  it('a file giving one external identifier to two nodes is refused and nothing is written', async () => {
    const target = await emptyTarget();
    const withId = (id: string) => {
      const o = org(id);
      return { ...o, properties: { ...o.properties, externalIds: ['http://www.wikidata.org/entity/Q99999003'] }, types: { ...o.types, externalIds: 'LIST<STRING>' } };
    };
    await expect(importGraphml(target, toGraphml({ nodes: [withId('test-import-a'), withId('test-import-b')], edges: [] }))).rejects.toThrow(
      'externalIds: http://www.wikidata.org/entity/Q99999003 identifies both "test-import-a" and "test-import-b"; nothing was imported',
    );
    expect(await entities(target)).toBe(0);
  }, 300_000);
});
