import { useEffect, useMemo, useState } from 'preact/hooks';
import { plainMessage, request } from '../api';
import { href } from '../route';
import { may, type Session } from '../session';
import { ErrorBanner, OkBanner, SelectInput, Status, Table } from '../ui';
import {
  WorkspaceAcceptAllPendingDocument,
  WorkspaceCommitProposalDocument,
  WorkspaceProposalDocument,
  type WorkspaceProposalCommitFragment,
} from '../../../__generated__/graphql';
import { describeItem, itemOfError, KIND_NAMES, KIND_ORDER, segments, type Item, type Proposal } from './ingest-model';
import { ItemCard, type Act } from './ingest-item';

const SHOW_OPTIONS = [['PENDING', '待定 Pending'], ['ACCEPTED', '已接受 Accepted'], ['REJECTED', '已拒绝 Rejected']] as const;
export const cardId = (proposalId: string, itemId: string) => `item-${proposalId}-${itemId}`;

/** One proposal beside its repaired text: the spans highlighted, the items by kind, the review and the commit. */
export function ProposalReview({ proposalId, session }: { proposalId: string; session: Session | null }) {
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [announce, setAnnounce] = useState('');
  const [banner, setBanner] = useState<unknown>(null);
  const [itemErrors, setItemErrors] = useState<Record<string, unknown>>({});
  const [selected, setSelected] = useState<string | null>(null);
  const [show, setShow] = useState<'' | 'PENDING' | 'ACCEPTED' | 'REJECTED'>('');
  const [committed, setCommitted] = useState<{ commit: WorkspaceProposalCommitFragment; already: boolean } | null>(null);
  const editor = may(session, 'EDITOR');

  useEffect(() => {
    let live = true;
    request(WorkspaceProposalDocument, { id: proposalId }).then(
      (data) => live && (data.proposal ? setProposal(data.proposal) : setLoadError(new Error(`找不到提案 No proposal ${proposalId}`))),
      (error) => live && setLoadError(error),
    );
    return () => { live = false; };
  }, [proposalId]);

  const byId = useMemo(() => new Map((proposal?.items ?? []).map((item) => [item.id, item])), [proposal]);
  const segs = useMemo(() => (proposal ? segments(proposal.text, proposal.items) : []), [proposal?.text, proposal?.items]);

  /** Runs one review action; the answer is the proposal as it is now. Errors go to the item they name, else the banner. */
  const act: Act = async (label, run, itemId) => {
    setBusy(true);
    setBanner(null);
    setAnnounce(`${label}…`);
    try {
      const next = await run();
      setProposal(next);
      setItemErrors((errors) => {
        const rest = { ...errors };
        if (itemId) delete rest[itemId];
        return rest;
      });
      setAnnounce(`${label}: 完成 done`);
      return true;
    } catch (error) {
      const named = itemOfError(error) ?? itemId ?? null;
      if (named && byId.has(named)) setItemErrors((errors) => ({ ...errors, [named]: error }));
      if (!itemId || named !== itemId) setBanner(error);
      setAnnounce(`${label}: ${plainMessage(error)}`);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const focusSpan = (itemId: string) => {
    setSelected(itemId);
    // The stretch where the item's span begins (several items may begin at one place).
    const mark = document.querySelector<HTMLElement>(`.review-text mark[data-starts~="${itemId}"]`);
    if (mark) {
      mark.scrollIntoView({ block: 'center' });
      mark.focus({ preventScroll: true });
    }
  };
  const focusItem = (itemId: string) => {
    setSelected(itemId);
    const go = () => {
      const card = document.getElementById(cardId(proposalId, itemId));
      if (card) {
        card.scrollIntoView({ block: 'center' });
        card.focus({ preventScroll: true });
      }
    };
    if (document.getElementById(cardId(proposalId, itemId))) go();
    else {
      // Hidden by the status filter: show every item, then go to it.
      setShow('');
      setTimeout(go, 0);
    }
  };

  if (loadError) return <><ErrorBanner error={loadError} /><p><a href={href('ingest')}>返回 Back to ingest</a></p></>;
  if (!proposal) return <Status>加载提案… Loading the proposal…</Status>;

  const open = proposal.status === 'OPEN';
  const pending = proposal.items.filter((i) => i.status === 'PENDING').length;
  const accepted = proposal.items.filter((i) => i.status === 'ACCEPTED').length;
  const commit = committed?.commit ?? proposal.commit ?? null;

  const acceptAll = () => act('全部接受待定条目 Accept all pending', async () => (await request(WorkspaceAcceptAllPendingDocument, { proposalId })).acceptAllPendingProposalItems);
  const doCommit = async () => {
    setBusy(true);
    setBanner(null);
    setAnnounce('正在提交… Committing…');
    try {
      const data = await request(WorkspaceCommitProposalDocument, { id: proposalId });
      setProposal(data.commitProposal.proposal);
      setCommitted({ commit: data.commitProposal.commit, already: data.commitProposal.alreadyCommitted });
      const c = data.commitProposal.commit;
      setAnnounce(c.revisionId ? `已提交 Committed: 修订 revision ${c.revisionId}` : '已提交，无需写入 Committed: nothing needed writing');
    } catch (error) {
      const named = itemOfError(error);
      if (named && byId.has(named)) setItemErrors((errors) => ({ ...errors, [named]: error }));
      setBanner(error);
      setAnnounce(`提交失败 Commit refused: ${plainMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };
  const bannerItem = itemOfError(banner);

  return (
    <div class="review">
      <p><a href={href('ingest')}>← 文档导入 All ingests</a></p>
      <h3 class="review-title">{proposal.title || proposal.fileName || proposal.id}</h3>
      <dl class="review-meta">
        <div><dt>提案 Proposal</dt><dd>{proposal.id}</dd></div>
        <div><dt>状态 Status</dt><dd data-testid="proposal-status">{proposal.status === 'OPEN' ? '审阅中 Open' : '已提交 Committed'}</dd></div>
        <div><dt>格式 Format</dt><dd>{proposal.format}{proposal.fileName ? ` · ${proposal.fileName}` : ''}</dd></div>
        <div><dt>地点 Place</dt><dd>{proposal.context.place ?? '—'}</dd></div>
        <div><dt>日期 Date</dt><dd>{proposal.context.date ?? '—'}{proposal.context.yearNote ? ` (${proposal.context.yearNote})` : ''}</dd></div>
        <div><dt>导入者 By</dt><dd>{proposal.createdBy}</dd></div>
      </dl>
      {proposal.duplicateOf && (
        <p class="banner note">此文档之前导入过 This document was ingested before: <a href={href('ingest', proposal.duplicateOf.id)}>{proposal.duplicateOf.id}</a></p>
      )}
      <Status>{announce}</Status>
      <ErrorBanner error={banner} />
      {bannerItem && byId.has(bannerItem) && (
        <p><button type="button" onClick={() => focusItem(bannerItem)}>查看条目 Go to item {bannerItem}</button></p>
      )}
      {commit && <CommitResult commit={commit} already={!!committed?.already} byId={byId} onItem={focusItem} />}
      {open && editor && (
        <div class="actions review-actions">
          <button type="button" data-requires="editor" disabled={busy || pending === 0} onClick={acceptAll}>全部接受待定 Accept all pending ({pending})</button>
          <button type="button" class="primary" data-requires="editor" disabled={busy || accepted === 0} onClick={doCommit}>提交 Commit ({accepted})</button>
        </div>
      )}
      <Table
        caption="条目统计 Items by kind"
        rows={proposal.summary}
        rowKey={(row) => row.kind}
        columns={[
          { header: '类别 Kind', cell: (row) => KIND_NAMES[row.kind] },
          { header: '总数 Total', cell: (row) => row.total },
          { header: '新 New', cell: (row) => row.proposedNew },
          { header: '已匹配 Matched', cell: (row) => row.matched },
          { header: '已在图中 In graph', cell: (row) => row.alreadyInGraph },
          { header: '待定 Pending', cell: (row) => row.pending },
          { header: '接受 Accepted', cell: (row) => row.accepted },
          { header: '拒绝 Rejected', cell: (row) => row.rejected },
        ]}
      />
      <div class="review-columns">
        <div class="review-text-column">
          <h3 id="review-text-heading">修复后的原文 Repaired text</h3>
          <Repairs proposal={proposal} />
          <div class="review-text" role="region" aria-labelledby="review-text-heading" tabIndex={0} data-testid="proposal-text">
            {segs.map((seg) => {
              const piece = proposal.text.slice(seg.start, seg.end);
              if (!seg.items.length) return piece;
              const primary = byId.get(seg.items[0])!;
              return (
                <mark
                  key={seg.start}
                  class={`span status-${primary.status.toLowerCase()}${seg.items.length > 1 ? ' nested' : ''}${selected && seg.items.includes(selected) ? ' selected' : ''}`}
                  data-items={seg.items.join(' ')}
                  data-starts={seg.starts.join(' ') || undefined}
                  title={seg.items.map((id) => `${id} ${describeItem(byId.get(id)!, byId)}`).join('\n')}
                  tabIndex={-1}
                  onClick={() => focusItem(seg.items[0])}
                  onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); focusItem(seg.items[0]); } }}
                >
                  {piece}
                </mark>
              );
            })}
          </div>
          <p class="hint muted">点击高亮跳到条目；在高亮上按 Enter 回到条目。Click a highlight to go to its item; Enter on a highlight goes back to it.</p>
        </div>
        <div class="review-items-column">
          <SelectInput label="显示 Show" value={show} onValue={(v) => setShow(v)} options={SHOW_OPTIONS} hint="— 全部 all items" />
          {KIND_ORDER.map((kind) => {
            const items = proposal.items.filter((i) => i.kind === kind && (!show || i.status === show));
            if (!items.length) return null;
            return (
              <section key={kind} aria-labelledby={`kind-${kind}`} class="kind-group">
                <h3 id={`kind-${kind}`}>{KIND_NAMES[kind]} ({items.length})</h3>
                {items.map((item) => (
                  <ItemCard key={item.id} id={cardId(proposalId, item.id)} proposalId={proposalId} item={item} byId={byId}
                    editable={open && editor} busy={busy} selected={selected === item.id} error={itemErrors[item.id] ?? null}
                    act={act} onShowSpan={() => focusSpan(item.id)} onItem={focusItem} />
                ))}
              </section>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** The repairs as a list (a table would need to scroll sideways in half the page). */
function Repairs({ proposal }: { proposal: Proposal }) {
  if (!proposal.repairs.length) return <p class="muted">未作修复 No repairs were needed.</p>;
  return (
    <details class="repairs" open={proposal.repairs.length <= 8}>
      <summary>修复 Repairs ({proposal.repairs.length})</summary>
      <ol>
        {proposal.repairs.map((r, i) => (
          <li key={i}>
            <span class="muted">{r.locator} · {REPAIR_NAMES[r.kind] ?? r.kind}{r.count > 1 ? ` ×${r.count}` : ''}:</span>{' '}
            <del>{r.damaged}</del> → <ins>{r.repaired}</ins>
            <span class="muted"> — {r.note}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}

const REPAIR_NAMES: Record<string, string> = { LOST_CHARACTER: '缺字 Lost character', SCRIPT: '繁体 Traditional script', PINYIN: '拼音 Pinyin' };

function CommitResult({ commit, already, byId, onItem }: { commit: WorkspaceProposalCommitFragment; already: boolean; byId: Map<string, Item>; onItem: (id: string) => void }) {
  return (
    <section class="commit-result" aria-labelledby="commit-result-heading" data-testid="commit-result">
      <OkBanner>
        <h3 id="commit-result-heading">{already ? '此前已提交 Committed before' : '已提交 Committed'}</h3>
        {commit.revisionId ? (
          <p>
            {/* The commit's Source is new: its history opens on this revision. */}
            修订 Revision <a href={commit.sourceId ? href('history', commit.sourceId) : href('history')} data-testid="revision-link">{commit.revisionId}</a>
            {' '}· 新节点 nodes created <strong data-testid="commit-created">{commit.created}</strong>
            {' '}· 事实 facts written <strong data-testid="commit-written">{commit.written}</strong>
            {commit.sourceId ? <> · 来源 Source <code data-testid="commit-source">{commit.sourceId}</code></> : null}
          </p>
        ) : (
          <p>无需写入：没有修订 Nothing needed writing: no revision.</p>
        )}
      </OkBanner>
      <Table
        caption={`跳过的条目 Skipped items (${commit.skipped.length})`}
        rows={commit.skipped}
        rowKey={(row) => row.itemId}
        empty="无 None"
        columns={[
          { header: '条目 Item', cell: (row) => <button type="button" class="link" onClick={() => onItem(row.itemId)}>{row.itemId}</button> },
          { header: '内容 What', cell: (row) => (byId.get(row.itemId) ? describeItem(byId.get(row.itemId)!, byId) : '—') },
          { header: '原因 Reason', cell: (row) => row.reason },
        ]}
      />
    </section>
  );
}
