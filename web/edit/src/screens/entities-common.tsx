import { useId, useState } from 'preact/hooks';
import { ApiError, fieldError, request } from '../api';
import { href } from '../route';
import { EntityPicker, ErrorBanner, TextInput, type PickedEntity } from '../ui';
import {
  WorkspaceCreateSourceDocument,
  type Level,
  type OrganizationKind,
  type ProgramKind,
  type WorkspaceCitationFragment,
} from '../../../__generated__/graphql';

/** Labels of the graph's enums, Chinese first. */
export const LEVELS: readonly (readonly [Level, string])[] = [
  ['NATIONAL', '全国 national'],
  ['PROVINCIAL', '省级 provincial'],
  ['MUNICIPAL', '市级 municipal'],
  ['COUNTY', '县级 county'],
  ['TOWNSHIP', '乡镇级 township'],
  ['VILLAGE', '村级 village'],
];

export const ORGANIZATION_KINDS: readonly (readonly [OrganizationKind, string])[] = [
  ['FEDERATION', '联合会 federation'],
  ['GOVERNMENT_BODY', '政府机关 government body'],
  ['PARTY_BODY', '党组织 party body'],
  ['INSTITUTION', '事业单位 institution'],
  ['ENTERPRISE', '企业 enterprise'],
  ['BANK', '银行 bank'],
  ['ASSOCIATION', '协会 association'],
  ['ALLIANCE', '联盟 alliance'],
  ['TEAM', '团队 team'],
  ['STUDIO', '工作室 studio'],
  ['THREE_NEW_SECTOR', '新领域组织 new-sector body'],
];

export const PROGRAM_KINDS: readonly (readonly [ProgramKind, string])[] = [
  ['CAMPAIGN', '活动 campaign'],
  ['EVENT', '会议 event'],
  ['PROJECT', '项目 project'],
  ['SERVICE', '服务 service'],
  ['TRAINING', '培训 training'],
  ['COMPETITION', '竞赛 competition'],
  ['AGREEMENT', '协议 agreement'],
  ['MEDIA_COLUMN', '栏目 media column'],
];

export const SOURCE_KINDS: readonly (readonly [string, string])[] = [
  ['NEWS_REPORT', '新闻报道 news report'],
  ['PUBLISHED_LIST', '公布名单 published list'],
];

const label = <T extends string>(list: readonly (readonly [T, string])[], value: T | null | undefined): string =>
  value ? list.find(([v]) => v === value)?.[1] ?? value : '—';
export const levelLabel = (value: Level | null | undefined) => label(LEVELS, value);
export const kindLabel = (value: OrganizationKind | null | undefined) => label(ORGANIZATION_KINDS, value);
export const programKindLabel = (value: ProgramKind | null | undefined) => label(PROGRAM_KINDS, value);
export const sourceKindLabel = (value: string | null | undefined) => label(SOURCE_KINDS, value);

/** What the five kinds of entity are called. */
export const TYPE_NAMES: Record<string, string> = {
  Person: '人物 Person',
  Honor: '荣誉 Honor',
  Program: '项目 Program',
  Source: '来源 Source',
};
export const typeName = (typename: string) => TYPE_NAMES[typename] ?? `组织 Organization (${typename})`;

/** A link to an entity's page in the workspace. */
export const EntityLink = ({ id, name }: { id: string; name?: string | null }) => <a href={href('entities', id)}>{name || id}</a>;

