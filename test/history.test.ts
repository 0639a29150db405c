import { startTestApp, TestApp, bearer } from './support/app';
import { databaseState, removeEditingFixtures } from './support/editing';
import {
  AddMembershipDocument,
  AwardHonorDocument,
  CreateOrganizationDocument,
  CreatePersonDocument,
  HistoryDocument,
  MergeEntitiesDocument,
  PersonAwardsDocument,
  UndoDocument,
  UpdatePersonDocument,
} from './__generated__/graphql';

let app: TestApp;
const editor = bearer('editor', 'test-ed-historian');
const admin = bearer('admin', 'test-ed-chief');
const SOURCE = 'src-huainan-wf-2024-report';

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
});
afterAll(async () => {
  await removeEditingFixtures(app);
  await app.close();
});

const codeOf = (response: { errors?: { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions?.code;

describe('history and undo', () => {
  let id: string;

  it('every change is listed with who, when, what, before and after', async () => {
    const created = await app.request(CreatePersonDocument, { input: { name: '测试编辑李娜', allowDuplicate: false } }, editor);
    id = created.data!.createPerson.id;
    await app.request(UpdatePersonDocument, { id, input: { name: '测试编辑李娜娜' } }, editor);

    // Who made a change is for editors (test/access.test.ts: anonymous readers get actor null).
    const history = await app.request(HistoryDocument, { id }, editor);
    expect(history.errors).toBeUndefined();
    const revisions = history.data!.history.edges.map((e) => e.node);
    expect(history.data!.history.totalCount).toBe(2);
    expect(revisions.map((r) => r.operation)).toEqual(['updatePerson', 'createPerson']);
    expect(revisions[0]).toMatchObject({ actor: 'test-ed-historian', role: 'editor', entityIds: [id] });
    expect(Date.parse(revisions[0].at)).toBeGreaterThan(Date.now() - 5 * 60_000);
    const [update, create] = revisions.map((r) => ({ before: JSON.parse(r.before), after: JSON.parse(r.after) }));
    expect(update.before.nodes[id].props.name).toBe('测试编辑李娜');
    expect(update.after.nodes[id].props.name).toBe('测试编辑李娜娜');
    expect(create.before.nodes[id]).toBeNull();
    expect(create.after.nodes[id].props).toMatchObject({ name: '测试编辑李娜', createdBy: 'test-ed-historian' });
  });

  it('pages through history with first and after', async () => {
    const first = await app.request(HistoryDocument, { id, first: 1 });
    expect(first.data!.history.pageInfo.hasNextPage).toBe(true);
    const second = await app.request(HistoryDocument, { id, first: 1, after: first.data!.history.pageInfo.endCursor });
    expect(second.data!.history.edges.map((e) => e.node.operation)).toEqual(['createPerson']);
    expect(second.data!.history.pageInfo.hasNextPage).toBe(false);
  });

  it('only an admin may undo', async () => {
    const [latest] = (await app.request(HistoryDocument, { id })).data!.history.edges;
    const refused = await app.request(UndoDocument, { revisionId: latest.node.id }, editor);
    expect(codeOf(refused)).toBe('FORBIDDEN');
  });

  it('refuses to undo a change that a later one depends on, and writes nothing', async () => {
    const edges = (await app.request(HistoryDocument, { id })).data!.history.edges;
    const createRevision = edges[1].node.id;
    const before = await databaseState(app);
    const refused = await app.request(UndoDocument, { revisionId: createRevision }, admin);
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors![0].message).toMatch(/^revisionId: later changes depend on revision .*updatePerson/);
    expect(await databaseState(app)).toEqual(before);
  });

  it('undoes the rename, then the creation', async () => {
    const edges = (await app.request(HistoryDocument, { id })).data!.history.edges;
    const undone = await app.request(UndoDocument, { revisionId: edges[0].node.id }, admin);
    expect(undone.errors).toBeUndefined();
    expect(undone.data!.undo).toMatchObject({ operation: 'undo', undoes: edges[0].node.id });
    expect((await app.request(PersonAwardsDocument, { id })).data!.person!.name).toBe('测试编辑李娜');

    const again = await app.request(UndoDocument, { revisionId: edges[0].node.id }, admin);
    expect(codeOf(again)).toBe('CONFLICT');

    const gone = await app.request(UndoDocument, { revisionId: edges[1].node.id }, admin);
    expect(gone.errors).toBeUndefined();
    expect((await app.request(PersonAwardsDocument, { id })).data!.person).toBeNull();
    const history = await app.request(HistoryDocument, { id });
    expect(history.data!.history.edges.map((e) => [e.node.operation, e.node.undoneBy != null])).toEqual([
      ['undo', false],
      ['undo', false],
      ['updatePerson', true],
      ['createPerson', true],
    ]);
  });

  it('an unknown revision is NOT_FOUND', async () => {
    const response = await app.request(UndoDocument, { revisionId: 'rev-test-ed-none' }, admin);
    expect(codeOf(response)).toBe('NOT_FOUND');
    expect(response.errors![0].message).toMatch(/^revisionId/);
  });
});

describe('merging a duplicate', () => {
  let keepId: string;
  let mergeId: string;
  let orgA: string;
  let orgB: string;

  beforeAll(async () => {
    const make = async (name: string) =>
      (await app.request(CreateOrganizationDocument, { input: { name, kind: 'STUDIO', allowDuplicate: true } }, editor)).data!.createOrganization.id;
    orgA = await make('测试编辑甲工作室');
    orgB = await make('测试编辑乙工作室');
    keepId = (await app.request(CreatePersonDocument, { input: { name: '测试编辑王芳', sourceIds: [SOURCE], allowDuplicate: false } }, editor)).data!
      .createPerson.id;
    mergeId = (
      await app.request(CreatePersonDocument, { input: { name: '测试编辑王小芳', nameEn: 'Wang Xiaofang', aliases: ['小芳'], allowDuplicate: true } }, editor)
    ).data!.createPerson.id;
    const sourceB = await app.graph.write(
      "CREATE (s:Entity:Source {id: 'test-ed-src-b', title: '测试编辑来源', name: '测试编辑来源', kind: 'NEWS_REPORT', aliases: []}) RETURN s.id AS id",
    );
    expect(sourceB).toHaveLength(1);
    await app.request(AwardHonorDocument, { recipientId: keepId, honorId: 'honor-sanba-pacesetter', year: 2024, sourceIds: [SOURCE] }, editor);
    await app.request(AwardHonorDocument, { recipientId: mergeId, honorId: 'honor-sanba-pacesetter', year: 2024, sourceIds: ['test-ed-src-b'] }, editor);
    await app.request(AwardHonorDocument, { recipientId: mergeId, honorId: 'honor-sanba-pacesetter', year: 2022 }, editor);
    await app.request(AddMembershipDocument, { memberId: keepId, organizationId: orgA, role: '成员' }, editor);
    await app.request(AddMembershipDocument, { memberId: mergeId, organizationId: orgB, role: '执委', since: '2020' }, editor);
  });

  it('keeps the union of relationships and properties, and the merged name as an alias', async () => {
    const merged = await app.request(MergeEntitiesDocument, { keepId, mergeId }, admin);
    expect(merged.errors).toBeUndefined();
    const person = merged.data!.mergeEntities as any;
    expect(person.id).toBe(keepId);
    expect(person.name).toBe('测试编辑王芳');
    expect(person.aliases).toEqual(expect.arrayContaining(['测试编辑王小芳', '小芳']));
    expect(person.awards.map((a: any) => [a.year, a.sources.map((s: any) => s.source.id)])).toEqual([
      [2024, [SOURCE, 'test-ed-src-b']],
      [2022, []],
    ]);
    expect(person.memberships.map((m: any) => [m.organization.id, m.role]).sort()).toEqual([
      [orgA, '成员'],
      [orgB, '执委'],
    ].sort());
    expect((await app.request(PersonAwardsDocument, { id: mergeId })).data!.person).toBeNull();
    const [props] = await app.graph.read('MATCH (p:Person {id: $id}) RETURN p.nameEn AS nameEn, p.mergedIds AS mergedIds', { id: keepId });
    expect(props).toEqual({ nameEn: 'Wang Xiaofang', mergedIds: [mergeId] });
    const [edges] = await app.graph.read(
      "MATCH (:Person {id: $id})-[r:RECEIVED]->() RETURN count(r) AS count, collect(r.awardKey) AS keys",
      { id: keepId },
    );
    expect(edges.count).toBe(2);
    expect(edges.keys.every((key: string) => key.startsWith(`${keepId}|`))).toBe(true);
    // The kept node's history now also lists what was done to the merged one.
    const history = await app.request(HistoryDocument, { id: keepId, first: 50 });
    const operations = history.data!.history.edges.map((e) => [e.node.operation, e.node.entityIds.includes(mergeId)]);
    expect(operations[0]).toEqual(['mergeEntities', true]);
    expect(operations).toContainEqual(['createPerson', true]);
  });

  it('the merge shows in the history of both ids and can be undone', async () => {
    const history = await app.request(HistoryDocument, { id: mergeId });
    const merge = history.data!.history.edges[0].node;
    expect(merge.operation).toBe('mergeEntities');
    expect(merge.entityIds).toEqual(expect.arrayContaining([keepId, mergeId]));
    const undone = await app.request(UndoDocument, { revisionId: merge.id }, admin);
    expect(undone.errors).toBeUndefined();
    const restored = await app.request(PersonAwardsDocument, { id: mergeId });
    expect(restored.data!.person!.name).toBe('测试编辑王小芳');
    expect(restored.data!.person!.awards.map((a) => a.year)).toEqual([2024, 2022]);
    expect(restored.data!.person!.memberships.map((m) => m.organization.id)).toEqual([orgB]);
    const kept = await app.request(PersonAwardsDocument, { id: keepId });
    expect(kept.data!.person!.awards.map((a) => a.year)).toEqual([2024]);
    expect(kept.data!.person!.aliases).not.toContain('测试编辑王小芳');
  });
});
