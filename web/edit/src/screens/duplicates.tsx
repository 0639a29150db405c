import { useEffect, useState } from 'preact/hooks';
import { request } from '../api';
import { href } from '../route';
import { may } from '../session';
import type { ScreenProps } from '../screen';
import { ErrorBanner, OkBanner, SelectInput, Status, Table, TextInput, useLoad } from '../ui';
import {
  WorkspaceDismissDuplicateDocument,
  WorkspaceDuplicateQueueDocument,
  WorkspaceLatestRevisionDocument,
  WorkspaceMergeEntitiesDocument,
  WorkspaceMergePreviewDocument,
  WorkspaceUndoMergeDocument,
  type EntityType,
  type WorkspaceDuplicateEntityFragment,
  type WorkspaceDuplicateQueueQuery,
  type WorkspaceMergePreviewQuery,
} from '../../../__generated__/graphql';

/**
 * Duplicates: the queue of candidate pairs (duplicateQueue) with the features that matched;
 * "not the same" (dismissDuplicate, editor); a pair side by side with the merge preview
 * (mergePreview: what moves, what conflicts); the merge (admin) and its undo (admin) from the
 * confirmation. A pair has its own address: #/duplicates/<id>/<id>.
 */

type Entity = WorkspaceDuplicateEntityFragment;
type Pair = WorkspaceDuplicateQueueQuery['duplicateQueue']['edges'][number]['node'];
type Preview = WorkspaceMergePreviewQuery['mergePreview'];

const PAGE = 25;

const TYPES: readonly (readonly [EntityType, string])[] = [
  ['PERSON', '人物 People'],
  ['ORGANIZATION', '组织 Organizations'],
  ['HONOR', '荣誉 Honors'],
  ['PROGRAM', '项目 Programs'],
];
const TYPE_NAMES: Record<string, string> = { PERSON: '人物 Person', ORGANIZATION: '组织 Organization', HONOR: '荣誉 Honor', PROGRAM: '项目 Program', SOURCE: '来源 Source' };

const FEATURES: Record<string, string> = {
  SAME_NAME: '同名 Same name',
  SCRIPT_VARIANT: '繁简异体 Script variant',
  ALIAS: '别名 Alias',
  ENGLISH_NAME: '英文名 English name',
  PINYIN: '拼音 Pinyin',
  LOOK_ALIKE: '形近字 Look-alike',
  SHORT_FORM: '简称 Short form',
};
const OUTCOMES: Record<string, string> = { MOVED: '移入 Moves', UNITED: '合并为一 United', DROPPED: '舍弃 Dropped' };
const CONFLICTS: Record<string, string> = {
  PROPERTY: '属性不同 Property differs',
  PARENT: '上级不同 Different parent',
  SHARED_STATEMENT: '双方都有 Held by both',
  CYCLE: '形成环 Cycle',
};
const RELATIONSHIPS: Record<string, string> = {
  RECEIVED: '获得荣誉 Received',
  MEMBER_OF: '成员 Member of',
  PART_OF: '隶属 Part of',
  CONFERRED_BY: '授予 Conferred by',
  VARIANT_OF: '级别 Variant of',
  ORGANIZED: '主办 Organized',
  PARTNERED: '协办 Partnered',
  AUTHORED: '撰写 Authored',
  DESCRIBES: '数据 Describes',
  MENTIONS: '提及 Mentions',
};

const nameOf = (entity: Entity): string => ('name' in entity && entity.name) || ('title' in entity && entity.title) || entity.id;
const score = (value: number) => value.toFixed(2);

export function DuplicatesScreen({ session, route }: ScreenProps) {
  const [aId, bId] = route.rest;
  return (
    <section aria-labelledby="duplicates-heading" class="duplicates">
      <h2 id="duplicates-heading">重复 Duplicates</h2>
      {aId && bId ? <PairView key={`${aId}/${bId}`} session={session} aId={aId} bId={bId} /> : <Queue session={session} />}
    </section>
  );
}

// ---- the queue --------------------------------------------------------------------------

