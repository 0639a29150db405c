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
