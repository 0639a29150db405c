import { startTestApp, TestApp, bearer, GraphQLResponse } from './support/app';
import { databaseState, removeEditingFixtures } from './support/editing';
import {
  AddMembershipDocument,
  AwardHonorDocument,
  CreateHonorDocument,
  CreateOrganizationDocument,
  CreatePersonDocument,
  CreateSourceDocument,
  DismissDuplicateDocument,
  DuplicateQueueDocument,
  DuplicateQueueQuery,
  MergeEntitiesDocument,
  MergePreviewDocument,
  UndoDocument,
} from './__generated__/graphql';
import { EntityType } from '../src/api/entity-type';
import { pairFeatures, pairScore } from '../src/duplicates/pair-features';
import { matchName } from '../src/text/normalize';

/**
 * The duplicate queue (duplicateQueue), "not the same" (dismissDuplicate) and the merge preview
 * (mergePreview) on the real Neo4j, over made-up entities named 测试编辑… beside the seed.
 */
let app: TestApp;
const editor = bearer('editor', 'test-dq-editor');
const admin = bearer('admin', 'test-dq-admin');
const codeOf = (response: { errors?: { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions?.code;
const fieldOf = (response: { errors?: { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions?.field;

const ids: Record<string, string> = {};
let before: Awaited<ReturnType<typeof databaseState>>;
let hadLock = true;

async function create(doc: any, input: Record<string, unknown>, key: string): Promise<string> {
  const response: any = await app.request(doc, { input: { allowDuplicate: true, ...input } } as any, editor);
  expect(response.errors).toBeUndefined();
  const id = Object.values(response.data)[0] as { id: string };
  ids[key] = id.id;
  return id.id;
}

type Pair = DuplicateQueueQuery['duplicateQueue']['edges'][number]['node'];
const pairKey = (pair: Pair) => `${pair.a.id}|${pair.b.id}`;
const sameIds = (x: string, y: string) => [x, y].sort().join('|');

async function wholeQueue(types: any = null, first = 100): Promise<Pair[]> {
  const out: Pair[] = [];
  let after: string | null = null;
  for (;;) {
    const response: GraphQLResponse<DuplicateQueueQuery> = await app.request(DuplicateQueueDocument, { types, first, after });
    expect(response.errors).toBeUndefined();
    const page: DuplicateQueueQuery['duplicateQueue'] = response.data!.duplicateQueue;
    out.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor!;
  }
}
const fixturePairs = (pairs: Pair[]) => pairs.filter((p) => Object.values(ids).includes(p.a.id) && Object.values(ids).includes(p.b.id));
const find = (pairs: Pair[], x: string, y: string) => pairs.find((p) => pairKey(p) === sameIds(ids[x], ids[y]));

async function lastRevision(id: string): Promise<{ id: string; operation: string }> {
  const response = await app.raw('query($id: ID!) { history(id: $id, first: 1) { edges { node { id operation } } } }', { id }, admin);
  return response.data.history.edges[0].node;
}

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
  // An organization merge takes the hierarchy lock, a GraphLock node made on first use: removed after when this file made it.
  [{ hadLock }] = await app.graph.read("RETURN EXISTS { (:GraphLock {name: 'hierarchy'}) } AS hadLock");
  before = await databaseState(app);
  const source = await create(CreateSourceDocument, { title: '测试编辑重复名单', kind: 'PUBLISHED_LIST' }, 'source');
  // One name in two scripts (the second is stored simplified, its written form an alias).
  await create(CreatePersonDocument, { name: '测试编辑王丽华', nameEn: 'Wang Lihua' }, 'wang');
  await create(CreatePersonDocument, { name: '測試編輯王麗華', nameEn: 'Lihua Wang', aliases: ['测试编辑王小华'], sourceIds: [source] }, 'wangTraditional');
  // One name in characters and in pinyin.
  await create(CreatePersonDocument, { name: '测试编辑何婷婷' }, 'he');
  await create(CreatePersonDocument, { name: 'Ceshi Bianji He Tingting' }, 'hePinyin');
  // A short form and its full name.
  await create(CreateOrganizationDocument, { name: '测试编辑青石县妇女联合会', kind: 'FEDERATION' }, 'federation');
  await create(CreateOrganizationDocument, { name: '测试编辑青石县妇联', kind: 'FEDERATION', level: 'COUNTY' }, 'federationShort');
  // A hierarchy: city ← county ← township; and two offices under different parents.
  await create(CreateOrganizationDocument, { name: '测试编辑甲市团委', kind: 'FEDERATION' }, 'city');
  await create(CreateOrganizationDocument, { name: '测试编辑甲县团委', kind: 'FEDERATION', parentId: ids.city }, 'county');
  await create(CreateOrganizationDocument, { name: '测试编辑甲镇团委', kind: 'FEDERATION', parentId: ids.county }, 'township');
  await create(CreateOrganizationDocument, { name: '测试编辑乙镇团委', kind: 'FEDERATION', level: 'TOWNSHIP', parentId: ids.city }, 'otherTownship');
  await create(CreateHonorDocument, { name: '测试编辑重复奖' }, 'honor');
  for (const [person, role] of [['wang', '委员'], ['wangTraditional', '委员']]) {
    const r = await app.request(AddMembershipDocument, { memberId: ids[person], organizationId: ids.federation, role, sourceIds: [source] }, editor);
    expect(r.errors).toBeUndefined();
  }
  const award = await app.request(AwardHonorDocument, { recipientId: ids.wangTraditional, honorId: ids.honor, year: 2021, sourceIds: [source] }, editor);
  expect(award.errors).toBeUndefined();
});
afterAll(async () => {
  await removeEditingFixtures(app);
  if (!hadLock) await app.graph.write("MATCH (l:GraphLock {name: 'hierarchy'}) DELETE l");
  expect(await databaseState(app)).toEqual(before);
  await app.close();
});

describe('duplicateQueue', () => {
  it('pairs names that match by script, pinyin and short form, each with its score and features, best first', async () => {
    const pairs = await wholeQueue();
    const scripts = find(pairs, 'wang', 'wangTraditional');
    expect(scripts).toMatchObject({ type: 'PERSON', score: 1 });
    expect(scripts!.features.map((f) => f.kind)).toContain('SAME_NAME');
    const pinyin = find(pairs, 'he', 'hePinyin');
    expect(pinyin).toMatchObject({ type: 'PERSON', score: 0.85 });
    expect(pinyin!.features).toEqual([{ kind: 'PINYIN', reason: 'the same pinyin (ceshibianjihetingting)' }]);
    const short = find(pairs, 'federation', 'federationShort');
    expect(short).toMatchObject({ type: 'ORGANIZATION', score: 0.9 });
    expect(short!.features.map((f) => f.kind)).toEqual(['SHORT_FORM']);
    // Unrelated fixtures are not paired (the three 团委 differ by place; the honor stands alone).
    expect(fixturePairs(pairs).map(pairKey).sort()).toEqual(
      [sameIds(ids.wang, ids.wangTraditional), sameIds(ids.he, ids.hePinyin), sameIds(ids.federation, ids.federationShort)].sort(),
    );
    // Best first, ties by ids; each pair once, a before b.
    for (let i = 1; i < pairs.length; i += 1) {
      const [x, y] = [pairs[i - 1], pairs[i]];
      expect(x.score > y.score || (x.score === y.score && pairKey(x) < pairKey(y))).toBe(true);
    }
    expect(pairs.every((p) => p.a.id < p.b.id && p.score >= 0.7)).toBe(true);
    expect(new Set(pairs.map(pairKey)).size).toBe(pairs.length);
  });

  it('pages stably: page by page gives the one-page order, and totalCount counts them all', async () => {
    const all = await wholeQueue(null, 100);
    const paged = await wholeQueue(null, 2);
    expect(paged.map(pairKey)).toEqual(all.map(pairKey));
    const first = await app.request(DuplicateQueueDocument, { first: 1 });
    expect(first.data!.duplicateQueue.totalCount).toBe(all.length);
    expect(first.data!.duplicateQueue.pageInfo.hasPreviousPage).toBe(false);
    const bad = await app.request(DuplicateQueueDocument, { first: 1, after: 'not-a-cursor' });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(codeOf(await app.request(DuplicateQueueDocument, { first: 101 }))).toBe('BAD_USER_INPUT');
  });

  it('filters by type', async () => {
    const organizations = await wholeQueue(['ORGANIZATION']);
    expect(organizations.every((p) => p.type === 'ORGANIZATION')).toBe(true);
    expect(find(organizations, 'federation', 'federationShort')).toBeDefined();
    expect(find(organizations, 'wang', 'wangTraditional')).toBeUndefined();
  });
});

describe('dismissDuplicate', () => {
  it('takes an editor; a viewer is refused and nothing is written', async () => {
    const state = await databaseState(app);
    expect(codeOf(await app.request(DismissDuplicateDocument, { aId: ids.he, bId: ids.hePinyin }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await app.request(DismissDuplicateDocument, { aId: ids.he, bId: ids.hePinyin }, bearer('viewer' as any, 'test-dq-viewer')))).toBe('FORBIDDEN');
    expect(await databaseState(app)).toEqual(state);
  });

  it('refuses the same id, two types, a missing id and a long note, writing nothing', async () => {
    const state = await databaseState(app);
    const same = await app.request(DismissDuplicateDocument, { aId: ids.he, bId: ids.he }, editor);
    expect([codeOf(same), fieldOf(same)]).toEqual(['BAD_USER_INPUT', 'bId']);
    const types = await app.request(DismissDuplicateDocument, { aId: ids.he, bId: ids.federation }, editor);
    expect([codeOf(types), fieldOf(types)]).toEqual(['BAD_USER_INPUT', 'bId']);
    const missing = await app.request(DismissDuplicateDocument, { aId: 'person-nobody-test', bId: ids.he }, editor);
    expect(codeOf(missing)).toBe('NOT_FOUND');
    const long = await app.request(DismissDuplicateDocument, { aId: ids.he, bId: ids.hePinyin, note: 'x'.repeat(501) }, editor);
    expect([codeOf(long), fieldOf(long)]).toEqual(['BAD_USER_INPUT', 'note']);
    expect(await databaseState(app)).toEqual(state);
  });

  it('takes the pair out of the queue in one revision; again changes nothing; an undo brings it back', async () => {
    const dismissed = await app.request(DismissDuplicateDocument, { aId: ids.hePinyin, bId: ids.he, note: '不同的人 two people' }, editor);
    expect(dismissed.errors).toBeUndefined();
    const { revisionId, note } = dismissed.data!.dismissDuplicate;
    expect(revisionId).toMatch(/^rev-/);
    expect(note).toBe('不同的人 two people');
    const [row] = await app.graph.read('MATCH (n:Person {id: $id}) RETURN n.distinctFrom AS ids, n.distinctNotes AS notes', { id: ids.he });
    expect(row).toEqual({ ids: [ids.hePinyin], notes: ['不同的人 two people'] });
    expect(find(await wholeQueue(['PERSON']), 'he', 'hePinyin')).toBeUndefined();
    expect(find(await wholeQueue(['PERSON']), 'wang', 'wangTraditional')).toBeDefined();

    const again = await app.request(DismissDuplicateDocument, { aId: ids.he, bId: ids.hePinyin }, editor);
    expect(again.data!.dismissDuplicate.revisionId).toBeNull();

    const undo = await app.request(UndoDocument, { revisionId: revisionId! }, admin);
    expect(undo.errors).toBeUndefined();
    const [after] = await app.graph.read('MATCH (n:Person) WHERE n.id IN $ids RETURN collect(n.distinctFrom) AS lists', { ids: [ids.he, ids.hePinyin] });
    expect(after.lists).toEqual([]);
    expect(find(await wholeQueue(['PERSON']), 'he', 'hePinyin')).toBeDefined();
  });
});

describe('mergePreview', () => {
  it('says what a merge would move, unite and lose, writes nothing, and the merge then does just that', async () => {
    const state = await databaseState(app);
    const response = await app.request(MergePreviewDocument, { keepId: ids.wang, mergeId: ids.wangTraditional }, editor);
    expect(response.errors).toBeUndefined();
    const preview = response.data!.mergePreview;
    expect(await databaseState(app)).toEqual(state);
    expect(preview.keep.id).toBe(ids.wang);
    const moves = Object.fromEntries(preview.moves.map((m) => [`${m.relationship} ${m.other.id}`, m]));
    expect(moves[`RECEIVED ${ids.honor}`]).toMatchObject({ outgoing: true, key: 'year:2021', outcome: 'MOVED' });
    expect(moves[`MEMBER_OF ${ids.federation}`]).toMatchObject({ outgoing: true, key: 'role:委员', outcome: 'UNITED' });
    expect(moves[`MENTIONS ${ids.source}`]).toMatchObject({ outgoing: false, outcome: expect.stringMatching(/MOVED|UNITED/) });
    expect(preview.aliasesAdded).toEqual(['测试编辑王小华']);
    expect(preview.citationsMoved).toEqual([{ sourceId: ids.source, locator: '' }]);
    expect(preview.conflicts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'PROPERTY', property: 'nameEn', kept: 'Wang Lihua', merged: 'Lihua Wang' }),
        expect.objectContaining({ kind: 'SHARED_STATEMENT', property: 'MEMBER_OF' }),
      ]),
    );
    expect(preview.refused).toBeNull();

    const merged = await app.request(MergeEntitiesDocument, { keepId: ids.wang, mergeId: ids.wangTraditional }, admin);
    expect(merged.errors).toBeUndefined();
    const [graph] = await app.graph.read(
      `MATCH (k:Person {id: $keep})
       RETURN k.nameEn AS nameEn, k.aliases AS aliases, k.sourceIds AS sourceIds,
              COUNT { (k)-[:RECEIVED]->(:Honor {id: $honor}) } AS awards,
              COUNT { (k)-[:MEMBER_OF]->(:Organization {id: $org}) } AS memberships,
              COUNT { (:Person {id: $gone}) } AS gone`,
      { keep: ids.wang, honor: ids.honor, org: ids.federation, gone: ids.wangTraditional },
    );
    expect(graph).toMatchObject({ nameEn: 'Wang Lihua', awards: 1, memberships: 1, gone: 0, sourceIds: [ids.source] });
    expect(graph.aliases).toEqual(expect.arrayContaining(preview.aliasesAdded));

    const revision = await lastRevision(ids.wang);
    expect(revision.operation).toBe('mergeEntities');
    expect((await app.request(UndoDocument, { revisionId: revision.id }, admin)).errors).toBeUndefined();
    const [back] = await app.graph.read(
      'MATCH (p:Person) WHERE p.id IN $ids RETURN count(p) AS people, COUNT { (:Person {id: $gone})-[:RECEIVED]->() } AS awards',
      { ids: [ids.wang, ids.wangTraditional], gone: ids.wangTraditional },
    );
    expect(back).toEqual({ people: 2, awards: 1 });
  });

  it('a merge the hierarchy would refuse is refused in the preview too, and a different parent is a conflict', async () => {
    // Keeping the township and merging the city away: the county would be the township's parent and child.
    const cycle = await app.request(MergePreviewDocument, { keepId: ids.township, mergeId: ids.city }, editor);
    expect(cycle.errors).toBeUndefined();
    expect(cycle.data!.mergePreview.refused).toMatch(/cycle/);
    expect(cycle.data!.mergePreview.conflicts.map((c) => c.kind)).toContain('CYCLE');
    const merge = await app.request(MergeEntitiesDocument, { keepId: ids.township, mergeId: ids.city }, admin);
    expect(codeOf(merge)).toBe('BAD_USER_INPUT');
    expect(merge.errors![0].message).toMatch(/cycle/);

    // The township keeps its own parent (the county); the federation's none, so nothing to drop there.
    const parent = await app.request(MergePreviewDocument, { keepId: ids.township, mergeId: ids.county }, editor);
    const moves = parent.data!.mergePreview.moves;
    expect(moves.find((m) => m.relationship === 'PART_OF' && m.other.id === ids.township)).toMatchObject({ outcome: 'DROPPED' });
    expect(moves.find((m) => m.relationship === 'PART_OF' && m.other.id === ids.city)).toMatchObject({ outcome: 'MOVED' });
    expect(parent.data!.mergePreview.refused).toBeNull();

    const level = await app.request(MergePreviewDocument, { keepId: ids.federationShort, mergeId: ids.county }, editor);
    const view = level.data!.mergePreview;
    // The kept one has no parent: it takes the county's; the county's child becomes its child.
    expect(view.conflicts).toEqual([]);
    expect(view.moves).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ relationship: 'PART_OF', outgoing: true, other: { id: ids.city }, outcome: 'MOVED' }),
        expect.objectContaining({ relationship: 'PART_OF', outgoing: false, other: { id: ids.township }, outcome: 'MOVED' }),
      ]),
    );
    // Two parents: the kept township stays under the county, the other's link to the city is dropped.
    const differ = await app.request(MergePreviewDocument, { keepId: ids.township, mergeId: ids.otherTownship }, editor);
    const conflict = differ.data!.mergePreview;
    expect(conflict.moves).toEqual([expect.objectContaining({ relationship: 'PART_OF', other: { id: ids.city }, outcome: 'DROPPED' })]);
    expect(conflict.conflicts).toEqual([expect.objectContaining({ kind: 'PARENT', kept: '测试编辑甲县团委', merged: '测试编辑甲市团委' })]);
    expect(conflict.filled).toEqual([{ property: 'level', value: 'TOWNSHIP' }]);
  });

  it('refuses as mergeEntities does: the same id, two types, a missing id; a viewer is refused', async () => {
    const same = await app.request(MergePreviewDocument, { keepId: ids.he, mergeId: ids.he }, editor);
    expect([codeOf(same), fieldOf(same)]).toEqual(['BAD_USER_INPUT', 'mergeId']);
    const types = await app.request(MergePreviewDocument, { keepId: ids.he, mergeId: ids.federation }, editor);
    expect([codeOf(types), fieldOf(types)]).toEqual(['BAD_USER_INPUT', 'mergeId']);
    const missing = await app.request(MergePreviewDocument, { keepId: 'person-nobody-test', mergeId: ids.he }, editor);
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(codeOf(await app.request(MergePreviewDocument, { keepId: ids.he, mergeId: ids.hePinyin }))).toBe('UNAUTHENTICATED');
  });

  it('a merge unites what either was judged not the same as', async () => {
    const dismissed = await app.request(DismissDuplicateDocument, { aId: ids.federation, bId: ids.federationShort, note: 'test' }, editor);
    const cityCounty = await app.request(DismissDuplicateDocument, { aId: ids.county, bId: ids.city }, editor);
    expect(dismissed.errors ?? cityCounty.errors).toBeUndefined();
    // Merging the county into the short-named federation: the kept one is now not the same as the city,
    // and no longer lists the federation merged away.
    const merged = await app.request(MergeEntitiesDocument, { keepId: ids.federationShort, mergeId: ids.county }, admin);
    expect(merged.errors).toBeUndefined();
    const [row] = await app.graph.read('MATCH (n:Organization {id: $id}) RETURN n.distinctFrom AS ids, n.distinctNotes AS notes', { id: ids.federationShort });
    expect(row).toEqual({ ids: [ids.federation, ids.city], notes: ['test', ''] });
    const revision = await lastRevision(ids.federationShort);
    expect((await app.request(UndoDocument, { revisionId: revision.id }, admin)).errors).toBeUndefined();
  });
});

