import { useEffect, useState } from 'preact/hooks';
import { fieldError, request } from '../api';
import { href } from '../route';
import { may, type Session } from '../session';
import { EntityPicker, ErrorBanner, OkBanner, SelectInput, Status, Table, TextInput, useLoad, type PickedEntity } from '../ui';
import {
  WorkspaceEntityKindDocument,
  WorkspaceHonorPageDocument,
  WorkspaceOrganizationPageDocument,
  WorkspacePersonPageDocument,
  WorkspaceProgramPageDocument,
  WorkspaceSourcePageDocument,
  WorkspaceLinkConferrerDocument,
  WorkspaceLinkPartnerDocument,
  WorkspaceSetParentDocument,
  WorkspaceUpdateHonorDocument,
  WorkspaceUpdateOrganizationDocument,
  WorkspaceUpdatePersonDocument,
  WorkspaceUpdateProgramDocument,
  WorkspaceUpdateSourceDocument,
  type Level,
  type OrganizationKind,
  type ProgramKind,
  type WorkspaceHonorPageQuery,
  type WorkspaceOrganizationPageQuery,
  type WorkspacePersonPageQuery,
  type WorkspaceProgramPageQuery,
  type WorkspaceSourcePageQuery,
  type WorkspaceLinkedOrganizationFragment,
} from '../../../__generated__/graphql';
import {
  Citations,
  EntityLink,
  kindLabel,
  LEVELS,
  levelLabel,
  ORGANIZATION_KINDS,
  PROGRAM_KINDS,
  programKindLabel,
  SOURCE_KINDS,
  sourceKindLabel,
  typeName,
  unplaced,
  yearOf,
} from './entities-common';
import { aliasesOf } from './entities-create';
import { AwardForm, AwardsTable, MembershipForm, MembershipsTable } from './entities-facts';
import { ExternalIdsSection } from './entities-identifiers';

type NodeOf<Q extends { node?: unknown }, T extends string> = Extract<NonNullable<Q['node']>, { __typename?: T }>;
type PersonNode = NodeOf<WorkspacePersonPageQuery, 'Person'>;
type HonorNode = NodeOf<WorkspaceHonorPageQuery, 'Honor'>;
type ProgramNode = NodeOf<WorkspaceProgramPageQuery, 'Program'>;
type SourceNode = NodeOf<WorkspaceSourcePageQuery, 'Source'>;
/** Every organization type (Federation, Court, …); programs and sources answer their kinds under other names. */
type OrganizationNode = Extract<NonNullable<WorkspaceOrganizationPageQuery['node']>, { kind: OrganizationKind }>;
type Entity = PersonNode | OrganizationNode | HonorNode | ProgramNode | SourceNode;

/**
 * The entity with what its page shows: its type first, then one query for that type (a query over
 * all five at once weighs about twice the server's default cost limit).
 */
async function loadEntity(id: string): Promise<Entity | null> {
  const { node: kind } = await request(WorkspaceEntityKindDocument, { id });
  if (!kind) return null;
  const pick = <N,>(node: unknown): N | null => (node && (node as { __typename?: string }).__typename === kind.__typename ? (node as N) : null);
  switch (kind.__typename) {
    case 'Person': return pick<PersonNode>((await request(WorkspacePersonPageDocument, { id })).node);
    case 'Honor': return pick<HonorNode>((await request(WorkspaceHonorPageDocument, { id })).node);
    case 'Program': return pick<ProgramNode>((await request(WorkspaceProgramPageDocument, { id })).node);
    case 'Source': return pick<SourceNode>((await request(WorkspaceSourcePageDocument, { id })).node);
    default: {
      const { node } = await request(WorkspaceOrganizationPageDocument, { id });
      return node && 'kind' in node ? (node as OrganizationNode) : null;
    }
  }
}

const isPerson = (n: Entity): n is PersonNode => n.__typename === 'Person';
const isHonor = (n: Entity): n is HonorNode => n.__typename === 'Honor';
const isProgram = (n: Entity): n is ProgramNode => n.__typename === 'Program';
const isSource = (n: Entity): n is SourceNode => n.__typename === 'Source';
const isOrganization = (n: Entity): n is OrganizationNode => 'kind' in n;

