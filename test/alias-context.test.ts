import { startTestApp, TestApp, bearer } from './support/app';
import { databaseState } from './support/editing';

/**
 * Aliases bound to a context: 市妇联 names Huainan's federation in Huainan's context only.
 * 示例市 is a made-up city (no such place in the seed or the article), standing for any other
 * city that has its own 市妇联.
 */
let app: TestApp;
const editor = bearer('editor', 'test-alias-editor');
const admin = bearer('admin', 'test-alias-admin');
const HUAINAN_WF = 'org-huainan-wf';
const REPORT = 'src-huainan-wf-2024-report';
const MADE_UP_CITY = '示例';

const cleanUp = () =>
  app.graph.write(
    `MATCH (n:Entity) WHERE n.createdBy = 'test-alias-editor' OR n.name STARTS WITH '测试别名' DETACH DELETE n
     WITH count(*) AS done
     MATCH (r:Revision) WHERE r.actor IN ['test-alias-editor', 'test-alias-admin'] DETACH DELETE r`,
  );

beforeAll(async () => {
  app = await startTestApp();
  await cleanUp();
});
afterAll(async () => {
  await cleanUp();
  await app.close();
});

const SEARCH = `query Search($text: String!, $context: ContextInput, $first: Int) {
  search(text: $text, context: $context, first: $first) { score reason matchedOn node { id } }
}`;
const CREATE_ORG = `mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name } }`;
const CREATE_PERSON = `mutation CreatePerson($input: CreatePersonInput!) {
  createPerson(input: $input) { id contextAliases { alias context { kind value organization { id } source { id } } } }
}`;
const UPDATE_PERSON = `mutation UpdatePerson($id: ID!, $input: UpdatePersonInput!) {
  updatePerson(id: $id, input: $input) { id contextAliases { alias context { kind value } } }
}`;
const DUPLICATES = `query Duplicates($name: String!, $context: ContextInput) {
  duplicateCandidates(name: $name, type: ORGANIZATION, context: $context) { reason node { id } }
}`;

