/**
 * Issue 15's "done when", end to end on the real server and Neo4j: the seed article's raw,
 * damaged text ingested into an EMPTY database, the whole proposal accepted and committed, gives
 * back the facts the article states (those of seeds/*.json that are not marked inferred), each
 * citing the new Source at its locator; undo takes the commit back out. The test empties the shared
 * database and seeds it again afterwards, so the files after it find the seed as always.
 */
import fs from 'node:fs';
import path from 'node:path';
import { applyMigrations } from '../src/db/migrations';
import { loadSeeds } from '../src/seed/seed';
import { normalizeName } from '../src/text/normalize';
import { TestApp, bearer, startTestApp } from './support/app';
import { seedArticle } from '../eval/ingest/seed-article';

const ARTICLE = seedArticle(path.resolve(__dirname, '..'));
const SEED = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../seeds/huainan-womens-federation-2024.json'), 'utf8'));
const editor = bearer('editor', 'test-ingest-workflow');
const admin = bearer('admin', 'test-ingest-workflow-admin');

let app: TestApp;

async function wipe(): Promise<void> {
  await app.graph.write('MATCH (n) DETACH DELETE n');
  await applyMigrations(app.graph);
}

beforeAll(async () => {
  app = await startTestApp();
  await wipe();
});

afterAll(async () => {
  await wipe();
  await loadSeeds(app.graph);
  await app.close();
});

const count = async (cypher: string): Promise<number> => Number((await app.graph.read(cypher))[0].n);
const entityCount = () => count('MATCH (n:Entity) RETURN count(n) AS n');

const SEED_ENTITIES: any[] = [...SEED.people, ...SEED.organizations, ...SEED.honors, ...SEED.programs];
/** A seed entity's names: its name and aliases, normalized (a proposal may name it by either). */
const seedNames = (e: any): string[] => [e.name, ...(e.aliases ?? [])].map(bare);
/** A name normalized, without the article's city in front: the seed names some programs with it (淮南儿童友好城市建设), the article does not. */
const bare = (name: string): string => normalizeName(name).replace(/^淮南市?/, '');
const seedEntity = (id: string) => SEED_ENTITIES.find((e) => e.id === id);
const nameOfSeedId = (id: string): string => normalizeName(seedEntity(id).name);

/** The committed nodes, each with its names (name and aliases, normalized). */
async function committedNodes(): Promise<{ id: string; names: Set<string> }[]> {
  const rows = await app.graph.read('MATCH (n:Entity) WHERE NOT n:Source AND NOT n:Figure RETURN n.id AS id, n.name AS name, n.aliases AS aliases');
  return rows.map((r) => ({ id: r.id, names: new Set([r.name, ...(r.aliases ?? [])].map(bare)) }));
}
/** The committed node that is the seed entity (shares a name with it), or undefined. */
const nodeFor = (nodes: { id: string; names: Set<string> }[], e: any) => nodes.find((n) => seedNames(e).some((name) => n.names.has(name)))?.id;
const shareOf = (values: boolean[]) => values.filter(Boolean).length / values.length;

