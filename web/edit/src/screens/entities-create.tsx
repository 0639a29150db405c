import { useState } from 'preact/hooks';
import { ApiError, fieldError, request } from '../api';
import { href, navigate } from '../route';
import { EntityPicker, ErrorBanner, SelectInput, TextInput, type PickedEntity } from '../ui';
import {
  WorkspaceCreateHonorDocument,
  WorkspaceCreateOrganizationDocument,
  WorkspaceCreatePersonDocument,
  WorkspaceCreateProgramDocument,
  WorkspaceCreateSourceDocument,
  WorkspaceLinkConferrerDocument,
  type Level,
  type OrganizationKind,
  type ProgramKind,
} from '../../../__generated__/graphql';
import { LEVELS, ORGANIZATION_KINDS, PROGRAM_KINDS, SOURCE_KINDS, unplaced, yearOf } from './entities-common';

export type CreatableType = 'Person' | 'Organization' | 'Honor' | 'Program' | 'Source';

export const CREATABLE: readonly (readonly [CreatableType, string])[] = [
  ['Person', '人物 Person'],
  ['Organization', '组织 Organization'],
  ['Honor', '荣誉 Honor'],
  ['Program', '项目 Program'],
  ['Source', '来源 Source'],
];

/** Aliases typed as one line: separated by commas, 、 or semicolons. */
export const aliasesOf = (text: string): string[] => text.split(/[,，、;；\n]/).map((a) => a.trim()).filter(Boolean);

/** A likely duplicate the server named in its CONFLICT (extensions.candidates). */
interface Candidate {
  id: string;
  name?: string | null;
  type?: string | null;
  reason?: string | null;
}

const candidatesOf = (error: unknown): Candidate[] | null =>
  error instanceof ApiError && error.code === 'CONFLICT' && Array.isArray(error.extensions.candidates) ? (error.extensions.candidates as Candidate[]) : null;

