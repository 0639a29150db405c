import { useState } from 'preact/hooks';
import type { ScreenProps } from '../screen';
import { request, plainMessage } from '../api';
import { href } from '../route';
import { may } from '../session';
import { ErrorBanner, OkBanner, SelectInput, Status, useLoad } from '../ui';
import {
  WorkspaceEntityHistoryDocument,
  WorkspaceRecentChangesDocument,
  WorkspaceUndoDocument,
  type WorkspaceRevisionFragment,
} from '../../../__generated__/graphql';

/**
 * History: the graph's recent changes (#/history), or one entity's (#/history/<id>), newest first,
 * each as a readable diff by entity names; an admin may undo a change nothing later depends on.
 */
type Revision = WorkspaceRevisionFragment;
type Change = Revision['changes'][number];
type Entity = Revision['entities'][number];

const PAGE = 20;

/** The operations a revision records, as an editor reads them. */
const OPERATIONS: readonly (readonly [string, string])[] = [
  ['createPerson', '新建人物 createPerson'],
  ['updatePerson', '修改人物 updatePerson'],
  ['createOrganization', '新建机构 createOrganization'],
  ['updateOrganization', '修改机构 updateOrganization'],
  ['setOrganizationParent', '设置上级 setOrganizationParent'],
  ['createHonor', '新建荣誉 createHonor'],
  ['updateHonor', '修改荣誉 updateHonor'],
  ['linkHonorConferrer', '授予机构 linkHonorConferrer'],
  ['createProgram', '新建项目 createProgram'],
  ['updateProgram', '修改项目 updateProgram'],
  ['linkProgramPartner', '项目合作方 linkProgramPartner'],
  ['linkProgramOrganizer', '项目主办方 linkProgramOrganizer'],
  ['createSource', '新建来源 createSource'],
  ['updateSource', '修改来源 updateSource'],
  ['awardHonor', '授予荣誉 awardHonor'],
  ['revokeAward', '撤销授予 revokeAward'],
  ['addMembership', '添加任职 addMembership'],
  ['endMembership', '结束任职 endMembership'],
  ['createFigure', '新建数据 createFigure'],
  ['mergeEntities', '合并 mergeEntities'],
  ['commitProposal', '文档提交 commitProposal'],
  ['importHonorees', 'CSV 导入 importHonorees'],
  ['undo', '撤销 undo'],
];
const OPERATION_TEXT = new Map(OPERATIONS);

const ACTION_TEXT: Record<Change['action'], string> = { ADDED: '新增 Added', REMOVED: '删除 Removed', CHANGED: '修改 Changed' };

const RELATIONSHIP_TEXT: Record<string, string> = {
  RECEIVED: '获得 received',
  MEMBER_OF: '任职于 member of',
  PART_OF: '隶属 part of',
  CONFERRED_BY: '授予机构 conferred by',
  ORGANIZED_BY: '主办 organized by',
  PARTNER: '合作 partner',
  CITES: '引用 cites',
};

/** A property value as JSON text, shown plainly: text as is, lists joined, absent as —. */
function valueText(json: string | null | undefined): string {
  if (json == null) return '—';
  try {
    const value = JSON.parse(json);
    if (value == null) return '—';
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('、') : '（空 empty）';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  } catch {
    return json;
  }
}

const when = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('zh-CN', { hour12: false });
};

function EntityName({ id, entities }: { id: string | null | undefined; entities: Map<string, Entity> }) {
  if (!id) return <span class="muted">—</span>;
  const entity = entities.get(id);
  return (
    <a href={href('history', id)} class={entity?.exists === false ? 'gone' : undefined} title={id}>
      {entity?.name ?? id}
      {entity?.type && <span class="kind"> {entity.type}</span>}
      {entity?.exists === false && <span class="kind"> 已不存在 gone</span>}
    </a>
  );
}

/** A relationship's own id and key are bookkeeping (the key repeats its year or role): not shown. */
const RELATIONSHIP_BOOKKEEPING = new Set(['id', 'key']);