describe('pair features', () => {
  // Names in scripts, pinyin, English, look-alike characters and short forms, with aliases.
  const named = (
    [
      ['淮南市妇女联合会', ['市妇联'], "Huainan Women's Federation"], ['淮南妇联', [], null], ['市妇联', [], null], ["Huainan Women's Federation", [], null],
      ['何婷婷', [], null], ['He Tingting', [], null], ['hé tíng tíng', [], null], ['Аnna', [], null], ['Anna', [], null], ['ANNA', [], 'Anna'],
      ['婦聯', [], null], ['妇联', [], null], ['妇女联合会', [], null], ['淮南市总工会', ['市总工会'], null], ['淮南总工会', [], null],
      ['张晓梅', ['Zhang Xiaomei'], null], ['Zhang Xiaomei', [], null], ['张小梅', [], null], ['士兵', [], null], ['土兵', [], null],
      ['青源市妇联', ['青源妇联'], null], ['青源市妇女联合会', [], null],
    ] as [string, string[], string | null][]
  ).map(([name, aliases, nameEn], i) => ({ id: `e${i}`, name, aliases, nameEn }));

  it('find every pair the duplicate check scores as likely (so only pairs with a feature need scoring), and only those score', () => {
    let likely = 0;
    for (const type of [EntityType.PERSON, EntityType.ORGANIZATION]) {
      for (const a of named) {
        for (const b of named) {
          if (a === b) continue;
          const abbreviations = type !== EntityType.PERSON;
          const check = [matchName(a.name, b, abbreviations), matchName(b.name, a, abbreviations)].some((m) => m != null && m.score >= 0.7);
          if (check) likely += 1;
          if (check) expect([a.name, b.name, pairFeatures(a, b, type).length > 0]).toEqual([a.name, b.name, true]);
          expect([a.name, b.name, pairScore(a, b, type) != null]).toEqual([a.name, b.name, check]);
        }
      }
    }
    expect(likely).toBeGreaterThan(50);
  });
});