const titleOf = (n: Entity): string => ('name' in n && n.name) || ('title' in n && n.title) || n.id;

/** One entity's page: what it is, every fact with its sources and locators, and (for editors) its edits. */
export function EntityPage({ id, session }: { id: string; session: Session | null }) {
  const { data, error, loading, reload } = useLoad(() => loadEntity(id), [id, session?.token]);
  const node = data ?? null;
  const editor = may(session, 'EDITOR');
  useEffect(() => {
    if (node) document.title = `${titleOf(node)} · 实体 Entities · HonorGraph 编辑台`;
  }, [node?.id]);
  if (loading && data === null && !error) return <Status>加载中… Loading…</Status>;
  if (error) return <ErrorBanner error={error} />;
  if (!node) return <div class="banner error" role="alert">找不到 Not found: {id}</div>;
  return (
    <article class="entity-page" aria-labelledby="entity-title" data-entity-id={node.id}>
      <header class="entity-head">
        <h3 id="entity-title">{titleOf(node)}</h3>
        <p class="muted">
          {typeName(node.__typename ?? '')} · <code>{node.id}</code> · <a href={href('history', node.id)}>修改历史 History</a>
        </p>
      </header>
      <Details node={node} />
      {editor && <EditForm node={node} onDone={reload} />}
      {'sources' in node && (
        <section aria-labelledby="entity-sources">
          <h4 id="entity-sources">提及来源 Mentioned in</h4>
          <Citations sources={node.sources} />
        </section>
      )}
      <ExternalIdsSection entityId={node.id} ids={node.externalIds} session={session} onChanged={reload} />
      {(isPerson(node) || isOrganization(node)) && (
        <section aria-labelledby="entity-awards" class="facts">
          <h4 id="entity-awards">荣誉 Awards</h4>
          <AwardsTable awards={node.awards} session={session} onChanged={reload} />
          {editor && <AwardForm recipientId={node.id} onDone={reload} />}
        </section>
      )}
      {(isPerson(node) || isOrganization(node)) && (
        <section aria-labelledby="entity-memberships" class="facts">
          <h4 id="entity-memberships">成员关系 Memberships</h4>
          <MembershipsTable caption="所属组织 Member of" rows={node.memberships} session={session} onChanged={reload} show="organization" />
          {editor && <MembershipForm memberId={node.id} onDone={reload} />}
        </section>
      )}
      {isOrganization(node) && <OrganizationFacts node={node} session={session} onChanged={reload} />}
      {isHonor(node) && <HonorFacts node={node} session={session} onChanged={reload} />}
      {isProgram(node) && <ProgramFacts node={node} session={session} onChanged={reload} />}
      {isSource(node) && <SourceFacts node={node} />}
    </article>
  );
}

function Details({ node }: { node: Entity }) {
  const rows: [string, preact.ComponentChildren][] = [];
  if ('nameEn' in node) rows.push(['英文名 English name', node.nameEn ?? '—']);
  if ('aliases' in node) rows.push(['别名 Aliases', node.aliases.length ? node.aliases.join('、') : '—']);
  if (isOrganization(node)) rows.push(['组织类型 Kind', kindLabel(node.kind)], ['级别 Level', levelLabel(node.level)]);
  if (isHonor(node)) rows.push(['级别 Level', levelLabel(node.level)]);
  if (isProgram(node)) rows.push(['项目类型 Kind', programKindLabel(node.programKind)], ['年份 Year', node.year ?? '—'], ['开始 Start', node.startDate ?? '—']);
  if (isSource(node)) {
    rows.push(['来源类型 Kind', sourceKindLabel(node.sourceKind)], ['发布日期 Published', node.published ?? '—'], ['发布者 Publisher', node.publisher ?? '—'], ['语言 Language', node.language ?? '—']);
  }
  return (
    <dl class="details">
      {rows.map(([k, v]) => (
        <div key={k}><dt>{k}</dt><dd>{v}</dd></div>
      ))}
    </dl>
  );
}

