import { createHash } from 'node:crypto';
import { startTestApp, TestApp, bearer } from './support/app';
import { removeEditingFixtures } from './support/editing';
import { createContext } from '../src/app/context';
import { Viewer } from '../src/auth/viewer';
import { ProposalService } from '../src/proposals/proposal.service';
import { Analysis, EntityMention, IngestDocument, Span } from '../src/ingest/ingest.model';

/**
 * Proposals on the real Neo4j: ingest (nothing in the graph changes), review, commit (one
 * revision, cited with locators), undo, the second commit, re-ingest, conflicts, bad input, roles.
 * The analyses are made by hand (ingest.model.ts), so these tests do not depend on extraction.
 */

let app: TestApp;
const ACTOR = 'test-ed-proposals';
const editor = bearer('editor', ACTOR);
const admin = bearer('admin', 'test-ed-proposals-admin');
const viewer: Viewer = { user: { sub: ACTOR, role: 'editor' }, problem: null, seesActors: true };

const removeProposals = () => app.graph.write("MATCH (p:Proposal) WHERE p.createdBy STARTS WITH 'test-' DETACH DELETE p");

beforeAll(async () => {
  app = await startTestApp();
  await removeEditingFixtures(app);
  await removeProposals();
});
afterAll(async () => {
  await removeEditingFixtures(app);
  await removeProposals();
  await app.close();
});

/** What any write to the graph would change: entities, relationships, revisions, a digest of properties (proposals left out). */
async function graphState() {
  const [row] = await app.graph.read(
    `CALL () { MATCH (n:Entity) RETURN count(n) AS nodes, sum(size(keys(n))) AS nodeProperties }
     CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS rels, sum(size(keys(r))) AS relProperties }
     CALL () { MATCH (r:Revision) RETURN count(r) AS revisions }
     RETURN nodes, nodeProperties, rels, relProperties, revisions`,
  );
  return row;
}
const proposalCount = async () => (await app.graph.read('MATCH (p:Proposal) RETURN count(p) AS n'))[0].n;

// ---- a made-up notice and its analysis, by hand --------------------------------------------

function documentOf(text: string, title: string | null = null): IngestDocument {
  const lines: IngestDocument['lines'] = [];
  let offset = 0;
  text.split('\n').forEach((line, i) => {
    lines.push({ locator: `¶${i + 1}`, start: offset, end: offset + line.length });
    offset += line.length + 1;
  });
  return {
    format: 'TEXT',
    fileName: 'notice.txt',
    contentHash: createHash('sha256').update(text).digest('hex'),
    rawText: text,
    text,
    lines,
    repairs: [],
    title: title ?? text.split('\n')[1] ?? null,
  };
}

/** The span of the `nth` occurrence of `what` in the document, with its line's locator. */
function spanOf(doc: IngestDocument, what: string, nth = 0): Span {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = doc.text.indexOf(what, at + 1);
  if (at < 0) throw new Error(`not in the text: ${what}`);
  const line = doc.lines.find((l) => l.start <= at && at < l.end)!;
  return { start: at, end: at + what.length, locator: line.locator };
}

const mention = (doc: IngestDocument, key: string, kind: EntityMention['kind'], name: string, extra: Partial<EntityMention> = {}): EntityMention => ({
  key,
  kind,
  name,
  written: [name],
  spans: [spanOf(doc, name)],
  fields: { stated: ['name'], inferred: [] },
  evidence: ['test'],
  ...extra,
});

const NOTICE = [
  '【测试用虚构文件 — made up for testing】',
  '测试编辑青源市妇联2025年工作通报',
  '测试编辑王晓燕（测试编辑妇女服务站站长）荣获“测试编辑巾帼建功标兵”称号，测试编辑李娜同获此称号。',
  '淮南市妇女联合会开展“测试编辑家风宣讲”活动，覆盖群众1.2万余人次。',
].join('\n');

