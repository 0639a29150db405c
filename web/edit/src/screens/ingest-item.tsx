import { useState } from 'preact/hooks';
import { fieldError, request } from '../api';
import { EntityPicker, ErrorBanner, SelectInput, TextInput, type PickedEntity } from '../ui';
import {
  WorkspaceAcceptProposalItemsDocument,
  WorkspaceEditProposalItemDocument,
  WorkspaceRejectProposalItemsDocument,
  WorkspaceRelinkProposalItemDocument,
  type Level,
  type OrganizationKind,
  type ProgramKind,
  type ProposalItemEditInput,
} from '../../../__generated__/graphql';
import {
  dependsOn, describeItem, entityName, ENTITY_TYPE_NAMES, LEVELS, MATCH_NAMES, ORGANIZATION_KINDS, percent, PROGRAM_KINDS,
  SEARCH_TYPE, STATUS_NAMES, type Item, type Proposal,
} from './ingest-model';

/** Runs a review mutation for an item (or the proposal): answers whether it went through. */
export type Act = (label: string, run: () => Promise<Proposal>, itemId?: string) => Promise<boolean>;

interface CardProps {
  id: string;
  proposalId: string;
  item: Item;
  byId: Map<string, Item>;
  /** An open proposal and an editor: the review controls are rendered. */
  editable: boolean;
  busy: boolean;
  selected: boolean;
  error: unknown;
  act: Act;
  onShowSpan: () => void;
  onItem: (itemId: string) => void;
}