/** The citations of a fact: each source (linked) with its locator. */
export function Citations({ sources }: { sources: readonly WorkspaceCitationFragment[] }) {
  if (!sources.length) return <span class="muted">无来源 no source</span>;
  return (
    <ul class="citations">
      {sources.map((c, i) => (
        <li key={`${c.sourceId}-${i}`} data-source-id={c.sourceId}>
          {c.source ? <EntityLink id={c.source.id} name={c.source.title} /> : <span class="muted">{c.sourceId} (已删除 missing)</span>}
          {c.locator ? <span class="locator"> · {c.locator}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The error when no field of the form shows it (so it goes in a banner instead). */
export function unplaced(error: unknown, ...fields: string[]): unknown {
  if (!error) return null;
  return fields.some((f) => fieldError(error, f)) ? null : error;
}

/** Parses a year typed in the form; a local ApiError naming `year` when it is no whole number. */
export function yearOf(text: string): number {
  const trimmed = text.trim();
  if (!/^-?\d{1,6}$/.test(trimmed)) throw new ApiError('year: 须为整数年份 must be a whole year, e.g. 2024', 'BAD_USER_INPUT', 'year');
  return Number(trimmed);
}

/** The source a fact will cite: an existing one (picked) or one created inline; and where in it (the locator). */
export interface ChosenSource {
  source: PickedEntity | null;
  locator: string;
}

/**
 * Picks the Source a fact cites, or creates one inline (title, kind, published) when it is not in
 * the graph yet; and its locator. The created Source is picked at once.
 */
export function SourceChooser({ value, onValue, error }: { value: ChosenSource; onValue: (v: ChosenSource) => void; error: unknown }) {
  const [creating, setCreating] = useState(false);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState('NEWS_REPORT');
  const [published, setPublished] = useState('');
  const [createError, setCreateError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const kindId = useId();
  const create = async (allowDuplicate = false) => {
    setBusy(true);
    setCreateError(null);
    try {
      const { createSource } = await request(WorkspaceCreateSourceDocument, {
        input: { title: title.trim(), kind, published: published.trim() || null, allowDuplicate },
      });
      onValue({ ...value, source: { id: createSource.id, name: createSource.title, typename: 'Source' } });
      setCreating(false);
    } catch (err) {
      setCreateError(err);
    } finally {
      setBusy(false);
    }
  };
  const conflict = createError instanceof ApiError && createError.code === 'CONFLICT' ? createError : null;
  return (
    <fieldset class="source-chooser">
      <legend>来源 Source</legend>
      {value.source ? (
        <p class="chosen">
          已选 Chosen: <strong data-testid="chosen-source">{value.source.name}</strong> <span class="muted">({value.source.id})</span>{' '}
          <button type="button" onClick={() => onValue({ ...value, source: null })}>更换 Change</button>
        </p>
      ) : (
        <EntityPicker label="选择来源 Pick a source" types={['SOURCE']} onPick={(source) => onValue({ ...value, source })}
          error={fieldError(error, 'sourceIds')} hint="按标题搜索 search by title" />
      )}
      {!value.source && !creating && (
        <div class="actions"><button type="button" onClick={() => setCreating(true)}>新建来源 New source…</button></div>
      )}
      {!value.source && creating && (
        <div class="inline-create">
          <TextInput label="来源标题 Source title" value={title} onValue={setTitle} maxLength={500} error={fieldError(createError, 'title')} />
          <div class="form-row">
            <div class="field">
              <label for={kindId}>来源类型 Source kind</label>
              <select id={kindId} value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
                {SOURCE_KINDS.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
              </select>
            </div>
            <TextInput label="发布日期 Published" value={published} onValue={setPublished} placeholder="YYYY-MM-DD" error={fieldError(createError, 'published')} />
          </div>
          {conflict ? (
            <div class="banner error" role="alert">
              {conflict.message}
              <div class="actions">
                <button type="button" onClick={() => create(true)} disabled={busy}>仍然新建 Create anyway</button>
              </div>
            </div>
          ) : (
            <ErrorBanner error={unplaced(createError, 'title', 'published')} />
          )}
          <div class="actions">
            <button type="button" class="primary" disabled={busy || !title.trim()} onClick={() => create()}>创建来源 Create source</button>
            <button type="button" onClick={() => setCreating(false)}>取消 Cancel</button>
          </div>
        </div>
      )}
      <TextInput label="位置 Locator" value={value.locator} onValue={(locator) => onValue({ ...value, locator })} maxLength={200}
        placeholder="¶5" hint="来源中的段落或行，如 ¶5 / where in the source" error={fieldError(error, 'locators')} />
    </fieldset>
  );
}

/** sourceIds and locators for a mutation, from what the chooser holds. */
export const citationArgs = (chosen: ChosenSource) =>
  chosen.source ? { sourceIds: [chosen.source.id], locators: [chosen.locator.trim()] } : { sourceIds: null, locators: null };