function noticeAnalysis(text = NOTICE): Analysis {
  const doc = documentOf(text);
  const entities = [
    mention(doc, 'e1', 'PERSON', '测试编辑王晓燕'),
    mention(doc, 'e2', 'ORGANIZATION', '淮南市妇女联合会', { organizationKind: 'FEDERATION', level: 'MUNICIPAL' }),
    mention(doc, 'e3', 'HONOR', '测试编辑巾帼建功标兵'),
    mention(doc, 'e4', 'ORGANIZATION', '测试编辑妇女服务站', { organizationKind: 'INSTITUTION' }),
    mention(doc, 'e5', 'PROGRAM', '测试编辑家风宣讲', { programKind: 'CAMPAIGN', year: 2025 }),
    mention(doc, 'e6', 'PERSON', '测试编辑李娜'),
  ];
  const line3 = spanOf(doc, doc.text.split('\n')[2]);
  const line4 = spanOf(doc, doc.text.split('\n')[3]);
  return {
    document: doc,
    extraction: {
      context: { place: '青源市', date: '2025-03-08', dateSpan: null, year: 2025, yearNote: 'the notice is of 2025', issuerKey: null },
      entities,
      awards: [
        { recipientKey: 'e1', honorKey: 'e3', year: 2025, yearStated: false, yearNote: 'from the document date 2025-03-08', span: line3, evidence: ['honor:称号'] },
        { recipientKey: 'e6', honorKey: 'e3', year: 2025, yearStated: false, yearNote: 'from the document date 2025-03-08', span: spanOf(doc, '测试编辑李娜同获此称号'), evidence: ['honor:称号'] },
      ],
      memberships: [{ memberKey: 'e1', organizationKey: 'e4', role: '站长', span: spanOf(doc, '测试编辑王晓燕（测试编辑妇女服务站站长）'), evidence: ['list-line'] }],
      hierarchy: [{ childKey: 'e4', parentKey: 'e2', stated: false, span: spanOf(doc, '测试编辑妇女服务站'), evidence: ['test'], note: 'a station of the federation' }],
      programLinks: [{ programKey: 'e5', organizationKey: 'e2', role: 'ORGANIZER', stated: true, span: line4, evidence: ['program:开展'] }],
      figures: [
        { value: 12000, unit: 'person_time', approximate: true, label: '1.2万余人次', counts: '覆盖群众', subjectKey: 'e5', year: 2025, span: spanOf(doc, '覆盖群众1.2万余人次'), evidence: ['figure'] },
      ],
    },
    matches: [
      { key: 'e1', status: 'NEW', match: null, candidates: [], confidence: 0.8 },
      {
        key: 'e2',
        status: 'MATCHED',
        match: { id: 'org-huainan-wf', type: 'Organization', name: '淮南市妇女联合会', score: 1, features: [{ feature: 'EXACT_NAME', score: 1, detail: 'the name' }] },
        candidates: [],
        confidence: 0.99,
      },
      { key: 'e3', status: 'NEW', match: null, candidates: [], confidence: 0.7 },
      { key: 'e4', status: 'NEW', match: null, candidates: [], confidence: 0.7 },
      { key: 'e5', status: 'NEW', match: null, candidates: [], confidence: 0.7 },
      { key: 'e6', status: 'NEW', match: null, candidates: [], confidence: 0.8 },
    ],
  };
}

const propose = (analysis: Analysis) => createContext(app.graph, 'test', viewer).get(ProposalService).propose(viewer, analysis);

const PROPOSAL = `query P($id: ID!) { proposal(id: $id) {
  id status contentHash text itemCount sourceId revisionId
  duplicateOf { id }
  summary { kind total proposedNew matched alreadyInGraph pending accepted rejected }
  commit { revisionId sourceId created written skipped { itemId reason } }
  items { id kind status locator span { start end locator } text confidence stated inferred edited alreadyInGraph existingId note committedId
    entity { type name matchStatus match { id } allowDuplicate }
    award { recipientItemId honorItemId year yearStated yearNote }
    membership { memberItemId organizationItemId role }
    hierarchyLink { childItemId parentItemId }
    programLink { programItemId organizationItemId role }
    figure { subjectItemId value unit approximate counts year } }
} }`;
const COMMIT = `mutation C($id: ID!, $sourceId: ID) { commitProposal(id: $id, sourceId: $sourceId) {
  alreadyCommitted proposal { id status revisionId } commit { revisionId sourceId created written skipped { itemId reason } } } }`;