/** One item: what it proposes, its status, confidence, match, stated and inferred fields, and its review. */
export function ItemCard({ id, proposalId, item, byId, editable, busy, selected, error, act, onShowSpan, onItem }: CardProps) {
  const [panel, setPanel] = useState<'relink' | 'edit' | null>(null);
  const entity = item.entity;
  const headingId = `${id}-h`;
  const label = `${item.id} ${describeItem(item, byId)}`;
  const accept = () => act(`接受 Accepted ${label}`, async () => (await request(WorkspaceAcceptProposalItemsDocument, { proposalId, itemIds: [item.id] })).acceptProposalItems, item.id);
  const reject = () => act(`拒绝 Rejected ${label}`, async () => (await request(WorkspaceRejectProposalItemsDocument, { proposalId, itemIds: [item.id] })).rejectProposalItems, item.id);
  const hidden = <span class="vh"> {item.id}</span>;
  const deps = dependsOn(item);
  return (
    <article id={id} tabIndex={-1} aria-labelledby={headingId} data-item={item.id}
      class={`item status-${item.status.toLowerCase()}${selected ? ' selected' : ''}`}>
      <h4 id={headingId}>
        <span class="item-id">{item.id}</span>{' '}
        {entity ? <>{ENTITY_TYPE_NAMES[entity.type] ?? entity.type} · {entity.name}{entity.matchStatus === 'RELINKED' && entity.match ? ` → ${entity.match.name}` : ''}</> : describeItem(item, byId)}
        <span class={`badge status-${item.status.toLowerCase()}`} data-testid="item-status">{STATUS_NAMES[item.status] ?? item.status}</span>
      </h4>
      <dl class="item-facts">
        <div><dt>置信度 Confidence</dt><dd>{percent(item.confidence)}</dd></div>
        <div><dt>位置 Where</dt><dd>{item.locator} “{item.text}”</dd></div>
        {entity && (
          <div><dt>匹配 Match</dt><dd data-testid="item-match">
            {MATCH_NAMES[entity.matchStatus] ?? entity.matchStatus}
            {entity.match && entity.matchStatus !== 'NEW' ? <> → {entity.match.name} <code>{entity.match.id}</code> ({percent(entity.match.score)})</> : null}
            {entity.match?.features.length ? (
              <ul class="features">{entity.match.features.map((f, i) => <li key={i}>{f.feature} {f.score >= 0 ? '+' : ''}{f.score.toFixed(2)}: {f.detail}</li>)}</ul>
            ) : null}
          </dd></div>
        )}
        {item.alreadyInGraph && <div><dt>已在图中 In the graph</dt><dd>{item.existingId ?? '是 yes'}（提交不写入 the commit writes nothing for it）</dd></div>}
        {entity && entity.written.length > 0 && <div><dt>写法 Written</dt><dd>{entity.written.join('、')}</dd></div>}
        {entity?.level && <div><dt>级别 Level</dt><dd>{entity.level}</dd></div>}
        {entity?.organizationKind && <div><dt>类型 Kind</dt><dd>{entity.organizationKind}</dd></div>}
        {entity?.programKind && <div><dt>类型 Kind</dt><dd>{entity.programKind}{entity.year ? ` · ${entity.year}` : ''}</dd></div>}
        {entity?.conferredByItemId && <div><dt>授予者 Conferred by</dt><dd><ItemLink id={entity.conferredByItemId} byId={byId} onItem={onItem} /></dd></div>}
        {entity?.variantOfName && <div><dt>通用称号 Generic title</dt><dd>{entity.variantOfName}</dd></div>}
        {item.award && <div><dt>年份 Year</dt><dd>{item.award.year ?? '—'}{item.award.yearStated ? '（写明 stated）' : `（推断 inferred${item.award.yearNote ? `: ${item.award.yearNote}` : ''}）`}</dd></div>}
        {item.figure && <div><dt>数值 Value</dt><dd>{item.figure.value} {item.figure.unit}{item.figure.approximate ? '（约 approximate）' : ''}{item.figure.year ? ` · ${item.figure.year}` : ''}</dd></div>}
        {deps.length > 0 && <div><dt>涉及 Refers to</dt><dd>{deps.map((d, i) => <span key={`${d}-${i}`}>{i ? '、' : ''}<ItemLink id={d} byId={byId} onItem={onItem} /></span>)}</dd></div>}
        <div><dt>写明 Stated</dt><dd>{item.stated.join(', ') || '—'}</dd></div>
        <div><dt>推断 Inferred</dt><dd>{item.inferred.join(', ') || '—'}</dd></div>
        {item.edited.length > 0 && <div><dt>已编辑 Edited</dt><dd>{item.edited.join(', ')}</dd></div>}
        {entity && entity.candidates.length > 0 && (
          <div><dt>候选 Candidates</dt><dd>
            <ul class="candidates">
              {entity.candidates.map((c) => (
                <li key={c.id}>
                  {c.name} <code>{c.id}</code> ({percent(c.score)})
                  {editable && !(entity.match?.id === c.id && entity.matchStatus !== 'NEW') ? (
                    <> <button type="button" data-requires="editor" disabled={busy}
                      onClick={() => act(`关联 Relinked ${item.id} → ${c.name}`, async () => (await request(WorkspaceRelinkProposalItemDocument, { proposalId, itemId: item.id, entityId: c.id })).relinkProposalItem, item.id)}>
                      关联到此 Relink to this<span class="vh"> {c.name} ({item.id})</span>
                    </button></>
                  ) : null}
                </li>
              ))}
            </ul>
          </dd></div>
        )}
        {item.note && <div><dt>备注 Note</dt><dd>{item.note}</dd></div>}
        {item.committedId && <div><dt>已写入 Written as</dt><dd><code>{item.committedId}</code></dd></div>}
      </dl>
      <div class="actions">
        <button type="button" onClick={onShowSpan}>原文 Show in text{hidden}</button>
        {editable && (
          <>
            <button type="button" data-requires="editor" disabled={busy || item.status === 'ACCEPTED'} onClick={accept}>接受 Accept{hidden}</button>
            <button type="button" data-requires="editor" class="danger" disabled={busy || item.status === 'REJECTED'} onClick={reject}>拒绝 Reject{hidden}</button>
            {entity && (
              <button type="button" data-requires="editor" aria-expanded={panel === 'relink' ? 'true' : 'false'} onClick={() => setPanel(panel === 'relink' ? null : 'relink')}>关联… Relink{hidden}</button>
            )}
            {editFields(item).length > 0 && (
              <button type="button" data-requires="editor" aria-expanded={panel === 'edit' ? 'true' : 'false'} onClick={() => setPanel(panel === 'edit' ? null : 'edit')}>编辑… Edit{hidden}</button>
            )}
          </>
        )}
      </div>
      {editable && panel === 'relink' && entity && <RelinkForm proposalId={proposalId} item={item} busy={busy} act={act} onDone={() => setPanel(null)} />}
      {editable && panel === 'edit' && <EditForm proposalId={proposalId} item={item} busy={busy} act={act} error={error} onDone={() => setPanel(null)} />}
      {panel !== 'edit' && <ErrorBanner error={error} />}
    </article>
  );
}