/** Edits the entity's own properties: naming and the type's own (kind, level, year, …). */
function EditForm({ node, onDone }: { node: Entity; onDone: () => void }) {
  const [name, setName] = useState(titleOf(node));
  const [nameEn, setNameEn] = useState(('nameEn' in node && node.nameEn) || '');
  const [aliases, setAliases] = useState('aliases' in node ? node.aliases.join('、') : '');
  const [orgKind, setOrgKind] = useState<OrganizationKind | ''>(isOrganization(node) ? node.kind : '');
  const [level, setLevel] = useState<Level | ''>((isOrganization(node) || isHonor(node)) && node.level ? node.level : '');
  const [programKind, setProgramKind] = useState<ProgramKind | ''>(isProgram(node) ? node.programKind : '');
  const [year, setYear] = useState(isProgram(node) && node.year != null ? String(node.year) : '');
  const [sourceKind, setSourceKind] = useState(isSource(node) ? node.sourceKind : '');
  const [published, setPublished] = useState((isSource(node) && node.published) || '');
  const [publisher, setPublisher] = useState((isSource(node) && node.publisher) || '');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const naming = () => ({ name: name.trim(), nameEn: nameEn.trim() || null, aliases: aliasesOf(aliases) });
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      if (isPerson(node)) await request(WorkspaceUpdatePersonDocument, { id: node.id, input: naming() });
      else if (isHonor(node)) await request(WorkspaceUpdateHonorDocument, { id: node.id, input: { ...naming(), level: level || null } });
      else if (isProgram(node)) {
        await request(WorkspaceUpdateProgramDocument, { id: node.id, input: { ...naming(), kind: programKind || null, year: year.trim() ? yearOf(year) : null } });
      } else if (isSource(node)) {
        await request(WorkspaceUpdateSourceDocument, {
          id: node.id, input: { title: name.trim(), kind: sourceKind || null, published: published.trim() || null, publisher: publisher.trim() || null },
        });
      } else await request(WorkspaceUpdateOrganizationDocument, { id: node.id, input: { ...naming(), kind: orgKind || null, level: level || null } });
      setSaved(true);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const nameField = isSource(node) ? 'title' : 'name';
  return (
    <details class="edit-entity" data-requires="editor">
      <summary>编辑属性 Edit properties</summary>
      <form onSubmit={submit} aria-label="编辑属性 Edit properties">
        <TextInput label={isSource(node) ? '标题 Title' : '名称 Name'} value={name} onValue={setName} maxLength={500} error={fieldError(error, nameField)} />
        {!isSource(node) && (
          <div class="form-row">
            <TextInput label="英文名 English name" value={nameEn} onValue={setNameEn} error={fieldError(error, 'nameEn')} />
            <TextInput label="别名 Aliases" value={aliases} onValue={setAliases} hint="用逗号或顿号分隔 separated by commas or 、" error={fieldError(error, 'aliases')} />
          </div>
        )}
        <div class="form-row">
          {isOrganization(node) && <SelectInput label="组织类型 Kind" value={orgKind} onValue={setOrgKind} options={ORGANIZATION_KINDS} error={fieldError(error, 'kind')} />}
          {(isOrganization(node) || isHonor(node)) && <SelectInput label="级别 Level" value={level} onValue={setLevel} options={LEVELS} error={fieldError(error, 'level')} />}
          {isProgram(node) && <SelectInput label="项目类型 Kind" value={programKind} onValue={setProgramKind} options={PROGRAM_KINDS} error={fieldError(error, 'kind')} />}
          {isProgram(node) && <TextInput label="年份 Year" value={year} onValue={setYear} inputMode="numeric" error={fieldError(error, 'year')} />}
          {isSource(node) && <SelectInput label="来源类型 Kind" value={sourceKind} onValue={(v) => setSourceKind(v)} options={SOURCE_KINDS} error={fieldError(error, 'kind')} />}
          {isSource(node) && <TextInput label="发布日期 Published" value={published} onValue={setPublished} placeholder="YYYY-MM-DD" error={fieldError(error, 'published')} />}
          {isSource(node) && <TextInput label="发布者 Publisher" value={publisher} onValue={setPublisher} error={fieldError(error, 'publisher')} />}
        </div>
        <ErrorBanner error={unplaced(error, nameField, 'nameEn', 'aliases', 'kind', 'level', 'year', 'published', 'publisher')} />
        {saved && <OkBanner>已保存 Saved</OkBanner>}
        <div class="actions"><button type="submit" class="primary" data-requires="editor" disabled={busy}>保存 Save</button></div>
      </form>
    </details>
  );
}