function ChangeView({ change, entities }: { change: Change; entities: Map<string, Entity> }) {
  const properties = change.entityId ? change.properties : change.properties.filter((p) => !RELATIONSHIP_BOOKKEEPING.has(p.name));
  const subject = change.entityId ? (
    <>{change.labels.filter((l) => l !== 'Organization').join('/') || change.labels.join('/')} <EntityName id={change.entityId} entities={entities} /></>
  ) : (
    <>
      <EntityName id={change.fromId} entities={entities} /> —{RELATIONSHIP_TEXT[change.relationship ?? ''] ?? change.relationship}→ <EntityName id={change.toId} entities={entities} />
    </>
  );
  return (
    <li class={`change change-${change.action.toLowerCase()}`} data-action={change.action}>
      <span class="action">{ACTION_TEXT[change.action]}</span> {subject}
      {properties.length > 0 && (
        <table class="diff">
          <caption class="sr-only">属性变化 Property changes</caption>
          <thead><tr><th scope="col">属性 Property</th><th scope="col">之前 Before</th><th scope="col">之后 After</th></tr></thead>
          <tbody>
            {properties.map((p) => (
              <tr key={p.name}>
                <th scope="row">{p.name}</th>
                <td class={p.before == null ? 'muted' : 'before'}>{valueText(p.before)}</td>
                <td class={p.after == null ? 'muted' : 'after'}>{valueText(p.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

function RevisionView({ revision, canUndo, onUndone }: { revision: Revision; canUndo: boolean; onUndone: (undoId: string) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const entities = new Map(revision.entities.map((e) => [e.id, e]));
  const undo = async () => {
    setBusy(true);
    setError(null);
    try {
      const { undo } = await request(WorkspaceUndoDocument, { revisionId: revision.id });
      onUndone(undo.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const headingId = `rev-${revision.id}`;
  return (
    <li class="revision" data-revision={revision.id} data-operation={revision.operation}>
      <article aria-labelledby={headingId}>
        <h3 id={headingId}>
          <span class="op">{OPERATION_TEXT.get(revision.operation) ?? revision.operation}</span>
          <span class="meta">
            <time dateTime={revision.at}>{when(revision.at)}</time> · {revision.actor ?? '—'} ({revision.role})
          </span>
        </h3>
        <p class="muted rev-id">
          {revision.id}
          {revision.undoneBy && <span class="undone"> · 已撤销 undone by {revision.undoneBy}</span>}
          {revision.undoes && <span> · 撤销了 undoes {revision.undoes}</span>}
        </p>
        <ul class="changes">
          {revision.changes.map((change, i) => <ChangeView key={i} change={change} entities={entities} />)}
          {revision.changes.length === 0 && <li class="muted">无可见变化 No visible change</li>}
        </ul>
        {canUndo && !revision.undoneBy && revision.operation !== 'undo' && (
          <div class="actions">
            <button type="button" class="danger" data-requires="admin" disabled={busy} onClick={undo}
              aria-label={`撤销 Undo ${OPERATION_TEXT.get(revision.operation) ?? revision.operation} ${revision.id}`}>
              撤销 Undo
            </button>
          </div>
        )}
        {error != null && <div class="banner error" role="alert">{plainMessage(error)}</div>}
      </article>
    </li>
  );
}

export function HistoryScreen({ session, route }: ScreenProps) {
  const entityId = route.rest[0] ?? null;
  const [operation, setOperation] = useState<string>('');
  const [more, setMore] = useState<Revision[]>([]);
  const [moreCursor, setMoreCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [undone, setUndone] = useState<string | null>(null);
  const canUndo = may(session, 'ADMIN');
  const load = useLoad(async () => {
    setMore([]);
    setMoreCursor(null);
    if (entityId) {
      const { history } = await request(WorkspaceEntityHistoryDocument, { id: entityId, first: PAGE });
      return history;
    }
    const { recentChanges } = await request(WorkspaceRecentChangesDocument, { first: PAGE, operations: operation ? [operation] : null });
    return recentChanges;
  }, [entityId, operation, session?.token]);

  const loadMore = async () => {
    const after = moreCursor ?? load.data?.pageInfo.endCursor ?? null;
    setMoreError(null);
    try {
      const page = entityId
        ? (await request(WorkspaceEntityHistoryDocument, { id: entityId, first: PAGE, after })).history
        : (await request(WorkspaceRecentChangesDocument, { first: PAGE, after, operations: operation ? [operation] : null })).recentChanges;
      setMore((m) => [...m, ...page.edges.map((e) => e.node)]);
      setMoreCursor(page.pageInfo.hasNextPage ? page.pageInfo.endCursor ?? null : '');
    } catch (err) {
      setMoreError(err);
    }
  };

  const revisions = [...(load.data?.edges.map((e) => e.node) ?? []), ...more];
  const hasMore = moreCursor === null ? !!load.data?.pageInfo.hasNextPage : moreCursor !== '';
  const entityName = entityId ? revisions.flatMap((r) => r.entities).find((e) => e.id === entityId)?.name ?? entityId : null;
  return (
    <section aria-labelledby="history-heading" class="history">
      <h2 id="history-heading">{entityId ? <>历史 History: {entityName}</> : '历史 History'}</h2>
      {entityId ? (
        <p><a href={href('history')}>← 全部最近变化 All recent changes</a> · <span class="muted">{entityId}</span></p>
      ) : (
        <div class="form-row">
          <SelectInput label="操作 Operation" value={operation} onValue={(v) => setOperation(v)} options={OPERATIONS}
            hint="只看一种变化 Show one kind of change only" />
        </div>
      )}
      {undone && <OkBanner>已撤销 Undone: 撤销记录 undo revision <span data-testid="undo-revision">{undone}</span></OkBanner>}
      <ErrorBanner error={load.error} />
      <Status>{load.loading ? '加载中… Loading…' : load.data ? `共 ${load.data.totalCount} 条 ${load.data.totalCount} changes` : ''}</Status>
      <ol class="revisions" aria-label="变化 Changes, newest first" aria-busy={load.loading ? 'true' : 'false'}>
        {revisions.map((revision) => (
          <RevisionView key={revision.id} revision={revision} canUndo={canUndo}
            onUndone={(id) => { setUndone(id); load.reload(); }} />
        ))}
      </ol>
      {!load.loading && load.data && revisions.length === 0 && <p class="muted">无变化 No changes</p>}
      <ErrorBanner error={moreError} />
      {hasMore && <div class="actions"><button type="button" onClick={loadMore}>加载更多 Load more</button></div>}
    </section>
  );
}