const ItemLink = ({ id, byId, onItem }: { id: string; byId: Map<string, Item>; onItem: (id: string) => void }) => (
  <button type="button" class="link" onClick={() => onItem(id)}>{id} {entityName(byId.get(id))}</button>
);

function RelinkForm({ proposalId, item, busy, act, onDone }: { proposalId: string; item: Item; busy: boolean; act: Act; onDone: () => void }) {
  const [picked, setPicked] = useState<PickedEntity | null>(null);
  const type = SEARCH_TYPE[item.entity!.type];
  const relink = async (event: Event) => {
    event.preventDefault();
    if (!picked) return;
    const ok = await act(`关联 Relinked ${item.id} → ${picked.name}`, async () => (await request(WorkspaceRelinkProposalItemDocument, { proposalId, itemId: item.id, entityId: picked.id })).relinkProposalItem, item.id);
    if (ok) onDone();
  };
  return (
    <form class="item-panel" onSubmit={relink} aria-label={`关联 Relink ${item.id}`}>
      <EntityPicker label={`关联到图中已有的${ENTITY_TYPE_NAMES[item.entity!.type] ?? ''} Relink ${item.id} to an existing node`} types={type ? [type] : undefined}
        onPick={setPicked} placeholder="输入名称搜索 Type a name" hint="↑↓ 选择 move, Enter 确定 pick" />
      <p class="muted" aria-live="polite">{picked ? <>已选 Chosen: {picked.name} <code>{picked.id}</code></> : '尚未选择 Nothing chosen yet'}</p>
      <div class="actions">
        <button type="submit" class="primary" data-requires="editor" disabled={busy || !picked}>确认关联 Relink{picked ? ` → ${picked.name}` : ''}</button>
        <button type="button" onClick={onDone}>取消 Cancel</button>
      </div>
    </form>
  );
}

type EditKey = keyof ProposalItemEditInput;

/** The fields an editor may change on this item, as the server allows them. */
function editFields(item: Item): EditKey[] {
  if (item.entity) {
    const e = item.entity;
    const own: EditKey[] = e.type === 'ORGANIZATION' ? ['organizationKind', 'level'] : e.type === 'HONOR' ? ['level'] : e.type === 'PROGRAM' ? ['programKind', 'year'] : [];
    return ['name', ...own, ...(e.matchStatus === 'NEW' ? [] : (['allowDuplicate'] as EditKey[]))];
  }
  if (item.award) return ['year'];
  if (item.membership) return ['role'];
  if (item.figure) return ['value', 'counts', 'year'];
  return [];
}

function initialValues(item: Item): Record<string, string> {
  const e = item.entity;
  return {
    name: e?.name ?? '',
    organizationKind: e?.organizationKind ?? '',
    level: e?.level ?? '',
    programKind: e?.programKind ?? '',
    year: String((e ? e.year : item.award?.year ?? item.figure?.year) ?? ''),
    role: item.membership?.role ?? '',
    value: item.figure ? String(item.figure.value) : '',
    counts: item.figure?.counts ?? '',
  };
}