const ACCEPT_ALL = 'mutation A($id: ID!) { acceptAllPendingProposalItems(proposalId: $id) { id items { id status } } }';
const REJECT = 'mutation R($id: ID!, $items: [ID!]!) { rejectProposalItems(proposalId: $id, itemIds: $items) { id items { id status } } }';
const ACCEPT = 'mutation A($id: ID!, $items: [ID!]!) { acceptProposalItems(proposalId: $id, itemIds: $items) { id items { id status } } }';
const RELINK = 'mutation L($id: ID!, $item: ID!, $entity: ID!) { relinkProposalItem(proposalId: $id, itemId: $item, entityId: $entity) { id items { id alreadyInGraph entity { matchStatus match { id } } } } }';
const EDIT = 'mutation E($id: ID!, $item: ID!, $input: ProposalItemEditInput!) { editProposalItem(proposalId: $id, itemId: $item, input: $input) { id items { id edited stated inferred award { year yearStated } membership { role } entity { name matchStatus allowDuplicate } } } }';

const itemOf = (proposal: any, name: string) => proposal.items.find((i: any) => i.entity?.name === name);

describe('a proposal from an analysis', () => {
  let proposalId: string;
  let proposal: any;
  let before: any;

  it('is stored apart from the graph: nothing in the graph changes', async () => {
    before = await graphState();
    const view = await propose(noticeAnalysis());
    proposalId = view.id;
    expect(await graphState()).toEqual(before);
    const response = await app.raw(PROPOSAL, { id: proposalId }, editor);
    expect(response.errors).toBeUndefined();
    proposal = response.data.proposal;
    expect(proposal).toMatchObject({ status: 'OPEN', itemCount: 12, duplicateOf: null, commit: null, revisionId: null });
    expect(Object.fromEntries(proposal.summary.map((s: any) => [s.kind, [s.total, s.proposedNew, s.matched, s.alreadyInGraph]]))).toEqual({
      ENTITY: [6, 5, 1, 1],
      AWARD: [2, 2, 0, 0],
      MEMBERSHIP: [1, 1, 0, 0],
      HIERARCHY_LINK: [1, 1, 0, 0],
      PROGRAM_LINK: [1, 1, 0, 0],
      FIGURE: [1, 1, 0, 0],
    });
  });

  it('gives each item its locator, span and the text of the span, its confidence and stated/inferred fields', async () => {
    for (const item of proposal.items) {
      expect(item.text).toBe(proposal.text.slice(item.span.start, item.span.end));
      expect(item.locator).toBe(item.span.locator);
      expect(item.locator).toMatch(/^¶\d+$/);
      expect(item.confidence).toBeGreaterThan(0);
      expect(item.status).toBe('PENDING');
    }
    const federation = itemOf(proposal, '淮南市妇女联合会');
    expect(federation).toMatchObject({ alreadyInGraph: true, existingId: 'org-huainan-wf', entity: { matchStatus: 'MATCHED', match: { id: 'org-huainan-wf' } } });
    const wang = itemOf(proposal, '测试编辑王晓燕');
    expect(wang).toMatchObject({ locator: '¶3', alreadyInGraph: false, entity: { type: 'PERSON', matchStatus: 'NEW', match: null } });
    const award = proposal.items.find((i: any) => i.kind === 'AWARD' && i.award.recipientItemId === wang.id);
    expect(award).toMatchObject({ stated: ['recipient', 'honor'], inferred: ['year'], award: { year: 2025, yearStated: false } });
    const link = proposal.items.find((i: any) => i.kind === 'PROGRAM_LINK');
    expect(link.programLink).toEqual({ programItemId: itemOf(proposal, '测试编辑家风宣讲').id, organizationItemId: federation.id, role: 'ORGANIZER' });
    const figure = proposal.items.find((i: any) => i.kind === 'FIGURE');
    expect(figure).toMatchObject({ text: '覆盖群众1.2万余人次', locator: '¶4', figure: { value: 12000, unit: 'person_time', approximate: true } });
  });

  it('is listed by proposals(status) and refused to callers without the editor role', async () => {
    const list = await app.raw('{ proposals(status: OPEN, first: 100) { totalCount edges { cursor node { id } } pageInfo { hasNextPage } } }', {}, editor);
    expect(list.errors).toBeUndefined();
    expect(list.data.proposals.edges.map((e: any) => e.node.id)).toContain(proposalId);
    const anonymous = await app.raw(PROPOSAL, { id: proposalId });
    expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const badToken = await app.raw(ACCEPT_ALL, { id: proposalId }, { authorization: 'Bearer not-a-token' });
    expect(badToken.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const ingest = await app.raw('mutation { ingestDocument(input: { text: "测试编辑" }) { id } }');
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(ingest.errors![0].extensions!.code);
  });

  it('reviews: edits are checked like create inputs, relinks check the node and its label', async () => {
    const honor = itemOf(proposal, '测试编辑巾帼建功标兵');
    const person = await app.raw(RELINK, { id: proposalId, item: honor.id, entity: 'org-huainan-wf' }, editor);
    expect(person.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(person.errors![0].message).toMatch(/must be a Honor/);
    const missing = await app.raw(RELINK, { id: proposalId, item: honor.id, entity: 'honor-test-ed-nothing' }, editor);
    expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');
    const award = proposal.items.find((i: any) => i.kind === 'AWARD');
    const badYear = await app.raw(EDIT, { id: proposalId, item: award.id, input: { year: 1900 } }, editor);
    expect(badYear.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(badYear.errors![0].message).toMatch(/year/);
    const wrongField = await app.raw(EDIT, { id: proposalId, item: award.id, input: { role: '主任' } }, editor);
    expect(wrongField.errors![0].message).toMatch(/role: does not apply to a AWARD item/);
    const matched = await app.raw(EDIT, { id: proposalId, item: itemOf(proposal, '淮南市妇女联合会').id, input: { name: '测试编辑改名' } }, editor);
    expect(matched.errors![0].message).toMatch(/matched to org-huainan-wf; relink it, or set allowDuplicate/);
    const membership = proposal.items.find((i: any) => i.kind === 'MEMBERSHIP');
    const edited = await app.raw(EDIT, { id: proposalId, item: membership.id, input: { role: '站长助理' } }, editor);
    expect(edited.errors).toBeUndefined();
    expect(edited.data.editProposalItem.items.find((i: any) => i.id === membership.id)).toMatchObject({ edited: ['role'], membership: { role: '站长助理' } });
    const unknown = await app.raw(ACCEPT, { id: proposalId, items: ['i999'] }, editor);
    expect(unknown.errors![0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('commits exactly the accepted facts in one revision, citing the new Source at each locator', async () => {
    const li = itemOf(proposal, '测试编辑李娜');
    expect((await app.raw(ACCEPT_ALL, { id: proposalId }, editor)).errors).toBeUndefined();
    expect((await app.raw(REJECT, { id: proposalId, items: [li.id] }, editor)).errors).toBeUndefined();
    const revisions = (await graphState()).revisions;
    const response = await app.raw(COMMIT, { id: proposalId }, editor);
    expect(response.errors).toBeUndefined();
    const { commit, alreadyCommitted } = response.data.commitProposal;
    expect(alreadyCommitted).toBe(false);
    // Source, person, honor, station, program and the figure; hierarchy, membership, award, program link.
    expect(commit).toMatchObject({ created: 6, written: 4 });
    const liAward = proposal.items.find((i: any) => i.kind === 'AWARD' && i.award.recipientItemId === li.id);
    expect(commit.skipped).toEqual([{ itemId: liAward.id, reason: `recipient: depends on ${li.id} (测试编辑李娜), which is rejected` }]);
    expect((await graphState()).revisions).toBe(revisions + 1);
    const [revision] = await app.graph.read('MATCH (r:Revision {id: $id}) RETURN r.operation AS operation, r.actor AS actor', { id: commit.revisionId });
    expect(revision).toEqual({ operation: 'commitProposal', actor: ACTOR });

    const after = (await app.raw(PROPOSAL, { id: proposalId }, editor)).data.proposal;
    expect(after).toMatchObject({ status: 'COMMITTED', revisionId: commit.revisionId });
    const id = (name: string) => itemOf(after, name).committedId;
    expect(itemOf(after, '测试编辑李娜').committedId).toBeNull();
    const source = commit.sourceId;
    const read = await app.raw(
      `query Q($person: ID!, $station: ID!, $program: ID!) {
        person(id: $person) { name sources { sourceId locator } awards { year honor { id name } sources { sourceId locator } qualifiers { name value inferred note } }
          memberships { role organization { id } sources { sourceId locator } } }
        organization(id: $station) { kind parentConnection { edges { node { id } sources { sourceId locator } } } }
        program(id: $program) { organizersConnection { edges { node { id } sources { sourceId locator } } } figures { value unit approximate label year sources { sourceId locator } } }
        source(id: "${source}") { title kind published language }
      }`,
      { person: id('测试编辑王晓燕'), station: id('测试编辑妇女服务站'), program: id('测试编辑家风宣讲') },
    );
    expect(read.errors).toBeUndefined();
    const cited = (locator: string) => [{ sourceId: source, locator }];
    expect(read.data.person).toEqual({
      name: '测试编辑王晓燕',
      sources: cited('¶3'),
      awards: [
        {
          year: 2025,
          honor: { id: id('测试编辑巾帼建功标兵'), name: '测试编辑巾帼建功标兵' },
          sources: cited('¶3'),
          qualifiers: [{ name: 'YEAR', value: '2025', inferred: true, note: 'from the document date 2025-03-08' }],
        },
      ],
      memberships: [{ role: '站长助理', organization: { id: id('测试编辑妇女服务站') }, sources: cited('¶3') }],
    });
    expect(read.data.organization).toEqual({ kind: 'INSTITUTION', parentConnection: { edges: [{ node: { id: 'org-huainan-wf' }, sources: cited('¶3') }] } });
    expect(read.data.program.organizersConnection.edges).toEqual([{ node: { id: 'org-huainan-wf' }, sources: cited('¶4') }]);
    expect(read.data.program.figures).toEqual([{ value: 12000, unit: 'person_time', approximate: true, label: '覆盖群众', year: 2025, sources: cited('¶4') }]);
    expect(read.data.source).toEqual({ title: '测试编辑青源市妇联2025年工作通报', kind: 'NEWS_REPORT', published: '2025-03-08', language: 'zh-Hans' });
    const [mention] = await app.graph.read('MATCH (:Source {id: $source})-[m:MENTIONS]->(:Person {id: $person}) RETURN m.locators AS locators', { source, person: id('测试编辑王晓燕') });
    expect(mention.locators).toEqual(['¶3']);
    // The rejected person was not created.
    const [li2] = await app.graph.read("MATCH (p:Person {name: '测试编辑李娜'}) RETURN count(p) AS n");
    expect(li2.n).toBe(0);
  });

  it('a second commit is a no-op returning the same result; a committed proposal no longer changes', async () => {
    const state = await graphState();
    const first = (await app.raw(PROPOSAL, { id: proposalId }, editor)).data.proposal.commit;
    const again = await app.raw(COMMIT, { id: proposalId }, editor);
    expect(again.errors).toBeUndefined();
    expect(again.data.commitProposal.alreadyCommitted).toBe(true);
    expect(again.data.commitProposal.commit).toEqual(first);
    expect(await graphState()).toEqual(state);
    const late = await app.raw(ACCEPT_ALL, { id: proposalId }, editor);
    expect(late.errors![0].extensions!.code).toBe('CONFLICT');
  });

  it('re-ingesting the same bytes is recognized and proposes nothing already in the graph', async () => {
    const view = await propose(noticeAnalysis());
    const again = (await app.raw(PROPOSAL, { id: view.id }, editor)).data.proposal;
    expect(again.duplicateOf).toEqual({ id: proposalId });
    const committed = (await app.raw(PROPOSAL, { id: proposalId }, editor)).data.proposal;
    const wasWritten = new Set(committed.items.filter((i: any) => i.committedId || i.alreadyInGraph).map((i: any) => i.id));
    // Items are built in the same order from the same analysis, so ids correspond.
    for (const item of again.items) {
      if (wasWritten.has(item.id)) expect({ id: item.id, alreadyInGraph: item.alreadyInGraph }).toEqual({ id: item.id, alreadyInGraph: true });
    }
    const fresh = again.items.filter((i: any) => !i.alreadyInGraph).map((i: any) => i.entity?.name ?? i.kind);
    // Only what the first review rejected is proposed again: 李娜 and her award.
    expect(fresh).toEqual(['测试编辑李娜', 'AWARD']);
    expect(again.sourceId).toBe(committed.commit.sourceId);
  });

  it('undo(revisionId) removes everything the commit wrote', async () => {
    const committed = (await app.raw(PROPOSAL, { id: proposalId }, editor)).data.proposal;
    const undo = await app.raw('mutation U($id: ID!) { undo(revisionId: $id) { id } }', { id: committed.revisionId }, admin);
    expect(undo.errors).toBeUndefined();
    const ids = committed.items.filter((i: any) => i.kind === 'ENTITY' && i.committedId).map((i: any) => i.committedId);
    expect(ids).toHaveLength(4);
    const [left] = await app.graph.read('MATCH (n:Entity) WHERE n.id IN $ids OR n.id = $source RETURN count(n) AS n', { ids, source: committed.commit.sourceId });
    expect(left.n).toBe(0);
    const [links] = await app.graph.read("MATCH (:Organization {id: 'org-huainan-wf'})-[r:ORGANIZED]->(p:Program {name: '测试编辑家风宣讲'}) RETURN count(r) AS n");
    expect(links.n).toBe(0);
    const [figures] = await app.graph.read("MATCH (f:Figure) WHERE f.label = '覆盖群众' RETURN count(f) AS n");
    expect(figures.n).toBe(0);
  });
});

describe('conflicts at commit', () => {
  const NOTE = ['【测试用虚构文件 — made up for testing】', '测试编辑冲突通报', '测试编辑赵敏获评“测试编辑冲突荣誉”。'].join('\n');

  function smallAnalysis(): Analysis {
    const doc = documentOf(NOTE);
    return {
      document: doc,
      extraction: {
        context: { place: null, date: '2025', dateSpan: null, year: 2025, yearNote: 'the date', issuerKey: null },
        entities: [mention(doc, 'p', 'PERSON', '测试编辑赵敏'), mention(doc, 'h', 'HONOR', '测试编辑冲突荣誉')],
        awards: [{ recipientKey: 'p', honorKey: 'h', year: 2025, yearStated: true, yearNote: null, span: spanOf(doc, '测试编辑赵敏获评'), evidence: ['获评'] }],
        memberships: [],
        hierarchy: [],
        programLinks: [],
        figures: [],
      },
      matches: [
        { key: 'p', status: 'NEW', match: null, candidates: [], confidence: 0.8 },
        { key: 'h', status: 'NEW', match: null, candidates: [], confidence: 0.8 },
      ],
    };
  }

  it('a new person whose name matches an existing one: CONFLICT naming the item, nothing written; relinked, it commits', async () => {
    const created = await app.raw('mutation { createPerson(input: { name: "测试编辑赵敏" }) { id } }', {}, editor);
    const existing = created.data.createPerson.id;
    const view = await propose(smallAnalysis());
    await app.raw(ACCEPT_ALL, { id: view.id }, editor);
    const state = await graphState();
    const refused = await app.raw(COMMIT, { id: view.id }, editor);
    expect(refused.errors![0].extensions!.code).toBe('CONFLICT');
    expect(refused.errors![0].extensions!.itemId).toBe('i1');
    expect(refused.errors![0].message).toMatch(/^items\.i1 \(PERSON "测试编辑赵敏", ¶3\): name: "测试编辑赵敏" looks like an existing Person/);
    expect(await graphState()).toEqual(state);
    expect((await app.raw(PROPOSAL, { id: view.id }, editor)).data.proposal.status).toBe('OPEN');

    const relinked = await app.raw(RELINK, { id: view.id, item: 'i1', entity: existing }, editor);
    expect(relinked.data.relinkProposalItem.items[0]).toMatchObject({ alreadyInGraph: true, entity: { matchStatus: 'RELINKED', match: { id: existing } } });
    const done = await app.raw(COMMIT, { id: view.id }, editor);
    expect(done.errors).toBeUndefined();
    expect(done.data.commitProposal.commit).toMatchObject({ created: 2, written: 1, skipped: [] });
    const awards = await app.raw(`{ person(id: "${existing}") { awards { year qualifiers { inferred } sources { locator } } } }`);
    expect(awards.data.person.awards).toEqual([{ year: 2025, qualifiers: [{ inferred: false }], sources: [{ locator: '¶3' }] }]);
  });

  it('a relinked entity merged away meanwhile: CONFLICT naming it and where it went; nothing written', async () => {
    const make = async (name: string) =>
      (await app.raw('mutation M($name: String!) { createPerson(input: { name: $name, allowDuplicate: true }) { id } }', { name }, editor)).data.createPerson.id;
    const kept = await make('测试编辑合并甲');
    const merged = await make('测试编辑合并乙');
    const text = NOTE.replace('冲突通报', '合并通报');
    const view = await propose({ ...smallAnalysis(), document: { ...smallAnalysis().document, text, rawText: text, contentHash: createHash('sha256').update(text).digest('hex') } });
    await app.raw(RELINK, { id: view.id, item: 'i1', entity: merged }, editor);
    await app.raw(ACCEPT_ALL, { id: view.id }, editor);
    const merge = await app.raw('mutation G($k: ID!, $m: ID!) { mergeEntities(keepId: $k, mergeId: $m) { id } }', { k: kept, m: merged }, admin);
    expect(merge.errors).toBeUndefined();
    const state = await graphState();
    const refused = await app.raw(COMMIT, { id: view.id }, editor);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', itemId: 'i1', entityId: merged, mergedInto: kept });
    expect(refused.errors![0].message).toContain(`was merged into "${kept}"`);
    expect(await graphState()).toEqual(state);
  });
});

describe('unresolved entities', () => {
  it('an ambiguous one stays pending under acceptAll; accepted, it refuses the commit until edited with allowDuplicate (or relinked)', async () => {
    const text = ['【测试用虚构文件 — made up for testing】', '测试编辑歧义通报', '测试编辑钱芳获评“测试编辑歧义荣誉”。'].join('\n');
    const doc = documentOf(text);
    const candidate = (id: string) => ({ id, type: 'Person' as const, name: '测试编辑钱芳', score: 0.6, features: [{ feature: 'PINYIN' as const, score: 0.6, detail: 'same pinyin' }] });
    const analysis: Analysis = {
      document: doc,
      extraction: {
        context: { place: null, date: null, dateSpan: null, year: null, yearNote: null, issuerKey: null },
        entities: [mention(doc, 'p', 'PERSON', '测试编辑钱芳'), mention(doc, 'h', 'HONOR', '测试编辑歧义荣誉')],
        awards: [{ recipientKey: 'p', honorKey: 'h', year: 2024, yearStated: true, yearNote: null, span: spanOf(doc, '测试编辑钱芳获评'), evidence: ['获评'] }],
        memberships: [],
        hierarchy: [],
        programLinks: [],
        figures: [],
      },
      matches: [
        { key: 'p', status: 'AMBIGUOUS', match: candidate('person-test-ed-a'), candidates: [candidate('person-test-ed-a'), candidate('person-test-ed-b')], confidence: 0.4 },
        { key: 'h', status: 'NEW', match: null, candidates: [], confidence: 0.8 },
      ],
    };
    const view = await propose(analysis);
    const accepted = (await app.raw(ACCEPT_ALL, { id: view.id }, editor)).data.acceptAllPendingProposalItems.items;
    expect(accepted).toEqual([{ id: 'i1', status: 'PENDING' }, { id: 'i2', status: 'ACCEPTED' }, { id: 'i3', status: 'ACCEPTED' }]);
    // Accepted by hand, an ambiguous entity refuses the commit until it is resolved.
    await app.raw(ACCEPT, { id: view.id, items: ['i1'] }, editor);
    const refused = await app.raw(COMMIT, { id: view.id }, editor);
    expect(refused.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT', itemId: 'i1' } });
    expect(refused.errors![0].message).toMatch(/is ambiguous \(person-test-ed-a, person-test-ed-b\); relink it, or edit it with allowDuplicate/);
    const edited = await app.raw(EDIT, { id: view.id, item: 'i1', input: { allowDuplicate: true } }, editor);
    expect(edited.data.editProposalItem.items[0].entity).toEqual({ name: '测试编辑钱芳', matchStatus: 'NEW', allowDuplicate: true });
    const done = await app.raw(COMMIT, { id: view.id }, editor);
    expect(done.errors).toBeUndefined();
    expect(done.data.commitProposal.commit).toMatchObject({ created: 3, written: 1, skipped: [] });
  });

  it('a new one left pending: the facts depending on it are skipped with the reason', async () => {
    const text = ['【测试用虚构文件 — made up for testing】', '测试编辑待定通报', '测试编辑孔雯获评“测试编辑待定荣誉”。'].join('\n');
    const doc = documentOf(text);
    const view = await propose({
      document: doc,
      extraction: {
        context: { place: null, date: null, dateSpan: null, year: null, yearNote: null, issuerKey: null },
        entities: [mention(doc, 'p', 'PERSON', '测试编辑孔雯'), mention(doc, 'h', 'HONOR', '测试编辑待定荣誉')],
        awards: [{ recipientKey: 'p', honorKey: 'h', year: 2024, yearStated: true, yearNote: null, span: spanOf(doc, '测试编辑孔雯获评'), evidence: ['获评'] }],
        memberships: [],
        hierarchy: [],
        programLinks: [],
        figures: [],
      },
      matches: [
        { key: 'p', status: 'NEW', match: null, candidates: [], confidence: 0.8 },
        { key: 'h', status: 'NEW', match: null, candidates: [], confidence: 0.8 },
      ],
    });
    await app.raw(ACCEPT, { id: view.id, items: ['i2', 'i3'] }, editor);
    const done = await app.raw(COMMIT, { id: view.id }, editor);
    expect(done.data.commitProposal.commit).toMatchObject({
      created: 2,
      written: 0,
      skipped: [{ itemId: 'i3', reason: 'recipient: depends on i1 (测试编辑孔雯), a new entity not accepted' }],
    });
  });
});

describe('bad input', () => {
  const INGEST = 'mutation I($input: IngestDocumentInput!) { ingestDocument(input: $input) { id } }';

  it.each([
    ['empty text', { text: '' }, /input\.text: is empty/],
    ['whitespace only', { text: ' \n\n ' }, /holds no text/],
    ['both text and base64', { text: 'a', base64: 'YQ==' }, /exactly one/],
    ['not base64', { base64: '***' }, /input\.base64: is not base64/],
    ['binary bytes', { base64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]).toString('base64'), fileName: 'x.bin' }, /input\.base64|file/],
    ['an unsupported type', { base64: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]).toString('base64'), mediaType: 'image/jpeg', fileName: 'photo.jpg' }, /./],
  ])('%s: BAD_USER_INPUT, nothing stored', async (_what, input, message) => {
    const proposals = await proposalCount();
    const state = await graphState();
    const response = await app.raw(INGEST, { input }, editor);
    expect(response.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(message);
    expect(await proposalCount()).toBe(proposals);
    expect(await graphState()).toEqual(state);
  });

  it('over INGEST_MAX_BYTES: BAD_USER_INPUT naming the limit, nothing stored', async () => {
    const saved = process.env.INGEST_MAX_BYTES;
    process.env.INGEST_MAX_BYTES = '1024';
    try {
      const proposals = await proposalCount();
      const response = await app.raw(INGEST, { input: { text: '【测试用虚构文件 — made up for testing】'.repeat(40) } }, editor);
      expect(response.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(response.errors![0].message).toMatch(/input\.text: is \d+ bytes, over the limit of 1024 \(INGEST_MAX_BYTES\)/);
      expect(await proposalCount()).toBe(proposals);
    } finally {
      if (saved === undefined) delete process.env.INGEST_MAX_BYTES;
      else process.env.INGEST_MAX_BYTES = saved;
    }
  });
});

describe('ingestDocument, end to end', () => {
  it('reads a made-up text document into a proposal and leaves the graph as it was', async () => {
    const text = ['【测试用虚构文件 — made up for testing】', '测试编辑青源市妇联关于表彰2025年度三八红旗手的决定', '测试编辑周红（测试编辑青源市第一医院护士长）', '测试编辑吴静（测试编辑青源市实验小学副校长）'].join('\n');
    const state = await graphState();
    const response = await app.raw(
      `mutation I($input: IngestDocumentInput!) { ingestDocument(input: $input) {
        id status contentHash fileName format title text createdBy itemCount context { place date year }
        repairs { kind } items { id kind status span { start end locator } text } summary { kind total } } }`,
      { input: { text, fileName: 'notice.txt' } },
      editor,
    );
    expect(response.errors).toBeUndefined();
    const proposal = response.data.ingestDocument;
    expect(proposal).toMatchObject({
      status: 'OPEN',
      contentHash: createHash('sha256').update(text).digest('hex'),
      fileName: 'notice.txt',
      format: 'TEXT',
      createdBy: ACTOR,
    });
    expect(proposal.id).toMatch(/^prop-/);
    expect(proposal.itemCount).toBe(proposal.items.length);
    expect(proposal.summary.map((s: any) => s.kind)).toEqual(['ENTITY', 'AWARD', 'MEMBERSHIP', 'HIERARCHY_LINK', 'PROGRAM_LINK', 'FIGURE']);
    for (const item of proposal.items) expect(item.text).toBe(proposal.text.slice(item.span.start, item.span.end));
    expect(await graphState()).toEqual(state);
    const stored = (await app.graph.read('MATCH (p:Proposal {id: $id}) RETURN labels(p) AS labels', { id: proposal.id }))[0];
    expect(stored.labels).toEqual(['Proposal']);
  });
});