describe('the seed article, ingested raw into an empty database and committed', () => {
  let proposalId: string;
  let revisionId: string;
  let sourceId: string;

  it('proposes the article and writes nothing yet', async () => {
    const text = fs.readFileSync(ARTICLE, 'utf8');
    const response = await app.raw(
      `mutation ($input: IngestDocumentInput!) { ingestDocument(input: $input) {
         id status repairs { kind locator repaired }
         summary { kind total proposedNew matched }
         items(kind: ENTITY) { entity { name type matchStatus } }
       } }`,
      { input: { text, fileName: path.basename(ARTICLE) } },
      editor,
    );
    expect(response.errors).toBeUndefined();
    const proposal = response.data.ingestDocument;
    proposalId = proposal.id;
    expect(proposal.status).toBe('OPEN');
    // The damage was repaired and said so: lost characters, script and pinyin.
    const kinds = new Set(proposal.repairs.map((r: any) => r.kind));
    expect(kinds).toEqual(new Set(['LOST_CHARACTER', 'SCRIPT', 'PINYIN']));
    // In an empty graph every entity is new.
    const entities = proposal.items.map((i: any) => i.entity);
    expect(entities.length).toBeGreaterThan(40);
    expect(entities.every((e: any) => e.matchStatus === 'NEW')).toBe(true);
    expect(await entityCount()).toBe(0);
  });

  it('commits every accepted item as one revision citing a new Source', async () => {
    const accepted = await app.raw(`mutation ($id: ID!) { acceptAllPendingProposalItems(proposalId: $id) { id } }`, { id: proposalId }, editor);
    expect(accepted.errors).toBeUndefined();
    const revisionsBefore = await count('MATCH (r:Revision) RETURN count(r) AS n');
    const response = await app.raw(
      `mutation ($id: ID!) { commitProposal(id: $id) { commit { revisionId sourceId created written skipped { itemId reason } } proposal { status } } }`,
      { id: proposalId },
      editor,
    );
    expect(response.errors).toBeUndefined();
    const { commit, proposal } = response.data.commitProposal;
    expect(proposal.status).toBe('COMMITTED');
    expect(commit.revisionId).toBeTruthy();
    expect(commit.sourceId).toBeTruthy();
    revisionId = commit.revisionId;
    sourceId = commit.sourceId;
    expect(await count('MATCH (r:Revision) RETURN count(r) AS n')).toBe(revisionsBefore + 1);
    expect(commit.created).toBe(await entityCount());
  });

  it('gives back the organizations, people, honors and programs the article states', async () => {
    const nodes = await committedNodes();
    // Issue 15's target is recall ≥ 0.9 of what the article states, measured by npm run ingest:eval
    // under its scoring rules (docs/ingest-eval.md); here, by the seed's own names alone, what the
    // proposal found must reach the graph. Programs fall short by name: two the article names
    // without a title (the friendship events, 寻找最美家庭) and the bank agreement, which the seed
    // names descriptively.
    const wanted: Record<string, number> = { organizations: 0.9, people: 1, honors: 1, programs: 0.85 };
    for (const section of Object.keys(wanted)) {
      const stated = (SEED[section] as any[]).filter((e) => !e.inferred);
      const found = shareOf(stated.map((e) => nodeFor(nodes, e) !== undefined));
      expect({ section, found: found >= wanted[section] }).toEqual({ section, found: true });
    }
  });

  it('gives back the awards with their years, an inferred year marked so, citing the Source at its locator', async () => {
    const rows = await app.graph.read(
      `MATCH (r)-[a:RECEIVED]->(h:Honor) RETURN r.name AS recipient, h.name AS honor, a.year AS year,
              a.yearInferred AS yearInferred, a.sourceIds AS sourceIds, a.locators AS locators`,
    );
    const got = new Set(rows.map((r) => `${normalizeName(r.recipient)} ${normalizeName(r.honor)} ${Number(r.year)}`));
    const expected = (SEED.awards as any[]).map((a) => `${nameOfSeedId(a.recipientId)} ${nameOfSeedId(a.honorId)} ${a.year}`);
    expect(expected.filter((a) => !got.has(a))).toEqual([]);
    for (const row of rows) {
      expect(row.sourceIds).toEqual([sourceId]);
      expect(row.locators[0]).toMatch(/^¶\d+$/);
      // The article never states an award's year: each is inferred from its date, and marked so.
      expect(row.yearInferred).toBe(true);
    }
    const court = (SEED.awards as any[]).find((a) => a.recipientId === 'org-huainan-court-litigation-center');
    const courtRow = rows.find((r) => normalizeName(r.recipient) === nameOfSeedId(court.recipientId));
    expect(courtRow?.locators).toEqual([court.citations[0].locator]);
  });

  it('gives back the programs with their organizers, and the figures, through the Source', async () => {
    const nodes = await committedNodes();
    const organized = await app.graph.read('MATCH (o:Organization)-[:ORGANIZED]->(p:Program) RETURN o.id AS org, p.id AS program');
    const got = new Set(organized.map((r) => `${r.org} ${r.program}`));
    const expected = (SEED.programs as any[])
      .filter((p) => !p.inferred)
      .flatMap((p) => (p.organizerIds as string[]).filter((id) => !seedEntity(id)?.inferred).map((id) => [seedEntity(id), p]));
    expect(shareOf(expected.map(([o, p]) => got.has(`${nodeFor(nodes, o)} ${nodeFor(nodes, p)}`)))).toBeGreaterThanOrEqual(0.85);
    // Every fact is reachable from the Source through the API, each with its locator.
    const response = await app.raw(
      `query ($id: ID!) { source(id: $id) { title facts(first: 100) { totalCount edges { node { relationship locators } } } figures { value unit } } }`,
      { id: sourceId },
    );
    expect(response.errors).toBeUndefined();
    const source = response.data.source;
    expect(source.title).toContain('巾帼力量');
    expect(source.facts.totalCount).toBeGreaterThan(60);
    for (const edge of source.facts.edges) expect(edge.node.locators.every((l: string) => /^¶\d+$/.test(l))).toBe(true);
    // Values only: the seed keeps some units of its own (copy, couple) that the extractor counts as count.
    const figures = new Set(source.figures.map((f: any) => Number(f.value)));
    const stated = (SEED.figures as any[]).filter((f) => !f.inferred);
    expect(stated.filter((f) => figures.has(Number(f.value))).length / stated.length).toBeGreaterThanOrEqual(0.8);
  });

  it('is undone by undo: the database is empty again', async () => {
    const response = await app.raw(`mutation ($id: ID!) { undo(revisionId: $id) { id } }`, { id: revisionId }, admin);
    expect(response.errors).toBeUndefined();
    expect(await entityCount()).toBe(0);
  });
});