async function search(text: string, context?: { place?: string; organizationId?: string; sourceId?: string }) {
  const response = await app.raw(SEARCH, { text, context, first: 20 });
  expect(response.errors).toBeUndefined();
  return response.data.search as { score: number; reason: string; matchedOn: string | null; node: { id: string } }[];
}
const ids = (hits: { node: { id: string } }[]) => hits.map((hit) => hit.node.id);
const codeOf = (response: { errors?: { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions?.code;

/** A made-up city's government, created once, under which that city's own 市妇联 sits. */
let madeUpGovernment: string;
beforeAll(async () => {
  const created = await app.raw(
    CREATE_ORG,
    { input: { name: `${MADE_UP_CITY}市人民政府`, kind: 'GOVERNMENT_BODY', allowDuplicate: true } },
    editor,
  );
  expect(created.errors).toBeUndefined();
  madeUpGovernment = created.data.createOrganization.id;
});

describe('the seed binds 市妇联 to Huainan', () => {
  it('stores 市妇联 and 妇联 as context aliases, and keeps 淮南市妇联 global', async () => {
    const response = await app.raw(`{ organization(id: "${HUAINAN_WF}") { aliases contextAliases { alias context { kind value organization { id } source { id } } } } }`);
    const federation = response.data.organization;
    expect(federation.aliases).toContain('淮南市妇联');
    expect(federation.aliases).not.toContain('市妇联');
    expect(federation.aliases).not.toContain('妇联');
    const bound = federation.contextAliases.filter((b: any) => b.alias === '市妇联');
    expect(bound).toEqual(
      expect.arrayContaining([
        { alias: '市妇联', context: { kind: 'PLACE', value: '淮南', organization: null, source: null } },
        { alias: '市妇联', context: { kind: 'SOURCE', value: REPORT, organization: null, source: { id: REPORT } } },
        { alias: '市妇联', context: { kind: 'ORGANIZATION', value: HUAINAN_WF, organization: { id: HUAINAN_WF }, source: null } },
      ]),
    );
    const [row] = await app.graph.read('MATCH (o:Organization {id: $id}) RETURN o.contextAliases AS a, o.aliasContexts AS c', { id: HUAINAN_WF });
    expect(row.a).toHaveLength(row.c.length);
    expect(row.c).toContain('place:淮南');
  });

  it('binds the other bare short forms too (市委, 市政府, 人社)', async () => {
    const rows = await app.graph.read(
      "MATCH (o:Organization) WHERE any(a IN ['市委', '市政府', '人社', '市中级人民法院'] WHERE a IN o.aliases) RETURN o.id AS id",
    );
    expect(rows).toEqual([]);
    const [bound] = await app.graph.read("MATCH (o:Organization {id: 'org-huainan-cpc-committee'}) RETURN o.contextAliases AS a");
    expect(bound.a).toContain('市委');
  });
});

describe('a researcher searches 市妇联 in a context', () => {
  it('in Huainan (by place, by 淮南市, by the report, from inside the federation) it resolves to Huainan’s federation first', async () => {
    for (const context of [{ place: '淮南' }, { place: '淮南市' }, { sourceId: REPORT }, { organizationId: 'org-huainan-wf-lecture-team' }]) {
      const hits = await search('市妇联', context);
      expect(hits[0]).toMatchObject({ node: { id: HUAINAN_WF }, reason: 'CONTEXT_ALIAS', matchedOn: '市妇联' });
      expect(hits[0].score).toBeGreaterThanOrEqual(2);
    }
  });

  it('without a context it is still found, ranked below exact matches, and says so', async () => {
    const hits = await search('市妇联');
    const huainan = hits.find((hit) => hit.node.id === HUAINAN_WF)!;
    expect(huainan).toMatchObject({ reason: 'CONTEXT_ALIAS_WITHOUT_CONTEXT', matchedOn: '市妇联' });
    expect(huainan.score).toBeGreaterThanOrEqual(1.5);
    expect(huainan.score).toBeLessThan(2);
    const pinyin = await search('shifulian');
    expect(pinyin[0]).toMatchObject({ node: { id: HUAINAN_WF }, reason: 'SEARCH_KEY_WITHOUT_CONTEXT' });
  });

  it('in a made-up city’s context it does not resolve to Huainan’s federation at all', async () => {
    expect(ids(await search('市妇联', { place: MADE_UP_CITY }))).not.toContain(HUAINAN_WF);
    expect(ids(await search('市妇联', { organizationId: madeUpGovernment }))).not.toContain(HUAINAN_WF);
    expect(ids(await search('妇联', { place: MADE_UP_CITY }))).not.toContain(HUAINAN_WF);
  });

  it('global aliases still resolve without and in any context', async () => {
    for (const context of [undefined, { place: MADE_UP_CITY }]) {
      const hits = await search('淮南市妇联', context);
      expect(hits[0]).toMatchObject({ node: { id: HUAINAN_WF }, reason: 'ALIAS' });
    }
  });

  it('a context naming an organization or source that does not exist is NOT_FOUND', async () => {
    for (const context of [{ organizationId: 'org-no-such-body' }, { sourceId: 'src-no-such-report' }]) {
      const response = await app.raw(SEARCH, { text: '市妇联', context });
      expect(codeOf(response)).toBe('NOT_FOUND');
    }
  });
});

describe('duplicate checks weigh the context', () => {
  it('the made-up city can create its own 市妇联 under its own government; a 市妇联 under Huainan’s committee is refused', async () => {
    const own = await app.raw(
      CREATE_ORG,
      { input: { name: '市妇联', kind: 'FEDERATION', parentId: madeUpGovernment, allowDuplicate: false } },
      editor,
    );
    expect(own.errors).toBeUndefined();
    const ownId = own.data.createOrganization.id;
    const [parent] = await app.graph.read('MATCH (:Organization {id: $id})-[:PART_OF]->(p) RETURN p.id AS id', { id: ownId });
    expect(parent.id).toBe(madeUpGovernment);

    // Asked in the made-up city, 市妇联 is that city's; without a context, its exact name outranks Huainan's bound alias.
    expect((await search('市妇联', { organizationId: madeUpGovernment }))[0]).toMatchObject({ node: { id: ownId }, reason: 'NAME' });
    const plain = ids(await search('市妇联'));
    expect(plain.indexOf(ownId)).toBeLessThan(plain.indexOf(HUAINAN_WF));
    expect((await search('市妇联', { place: '淮南' }))[0].node.id).toBe(HUAINAN_WF);

    const before = await databaseState(app);
    const underHuainan = await app.raw(
      CREATE_ORG,
      { input: { name: '市婦聯', kind: 'FEDERATION', parentId: 'org-huainan-cpc-committee', allowDuplicate: false } },
      editor,
    );
    expect(codeOf(underHuainan)).toBe('CONFLICT');
    expect(underHuainan.errors![0].extensions!.candidates.map((c: any) => c.id)).toContain(HUAINAN_WF);
    const citingTheReport = await app.raw(CREATE_ORG, { input: { name: '妇联', kind: 'FEDERATION', sourceIds: [REPORT] } }, editor);
    expect(codeOf(citingTheReport)).toBe('CONFLICT');
    expect(await databaseState(app)).toEqual(before);
  });

  it('duplicateCandidates finds Huainan’s federation for 市妇联 only in Huainan’s context', async () => {
    const inHuainan = await app.raw(DUPLICATES, { name: '市妇联', context: { place: '淮南' } });
    expect(inHuainan.data.duplicateCandidates.map((c: any) => c.node.id)).toContain(HUAINAN_WF);
    expect(inHuainan.data.duplicateCandidates.find((c: any) => c.node.id === HUAINAN_WF).reason).toMatch(/in the context place:淮南/);
    const elsewhere = await app.raw(DUPLICATES, { name: '市妇联', context: { organizationId: madeUpGovernment } });
    expect(elsewhere.data.duplicateCandidates.map((c: any) => c.node.id)).not.toContain(HUAINAN_WF);
    const none = await app.raw(DUPLICATES, { name: '市妇联' });
    expect(none.data.duplicateCandidates.map((c: any) => c.node.id)).not.toContain(HUAINAN_WF);
  });
});

describe('an editor binds aliases to contexts', () => {
  it('creates a person with context aliases, replaces them on update, and undo brings the old ones back', async () => {
    const created = await app.raw(
      CREATE_PERSON,
      {
        input: {
          name: '测试别名王芳',
          contextAliases: [
            { alias: '王主席', context: { organizationId: HUAINAN_WF } },
            { alias: '王主席', context: { sourceId: REPORT } },
          ],
        },
      },
      editor,
    );
    expect(created.errors).toBeUndefined();
    const person = created.data.createPerson;
    expect(person.contextAliases).toEqual([
      { alias: '王主席', context: { kind: 'ORGANIZATION', value: HUAINAN_WF, organization: { id: HUAINAN_WF }, source: null } },
      { alias: '王主席', context: { kind: 'SOURCE', value: REPORT, organization: null, source: { id: REPORT } } },
    ]);
    const hits = await search('王主席', { organizationId: 'org-huainan-wf-lecture-team' });
    expect(hits[0]).toMatchObject({ node: { id: person.id }, reason: 'CONTEXT_ALIAS' });
    expect(ids(await search('王主席', { organizationId: madeUpGovernment }))).not.toContain(person.id);

    const updated = await app.raw(UPDATE_PERSON, { id: person.id, input: { contextAliases: [{ alias: '芳姐', context: { place: '淮南市' } }] } }, editor);
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updatePerson.contextAliases).toEqual([{ alias: '芳姐', context: { kind: 'PLACE', value: '淮南' } }]);

    const history = await app.raw(`{ history(id: "${person.id}") { edges { node { id operation } } } }`);
    const latest = history.data.history.edges[0].node;
    expect(latest.operation).toBe('updatePerson');
    const undone = await app.raw(`mutation { undo(revisionId: "${latest.id}") { id } }`, {}, admin);
    expect(undone.errors).toBeUndefined();
    const [row] = await app.graph.read('MATCH (p:Person {id: $id}) RETURN p.contextAliases AS a, p.aliasContexts AS c', { id: person.id });
    expect(row).toEqual({ a: ['王主席', '王主席'], c: [`org:${HUAINAN_WF}`, `source:${REPORT}`] });
  });

  it.each([
    ['an organization that does not exist', { organizationId: 'org-no-such-body' }, 'NOT_FOUND', /contextAliases\[0\]\.context\.organizationId/],
    ['a source that does not exist', { sourceId: 'src-no-such-report' }, 'NOT_FOUND', /contextAliases\[0\]\.context\.sourceId/],
    ['a source given as organization', { organizationId: REPORT }, 'BAD_USER_INPUT', /must be an organization/],
    ['two contexts at once', { place: '淮南', sourceId: REPORT }, 'BAD_USER_INPUT', /exactly one of place, organizationId and sourceId/],
    ['no context', {}, 'BAD_USER_INPUT', /exactly one of/],
    ['a blank place', { place: '  ' }, 'BAD_USER_INPUT', /whitespace/],
  ])('refuses %s and writes nothing', async (_label, context, code, message) => {
    const before = await databaseState(app);
    const response = await app.raw(CREATE_PERSON, { input: { name: '测试别名李四', contextAliases: [{ alias: '李秘书', context }] } }, editor);
    expect(codeOf(response)).toBe(code);
    expect(response.errors![0].message).toMatch(message);
    expect(await databaseState(app)).toEqual(before);
  });
});