function EditForm({ proposalId, item, busy, act, error, onDone }: { proposalId: string; item: Item; busy: boolean; act: Act; error: unknown; onDone: () => void }) {
  const fields = editFields(item);
  const start = initialValues(item);
  const [values, setValues] = useState(start);
  const [allowDuplicate, setAllowDuplicate] = useState(item.entity?.allowDuplicate ?? false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = (key: string) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const matched = !!item.entity && item.entity.matchStatus !== 'NEW';
  const locked = matched && !allowDuplicate;
  const err = (key: string) => local[key] ?? fieldError(error, key);
  const save = async (event: Event) => {
    event.preventDefault();
    const input: ProposalItemEditInput = {};
    const problems: Record<string, string> = {};
    for (const key of fields) {
      if (key === 'allowDuplicate') continue;
      if (values[key] === start[key]) continue;
      if (key === 'year') {
        if (!/^\d+$/.test(values.year.trim())) problems.year = '须为四位年份 must be a four-digit year';
        else input.year = Number(values.year.trim());
      } else if (key === 'value') {
        const n = Number(values.value);
        if (values.value.trim() === '' || !Number.isFinite(n)) problems.value = '须为数字 must be a number';
        else input.value = n;
      } else if (key === 'level') input.level = (values.level || null) as Level | null;
      else if (key === 'organizationKind') input.organizationKind = (values.organizationKind || null) as OrganizationKind | null;
      else if (key === 'programKind') input.programKind = (values.programKind || null) as ProgramKind | null;
      else (input as Record<string, string>)[key] = values[key];
    }
    if (matched && allowDuplicate !== (item.entity?.allowDuplicate ?? false)) input.allowDuplicate = allowDuplicate;
    setLocal(problems);
    if (Object.keys(problems).length) return;
    if (!Object.keys(input).length) {
      setLocal({ form: '没有改动 Nothing changed' });
      return;
    }
    const ok = await act(`编辑 Edited ${item.id}`, async () => (await request(WorkspaceEditProposalItemDocument, { proposalId, itemId: item.id, input })).editProposalItem, item.id);
    if (ok) onDone();
  };
  const fieldNamed = ['name', 'organizationKind', 'level', 'programKind', 'year', 'role', 'value', 'counts', 'allowDuplicate'].some((k) => fieldError(error, k));
  return (
    <form class="item-panel" onSubmit={save} aria-label={`编辑 Edit ${item.id}`}>
      {matched && (
        <div class="field checkbox">
          <label>
            <input type="checkbox" checked={allowDuplicate} onChange={(e) => setAllowDuplicate((e.target as HTMLInputElement).checked)} />
            {' '}另建新节点（不是已匹配的那个）Create a new node, not the one matched (allowDuplicate)
          </label>
        </div>
      )}
      {!locked && fields.includes('name') && <TextInput label="名称 Name" value={values.name} onValue={set('name')} error={err('name')} maxLength={200} />}
      {!locked && fields.includes('organizationKind') && (
        <SelectInput label="组织类型 Organization kind" value={values.organizationKind as OrganizationKind | ''} onValue={set('organizationKind')} options={ORGANIZATION_KINDS} error={err('organizationKind')} />
      )}
      {!locked && fields.includes('level') && <SelectInput label="级别 Level" value={values.level as Level | ''} onValue={set('level')} options={LEVELS} error={err('level')} />}
      {!locked && fields.includes('programKind') && (
        <SelectInput label="项目类型 Program kind" value={values.programKind as ProgramKind | ''} onValue={set('programKind')} options={PROGRAM_KINDS} error={err('programKind')} />
      )}
      {!locked && fields.includes('year') && <TextInput label="年份 Year" value={values.year} onValue={set('year')} error={err('year')} inputMode="numeric" />}
      {fields.includes('role') && <TextInput label="职务 Role" value={values.role} onValue={set('role')} error={err('role')} maxLength={200} />}
      {fields.includes('value') && <TextInput label="数值 Value" value={values.value} onValue={set('value')} error={err('value')} inputMode="numeric" />}
      {fields.includes('counts') && <TextInput label="计数对象 What it counts" value={values.counts} onValue={set('counts')} error={err('counts')} maxLength={200} />}
      {local.form && <p class="field-error" role="alert">{local.form}</p>}
      {error && !fieldNamed ? <ErrorBanner error={error} /> : null}
      <div class="actions">
        <button type="submit" class="primary" data-requires="editor" disabled={busy}>保存 Save{<span class="vh"> {item.id}</span>}</button>
        <button type="button" onClick={onDone}>取消 Cancel</button>
      </div>
    </form>
  );
}