function Queue({ session }: { session: ScreenProps['session'] }) {
  const [type, setType] = useState<EntityType | ''>('');
  const [pairs, setPairs] = useState<Pair[]>([]);
  const [more, setMore] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const queue = useLoad(() => request(WorkspaceDuplicateQueueDocument, { types: type ? [type] : null, first: PAGE, after: null }), [type]);
  useEffect(() => {
    if (!queue.data) return;
    setPairs(queue.data.duplicateQueue.edges.map((e) => e.node));
    setMore(queue.data.duplicateQueue.pageInfo.hasNextPage ? queue.data.duplicateQueue.pageInfo.endCursor ?? null : null);
  }, [queue.data]);
  const editor = may(session, 'EDITOR');

  const loadMore = async () => {
    if (!more) return;
    setBusy('more');
    try {
      const { duplicateQueue } = await request(WorkspaceDuplicateQueueDocument, { types: type ? [type] : null, first: PAGE, after: more });
      setPairs((p) => [...p, ...duplicateQueue.edges.map((e) => e.node)]);
      setMore(duplicateQueue.pageInfo.hasNextPage ? duplicateQueue.pageInfo.endCursor ?? null : null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const dismiss = async (pair: Pair) => {
    setBusy(`${pair.a.id}|${pair.b.id}`);
    setError(null);
    try {
      await request(WorkspaceDismissDuplicateDocument, { aId: pair.a.id, bId: pair.b.id, note: null });
      setPairs((p) => p.filter((x) => x !== pair));
      setNotice(`已标记为不同 Marked as not the same: ${nameOf(pair.a)} · ${nameOf(pair.b)}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const total = queue.data?.duplicateQueue.totalCount;
  return (
    <>
      <p class="muted">名称可能指同一对象的实体对，最可能的在前。Pairs of entities whose names likely name the same thing, best first.</p>
      <div class="form-row">
        <SelectInput label="类型 Type" value={type} onValue={setType} options={TYPES} hint="空为全部 — for all types" />
      </div>
      <Status>{queue.loading ? '加载中… Loading…' : total != null ? `共 ${total} 对 ${total} pairs` : ''}</Status>
      <ErrorBanner error={queue.error ?? error} />
      {notice && <OkBanner>{notice}</OkBanner>}
      {queue.data && (
        <Table<Pair>
          caption={<>候选重复 Candidate duplicates</>}
          rows={pairs}
          rowKey={(p) => `${p.a.id}|${p.b.id}`}
          empty="没有候选 No candidates"
          columns={[
            { header: '名称甲 Name A', cell: (p) => <EntityName entity={p.a} /> },
            { header: '名称乙 Name B', cell: (p) => <EntityName entity={p.b} /> },
            { header: '类型 Type', cell: (p) => TYPE_NAMES[p.type] ?? p.type },
            { header: '分数 Score', cell: (p) => <span class="score" data-testid="score">{score(p.score)}</span> },
            {
              header: '依据 Features',
              cell: (p) => (
                <ul class="features">
                  {p.features.map((f, i) => <li key={i}><strong>{FEATURES[f.kind] ?? f.kind}</strong> <span class="muted">{f.reason}</span></li>)}
                </ul>
              ),
            },
            {
              header: '操作 Actions',
              cell: (p) => (
                <div class="row-actions">
                  <a href={href('duplicates', p.a.id, p.b.id)} aria-label={`对比 Compare ${nameOf(p.a)} · ${nameOf(p.b)}`}>对比 Compare</a>
                  {editor && (
                    <button type="button" data-requires="editor" disabled={busy != null} onClick={() => dismiss(p)}
                      aria-label={`不是同一个 Not the same: ${nameOf(p.a)} · ${nameOf(p.b)}`}>
                      不是同一个 Not the same
                    </button>
                  )}
                </div>
              ),
            },
          ]}
        />
      )}
      {more && <div class="actions"><button type="button" onClick={loadMore} disabled={busy != null}>更多 More</button></div>}
    </>
  );
}

const EntityName = ({ entity }: { entity: Entity }) => (
  <>
    {nameOf(entity)}
    <span class="kind"> {entity.id}</span>
  </>
);

// ---- one pair: side by side, the preview, merge and undo ---------------------------------

function PairView({ session, aId, bId }: { session: ScreenProps['session']; aId: string; bId: string }) {
  const editor = may(session, 'EDITOR');
  const admin = may(session, 'ADMIN');
  const [keepId, setKeepId] = useState(aId);
  const mergeId = keepId === aId ? bId : aId;
  const [phase, setPhase] = useState<{ state: 'preview' } | { state: 'merged'; kept: Entity; revisionId: string | null; merged: string } | { state: 'undone'; text: string }>({ state: 'preview' });
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [dismissed, setDismissed] = useState(false);
  const preview = useLoad<Preview | null>(
    () => (editor && phase.state !== 'merged' ? request(WorkspaceMergePreviewDocument, { keepId, mergeId }).then((d) => d.mergePreview) : Promise.resolve(null)),
    [keepId, mergeId, editor, phase.state],
  );

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const merge = () => run(async () => {
    const mergedName = preview.data ? nameOf(preview.data.merge) : mergeId;
    const { mergeEntities } = await request(WorkspaceMergeEntitiesDocument, { keepId, mergeId });
    // The merge's revision is the kept node's newest (undo needs its id).
    const { history } = await request(WorkspaceLatestRevisionDocument, { id: keepId });
    const latest = history.edges[0]?.node;
    setPhase({ state: 'merged', kept: mergeEntities, revisionId: latest?.operation === 'mergeEntities' ? latest.id : null, merged: mergedName });
  });
  const undo = () => run(async () => {
    if (phase.state !== 'merged' || !phase.revisionId) return;
    await request(WorkspaceUndoMergeDocument, { revisionId: phase.revisionId });
    setPhase({ state: 'undone', text: `已撤销合并 Merge undone: ${nameOf(phase.kept)} 与 and ${phase.merged} 已恢复为两个 are two again.` });
  });
  const dismiss = () => run(async () => {
    await request(WorkspaceDismissDuplicateDocument, { aId, bId, note: note.trim() || null });
    setDismissed(true);
  });

  const data = preview.data;
  return (
    <>
      <p><a href={href('duplicates')}>← 返回队列 Back to the queue</a></p>
      <ErrorBanner error={error} />
      {phase.state === 'merged' ? (
        <div class="merge-done" data-testid="merge-done">
          <OkBanner>已合并 Merged: {phase.merged} 并入 into <strong>{nameOf(phase.kept)}</strong> ({phase.kept.id}).</OkBanner>
          {admin && phase.revisionId && (
            <div class="actions">
              <button type="button" class="danger" data-requires="admin" disabled={busy} onClick={undo}>撤销合并 Undo the merge</button>
            </div>
          )}
          {admin && !phase.revisionId && <p class="muted">找不到合并的修订 The merge's revision was not found; undo it from History.</p>}
        </div>
      ) : (
        <>
          {phase.state === 'undone' && <OkBanner>{phase.text}</OkBanner>}
          {dismissed && <OkBanner>已标记为不同，已移出队列 Marked as not the same; the pair left the queue.</OkBanner>}
          {!editor && <p class="muted">以编辑身份登录后可预览合并 Sign in as an editor to preview a merge.</p>}
          {editor && (
            <fieldset class="keep-choice">
              <legend>保留哪一个 Which one to keep</legend>
              {[aId, bId].map((id) => (
                <label key={id}>
                  <input type="radio" name="keep" value={id} checked={keepId === id} onChange={() => setKeepId(id)} />
                  保留 Keep {id}
                </label>
              ))}
              <span class="hint muted">另一个并入保留的，名称成为别名 The other is merged into the one kept; its name becomes an alias.</span>
            </fieldset>
          )}
          <Status>{preview.loading ? '加载中… Loading…' : ''}</Status>
          <ErrorBanner error={preview.error} />
          {data && <SideBySide preview={data} />}
          {data && <PreviewDetails preview={data} />}
          {editor && !dismissed && (
            <div class="dismiss-form">
              <TextInput label="备注 Note (why they differ)" value={note} onValue={setNote} maxLength={500} />
              <div class="actions">
                <button type="button" data-requires="editor" disabled={busy} onClick={dismiss}>不是同一个 Not the same</button>
              </div>
            </div>
          )}
          {admin && data && (
            <div class="actions">
              <button type="button" class="primary" data-requires="admin" disabled={busy || data.refused != null} onClick={merge}>
                合并：保留 {nameOf(data.keep)} Merge, keeping {data.keep.id}
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}

function EntityCard({ entity, role }: { entity: Entity; role: string }) {
  const rows: [string, string | null | undefined][] = [
    ['编号 Id', entity.id],
    ['类型 Type', entity.__typename],
    ['英文名 English', 'nameEn' in entity ? entity.nameEn : null],
    ['别名 Aliases', 'aliases' in entity ? (entity.aliases ?? []).join('、') : null],
    ['类别 Kind', 'kind' in entity ? entity.kind : null],
    ['级别 Level', 'level' in entity ? entity.level : null],
  ];
  return (
    <article class="entity-card" aria-label={`${role} ${nameOf(entity)}`}>
      <h3>{role}：{nameOf(entity)}</h3>
      <dl>
        {rows.filter(([, v]) => v).map(([k, v]) => (
          <div key={k}><dt>{k}</dt><dd>{v}</dd></div>
        ))}
      </dl>
    </article>
  );
}

const SideBySide = ({ preview }: { preview: Preview }) => (
  <div class="side-by-side">
    <EntityCard entity={preview.keep} role="保留 Kept" />
    <EntityCard entity={preview.merge} role="并入 Merged" />
  </div>
);

function PreviewDetails({ preview }: { preview: Preview }) {
  return (
    <section class="merge-preview" aria-labelledby="merge-preview-heading">
      <h3 id="merge-preview-heading">合并预览 Merge preview</h3>
      {preview.refused && <div class="banner error" role="alert">不能合并 This merge would be refused: {preview.refused}</div>}
      <Table<Preview['moves'][number]>
        caption="关系 Relationships of the merged one"
        rows={preview.moves}
        rowKey={(m, i) => `${m.relationship}|${m.other.id}|${m.key}|${i}`}
        empty="没有关系 No relationships"
        columns={[
          { header: '关系 Relationship', cell: (m) => RELATIONSHIPS[m.relationship] ?? m.relationship },
          { header: '方向 Direction', cell: (m) => (m.outgoing ? '→ 指向 to' : '← 来自 from') },
          { header: '另一端 Other end', cell: (m) => <EntityName entity={m.other} /> },
          { header: '键 Key', cell: (m) => m.key || '—' },
          { header: '结果 Outcome', cell: (m) => <span class={`outcome ${m.outcome.toLowerCase()}`}>{OUTCOMES[m.outcome] ?? m.outcome}</span> },
        ]}
      />
      <h4>新增别名 Aliases added</h4>
      <p data-testid="aliases-added">{preview.aliasesAdded.length ? preview.aliasesAdded.join('、') : '无 None'}
        {preview.contextAliasesAdded.length > 0 && <> · {preview.contextAliasesAdded.join('、')}</>}</p>
      <h4>转移的引用 Citations moved</h4>
      <p data-testid="citations-moved">
        {preview.citationsMoved.length ? preview.citationsMoved.map((c) => (c.locator ? `${c.sourceId} (${c.locator})` : c.sourceId)).join('、') : '无 None'}
        {preview.citingFacts > 0 && <> · {preview.citingFacts} 条事实将改引保留的来源 facts will cite the kept source</>}
      </p>
      {preview.filled.length > 0 && (
        <>
          <h4>补充的属性 Properties filled in</h4>
          <ul>{preview.filled.map((f) => <li key={f.property}>{f.property}: {f.value}</li>)}</ul>
        </>
      )}
      <h4>冲突 Conflicts</h4>
      {preview.conflicts.length === 0 ? <p>无 None</p> : (
        <ul class="conflicts" data-testid="conflicts">
          {preview.conflicts.map((c, i) => <li key={i}><strong>{CONFLICTS[c.kind] ?? c.kind}</strong>: {c.message}</li>)}
        </ul>
      )}
    </section>
  );
}

