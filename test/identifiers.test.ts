import { bearer, startTestApp, TestApp } from './support/app';
import { databaseState } from './support/editing';
import { parseExternalId, usccProblem, usccCheckCharacter } from '../src/identifiers/external-id';
import { Snapshot, citedIds, referencedIds, withMergedSourcesReplaced } from '../src/editing/snapshot';
import { readMigrations } from '../src/db/migrations';

let app: TestApp;
const editor = bearer('editor', 'test-ident-editor');
const admin = bearer('admin', 'test-ident-admin');
const REPORT = 'src-huainan-wf-2024-report';
const ORG = 'test-ident-org';
const OTHER = 'test-ident-other';
const PERSON = 'test-ident-person';
/** Tencent's code as published: a real USCC whose check character the parser must accept. */
const TENCENT_USCC = '9144030071526726XG';

const ID_FIELDS = 'externalIds { kind value iri stored sources { sourceId locator } }';
const ADD = `mutation ($entityId: ID!, $externalId: String!, $sourceId: ID, $locator: String) {
  addExternalId(entityId: $entityId, externalId: $externalId, sourceId: $sourceId, locator: $locator) {
    revisionId externalId { kind value iri stored sources { sourceId locator } }
    entity { id ... on Organization { ${ID_FIELDS} } ... on Person { ${ID_FIELDS} } }
  } }`;
const REMOVE = `mutation ($entityId: ID!, $externalId: String!) { removeExternalId(entityId: $entityId, externalId: $externalId) {
  revisionId externalId { stored } entity { id ... on Organization { ${ID_FIELDS} } } } }`;
const LOOKUP = 'query ($id: String!) { nodeByExternalId(externalId: $id) { id } }';