/** The CONFLICT on a likely duplicate: the candidates, each to open, and "create anyway". */
export function DuplicateWarning({ error, onCreateAnyway, busy }: { error: unknown; onCreateAnyway: () => void; busy: boolean }) {
  const candidates = candidatesOf(error);
  if (!candidates) return null;
  return (
    <div class="banner error duplicate-warning" role="alert" data-testid="duplicate-warning">
      <p><strong>可能重复 Likely duplicate</strong>: 图中已有相似的条目 the graph has one like it.</p>
      <ul>
        {candidates.map((c) => (
          <li key={c.id}>
            <strong>{c.name ?? c.id}</strong> <span class="muted">({c.type ?? ''} · {c.id}{c.reason ? ` · ${c.reason}` : ''})</span>{' '}
            <a href={href('entities', c.id)}>打开已有 Open the existing one</a>
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" data-requires="editor" onClick={onCreateAnyway} disabled={busy}>仍然新建 Create anyway</button>
      </div>
    </div>
  );
}

/** Creates a person, organization, honor, program or source; opens its page when done. */
export function CreateForm({ initialType = 'Person' }: { initialType?: CreatableType }) {
  const [type, setType] = useState<CreatableType>(initialType);
  const [name, setName] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [aliases, setAliases] = useState('');
  const [orgKind, setOrgKind] = useState<OrganizationKind | ''>('');
  const [level, setLevel] = useState<Level | ''>('');
  const [parent, setParent] = useState<PickedEntity | null>(null);
  const [conferrer, setConferrer] = useState<PickedEntity | null>(null);
  const [programKind, setProgramKind] = useState<ProgramKind | ''>('');
  const [year, setYear] = useState('');
  const [organizer, setOrganizer] = useState<PickedEntity | null>(null);
  const [sourceKind, setSourceKind] = useState('NEWS_REPORT');
  const [published, setPublished] = useState('');
  const [publisher, setPublisher] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const naming = () => ({ name: name.trim(), nameEn: nameEn.trim() || null, aliases: aliasesOf(aliases) });
  const create = async (allowDuplicate: boolean): Promise<string> => {
    switch (type) {
      case 'Person':
        return (await request(WorkspaceCreatePersonDocument, { input: { ...naming(), allowDuplicate } })).createPerson.id;
      case 'Organization':
        if (!orgKind) throw new ApiError('kind: 请选择组织类型 choose the kind of organization', 'BAD_USER_INPUT', 'kind');
        return (await request(WorkspaceCreateOrganizationDocument, {
          input: { ...naming(), kind: orgKind, level: level || null, parentId: parent?.id ?? null, allowDuplicate },
        })).createOrganization.id;
      case 'Honor': {
        const id = (await request(WorkspaceCreateHonorDocument, { input: { ...naming(), level: level || null, allowDuplicate } })).createHonor.id;
        if (conferrer) await request(WorkspaceLinkConferrerDocument, { honorId: id, organizationId: conferrer.id, sourceIds: null, locators: null });
        return id;
      }
      case 'Program':
        if (!programKind) throw new ApiError('kind: 请选择项目类型 choose the kind of program', 'BAD_USER_INPUT', 'kind');
        return (await request(WorkspaceCreateProgramDocument, {
          input: { ...naming(), kind: programKind, year: year.trim() ? yearOf(year) : null, organizerIds: organizer ? [organizer.id] : null, allowDuplicate },
        })).createProgram.id;
      case 'Source':
        return (await request(WorkspaceCreateSourceDocument, {
          input: { title: name.trim(), kind: sourceKind, published: published.trim() || null, publisher: publisher.trim() || null, allowDuplicate },
        })).createSource.id;
    }
  };
  const submit = async (allowDuplicate: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const id = await create(allowDuplicate);
      navigate('entities', id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const nameField = type === 'Source' ? 'title' : 'name';
  const fields = [nameField, 'nameEn', 'aliases', 'kind', 'level', 'parentId', 'year', 'organizerIds', 'published', 'publisher'];
  const isConflict = !!candidatesOf(error);
  return (
    <form class="create-form" data-requires="editor" aria-labelledby="create-heading" onSubmit={(e) => { e.preventDefault(); submit(false); }}>
      <h3 id="create-heading">新建 Create</h3>
      <SelectInput label="类型 Type" value={type} onValue={(v) => { if (v) setType(v); setError(null); }} options={CREATABLE} />
      <TextInput label={type === 'Source' ? '标题 Title' : '名称 Name'} value={name} onValue={setName} required maxLength={500}
        error={isConflict ? null : fieldError(error, nameField)} />
      {type !== 'Source' && (
        <div class="form-row">
          <TextInput label="英文名 English name" value={nameEn} onValue={setNameEn} maxLength={200} error={fieldError(error, 'nameEn')} />
          <TextInput label="别名 Aliases" value={aliases} onValue={setAliases} hint="用逗号或顿号分隔 separated by commas or 、" error={fieldError(error, 'aliases')} />
        </div>
      )}
      {type === 'Organization' && (
        <div class="form-row">
          <SelectInput label="组织类型 Kind" value={orgKind} onValue={setOrgKind} options={ORGANIZATION_KINDS} error={fieldError(error, 'kind')} />
          <SelectInput label="级别 Level" value={level} onValue={setLevel} options={LEVELS} error={fieldError(error, 'level')} />
          <EntityPicker label="上级组织 Parent" types={['ORGANIZATION']} onPick={setParent} error={fieldError(error, 'parentId')} hint={parent ? `已选 ${parent.name}` : '可不填 optional'} />
        </div>
      )}
      {type === 'Honor' && (
        <div class="form-row">
          <SelectInput label="级别 Level" value={level} onValue={setLevel} options={LEVELS} error={fieldError(error, 'level')} />
          <EntityPicker label="授予机构 Conferring body" types={['ORGANIZATION']} onPick={setConferrer} error={fieldError(error, 'organizationId')}
            hint={conferrer ? `已选 ${conferrer.name}` : '可不填 optional'} />
        </div>
      )}
      {type === 'Program' && (
        <div class="form-row">
          <SelectInput label="项目类型 Kind" value={programKind} onValue={setProgramKind} options={PROGRAM_KINDS} error={fieldError(error, 'kind')} />
          <TextInput label="年份 Year" value={year} onValue={setYear} inputMode="numeric" error={fieldError(error, 'year')} />
          <EntityPicker label="主办 Organizer" types={['ORGANIZATION']} onPick={setOrganizer} error={fieldError(error, 'organizerIds')}
            hint={organizer ? `已选 ${organizer.name}` : '可不填 optional'} />
        </div>
      )}
      {type === 'Source' && (
        <div class="form-row">
          <SelectInput label="来源类型 Kind" value={sourceKind} onValue={(v) => setSourceKind(v || 'NEWS_REPORT')} options={SOURCE_KINDS} error={fieldError(error, 'kind')} />
          <TextInput label="发布日期 Published" value={published} onValue={setPublished} placeholder="YYYY-MM-DD" error={fieldError(error, 'published')} />
          <TextInput label="发布者 Publisher" value={publisher} onValue={setPublisher} error={fieldError(error, 'publisher')} />
        </div>
      )}
      <DuplicateWarning error={error} busy={busy} onCreateAnyway={() => submit(true)} />
      {!isConflict && <ErrorBanner error={unplaced(error, ...fields)} />}
      <div class="actions">
        <button type="submit" class="primary" data-requires="editor" disabled={busy || !name.trim()}>创建 Create</button>
      </div>
    </form>
  );
}
