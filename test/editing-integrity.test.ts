import { startTestApp, TestApp, bearer } from './support/app';
import { removeEditingFixtures } from './support/editing';

/**
 * What an editor's write may never do to the graph (issue 12, items 4–6): lose a concurrent
 * update to an undo, leave a citation naming a source that does not exist, or create a second
 * entity whose name only differs by invisible or look-alike characters.
 */
let app: TestApp;
const editor = bearer('editor', 'test-ed-integrity');
const admin = bearer('admin', 'test-ed-integrity-admin');

type Answer = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
// Digits do not count in a name's pinyin, so fixtures told apart by a number would be duplicates.
const han = (n: number) => [...String(n)].map((d) => '零一二三四五六七八九'[Number(d)]).join('');

const CREATE_PERSON = 'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id name } }';
const UPDATE_PERSON = 'mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id name nameEn } }';
const UNDO = 'mutation($revisionId: ID!) { undo(revisionId: $revisionId) { id operation undoes } }';

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
});
afterAll(async () => {
  await removeEditingFixtures(app);
  await app.close();
});

async function createPerson(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const answer = await app.raw(CREATE_PERSON, { input: { name, allowDuplicate: true, ...extra } }, editor);
  expect(answer.errors).toBeUndefined();
  return answer.data.createPerson.id;
}

async function latestRevision(entityId: string, operation: string): Promise<string> {
  const [row] = await app.graph.read(
    'MATCH (r:Revision {operation: $operation}) WHERE $id IN r.entityIds RETURN r.id AS id ORDER BY r.at DESC, r.seq DESC LIMIT 1',
    { id: entityId, operation },
  );
  return row.id;
}

describe('undo racing an update', () => {
  const ROUNDS = 30;

  it(`${ROUNDS} rounds of undo against a concurrent update: the update is kept or applied after the undo, never lost`, async () => {
    const rounds: { id: string; renameRevision: string }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const id = await createPerson(`测试编辑撤销甲${han(i)}`);
      const renamed = await app.raw(UPDATE_PERSON, { id, input: { name: `测试编辑撤销乙${han(i)}` } }, editor);
      expect(renamed.errors).toBeUndefined();
      rounds.push({ id, renameRevision: await latestRevision(id, 'updatePerson') });
    }
    const outcomes = { undoFirst: 0, updateFirst: 0, lost: 0 };
    for (const [i, { id, renameRevision }] of rounds.entries()) {
      const nameEn = `Racer ${i}`;
      // The update starts a little before, with or after the undo, so every ordering is tried.
      const delay = (i % 3) * 5;
      const [undo, update] = await Promise.all([
        app.raw(UNDO, { revisionId: renameRevision }, admin),
        new Promise((resolve) => setTimeout(resolve, delay)).then(() => app.raw(UPDATE_PERSON, { id, input: { nameEn } }, editor)),
      ]);
      // The update never has a reason to fail: the person exists throughout.
      expect(update.errors).toBeUndefined();
      const [state] = await app.graph.read('MATCH (p:Person {id: $id}) RETURN p.name AS name, p.nameEn AS nameEn', { id });
      const updateRevision = await latestRevision(id, 'updatePerson');
      if (!undo.errors) {
        // Allowed outcome 1: the undo first, then the update on the restored state.
        if (state.nameEn !== nameEn) outcomes.lost += 1;
        else outcomes.undoFirst += 1;
        expect(state).toEqual({ name: `测试编辑撤销甲${han(i)}`, nameEn });
        expect(update.data.updatePerson).toEqual({ id, name: `测试编辑撤销甲${han(i)}`, nameEn });
        expect(undo.data.undo).toMatchObject({ operation: 'undo', undoes: renameRevision });
      } else {
        // Allowed outcome 2: the update first; the undo is refused, naming the update's revision.
        outcomes.updateFirst += 1;
        expect(codeOf(undo)).toBe('CONFLICT');
        expect(undo.errors![0].message).toContain(updateRevision);
        expect(undo.errors![0].extensions!.dependents).toEqual([updateRevision]);
        expect(state).toEqual({ name: `测试编辑撤销乙${han(i)}`, nameEn });
        expect(update.data.updatePerson).toEqual({ id, name: `测试编辑撤销乙${han(i)}`, nameEn });
        const [rename] = await app.graph.read('MATCH (r:Revision {id: $id}) RETURN r.undoneBy AS undoneBy', { id: renameRevision });
        expect(rename.undoneBy).toBeNull();
      }
    }
    process.stderr.write(`[integrity] ${ROUNDS} undo/update races: ${JSON.stringify(outcomes)}\n`);
    expect(outcomes.lost).toBe(0);
  }, 300_000);
});