const lookup = async (id: string) => {
  const response = await app.raw(LOOKUP, { id });
  expect(response.errors).toBeUndefined();
  return response.data.nodeByExternalId?.id ?? null;
};
const codeOf = (response: { errors?: { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions?.code;

async function cleanUp() {
  await app.graph.write("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-ident-' DETACH DELETE n");
  await app.graph.write("MATCH (r:Revision) WHERE r.actor IN ['test-ident-editor', 'test-ident-admin'] DETACH DELETE r");
}

beforeAll(async () => {
  app = await startTestApp();
  await cleanUp();
  await app.graph.write(
    `CREATE (:Entity:Organization {id: $org, name: '测试标识妇联', aliases: [], kind: 'FEDERATION', createdAt: datetime()})
     CREATE (:Entity:Organization {id: $other, name: '测试标识协会', aliases: [], kind: 'ASSOCIATION', createdAt: datetime()})
     CREATE (:Entity:Person {id: $person, name: '测试标识人', aliases: [], createdAt: datetime()})`,
    { org: ORG, other: OTHER, person: PERSON },
  );
});
afterAll(async () => {
  await cleanUp();
  await app.close();
});

describe('identifiers are read in every form people write them', () => {
  it('a Wikidata id as Q42, as its entity IRI or as its page is one stored IRI', () => {
    for (const form of ['Q42', 'q42', ' Q42 ', 'http://www.wikidata.org/entity/Q42', 'https://www.wikidata.org/entity/Q42', 'https://www.wikidata.org/wiki/Q42']) {
      expect(parseExternalId(form)).toEqual({ kind: 'WIKIDATA', stored: 'http://www.wikidata.org/entity/Q42', value: 'Q42', iri: 'http://www.wikidata.org/entity/Q42' });
    }
    expect(() => parseExternalId('Q042')).toThrow(/leading zeros/);
    expect(() => parseExternalId('https://www.wikidata.org/wiki/Special:Search')).toThrow(/names no item/);
  });

  it('a website is its normalized URL; other schemes, spaces and credentials are refused', () => {
    expect(parseExternalId('HTTPS://WWW.Example.ORG#top').stored).toBe('https://www.example.org/');
    expect(parseExternalId('http://www.example.org/a?b=1').kind).toBe('WEBSITE');
    expect(() => parseExternalId('ftp://example.org/')).toThrow(/neither/);
    expect(() => parseExternalId('https://exa mple.org/')).toThrow(/spaces/);
    expect(() => parseExternalId('https://user:pw@example.org/')).toThrow(/password/);
    expect(() => parseExternalId('https://localhost/')).toThrow(/domain/);
    expect(() => parseExternalId(`https://example.org/${'a'.repeat(600)}`)).toThrow(/at most 500/);
  });

  it('a Unified Social Credit Code must have a right check character (GB 32100-2015)', () => {
    // Published codes (Tencent, Alibaba, the standard's example) pass; one changed character fails.
    for (const code of [TENCENT_USCC, '91330100716105852F', '91350100M000100Y43']) expect(usccProblem(code)).toBeNull();
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccProblem('91350100M000100Y44')).toMatch(/check character is wrong: 91350100M000100Y4 ends in 3, not 4/);
    expect(usccProblem('91350100M000100I43')).toMatch(/"I" is not a character/);
    expect(parseExternalId(`uscc:${TENCENT_USCC.toLowerCase()}`)).toEqual({ kind: 'USCC', stored: `uscc:${TENCENT_USCC}`, value: TENCENT_USCC, iri: null });
    expect(() => parseExternalId('9144030071526726X')).toThrow(/neither/);
  });
});

describe('an editor gives entities identifiers, cited like any fact', () => {
  it('adds a Wikidata id with its source, and nodeByExternalId finds the entity by the QID, the IRI and the page', async () => {
    const added = await app.raw(ADD, { entityId: ORG, externalId: 'Q123456789', sourceId: REPORT, locator: '¶2' }, editor);
    expect(added.errors).toBeUndefined();
    const wikidata = { kind: 'WIKIDATA', value: 'Q123456789', iri: 'http://www.wikidata.org/entity/Q123456789', stored: 'http://www.wikidata.org/entity/Q123456789', sources: [{ sourceId: REPORT, locator: '¶2' }] };
    expect(added.data.addExternalId).toMatchObject({ revisionId: expect.stringMatching(/^rev-/), externalId: wikidata, entity: { id: ORG, externalIds: [wikidata] } });
    for (const form of ['Q123456789', 'http://www.wikidata.org/entity/Q123456789', 'https://www.wikidata.org/wiki/Q123456789']) expect(await lookup(form)).toBe(ORG);
    expect(await lookup('Q987654321')).toBeNull();

    // Again with the same citation: nothing changes, no revision.
    const again = await app.raw(ADD, { entityId: ORG, externalId: 'https://www.wikidata.org/wiki/Q123456789', sourceId: REPORT, locator: '¶2' }, editor);
    expect(again.data.addExternalId.revisionId).toBeNull();
    expect(again.data.addExternalId.entity.externalIds).toHaveLength(1);

    const history = await app.raw(`{ history(id: "${ORG}") { edges { node { operation actor } } } }`, {}, editor);
    expect(history.data.history.edges.map((e: any) => e.node)).toEqual([{ operation: 'addExternalId', actor: 'test-ident-editor' }]);
  });

  it('adds a website and a USCC to an organization; each is found by its own form', async () => {
    const site = await app.raw(ADD, { entityId: ORG, externalId: 'https://www.test-ident.example.org' }, editor);
    expect(site.errors).toBeUndefined();
    const code = await app.raw(ADD, { entityId: ORG, externalId: TENCENT_USCC, sourceId: REPORT }, editor);
    expect(code.errors).toBeUndefined();
    expect(code.data.addExternalId.entity.externalIds.map((x: any) => [x.kind, x.value, x.sources])).toEqual([
      ['WIKIDATA', 'Q123456789', [{ sourceId: REPORT, locator: '¶2' }]],
      ['WEBSITE', 'https://www.test-ident.example.org/', []],
      ['USCC', TENCENT_USCC, [{ sourceId: REPORT, locator: null }]],
    ]);
    expect(await lookup('https://www.test-ident.example.org/')).toBe(ORG);
    expect(await lookup(TENCENT_USCC)).toBe(ORG);
    expect(await lookup(`uscc:${TENCENT_USCC}`)).toBe(ORG);
    // Stored for the index, never shown: the field is derived.
    const [row] = await app.graph.read('MATCH (n {id: $id}) RETURN n.externalIdText AS text', { id: ORG });
    expect(row.text).toBe(`http://www.wikidata.org/entity/Q123456789 https://www.test-ident.example.org/ uscc:${TENCENT_USCC}`);
  });

  it('an identifier names one node: giving it to a second one is CONFLICT and writes nothing', async () => {
    const before = await databaseState(app);
    for (const form of ['Q123456789', 'http://www.wikidata.org/entity/Q123456789', TENCENT_USCC]) {
      const response = await app.raw(ADD, { entityId: OTHER, externalId: form }, editor);
      expect(codeOf(response)).toBe('CONFLICT');
      expect(response.errors![0].message).toMatch(new RegExp(`already identifies "${ORG}"`));
      expect(response.errors![0].extensions!.holderId).toBe(ORG);
    }
    expect(await databaseState(app)).toEqual(before);
  });

  it('two editors racing to give one new identifier to two nodes: one wins, the other gets CONFLICT', async () => {
    const [a, b] = await Promise.all([
      app.raw(ADD, { entityId: ORG, externalId: 'Q55555' }, editor),
      app.raw(ADD, { entityId: OTHER, externalId: 'Q55555' }, editor),
    ]);
    expect([a, b].map(codeOf).sort()).toEqual(['CONFLICT', undefined]);
    const [row] = await app.graph.read("MATCH (n:Entity) WHERE 'http://www.wikidata.org/entity/Q55555' IN n.externalIds RETURN count(n) AS holders");
    expect(row.holders).toBe(1);
    const winner = a.errors ? OTHER : ORG;
    expect((await app.raw(REMOVE, { entityId: winner, externalId: 'Q55555' }, editor)).errors).toBeUndefined();
  });

  it.each([
    ['a USCC on a person', { entityId: PERSON, externalId: TENCENT_USCC.replace(/.$/, 'X') }, 'BAD_USER_INPUT', /externalId: the check character is wrong/],
    ['a USCC (a right one) on a person', { entityId: PERSON, externalId: '91330100716105852F' }, 'BAD_USER_INPUT', /names an organization, but "test-ident-person" is a Person/],
    ['text that is no identifier', { entityId: ORG, externalId: 'not an id' }, 'BAD_USER_INPUT', /externalId: must not hold spaces/],
    ['an empty identifier', { entityId: ORG, externalId: '  ' }, 'BAD_USER_INPUT', /externalId: must not be empty/],
    ['a locator without a source', { entityId: ORG, externalId: 'Q77', locator: '¶1' }, 'BAD_USER_INPUT', /locator: needs a sourceId/],
    ['a locator over 200 characters', { entityId: ORG, externalId: 'Q77', sourceId: REPORT, locator: 'x'.repeat(201) }, 'BAD_USER_INPUT', /locator: must be at most 200/],
    ['a source that does not exist', { entityId: ORG, externalId: 'Q77', sourceId: 'src-test-ident-none' }, 'NOT_FOUND', /sourceId "src-test-ident-none" does not exist/],
    ['an entity that does not exist', { entityId: 'test-ident-none', externalId: 'Q77' }, 'NOT_FOUND', /entityId "test-ident-none" does not exist/],
  ])('refuses %s and writes nothing', async (_label, variables, code, message) => {
    const before = await databaseState(app);
    const response = await app.raw(ADD, variables, editor);
    expect(codeOf(response)).toBe(code);
    expect(response.errors![0].message).toMatch(message);
    expect(await databaseState(app)).toEqual(before);
  });

  it('a reader cannot add one, and a lookup of no identifier at all is BAD_USER_INPUT', async () => {
    const anonymous = await app.raw(ADD, { entityId: ORG, externalId: 'Q78' });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    const bad = await app.raw(LOOKUP, { id: 'mailto:someone@example.org' });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });

  it('removes one (a revision), and undo brings it back, found again', async () => {
    const removed = await app.raw(REMOVE, { entityId: ORG, externalId: 'https://www.test-ident.example.org/' }, editor);
    expect(removed.errors).toBeUndefined();
    expect(removed.data.removeExternalId.entity.externalIds.map((x: any) => x.kind)).toEqual(['WIKIDATA', 'USCC']);
    expect(await lookup('https://www.test-ident.example.org/')).toBeNull();
    const missing = await app.raw(REMOVE, { entityId: ORG, externalId: 'https://www.test-ident.example.org/' }, editor);
    expect(codeOf(missing)).toBe('NOT_FOUND');

    const undone = await app.raw(`mutation { undo(revisionId: "${removed.data.removeExternalId.revisionId}") { id } }`, {}, admin);
    expect(undone.errors).toBeUndefined();
    expect(await lookup('https://www.test-ident.example.org/')).toBe(ORG);
    const read = await app.raw(`{ organization(id: "${ORG}") { ${ID_FIELDS} } }`);
    expect(read.data.organization.externalIds.map((x: any) => x.kind)).toEqual(['WIKIDATA', 'WEBSITE', 'USCC']);
  });

  it('a merge keeps both nodes\' identifiers, and the merged one\'s now finds the kept node', async () => {
    expect((await app.raw(ADD, { entityId: OTHER, externalId: 'Q66666', sourceId: REPORT, locator: '¶7' }, editor)).errors).toBeUndefined();
    // The preview says the identifiers are united: the merged one's gained, none "lost".
    const preview = await app.raw(`{ mergePreview(keepId: "${ORG}", mergeId: "${OTHER}") { filled { property value } conflicts { property message } } }`, {}, admin);
    expect(preview.errors).toBeUndefined();
    expect(preview.data.mergePreview.filled.filter((f: any) => f.property.startsWith('externalId'))).toEqual([{ property: 'externalIds', value: 'http://www.wikidata.org/entity/Q66666' }]);
    expect(preview.data.mergePreview.conflicts.filter((c: any) => /externalId/.test(c.property ?? c.message))).toEqual([]);
    const merged = await app.raw(`mutation { mergeEntities(keepId: "${ORG}", mergeId: "${OTHER}") { id } }`, {}, admin);
    expect(merged.errors).toBeUndefined();
    const read = await app.raw(`{ organization(id: "${ORG}") { ${ID_FIELDS} } }`);
    expect(read.data.organization.externalIds.map((x: any) => [x.value, x.sources])).toEqual([
      ['Q123456789', [{ sourceId: REPORT, locator: '¶2' }]],
      ['https://www.test-ident.example.org/', []],
      [TENCENT_USCC, [{ sourceId: REPORT, locator: null }]],
      ['Q66666', [{ sourceId: REPORT, locator: '¶7' }]],
    ]);
    expect(await lookup('Q66666')).toBe(ORG);
  });
});

describe('undo keeps an identifier on one node', () => {
  const A = 'test-ident-undo-a';
  const B = 'test-ident-undo-b';
  const UNDO = 'mutation ($revisionId: ID!) { undo(revisionId: $revisionId) { id } }';

  beforeAll(async () => {
    await app.graph.write(
      `CREATE (:Entity:Person {id: $a, name: '测试标识撤销甲', aliases: [], createdAt: datetime()})
       CREATE (:Entity:Person {id: $b, name: '测试标识撤销乙', aliases: [], createdAt: datetime()})`,
      { a: A, b: B },
    );
  });

  it('undoing a removal whose identifier another node holds now is CONFLICT naming both, and writes nothing', async () => {
    expect((await app.raw(ADD, { entityId: A, externalId: 'Q70001' }, editor)).errors).toBeUndefined();
    const removed = await app.raw(REMOVE, { entityId: A, externalId: 'Q70001' }, editor);
    expect(removed.errors).toBeUndefined();
    expect((await app.raw(ADD, { entityId: B, externalId: 'Q70001' }, editor)).errors).toBeUndefined();

    const before = await databaseState(app);
    const undone = await app.raw(UNDO, { revisionId: removed.data.removeExternalId.revisionId }, admin);
    expect(codeOf(undone)).toBe('CONFLICT');
    expect(undone.errors![0].message).toMatch(/would give http:\/\/www\.wikidata\.org\/entity\/Q70001 back to "test-ident-undo-a", but "test-ident-undo-b" holds it now/);
    expect(undone.errors![0].extensions).toMatchObject({ externalId: 'http://www.wikidata.org/entity/Q70001', holderId: B, entityId: A });
    expect(await databaseState(app)).toEqual(before);
    expect(await lookup('Q70001')).toBe(B);

    // Once the other node gives it up, the same undo goes through.
    expect((await app.raw(REMOVE, { entityId: B, externalId: 'Q70001' }, editor)).errors).toBeUndefined();
    expect((await app.raw(UNDO, { revisionId: removed.data.removeExternalId.revisionId }, admin)).errors).toBeUndefined();
    expect(await lookup('Q70001')).toBe(A);
  });

  it('an undo racing an editor who gives the identifier to another node: one wins, one holder', async () => {
    const removed = await app.raw(REMOVE, { entityId: A, externalId: 'Q70001' }, editor);
    expect(removed.errors).toBeUndefined();
    const [undone, added] = await Promise.all([
      app.raw(UNDO, { revisionId: removed.data.removeExternalId.revisionId }, admin),
      app.raw(ADD, { entityId: B, externalId: 'Q70001' }, editor),
    ]);
    expect([undone, added].map(codeOf).sort()).toEqual(['CONFLICT', undefined]);
    const [row] = await app.graph.read("MATCH (n:Entity) WHERE 'http://www.wikidata.org/entity/Q70001' IN n.externalIds RETURN collect(n.id) AS holders");
    expect(row.holders).toEqual([undone.errors ? B : A]);
  });
});

describe('a source an identifier cites is handled like any cited source', () => {
  const ENTITY = 'test-ident-cited';
  const KEEP = 'test-ident-src-keep';
  const GONE = 'test-ident-src-gone';
  const UNDO = 'mutation ($revisionId: ID!) { undo(revisionId: $revisionId) { id } }';
  const mention = async (sourceId: string) => {
    const rows = await app.graph.read('MATCH (:Source {id: $sourceId})-[m:MENTIONS]->(:Entity {id: $id}) RETURN m.sourceIds AS sourceIds, m.locators AS locators', {
      sourceId,
      id: ENTITY,
    });
    return rows.length ? rows : null;
  };
  const identifiers = async () => {
    const [row] = await app.graph.read('MATCH (n:Entity {id: $id}) RETURN n.externalIds AS ids, n.externalIdSourceIds AS sources, n.externalIdLocators AS locators', { id: ENTITY });
    return row;
  };

  beforeAll(async () => {
    await app.graph.write(
      `CREATE (:Entity:Person {id: $entity, name: '测试标识被引人', aliases: [], sourceIds: [$keep], locators: ['¶1'], createdAt: datetime()})
       CREATE (:Entity:Source {id: $keep, name: '测试标识来源甲', title: '测试标识来源甲', aliases: [], kind: 'NEWS_REPORT', createdAt: datetime()})
       CREATE (:Entity:Source {id: $gone, name: '测试标识来源乙', title: '测试标识来源乙', aliases: [], kind: 'NEWS_REPORT', createdAt: datetime()})`,
      { entity: ENTITY, keep: KEEP, gone: GONE },
    );
  });

  it('the source MENTIONS the entity at the cited place, and no longer once the identifier goes', async () => {
    const added = await app.raw(ADD, { entityId: ENTITY, externalId: 'Q70002', sourceId: GONE, locator: '¶4' }, editor);
    expect(added.errors).toBeUndefined();
    expect(await mention(GONE)).toEqual([{ sourceIds: [GONE], locators: ['¶4'] }]);
    // Citing the source the entity already cites adds the place to its one MENTIONS.
    expect((await app.raw(ADD, { entityId: ENTITY, externalId: 'Q70003', sourceId: KEEP, locator: '¶6' }, editor)).errors).toBeUndefined();
    expect(await mention(KEEP)).toEqual([{ sourceIds: [KEEP, KEEP], locators: ['¶1', '¶6'] }]);
    // Moving Q70003's citation to the other source: the first one mentions only the entity's own place again.
    expect((await app.raw(ADD, { entityId: ENTITY, externalId: 'Q70003', sourceId: GONE, locator: '¶5' }, editor)).errors).toBeUndefined();
    expect(await mention(KEEP)).toEqual([{ sourceIds: [KEEP], locators: ['¶1'] }]);
    expect(await mention(GONE)).toEqual([{ sourceIds: [GONE, GONE], locators: ['¶4', '¶5'] }]);

    const removed = await app.raw(REMOVE, { entityId: ENTITY, externalId: 'Q70003' }, editor);
    expect(removed.errors).toBeUndefined();
    expect(await mention(GONE)).toEqual([{ sourceIds: [GONE], locators: ['¶4'] }]);
    // The MENTIONS is part of the revision: undo gives it back with the identifier.
    expect((await app.raw(UNDO, { revisionId: removed.data.removeExternalId.revisionId }, admin)).errors).toBeUndefined();
    expect(await mention(GONE)).toEqual([{ sourceIds: [GONE, GONE], locators: ['¶4', '¶5'] }]);
    const again = await app.raw(REMOVE, { entityId: ENTITY, externalId: 'Q70003' }, editor);
    expect(again.errors).toBeUndefined();
    expect(await identifiers()).toEqual({ ids: ['http://www.wikidata.org/entity/Q70002'], sources: [GONE], locators: ['¶4'] });
  });

  it('a merge of the cited source re-cites the identifier in place, counted by the preview, and its undo gives the citation back', async () => {
    const preview = await app.raw(`{ mergePreview(keepId: "${KEEP}", mergeId: "${GONE}") { citingFacts } }`, {}, admin);
    expect(preview.errors).toBeUndefined();
    expect(preview.data.mergePreview.citingFacts).toBe(1);
    const merged = await app.raw(`mutation { mergeEntities(keepId: "${KEEP}", mergeId: "${GONE}") { id } }`, {}, admin);
    expect(merged.errors).toBeUndefined();
    expect(await identifiers()).toEqual({ ids: ['http://www.wikidata.org/entity/Q70002'], sources: [KEEP], locators: ['¶4'] });
    const [left] = await app.graph.read('MATCH (n:Entity) WHERE $gone IN n.externalIdSourceIds RETURN count(n) AS count', { gone: GONE });
    expect(left.count).toBe(0);
    // The merged source's MENTIONS moved to the kept one and was united with the entity's own.
    expect(await mention(KEEP)).toEqual([{ sourceIds: [KEEP, KEEP], locators: ['¶1', '¶4'] }]);

    const history = await app.raw(`{ history(id: "${KEEP}", first: 1) { edges { node { id operation } } } }`, {}, admin);
    expect(history.data.history.edges[0].node.operation).toBe('mergeEntities');
    expect((await app.raw(UNDO, { revisionId: history.data.history.edges[0].node.id }, admin)).errors).toBeUndefined();
    expect(await identifiers()).toEqual({ ids: ['http://www.wikidata.org/entity/Q70002'], sources: [GONE], locators: ['¶4'] });
    expect(await mention(GONE)).toEqual([{ sourceIds: [GONE], locators: ['¶4'] }]);
  });

  it('undo will not delete a source an identifier still cites', async () => {
    const created = await app.raw('mutation { createSource(input: { title: "测试标识新来源", kind: "NEWS_REPORT", allowDuplicate: true }) { id } }', {}, editor);
    expect(created.errors).toBeUndefined();
    const sourceId = created.data.createSource.id;
    const history = await app.raw(`{ history(id: "${sourceId}", first: 1) { edges { node { id operation } } } }`, {}, admin);
    expect(history.data.history.edges[0].node.operation).toBe('createSource');
    // A citation written outside the revisions' reach (an import, say): no later revision blocks the undo.
    await app.graph.write('MATCH (n:Entity {id: $id}) SET n.externalIdSourceIds = [$sourceId]', { id: ENTITY, sourceId });
    try {
      const before = await databaseState(app);
      const undone = await app.raw(UNDO, { revisionId: history.data.history.edges[0].node.id }, admin);
      expect(codeOf(undone)).toBe('CONFLICT');
      expect(undone.errors![0].message).toMatch(/which is still cited \(test-ident-cited externalIds\)/);
      expect(await databaseState(app)).toEqual(before);
    } finally {
      await app.graph.write('MATCH (n:Entity {id: $id}) SET n.externalIdSourceIds = [$gone]', { id: ENTITY, gone: GONE });
      await app.graph.write('MATCH (s:Source {id: $sourceId}) DETACH DELETE s', { sourceId });
    }
  });

  it('migration 013 gives identifiers cited before this rule their MENTIONS, once', async () => {
    // As an identifier written by the earlier code left it: cited, with no edge for the citation.
    await app.graph.write('MATCH (:Source {id: $gone})-[m:MENTIONS]->(:Entity {id: $id}) DELETE m', { gone: GONE, id: ENTITY });
    expect(await mention(GONE)).toBeNull();
    await app.graph.write(
      `MATCH (n:Entity {id: $id})
       SET n.externalIds = n.externalIds + ['http://www.wikidata.org/entity/Q70004'], n.externalIdSourceIds = n.externalIdSourceIds + [$keep],
           n.externalIdLocators = n.externalIdLocators + ['¶8'], n.externalIdText = n.externalIdText + ' http://www.wikidata.org/entity/Q70004'`,
      { keep: KEEP, id: ENTITY },
    );
    const [migration] = readMigrations().filter((m) => m.file === '013_external_id_mentions.cypher');
    expect(migration.statements).toHaveLength(1);
    await app.graph.write(migration.statements[0]);
    expect(await mention(GONE)).toEqual([{ sourceIds: [GONE], locators: ['¶4'] }]);
    expect(await mention(KEEP)).toEqual([{ sourceIds: [KEEP, KEEP], locators: ['¶1', '¶8'] }]);
    const edges = () => app.graph.read('MATCH (s:Source)-[m:MENTIONS]->(:Entity {id: $id}) RETURN s.id AS source, m.id AS id, m.locators AS locators ORDER BY source', { id: ENTITY });
    const once = await edges();
    expect(once.every((row) => /^st-/.test(row.id))).toBe(true);
    await app.graph.write(migration.statements[0]);
    expect(await edges()).toEqual(once);
    expect((await app.raw(REMOVE, { entityId: ENTITY, externalId: 'Q70004' }, editor)).errors).toBeUndefined();
    expect(await mention(KEEP)).toEqual([{ sourceIds: [KEEP], locators: ['¶1'] }]);
  });

  it('a revision restored after its identifier\'s source was merged away cites the source kept, aligned', () => {
    const recorded: Snapshot = {
      nodes: { [ENTITY]: { labels: ['Entity', 'Person'], props: { id: ENTITY, externalIds: ['a', 'b', 'c'], externalIdSourceIds: [GONE, '', GONE], externalIdLocators: ['¶1', '', '¶1'] } } },
      rels: [],
    };
    expect(citedIds(recorded)).toEqual([GONE]);
    expect(referencedIds(recorded)).toEqual([GONE]);
    const restored = withMergedSourcesReplaced(recorded, new Map([[GONE, KEEP]]));
    expect(restored.nodes[ENTITY]!.props).toMatchObject({ externalIds: ['a', 'b', 'c'], externalIdSourceIds: [KEEP, '', KEEP], externalIdLocators: ['¶1', '', '¶1'] });
  });
});
