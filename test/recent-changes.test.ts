import { startTestApp, TestApp, bearer } from './support/app';
import { removeEditingFixtures } from './support/editing';
import { AwardHonorDocument, CreatePersonDocument, RecentChangesDocument, UndoDocument, UpdatePersonDocument } from './__generated__/graphql';

/** recentChanges: every revision of the graph, newest first, filtered, paged stably, with a readable diff. */
let app: TestApp;
const SUB = 'test-ed-recent';
const editor = bearer('editor', SUB);
const admin = bearer('admin', 'test-ed-recent-chief');
const HONOR = 'honor-sanba-pacesetter';

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
});
afterAll(async () => {
  await removeEditingFixtures(app);
  await app.close();
});

const codeOf = (response: { errors?: { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions?.code;

describe('recent changes across the graph', () => {
  let personId: string;
  let otherId: string;

  beforeAll(async () => {
    const created = await app.request(CreatePersonDocument, { input: { name: '测试编辑近况甲' } }, editor);
    personId = created.data!.createPerson.id;
    const other = await app.request(CreatePersonDocument, { input: { name: '测试编辑近况乙' } }, editor);
    otherId = other.data!.createPerson.id;
    await app.request(UpdatePersonDocument, { id: personId, input: { name: '测试编辑近况甲甲', aliases: ['测试编辑甲'] } }, editor);
    const award = await app.request(AwardHonorDocument, { recipientId: otherId, honorId: HONOR, year: 2024 }, editor);
    expect(award.errors).toBeUndefined();
  });

  it('lists an editor’s changes newest first, with who, the operation and a readable diff by name', async () => {
    const response = await app.request(RecentChangesDocument, { actor: SUB }, editor);
    expect(response.errors).toBeUndefined();
    const { totalCount, edges } = response.data!.recentChanges;
    expect(totalCount).toBe(4);
    expect(edges.map((e) => e.node.operation)).toEqual(['awardHonor', 'updatePerson', 'createPerson', 'createPerson']);
    expect(edges.every((e) => e.node.actor === SUB && e.node.role === 'editor')).toBe(true);
    const ats = edges.map((e) => Date.parse(e.node.at));
    expect([...ats].sort((a, b) => b - a)).toEqual(ats);

    const [award, update, createOther] = edges.map((e) => e.node);
    // The award: one relationship added, its ends named as the graph names them now.
    const added = award.changes.find((c) => c.relationship === 'RECEIVED')!;
    expect(added).toMatchObject({ action: 'ADDED', entityId: null, fromId: otherId, toId: HONOR });
    expect(added.properties).toEqual(expect.arrayContaining([{ name: 'year', before: null, after: '2024' }]));
    expect(added.properties.map((p) => p.name)).not.toContain('awardKey');
    expect(award.entities).toEqual(expect.arrayContaining([
      { id: otherId, name: '测试编辑近况乙', type: 'Person', exists: true },
      { id: HONOR, name: '三八红旗手', type: 'Honor', exists: true },
    ]));
    // The update: the name and the aliases changed, the derived keys left out.
    const changed = update.changes.find((c) => c.entityId === personId)!;
    expect(changed.action).toBe('CHANGED');
    expect(changed.labels).toContain('Person');
    expect(changed.properties).toEqual(expect.arrayContaining([
      { name: 'name', before: JSON.stringify('测试编辑近况甲'), after: JSON.stringify('测试编辑近况甲甲') },
      expect.objectContaining({ name: 'aliases', after: expect.stringContaining('测试编辑甲') }),
    ]));
    expect(changed.properties.map((p) => p.name)).not.toEqual(expect.arrayContaining(['nameKey']));
    expect(changed.properties.map((p) => p.name).filter((n) => /Key|Text|Skeleton/.test(n))).toEqual([]);
    expect(createOther.changes[0]).toMatchObject({ action: 'ADDED', entityId: otherId });
    expect(createOther.changes[0].properties).toEqual(expect.arrayContaining([{ name: 'name', before: null, after: JSON.stringify('测试编辑近况乙') }]));
  });

  it('filters by operation', async () => {
    const response = await app.request(RecentChangesDocument, { actor: SUB, operations: ['createPerson'] }, editor);
    expect(response.data!.recentChanges.totalCount).toBe(2);
    expect(response.data!.recentChanges.edges.map((e) => e.node.entityIds)).toEqual([[otherId], [personId]]);
    // Without the actor filter the operation filter alone holds too: only awards.
    const awards = await app.request(RecentChangesDocument, { operations: ['awardHonor'], first: 5 }, editor);
    expect(awards.data!.recentChanges.edges.length).toBeGreaterThan(0);
    expect(awards.data!.recentChanges.edges.every((e) => e.node.operation === 'awardHonor')).toBe(true);
  });

  it('pages stably: a change made between two pages does not repeat or skip a revision', async () => {
    const first = await app.request(RecentChangesDocument, { actor: SUB, first: 2 }, editor);
    expect(first.data!.recentChanges.pageInfo.hasNextPage).toBe(true);
    const seen = first.data!.recentChanges.edges.map((e) => e.node.id);
    // A new revision arrives at the top while the editor reads page one.
    await app.request(UpdatePersonDocument, { id: otherId, input: { nameEn: 'Test Recent B' } }, editor);
    const second = await app.request(RecentChangesDocument, { actor: SUB, first: 2, after: first.data!.recentChanges.pageInfo.endCursor }, editor);
    expect(second.data!.recentChanges.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const rest = second.data!.recentChanges.edges.map((e) => e.node);
    expect(rest.map((r) => r.operation)).toEqual(['createPerson', 'createPerson']);
    expect(rest.map((r) => r.id).filter((id) => seen.includes(id))).toEqual([]);
    const all = await app.request(RecentChangesDocument, { actor: SUB }, editor);
    expect(all.data!.recentChanges.edges.map((e) => e.node.operation)[0]).toBe('updatePerson');
    expect(all.data!.recentChanges.totalCount).toBe(5);
  });

  it('shows an undo and what it undid; a deleted entity keeps the name its revision recorded', async () => {
    const [create] = (await app.request(RecentChangesDocument, { actor: SUB, operations: ['createPerson'], first: 1 }, editor)).data!.recentChanges.edges.map((e) => e.node);
    expect(create.entityIds).toEqual([otherId]);
    // Undo the award, the update and then the creation of 乙 (newest first, as undo requires).
    const mine = (await app.request(RecentChangesDocument, { actor: SUB }, editor)).data!.recentChanges.edges.map((e) => e.node);
    for (const revision of mine.filter((r) => r.entityIds.includes(otherId))) {
      const undone = await app.request(UndoDocument, { revisionId: revision.id }, admin);
      expect(undone.errors).toBeUndefined();
    }
    const undos = await app.request(RecentChangesDocument, { actor: 'test-ed-recent-chief', operations: ['undo'], first: 1 }, admin);
    const last = undos.data!.recentChanges.edges[0].node;
    expect(last.undoes).toBe(create.id);
    expect(last.changes[0]).toMatchObject({ action: 'REMOVED', entityId: otherId });
    expect(last.entities).toEqual([{ id: otherId, name: '测试编辑近况乙', type: 'Person', exists: false }]);
    const createdAgain = await app.request(RecentChangesDocument, { actor: SUB, operations: ['createPerson'], first: 1 }, editor);
    expect(createdAgain.data!.recentChanges.edges[0].node.undoneBy).toBe(last.id);
  });

  it('shows who made a change only to editors and admins, and refuses an actor filter to anyone else', async () => {
    const anonymous = await app.request(RecentChangesDocument, { operations: ['createPerson'], first: 3 });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data!.recentChanges.edges.every((e) => e.node.actor === null)).toBe(true);
    const props = anonymous.data!.recentChanges.edges.flatMap((e) => e.node.changes.flatMap((c) => c.properties.map((p) => p.name)));
    expect(props).not.toContain('createdBy');
    const viewer = bearer('viewer', 'test-ed-recent-viewer');
    expect(codeOf(await app.request(RecentChangesDocument, { actor: SUB }, viewer))).toBe('FORBIDDEN');
    expect(codeOf(await app.request(RecentChangesDocument, { actor: SUB }))).toBe('FORBIDDEN');
  });

  it('is bounded: first at most 100, at most 50 operations, a cursor it issued', async () => {
    const big = await app.request(RecentChangesDocument, { first: 101 });
    expect(codeOf(big)).toBe('BAD_USER_INPUT');
    expect(big.errors![0].message).toMatch(/^first: must be at most 100/);
    const many = await app.request(RecentChangesDocument, { operations: Array.from({ length: 51 }, (_, i) => `op${i}`) });
    expect(codeOf(many)).toBe('BAD_USER_INPUT');
    expect(many.errors![0].extensions!.field).toMatch(/operations/);
    const blank = await app.request(RecentChangesDocument, { operations: [''] });
    expect(codeOf(blank)).toBe('BAD_USER_INPUT');
    const forged = await app.request(RecentChangesDocument, { after: Buffer.from('["x",1]').toString('base64url') });
    expect(codeOf(forged)).toBe('BAD_USER_INPUT');
  });
});
