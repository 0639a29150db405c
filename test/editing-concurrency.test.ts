import { startTestApp, TestApp, bearer } from './support/app';
import { removeEditingFixtures } from './support/editing';
import { AddMembershipDocument, AwardHonorDocument, CreatePersonDocument, CreateSourceDocument, MergeEntitiesDocument, UpdatePersonDocument } from './__generated__/graphql';

let app: TestApp;
const editor = bearer('editor', 'test-ed-racer');
const CONCURRENT = 50;

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
});
afterAll(async () => {
  await removeEditingFixtures(app);
  await app.close();
});

describe('consistency under concurrency', () => {
  it(`${CONCURRENT} concurrent creates of the same name leave one node and ${CONCURRENT - 1} CONFLICTs`, async () => {
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, () => app.request(CreatePersonDocument, { input: { name: '测试编辑并发', allowDuplicate: false } }, editor)),
    );
    const ok = responses.filter((r) => !r.errors);
    const codes = responses.filter((r) => r.errors).map((r) => r.errors![0].extensions!.code);
    const byConstraint = responses.filter((r) => r.errors?.[0].extensions!.detectedBy === 'constraint').length;
    process.stderr.write(
      `[concurrency] ${CONCURRENT} creates: ${ok.length} created, ${codes.length} refused (${[...new Set(codes)].join(', ')}; ` +
        `${byConstraint} by the nameKey constraint, ${codes.length - byConstraint} by the candidate check) in ${Date.now() - started} ms\n`,
    );
    expect(ok).toHaveLength(1);
    expect(codes).toEqual(Array(CONCURRENT - 1).fill('CONFLICT'));
    // The losers name the winner, whether they saw it before writing or lost on the constraint.
    const winner = ok[0].data!.createPerson.id;
    for (const response of responses.filter((r) => r.errors)) {
      expect(response.errors![0].extensions!.candidates.map((c: any) => c.id)).toContain(winner);
    }
    const [row] = await app.graph.read("MATCH (n:Person) WHERE n.name = '测试编辑并发' RETURN count(n) AS count");
    expect(row.count).toBe(1);
    const [revisions] = await app.graph.read("MATCH (r:Revision {operation: 'createPerson'}) WHERE $id IN r.entityIds RETURN count(r) AS count", { id: winner });
    expect(revisions.count).toBe(1);
  });

  it(`${CONCURRENT} concurrent identical awardHonor calls leave one edge and one revision`, async () => {
    const person = await app.request(CreatePersonDocument, { input: { name: '测试编辑获奖者', allowDuplicate: false } }, editor);
    const recipientId = person.data!.createPerson.id;
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, () =>
        app.request(AwardHonorDocument, { recipientId, honorId: 'honor-sanba-pacesetter', year: 2025, sourceIds: ['src-huainan-wf-2024-report'] }, editor),
      ),
    );
    const failed = responses.filter((r) => r.errors);
    process.stderr.write(`[concurrency] ${CONCURRENT} identical awardHonor: ${responses.length - failed.length} succeeded, ${failed.length} failed in ${Date.now() - started} ms\n`);
    expect(failed.map((r) => r.errors![0].message)).toEqual([]);
    for (const response of responses) expect(response.data!.awardHonor.year).toBe(2025);
    const [edges] = await app.graph.read(
      "MATCH (:Person {id: $id})-[r:RECEIVED]->(:Honor {id: 'honor-sanba-pacesetter'}) RETURN count(r) AS count, collect(r.sourceIds) AS sources",
      { id: recipientId },
    );
    expect(edges.count).toBe(1);
    expect(edges.sources).toEqual([['src-huainan-wf-2024-report']]);
    const [revisions] = await app.graph.read("MATCH (r:Revision {operation: 'awardHonor'}) WHERE $id IN r.entityIds RETURN count(r) AS count", { id: recipientId });
    expect(revisions.count).toBe(1);
  });

  it('the nameKey constraint refuses a create that slipped past the candidate check', async () => {
    // A node holding the key under another name is invisible to the name scoring, as a
    // concurrent create not yet committed is: only the constraint can stop the second one.
    const { nameKey } = await import('../src/text/normalize');
    await app.graph.write("CREATE (:Entity:Person {id: 'test-ed-key-holder', name: '测试编辑占位', nameKey: $key, aliases: []})", {
      key: nameKey('测试编辑撞键'),
    });
    const response = await app.request(CreatePersonDocument, { input: { name: '测试编辑撞键', allowDuplicate: false } }, editor);
    expect(response.errors![0].extensions).toMatchObject({ code: 'CONFLICT', detectedBy: 'constraint' });
    const [row] = await app.graph.read("MATCH (n:Person) WHERE n.name = '测试编辑撞键' RETURN count(n) AS count");
    expect(row.count).toBe(0);
  });

  it('the database itself refuses a second edge for the same award, whoever writes it', async () => {
    const person = await app.request(CreatePersonDocument, { input: { name: '测试编辑约束', allowDuplicate: false } }, editor);
    const id = person.data!.createPerson.id;
    await app.request(AwardHonorDocument, { recipientId: id, honorId: 'honor-sanba-pacesetter', year: 2024 }, editor);
    await expect(
      app.graph.write(
        `MATCH (p:Person {id: $id}), (h:Honor {id: 'honor-sanba-pacesetter'})
         CREATE (p)-[:RECEIVED {key: 'other', awardKey: $id + '|honor-sanba-pacesetter|2024'}]->(h)`,
        { id },
      ),
    ).rejects.toMatchObject({ code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
  });
});

