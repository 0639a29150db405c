import { startTestApp, TestApp, bearer } from './support/app';
import { databaseState } from './support/editing';
import {
  AwardHonorDocument,
  CreatePersonDocument,
  CreateSourceDocument,
  HistoryDocument,
  MergeEntitiesDocument,
  RevokeAwardDocument,
  SetOrganizationParentDocument,
  UndoDocument,
  UpdatePersonDocument,
} from './__generated__/graphql';

let app: TestApp;
const PREFIX = 'test-robust-';
const editor = bearer('editor', `${PREFIX}editor`);
const admin = bearer('admin', `${PREFIX}admin`);

async function cleanUp() {
  await app.graph.write(
    `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix OR n.name STARTS WITH '测试稳健' OR n.title STARTS WITH '测试稳健' OR n.createdBy STARTS WITH $prefix
     DETACH DELETE n`,
    { prefix: PREFIX },
  );
  await app.graph.write('MATCH ()-[r]->() WHERE r.createdBy STARTS WITH $prefix DELETE r', { prefix: PREFIX });
  await app.graph.write('MATCH (r:Revision) WHERE r.actor STARTS WITH $prefix DETACH DELETE r', { prefix: PREFIX });
}

beforeAll(async () => {
  app = await startTestApp();
  await cleanUp();
});
afterAll(async () => {
  await cleanUp();
  await app.close();
});

/** A new source, made by the editor. */
const source = async (title: string) =>
  (await app.request(CreateSourceDocument, { input: { title, kind: 'NEWS_REPORT', allowDuplicate: true } }, editor)).data!.createSource.id;