const LinkedTable = ({ caption, rows }: { caption: string; rows: readonly WorkspaceLinkedOrganizationFragment[] }) => (
  <Table caption={caption} rows={rows} rowKey={(e) => e.statementId} columns={[
    { header: '组织 Organization', cell: (e) => <EntityLink id={e.node.id} name={e.node.name} /> },
    { header: '类型 Kind', cell: (e) => kindLabel(e.node.kind) },
    { header: '起止 Period', cell: (e) => (e.since || e.until ? `${e.since ?? '…'} – ${e.until ?? '至今 now'}` : '—') },
    { header: '来源与位置 Sources', cell: (e) => <Citations sources={e.sources} /> },
  ]} />
);

/** Links this entity to an organization (a parent, a conferring body, a partner): pick it and save. */
function LinkOrganizationForm({ heading, pickLabel, onLink, onDone, field }: {
  heading: string;
  pickLabel: string;
  onLink: (organization: PickedEntity) => Promise<unknown>;
  onDone: () => void;
  field: string;
}) {
  const [organization, setOrganization] = useState<PickedEntity | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onLink(organization!);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="fact-form" data-requires="editor" aria-label={heading} onSubmit={submit}>
      <EntityPicker label={pickLabel} types={['ORGANIZATION']} onPick={setOrganization} error={fieldError(error, field)}
        hint={organization ? `已选 Chosen: ${organization.name}` : '按名称搜索 search by name'} />
      <ErrorBanner error={unplaced(error, field)} />
      <div class="actions"><button type="submit" data-requires="editor" disabled={busy || !organization}>{heading}</button></div>
    </form>
  );
}

function OrganizationFacts({ node, session, onChanged }: { node: OrganizationNode; session: Session | null; onChanged: () => void }) {
  const editor = may(session, 'EDITOR');
  return (
    <>
      <section aria-labelledby="entity-hierarchy" class="facts">
        <h4 id="entity-hierarchy">上下级 Hierarchy</h4>
        <LinkedTable caption="上级组织 Part of" rows={node.parentConnection.edges} />
        {editor && (
          <LinkOrganizationForm heading="设为上级 Set parent" pickLabel="新上级组织 New parent" field="parentId" onDone={onChanged}
            onLink={(parent) => request(WorkspaceSetParentDocument, { id: node.id, parentId: parent.id, since: null, sourceIds: null })} />
        )}
        <LinkedTable caption={`下级组织 Units under it (${node.childrenConnection.totalCount})`} rows={node.childrenConnection.edges} />
      </section>
      <section aria-labelledby="entity-members" class="facts">
        <h4 id="entity-members">成员 Members</h4>
        <MembershipsTable caption="成员 Members" rows={node.members} session={session} onChanged={onChanged} show="member" />
      </section>
      <section aria-labelledby="entity-programs" class="facts">
        <h4 id="entity-programs">项目 Programs</h4>
        <Table caption={`主办或参与的项目 Programs organized or partnered (${node.programsConnection.totalCount})`} rows={node.programsConnection.edges}
          rowKey={(e, i) => `${e.node.id}-${e.relationship}-${i}`} columns={[
            { header: '项目 Program', cell: (e) => <EntityLink id={e.node.id} name={e.node.name} /> },
            { header: '角色 Role', cell: (e) => (e.relationship === 'ORGANIZED' ? '主办 organizer' : '参与 partner') },
            { header: '年份 Year', cell: (e) => e.node.year ?? '—' },
            { header: '来源与位置 Sources', cell: (e) => <Citations sources={e.sources} /> },
          ]} />
      </section>
    </>
  );
}