describe('a citation added while its source is merged away', () => {
  const admin = bearer('admin', 'test-ed-merger');
  const ROUNDS = 20;

  it(`${ROUNDS} rounds of mergeEntities on two sources against concurrent citations of the merged one leave no fact naming it`, async () => {
    const source = async (title: string) =>
      (await app.request(CreateSourceDocument, { input: { title, kind: 'NEWS_REPORT', allowDuplicate: true } }, editor)).data!.createSource.id;
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) {
      const person = await app.request(CreatePersonDocument, { input: { name: `测试编辑引用人${i}`, allowDuplicate: true } }, editor);
      rounds.push({ keepId: await source(`测试编辑来源甲${i}`), mergeId: await source(`测试编辑来源乙${i}`), personId: person.data!.createPerson.id });
    }
    const outcomes: Record<string, number> = {};
    const note = <R extends { errors?: { message: string; extensions?: Record<string, any> }[] }>(what: string, response: R) => {
      const key = `${what} ${response.errors ? response.errors[0].extensions!.code : 'ok'}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      return response;
    };
    const refusals: string[] = [];
    const started = Date.now();
    for (const [i, { keepId, mergeId, personId }] of rounds.entries()) {
      const cites = [
        () => app.request(AwardHonorDocument, { recipientId: personId, honorId: 'honor-sanba-pacesetter', year: 2024, sourceIds: [mergeId] }, editor).then((r) => note('awardHonor', r)),
        () => app.request(UpdatePersonDocument, { id: personId, input: { sourceIds: [mergeId] } }, editor).then((r) => note('updatePerson', r)),
        () => app.request(AddMembershipDocument, { memberId: personId, organizationId: 'org-huainan-wf', role: '会员', sourceIds: [mergeId] }, editor).then((r) => note('addMembership', r)),
        () => app.request(CreatePersonDocument, { input: { name: `测试编辑新引用人${i}`, allowDuplicate: true, sourceIds: [mergeId] } }, editor).then((r) => note('createPerson', r)),
      ];
      // The merge starts a little before, with or after the citations, so every ordering is tried.
      const delay = (i % 4) * 15;
      const merge = new Promise((resolve) => setTimeout(resolve, delay)).then(() => app.request(MergeEntitiesDocument, { keepId, mergeId }, admin));
      const [merged, ...cited] = await Promise.all([merge, ...cites.map((cite) => cite())]);
      expect(merged.errors).toBeUndefined();
      refusals.push(...cited.flatMap((response) => response.errors ?? []).map((error) => `${error.extensions!.code}: ${error.message}`));
    }
    process.stderr.write(`[concurrency] ${ROUNDS} source merges against 4 citations each in ${Date.now() - started} ms: ${JSON.stringify(outcomes)}\n`);

    const mergedIds = rounds.map((r) => r.mergeId);
    const naming = await app.graph.read(
      `CALL () { MATCH (n) WHERE any(id IN n.sourceIds WHERE id IN $ids) RETURN n.id AS fact
                 UNION ALL
                 MATCH (a)-[r]->(b) WHERE any(id IN r.sourceIds WHERE id IN $ids) RETURN a.id + ' ' + type(r) + ' ' + b.id AS fact }
       RETURN fact`,
      { ids: mergedIds },
    );
    expect(naming.map((row) => row.fact)).toEqual([]);
    const [left] = await app.graph.read('MATCH (s:Source) WHERE s.id IN $ids RETURN count(s) AS count', { ids: mergedIds });
    expect(left.count).toBe(0);
    // Each citation either came first (and the merge moved it) or after (and found the source gone).
    for (const refusal of refusals) expect(refusal).toMatch(/^NOT_FOUND: sourceIds "[^"]+" does not exist: it was merged into "[^"]+"$/);
    // A citation that went through names the kept source.
    const persons = await app.graph.read('MATCH (p:Person) WHERE p.id IN $ids RETURN p.id AS id, p.sourceIds AS sourceIds', { ids: rounds.map((r) => r.personId) });
    for (const { id, sourceIds } of persons) {
      const round = rounds.find((r) => r.personId === id)!;
      for (const cited of sourceIds) expect([round.keepId]).toContain(cited);
    }
  }, 300_000);
});