describe('a citation names a source that exists, exactly as stored', () => {
  const LONE = 'src-huainan-wf-2024-report\ud800';
  const citingFacts = async () =>
    (
      await app.graph.read(
        `CALL () { MATCH (n:Entity) WHERE any(id IN n.sourceIds WHERE id CONTAINS '\uFFFD') RETURN n.id AS fact
                   UNION ALL
                   MATCH (a)-[r]->(b) WHERE any(id IN r.sourceIds WHERE id CONTAINS '\uFFFD') RETURN a.id + ' ' + type(r) + ' ' + b.id AS fact }
         RETURN fact`,
      )
    ).map((row) => row.fact);

  it('a lone surrogate in sourceIds is refused by every citing mutation, and nothing cites U+FFFD', async () => {
    const personId = await createPerson('测试编辑孤代理');
    const answers = [
      await app.raw(CREATE_PERSON, { input: { name: '测试编辑孤代理新', allowDuplicate: true, sourceIds: [LONE] } }, editor),
      await app.raw(UPDATE_PERSON, { id: personId, input: { sourceIds: [LONE] } }, editor),
      await app.raw(
        'mutation($r: ID!, $s: [ID!]) { awardHonor(recipientId: $r, honorId: "honor-sanba-pacesetter", year: 2024, sourceIds: $s) { year } }',
        { r: personId, s: [LONE] },
        editor,
      ),
      await app.raw(
        'mutation($m: ID!, $s: [ID!]) { addMembership(memberId: $m, organizationId: "org-huainan-wf", sourceIds: $s) { role } }',
        { m: personId, s: [LONE] },
        editor,
      ),
    ];
    // NOT_FOUND from the exact comparison here; BAD_USER_INPUT where arguments are checked as text first.
    for (const answer of answers) expect(['NOT_FOUND', 'BAD_USER_INPUT']).toContain(codeOf(answer));
    expect(await citingFacts()).toEqual([]);
    const [created] = await app.graph.read("MATCH (p:Person) WHERE p.name = '测试编辑孤代理新' RETURN count(p) AS count");
    expect(created.count).toBe(0);
  });

  it('a dangling citation, as the attack left one, reads as source null with its sourceId; the rest of the page answers', async () => {
    const personId = await createPerson('测试编辑悬空引用');
    const gone = 'src-test-ed-gone\uFFFD';
    // Written through the driver, as the unchecked write stored it: the source does not exist.
    await app.graph.write(
      `MATCH (p:Person {id: $id}), (h:Honor {id: 'honor-sanba-pacesetter'})
       SET p.sourceIds = ['src-huainan-wf-2024-report', $gone], p.locators = ['¶1', '']
       CREATE (p)-[:RECEIVED {key: 'year:2023', year: 2023, awardKey: $id + '|honor-sanba-pacesetter|2023', sourceIds: [$gone], locators: [''], createdBy: 'test-ed-integrity'}]->(h)`,
      { id: personId, gone },
    );
    // The selection a client had before sourceId existed: it must not fail.
    const page = await app.raw(
      'query($id: ID!) { person(id: $id) { id name sources { locator source { id } } awards { year sources { source { id } } } } }',
      { id: personId },
    );
    expect(page.errors).toBeUndefined();
    expect(page.data.person.sources).toEqual([
      { locator: '¶1', source: { id: 'src-huainan-wf-2024-report' } },
      { locator: '', source: null },
    ]);
    expect(page.data.person.awards).toEqual([{ year: 2023, sources: [{ source: null }] }]);
    const reported = await app.raw('query($id: ID!) { person(id: $id) { sources { sourceId source { id } } } }', { id: personId });
    expect(reported.data.person.sources).toEqual([
      { sourceId: 'src-huainan-wf-2024-report', source: { id: 'src-huainan-wf-2024-report' } },
      { sourceId: gone, source: null },
    ]);
  });

  it('undo refuses to delete a source that a later citation still names', async () => {
    const created = await app.raw('mutation($input: CreateSourceInput!) { createSource(input: $input) { id } }', {
      input: { title: '测试编辑撤销来源', kind: 'NEWS_REPORT', allowDuplicate: true },
    }, editor);
    const sourceId = created.data.createSource.id;
    const personId = await createPerson('测试编辑引用撤销来源');
    expect((await app.raw(UPDATE_PERSON, { id: personId, input: { sourceIds: [sourceId] } }, editor)).errors).toBeUndefined();
    const undo = await app.raw(UNDO, { revisionId: await latestRevision(sourceId, 'createSource') }, admin);
    expect(codeOf(undo)).toBe('CONFLICT');
    expect(undo.errors![0].message).toContain(personId);
    const [left] = await app.graph.read('MATCH (s:Source {id: $id}) RETURN count(s) AS count', { id: sourceId });
    expect(left.count).toBe(1);
  });

  it('an imported row carrying a bidi override or a lone surrogate is refused with the field, and nothing is imported', async () => {
    const before = await app.graph.read("MATCH (n:Entity) WHERE n.name STARTS WITH '测试编辑导入' RETURN count(n) AS count");
    for (const row of [
      { name: '测试编辑导入\u202e甲', honor: 'honor-sanba-pacesetter', year: 2024 },
      { name: '测试编辑导入乙', honor: 'honor-sanba-pacesetter', year: 2024, source: '测试编辑导入来源\udc00' },
    ]) {
      const answer = await app.raw('mutation($rows: [HonoreeRowInput!]!) { importHonorees(rows: $rows) { committed } }', { rows: [row] }, editor);
      expect(codeOf(answer)).toBe('BAD_USER_INPUT');
      expect(answer.errors![0].message).toMatch(/(name|source): must (not contain bidirectional|be well-formed Unicode)/);
    }
    const after = await app.graph.read("MATCH (n:Entity) WHERE n.name STARTS WITH '测试编辑导入' OR n.title STARTS WITH '测试编辑导入' RETURN count(n) AS count");
    expect(after[0].count).toBe(before[0].count);
  });
});