function HonorFacts({ node, session, onChanged }: { node: HonorNode; session: Session | null; onChanged: () => void }) {
  const editor = may(session, 'EDITOR');
  return (
    <>
      <section aria-labelledby="entity-conferrers" class="facts">
        <h4 id="entity-conferrers">授予机构 Conferring bodies</h4>
        <LinkedTable caption="授予机构 Conferred by" rows={node.conferredByConnection.edges} />
        {editor && (
          <LinkOrganizationForm heading="添加授予机构 Add conferring body" pickLabel="授予机构 Conferring body" field="organizationId" onDone={onChanged}
            onLink={(org) => request(WorkspaceLinkConferrerDocument, { honorId: node.id, organizationId: org.id, sourceIds: null, locators: null })} />
        )}
      </section>
      <section aria-labelledby="entity-recipients" class="facts">
        <h4 id="entity-recipients">获得者 Recipients</h4>
        <Table caption={`获得者 Recipients (${node.awardsConnection.totalCount})`} rows={node.awardsConnection.edges} rowKey={(e) => e.statementId} columns={[
          { header: '获得者 Recipient', cell: (e) => ('id' in e.node && e.node.id ? <EntityLink id={e.node.id} name={e.node.name} /> : '—') },
          { header: '年份 Year', cell: (e) => e.year ?? '—' },
          { header: '来源与位置 Sources', cell: (e) => <Citations sources={e.sources} /> },
        ]} />
      </section>
    </>
  );
}

function ProgramFacts({ node, session, onChanged }: { node: ProgramNode; session: Session | null; onChanged: () => void }) {
  const editor = may(session, 'EDITOR');
  return (
    <section aria-labelledby="entity-program-orgs" class="facts">
      <h4 id="entity-program-orgs">主办与参与 Organizers and partners</h4>
      <LinkedTable caption="主办 Organizers" rows={node.organizersConnection.edges} />
      <LinkedTable caption="参与 Partners" rows={node.partnersConnection.edges} />
      {editor && (
        <LinkOrganizationForm heading="添加参与方 Add partner" pickLabel="参与组织 Partner" field="organizationId" onDone={onChanged}
          onLink={(org) => request(WorkspaceLinkPartnerDocument, { programId: node.id, organizationId: org.id, sourceIds: null })} />
      )}
    </section>
  );
}

const RELATIONSHIPS: Record<string, string> = {
  RECEIVED: '获得 received',
  MEMBER_OF: '成员 member of',
  PART_OF: '隶属 part of',
  CONFERRED_BY: '授予方 conferred by',
  ORGANIZED: '主办 organized',
  PARTNERED: '参与 partnered',
};

function SourceFacts({ node }: { node: SourceNode }) {
  const named = (n: { __typename?: string; id: string; name?: string; title?: string }) => <EntityLink id={n.id} name={n.name ?? n.title} />;
  return (
    <section aria-labelledby="entity-facts" class="facts">
      <h4 id="entity-facts">所载事实 Facts it states</h4>
      <Table caption={`所载事实 Facts (${node.facts.totalCount})`} rows={node.facts.edges} rowKey={(e, i) => `${e.node.relationship}-${e.node.subject.id}-${e.node.object.id}-${i}`} columns={[
        { header: '主体 Subject', cell: (e) => named(e.node.subject as any) },
        { header: '关系 Relationship', cell: (e) => `${RELATIONSHIPS[e.node.relationship] ?? e.node.relationship}${e.node.year ? ` ${e.node.year}` : ''}${e.node.role ? ` (${e.node.role})` : ''}` },
        { header: '客体 Object', cell: (e) => named(e.node.object as any) },
        { header: '位置 Locators', cell: (e) => e.node.locators.filter(Boolean).join('; ') || '—' },
      ]} />
    </section>
  );
}