const codeOf = (response: { errors?: { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions?.code;

/** Organizations made straight in the database, so each test starts from a known hierarchy. */
async function organizations(ids: string[]) {
  await app.graph.write(
    `UNWIND $ids AS id
     CREATE (o:Entity:Organization {id: id, name: '测试稳健' + id, aliases: [], kind: 'STUDIO', sourceIds: [], locators: [], inferred: false})`,
    { ids },
  );
}

async function parentsOf(ids: string[]): Promise<Record<string, string[]>> {
  const rows = await app.graph.read(
    'UNWIND $ids AS id MATCH (o:Organization {id: id}) OPTIONAL MATCH (o)-[:PART_OF]->(p) RETURN id, collect(p.id) AS parents',
    { ids },
  );
  return Object.fromEntries(rows.map((row) => [row.id, row.parents.sort()]));
}

async function cyclesAmong(prefix: string): Promise<string[][]> {
  const rows = await app.graph.read(
    `MATCH path = (o:Organization)-[:PART_OF*1..20]->(o) WHERE o.id STARTS WITH $prefix
     RETURN [n IN nodes(path) | n.id] AS ids LIMIT 5`,
    { prefix },
  );
  return rows.map((row) => row.ids);
}

describe('the organization hierarchy under concurrent editors', () => {
  const ROUNDS = 12;
  const SIZES = [3, 4, 5, 8];

  it(`rings of ${SIZES.join(', ')} organizations, each closed by concurrent setOrganizationParent calls ${ROUNDS} times, never become a cycle`, async () => {
    const started = Date.now();
    let attempts = 0;
    let refused = 0;
    const codes = new Set<string>();
    for (const size of SIZES) {
      const ids = Array.from({ length: size }, (_, i) => `${PREFIX}ring${size}-${i}`);
      await organizations(ids);
      for (let round = 0; round < ROUNDS; round++) {
        await app.graph.write('UNWIND $ids AS id MATCH (:Organization {id: id})-[r:PART_OF]->() DELETE r', { ids });
        const actor = `${PREFIX}ring${size}-round${round}`;
        // Every organization asks for the next one as its parent, all at once: together they would close the ring.
        const responses = await Promise.all(
          ids.map((id, i) => app.request(SetOrganizationParentDocument, { id, parentId: ids[(i + 1) % size] }, bearer('editor', actor))),
        );
        attempts += size;
        const failed = responses.map((r, i) => ({ r, i })).filter(({ r }) => r.errors);
        refused += failed.length;
        expect(await cyclesAmong(`${PREFIX}ring${size}-`)).toEqual([]);
        // The changes queue: all but the one that would close the ring go through.
        expect(failed).toHaveLength(1);
        const parents = await parentsOf(ids);
        for (const { r, i } of failed) {
          codes.add(codeOf(r));
          expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(codeOf(r));
          expect(r.errors![0].message).toMatch(/^parentId: would make a cycle/);
          // A refused change writes nothing: no edge, no revision.
          expect(parents[ids[i]]).toEqual([]);
        }
        for (const [i, r] of responses.entries()) if (!r.errors) expect(parents[ids[i]]).toEqual([ids[(i + 1) % size]]);
        const [revisions] = await app.graph.read('MATCH (r:Revision {actor: $actor}) RETURN count(r) AS count', { actor });
        expect(revisions.count).toBe(size - 1);
      }
    }
    process.stderr.write(
      `[robustness] ${attempts} concurrent setOrganizationParent calls in ${SIZES.length * ROUNDS} rings of ${SIZES.join('/')}: ` +
        `${refused} refused (${[...codes].join(', ')}), no cycle, in ${Date.now() - started} ms\n`,
    );
  });

  it('many editors moving organizations around a shared tree at once never make a cycle', async () => {
    const N = 10;
    const ids = Array.from({ length: N }, (_, i) => `${PREFIX}tree-${i}`);
    await organizations(ids);
    let attempts = 0;
    for (let round = 0; round < 10; round++) {
      // Each round: every organization asks for another one as parent, chosen so that many orders close cycles.
      const moves = ids.map((id, i) => ({ id, parentId: ids[(i * 3 + round + 1) % N] })).filter((m) => m.id !== m.parentId);
      const responses = await Promise.all(moves.map((m) => app.request(SetOrganizationParentDocument, m, editor)));
      attempts += moves.length;
      for (const r of responses) if (r.errors) expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(codeOf(r));
      expect(await cyclesAmong(`${PREFIX}tree-`)).toEqual([]);
      const parents = await parentsOf(ids);
      for (const id of ids) expect(parents[id].length).toBeLessThanOrEqual(1);
    }
    process.stderr.write(`[robustness] ${attempts} concurrent moves in a shared tree of ${N}: no cycle\n`);
  });
});

describe('undo and merge keep the hierarchy a tree', () => {
  it('undoing a change is refused with CONFLICT when, since then, it would close a cycle, and writes nothing', async () => {
    const [a, b, x, y] = ['undo-a', 'undo-b', 'undo-x', 'undo-y'].map((s) => PREFIX + s);
    await organizations([a, b, x, y]);
    for (const [id, parentId] of [[b, x], [y, a], [a, b]]) {
      expect((await app.request(SetOrganizationParentDocument, { id, parentId }, editor)).errors).toBeUndefined();
    }
    const detach = await app.request(SetOrganizationParentDocument, { id: a, parentId: null }, editor);
    expect(detach.errors).toBeUndefined();
    // Touches neither a nor b, so it does not block the undo of the detach; but now b → x → y → a.
    expect((await app.request(SetOrganizationParentDocument, { id: x, parentId: y }, editor)).errors).toBeUndefined();
    const history = await app.request(HistoryDocument, { id: a, first: 10 });
    const revision = history.data!.history.edges.find((e) => e.node.operation === 'setOrganizationParent' && JSON.parse(e.node.after).rels.every((r: any) => r.props == null))!;
    const state = await databaseState(app);
    const undone = await app.request(UndoDocument, { revisionId: revision.node.id }, admin);
    expect(codeOf(undone)).toBe('CONFLICT');
    expect(undone.errors![0].message).toMatch(/cycle/);
    expect(await databaseState(app)).toEqual(state);
    expect(await cyclesAmong(`${PREFIX}undo-`)).toEqual([]);
  });

  it('merging an organization into one of its own descendants is refused, and writes nothing', async () => {
    const [m, y, k] = ['merge-m', 'merge-y', 'merge-k'].map((s) => PREFIX + s);
    await organizations([m, y, k]);
    await app.graph.write(
      `MATCH (k:Organization {id: $k}), (y:Organization {id: $y}), (m:Organization {id: $m})
       CREATE (k)-[:PART_OF {key: 'parent', sourceIds: [], locators: [], inferred: false}]->(y)-[:PART_OF {key: 'parent', sourceIds: [], locators: [], inferred: false}]->(m)`,
      { k, y, m },
    );
    const state = await databaseState(app);
    const merged = await app.request(MergeEntitiesDocument, { keepId: k, mergeId: m }, admin);
    expect(codeOf(merged)).toBe('BAD_USER_INPUT');
    expect(merged.errors![0].message).toMatch(/^mergeId: .*cycle/);
    expect(await databaseState(app)).toEqual(state);
  });

  it("a merged organization's children move to the kept one, which keeps its own single parent", async () => {
    const [k, m, p1, p2, c] = ['one-k', 'one-m', 'one-p1', 'one-p2', 'one-c'].map((s) => PREFIX + s);
    await organizations([k, m, p1, p2, c]);
    for (const [id, parentId] of [[k, p1], [m, p2], [c, m]]) {
      expect((await app.request(SetOrganizationParentDocument, { id, parentId }, editor)).errors).toBeUndefined();
    }
    const merged = await app.request(MergeEntitiesDocument, { keepId: k, mergeId: m }, admin);
    expect(merged.errors).toBeUndefined();
    expect(await parentsOf([k, c])).toEqual({ [k]: [p1], [c]: [k] });
  });

  it('an organization merged with its own parent takes that parent\'s place under the grandparent', async () => {
    const [child, parent, grand] = ['up-child', 'up-parent', 'up-grand'].map((s) => PREFIX + s);
    await organizations([child, parent, grand]);
    for (const [id, parentId] of [[child, parent], [parent, grand]]) {
      expect((await app.request(SetOrganizationParentDocument, { id, parentId }, editor)).errors).toBeUndefined();
    }
    expect((await app.request(MergeEntitiesDocument, { keepId: child, mergeId: parent }, admin)).errors).toBeUndefined();
    expect(await parentsOf([child])).toEqual({ [child]: [grand] });
  });
});

describe('concurrent edits of one entity lose nothing', () => {
  it('ten editors adding a source to the same person at once: all ten are cited', async () => {
    const N = 10;
    const sources = Array.from({ length: N }, (_, i) => `${PREFIX}lost-src-${i}`);
    await app.graph.write(
      `UNWIND $ids AS id CREATE (:Entity:Source {id: id, title: '测试稳健来源' + id, name: '测试稳健来源' + id, kind: 'NEWS_REPORT', aliases: []})`,
      { ids: sources },
    );
    const person = await app.request(CreatePersonDocument, { input: { name: '测试稳健赵敏', allowDuplicate: false } }, editor);
    const id = person.data!.createPerson.id;
    const responses = await Promise.all(sources.map((s, i) => app.request(UpdatePersonDocument, { id, input: { sourceIds: [s], aliases: i === 0 ? ['敏敏'] : undefined } }, editor)));
    expect(responses.map((r) => r.errors?.[0]?.message).filter(Boolean)).toEqual([]);
    const [row] = await app.graph.read('MATCH (p:Person {id: $id}) RETURN p.sourceIds AS sourceIds, p.locators AS locators, p.aliases AS aliases', { id });
    expect([...row.sourceIds].sort()).toEqual([...sources].sort());
    expect(row.locators).toHaveLength(N);
    expect(row.aliases).toContain('敏敏');
  });
});

/** Everything the two sources are part of: themselves, what cites them, and their relationships. */
async function sourceSnapshot(ids: string[]) {
  const nodes = await app.graph.read(
    `MATCH (n:Entity) WHERE n.id IN $ids OR any(s IN coalesce(n.sourceIds, []) WHERE s IN $ids)
     RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id`,
    { ids },
  );
  const rels = await app.graph.read(
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids OR b.id IN $ids OR any(s IN coalesce(r.sourceIds, []) WHERE s IN $ids)
     RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props ORDER BY type, from, to, r.key`,
    { ids },
  );
  // updatedAt says when a node was last written, and an undo is a write.
  for (const node of nodes) delete node.props.updatedAt;
  return { nodes, rels };
}

describe('merging two sources, and undoing it', () => {
  let keepId: string;
  let mergeId: string;
  let personId: string;
  let before: Awaited<ReturnType<typeof sourceSnapshot>>;
  let revisionId: string;

  beforeAll(async () => {
    keepId = await source('测试稳健来源甲');
    mergeId = await source('测试稳健来源乙');
    // The person is cited by both; her award by the merged source at two places; her membership by the merged one only.
    personId = (await app.request(CreatePersonDocument, { input: { name: '测试稳健钱红', sourceIds: [mergeId, keepId], allowDuplicate: false } }, editor)).data!
      .createPerson.id;
    expect((await app.request(AwardHonorDocument, { recipientId: personId, honorId: 'honor-sanba-pacesetter', year: 2023, sourceIds: [mergeId] }, editor)).errors).toBeUndefined();
    await app.graph.write(
      `MATCH (:Person {id: $personId})-[r:RECEIVED]->() SET r.sourceIds = [$mergeId, $mergeId, $keepId], r.locators = ['¶3', '¶5', '¶1']`,
      { personId, mergeId, keepId },
    );
    // Every relationship is a statement with an id (the migration gives one to any without), as the API writes them.
    await app.graph.write(
      `MATCH (p:Person {id: $personId}), (s:Source {id: $mergeId})
       CREATE (p)-[:AUTHORED {id: 'st-' + randomUUID(), key: 'role:', role: null, sourceIds: [$mergeId], locators: ['¶0']}]->(s)
       CREATE (:Entity:Figure {id: $figure, value: 7, sourceIds: [$mergeId], locators: ['¶9']})`,
      { personId, mergeId, figure: `${PREFIX}figure` },
    );
    before = await sourceSnapshot([keepId, mergeId]);
  });

  it('after the merge every fact that cited the merged source cites the kept one, at the same places', async () => {
    const merged = await app.request(MergeEntitiesDocument, { keepId, mergeId }, admin);
    expect(merged.errors).toBeUndefined();
    const citing = await app.graph.read(
      `CALL () { MATCH (n:Entity) WHERE $mergeId IN n.sourceIds RETURN count(n) AS c UNION ALL MATCH ()-[r]->() WHERE $mergeId IN r.sourceIds RETURN count(r) AS c }
       RETURN sum(c) AS count`,
      { mergeId },
    );
    expect(citing[0].count).toBe(0);
    const [award] = await app.graph.read('MATCH (:Person {id: $personId})-[r:RECEIVED]->() RETURN r.sourceIds AS ids, r.locators AS locators', { personId });
    expect(award.ids.map((id: string, i: number) => [id, award.locators[i]])).toEqual([[keepId, '¶3'], [keepId, '¶5'], [keepId, '¶1']]);
    const [person] = await app.graph.read('MATCH (p:Person {id: $personId}) RETURN p.sourceIds AS ids', { personId });
    expect(person.ids).toEqual([keepId]);
    const [figure] = await app.graph.read('MATCH (f:Figure {id: $id}) RETURN f.sourceIds AS ids, f.locators AS locators', { id: `${PREFIX}figure` });
    expect(figure).toEqual({ ids: [keepId], locators: ['¶9'] });
    const [mention] = await app.graph.read(
      'MATCH (:Source {id: $keepId})-[m:MENTIONS]->(:Person {id: $personId}) RETURN count(m) AS count, collect(m.sourceIds) AS ids',
      { keepId, personId },
    );
    expect(mention).toEqual({ count: 1, ids: [[keepId]] });
    const history = await app.request(HistoryDocument, { id: keepId, first: 1 });
    revisionId = history.data!.history.edges[0].node.id;
    expect(history.data!.history.edges[0].node.operation).toBe('mergeEntities');
  });

  it('undoing the merge restores exactly the state before it', async () => {
    const undone = await app.request(UndoDocument, { revisionId }, admin);
    expect(undone.errors).toBeUndefined();
    expect(await sourceSnapshot([keepId, mergeId])).toEqual(before);
    // The merged source's own history links to it again (history(id) reads entityIds; CHANGED is the graph's view).
    const [links] = await app.graph.read(
      `MATCH (r:Revision) WHERE $mergeId IN r.entityIds
       RETURN count(r) AS revisions, sum(count { MATCH (r)-[:CHANGED]->(:Source {id: $mergeId}) }) AS linked`,
      { mergeId },
    );
    expect(links.linked).toBe(links.revisions);
  });
});

describe('undoing a change made before a source merge', () => {
  it('brings the fact back citing the source kept, never the one merged away', async () => {
    const kept = await source('测试稳健来源丙');
    const gone = await source('测试稳健来源丁');
    const person = (await app.request(CreatePersonDocument, { input: { name: '测试稳健郑敏', allowDuplicate: true } }, editor)).data!.createPerson.id;
    const award = { recipientId: person, honorId: 'honor-sanba-pacesetter', year: 2022 };
    expect((await app.request(AwardHonorDocument, { ...award, sourceIds: [gone, kept] }, editor)).errors).toBeUndefined();
    const revoked = await app.request(RevokeAwardDocument, award, admin);
    expect(revoked.errors).toBeUndefined();
    const history = await app.request(HistoryDocument, { id: person, first: 1 });
    const revocation = history.data!.history.edges[0].node;
    expect(revocation.operation).toBe('revokeAward');
    expect((await app.request(MergeEntitiesDocument, { keepId: kept, mergeId: gone }, admin)).errors).toBeUndefined();

    const undone = await app.request(UndoDocument, { revisionId: revocation.id }, admin);
    expect(undone.errors).toBeUndefined();
    const [restored] = await app.graph.read(
      'MATCH (:Person {id: $person})-[r:RECEIVED {year: 2022}]->(:Honor {id: $honor}) RETURN r.sourceIds AS ids, r.locators AS locators',
      { person, honor: award.honorId },
    );
    // Both citations name the kept source now; the pair they become is kept once.
    expect(restored).toEqual({ ids: [kept], locators: [''] });
    const [citing] = await app.graph.read(
      `CALL () { MATCH (n:Entity) WHERE $gone IN n.sourceIds RETURN count(n) AS c UNION ALL MATCH ()-[r]->() WHERE $gone IN r.sourceIds RETURN count(r) AS c }
       RETURN sum(c) AS count`,
      { gone },
    );
    expect(citing.count).toBe(0);
    expect(await app.graph.read('MATCH (n:Entity {id: $gone}) RETURN n.id AS id', { gone })).toEqual([]);
  });
});

describe('merges over merges', () => {
  it('a node merged into one that is merged in turn stays in the history of the last one kept', async () => {
    const make = async (name: string) =>
      (await app.request(CreatePersonDocument, { input: { name, allowDuplicate: true } }, editor)).data!.createPerson.id;
    const [a, b, c] = [await make('测试稳健孙丽'), await make('测试稳健孙丽丽'), await make('测试稳健孙小丽')];
    expect((await app.request(MergeEntitiesDocument, { keepId: b, mergeId: c }, admin)).errors).toBeUndefined();
    expect((await app.request(MergeEntitiesDocument, { keepId: a, mergeId: b }, admin)).errors).toBeUndefined();
    const [row] = await app.graph.read('MATCH (p:Person {id: $a}) RETURN p.mergedIds AS mergedIds', { a });
    expect([...row.mergedIds].sort()).toEqual([b, c].sort());
    const history = await app.request(HistoryDocument, { id: a, first: 20 });
    const created = history.data!.history.edges.filter((e) => e.node.operation === 'createPerson').flatMap((e) => e.node.entityIds);
    expect(created).toEqual(expect.arrayContaining([a, b, c]));
  });
});

describe('undo that collides with the graph', () => {
  it('is a CONFLICT, not an internal error, and writes nothing', async () => {
    const keep = (await app.request(CreatePersonDocument, { input: { name: '测试稳健周洁', allowDuplicate: false } }, editor)).data!.createPerson.id;
    const other = (await app.request(CreatePersonDocument, { input: { name: '测试稳健吴倩', allowDuplicate: false } }, editor)).data!.createPerson.id;
    const merged = await app.request(MergeEntitiesDocument, { keepId: keep, mergeId: other }, admin);
    expect(merged.errors).toBeUndefined();
    // Someone (a graph import, say) has since put another node under the merged one's name key.
    const [{ key }] = await app.graph.read('MATCH (r:Revision {operation: "mergeEntities"}) WHERE $other IN r.entityIds RETURN r.before AS before', { other }).then((rows) =>
      rows.map((row) => ({ key: JSON.parse(row.before).nodes[other].props.nameKey })),
    );
    await app.graph.write("CREATE (:Entity:Person {id: $id, name: '测试稳健吴倩', nameKey: $key, aliases: []})", { id: `${PREFIX}usurper`, key });
    const history = await app.request(HistoryDocument, { id: keep, first: 1 });
    const state = await databaseState(app);
    const undone = await app.request(UndoDocument, { revisionId: history.data!.history.edges[0].node.id }, admin);
    expect(codeOf(undone)).toBe('CONFLICT');
    expect(await databaseState(app)).toEqual(state);
  });
});