describe('what counts as the same name', () => {
  it.each([
    ['U+202E (right-to-left override)', '何婷婷\u202e'],
    ['U+200B (zero-width space)', '何\u200b婷婷'],
    ['U+FE0F (variation selector)', '何婷婷\ufe0f'],
    ['U+E0101 (variation selector supplement)', '何\u{e0101}婷婷'],
    ['U+2061 (invisible function application)', '何\u2061婷婷'],
    ['U+034F (combining grapheme joiner)', '何婷\u034f婷'],
  ])('a second 何婷婷 spelled with %s is a duplicate of the seeded one', async (_what, name) => {
    const answer = await app.raw(CREATE_PERSON, { input: { name, allowDuplicate: false } }, editor);
    const code = codeOf(answer);
    // Bidi controls may be refused as text before the duplicate check runs; either way no second one.
    if (name.includes('\u202e')) expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(code);
    else expect(code).toBe('CONFLICT');
    if (code === 'CONFLICT') expect(answer.errors![0].extensions!.candidates.map((c: any) => c.id)).toContain('person-he-tingting');
    const [row] = await app.graph.read("MATCH (p:Person) WHERE p.nameKey STARTS WITH '何婷婷' RETURN collect(p.id) AS ids");
    expect(row.ids).toEqual(['person-he-tingting']);
  });

  it('a Latin name written with a Cyrillic look-alike letter is a duplicate candidate and a CONFLICT', async () => {
    await createPerson('Anna Testova');
    const lookAlike = '\u0410nna Testova'; // Cyrillic capital А
    const answer = await app.raw(CREATE_PERSON, { input: { name: lookAlike, allowDuplicate: false } }, editor);
    expect(codeOf(answer)).toBe('CONFLICT');
    expect(answer.errors![0].extensions!.candidates[0]).toMatchObject({ name: 'Anna Testova', reason: expect.stringContaining('confusable') });
    const candidates = await app.raw('query($name: String!) { duplicateCandidates(name: $name, type: PERSON) { node { ... on Person { name } } reason } }', {
      name: lookAlike,
    });
    expect(candidates.data.duplicateCandidates.map((c: any) => c.node.name)).toEqual(['Anna Testova']);
    const [row] = await app.graph.read("MATCH (p:Person) WHERE p.name ENDS WITH 'nna Testova' RETURN count(p) AS count");
    expect(row.count).toBe(1);
  });

  it('keys stored under the old normalization are recomputed once; the key holder keeps its key', async () => {
    const { recomputeNameKeys, NAME_KEY_VERSION } = await import('../src/db/migrations');
    const { nameKey, nameSkeleton } = await import('../src/text/normalize');
    // As the old normalization stored them: the variation selector was part of the key, no skeleton.
    await app.graph.write(
      `CREATE (:Entity:Person {id: 'test-ed-mig-held', name: '测试编辑迁移甲', nameKey: '测试编辑迁移甲', aliases: []})
       CREATE (:Entity:Person {id: 'test-ed-mig-stale', name: '测试编辑迁移甲\uFE0F', nameKey: '测试编辑迁移甲\uFE0F', aliases: []})
       WITH 1 AS one MATCH (l:GraphLock {name: 'name-keys'}) DELETE l`,
    );
    const report = await recomputeNameKeys(app.graph);
    expect(report.changedKeys).toBeGreaterThanOrEqual(1);
    const rows = await app.graph.read("MATCH (p:Person) WHERE p.id STARTS WITH 'test-ed-mig-' RETURN p.id AS id, p.nameKey AS nameKey, p.nameSkeleton AS nameSkeleton ORDER BY id");
    expect(rows).toEqual([
      { id: 'test-ed-mig-held', nameKey: nameKey('测试编辑迁移甲'), nameSkeleton: nameSkeleton('测试编辑迁移甲') },
      { id: 'test-ed-mig-stale', nameKey: `${nameKey('测试编辑迁移甲')}#test-ed-mig-stale`, nameSkeleton: nameSkeleton('测试编辑迁移甲') },
    ]);
    const [seeded] = await app.graph.read("MATCH (p:Person {id: 'person-he-tingting'}) RETURN p.nameSkeleton AS s");
    expect(seeded.s).toBe(nameSkeleton('何婷婷'));
    const [marker] = await app.graph.read("MATCH (l:GraphLock {name: 'name-keys'}) RETURN l.version AS version");
    expect(marker.version).toBe(NAME_KEY_VERSION);
    expect(await recomputeNameKeys(app.graph)).toEqual({ changedKeys: 0, nodes: 0 });
  });
});