describe('the same article ingested into the seeded graph', () => {
  beforeAll(async () => {
    await wipe();
    await loadSeeds(app.graph);
  });

  it('proposes no new entity: every one it names is matched to its seed node', async () => {
    const response = await app.raw(
      `mutation ($input: IngestDocumentInput!) { ingestDocument(input: $input) {
         items(kind: ENTITY) { entity { name matchStatus match { id } } }
       } }`,
      { input: { text: fs.readFileSync(ARTICLE, 'utf8'), fileName: path.basename(ARTICLE) } },
      editor,
    );
    expect(response.errors).toBeUndefined();
    const entities = response.data.ingestDocument.items.map((i: any) => i.entity);
    expect(entities.filter((e: any) => e.matchStatus !== 'MATCHED').map((e: any) => e.name)).toEqual([]);
    // Matched to the right node: the seed entity of that name.
    const wrong = entities.filter((e: any) => {
      const seed = SEED_ENTITIES.find((s) => seedNames(s).includes(bare(e.name)));
      return seed && seed.id !== e.match.id;
    });
    expect(wrong).toEqual([]);
  });
});

describe('a made-up decision (eval/ingest/documents/01) ingested into the seeded graph and committed', () => {
  const DECISION = path.resolve(__dirname, '../eval/ingest/documents/01-qingyuan-sanba-decision.txt');
  let revisionId: string;

  it('writes its honorees, their units and posts, and who confers the titles, citing the Source at each line', async () => {
    const ingested = await app.raw(`mutation ($input: IngestDocumentInput!) { ingestDocument(input: $input) { id } }`, { input: { text: fs.readFileSync(DECISION, 'utf8'), fileName: path.basename(DECISION) } }, editor);
    expect(ingested.errors).toBeUndefined();
    const id = ingested.data.ingestDocument.id;
    expect((await app.raw(`mutation ($id: ID!) { acceptAllPendingProposalItems(proposalId: $id) { id } }`, { id }, editor)).errors).toBeUndefined();
    const committed = await app.raw(`mutation ($id: ID!) { commitProposal(id: $id) { commit { revisionId sourceId skipped { itemId reason } } } }`, { id }, editor);
    expect(committed.errors).toBeUndefined();
    revisionId = committed.data.commitProposal.commit.revisionId;
    const sourceId = committed.data.commitProposal.commit.sourceId;
    // 市妇联决定，授予…称号: the city's federation confers both titles, and the Source says where.
    const conferred = await app.graph.read(
      `MATCH (h:Honor)-[c:CONFERRED_BY]->(o:Organization) WHERE $sourceId IN c.sourceIds
       RETURN h.name AS honor, o.name AS organization, c.locators AS locators ORDER BY honor`,
      { sourceId },
    );
    expect(conferred.map((r) => [r.honor, r.organization])).toEqual([
      ['青源市三八红旗手', '青源市妇女联合会'],
      ['青源市三八红旗集体', '青源市妇女联合会'],
    ]);
    for (const row of conferred) expect(row.locators[0]).toMatch(/^¶\d+$/);
    // The first honoree, her unit (a department with its hospital above it) and her post.
    const [member] = await app.graph.read(
      `MATCH (p:Person {name: '刘秀兰'})-[m:MEMBER_OF]->(u:Organization)-[:PART_OF]->(parent:Organization)
       MATCH (p)-[a:RECEIVED]->(h:Honor {name: '青源市三八红旗手'})
       RETURN u.name AS unit, parent.name AS parent, m.role AS role, m.locators AS at, a.year AS year, a.yearInferred AS yearInferred`,
    );
    expect(member).toMatchObject({ unit: '青源市第一人民医院产科', parent: '青源市第一人民医院', role: '主任', at: ['¶11'], yearInferred: true });
    expect(Number(member.year)).toBe(2026);
    // 市妇联 here is Qingyuan's federation: Huainan's gained nothing from this document.
    expect(await count(`MATCH (:Organization {id: 'org-huainan-wf'})-[r]-() WHERE '${sourceId}' IN r.sourceIds RETURN count(r) AS n`)).toBe(0);
  });

  it('is undone by undo', async () => {
    expect((await app.raw(`mutation ($id: ID!) { undo(revisionId: $id) { id } }`, { id: revisionId }, admin)).errors).toBeUndefined();
    expect(await count(`MATCH (p:Person {name: '刘秀兰'}) RETURN count(p) AS n`)).toBe(0);
  });
});

describe('a commit with nothing accepted', () => {
  it('is refused with BAD_USER_INPUT, and the proposal stays open for review', async () => {
    const text = '【测试用虚构文件 — made up for testing】\n临河市妇联主席李红梅获评“临河市巾帼建功标兵”。';
    const ingested = await app.raw(`mutation ($input: IngestDocumentInput!) { ingestDocument(input: $input) { id } }`, { input: { text } }, editor);
    expect(ingested.errors).toBeUndefined();
    const id = ingested.data.ingestDocument.id;
    const refused = await app.raw(`mutation ($id: ID!) { commitProposal(id: $id) { commit { revisionId } } }`, { id }, editor);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].message).toMatch(/no accepted item/);
    const after = await app.raw(`query ($id: ID!) { proposal(id: $id) { status } }`, { id }, editor);
    expect(after.data.proposal.status).toBe('OPEN');
  });
});
