import { useState } from 'preact/hooks';
import { fieldError, request } from '../api';
import { may, type Session } from '../session';
import { EntityPicker, ErrorBanner, OkBanner, Table, TextInput, type PickedEntity } from '../ui';
import {
  WorkspaceAddMembershipDocument,
  WorkspaceAwardHonorDocument,
  WorkspaceEndMembershipDocument,
  WorkspaceRevokeAwardDocument,
  type WorkspaceAwardRowFragment,
  type WorkspaceMembershipRowFragment,
} from '../../../__generated__/graphql';
import { Citations, EntityLink, citationArgs, levelLabel, SourceChooser, unplaced, yearOf, type ChosenSource } from './entities-common';

const nameOf = (node: { id?: string; name?: string } | null | undefined) => node?.name ?? node?.id ?? '';

/** The awards a person or organization received, each with its sources; revoke for admins. */
export function AwardsTable({ awards, session, onChanged }: { awards: readonly WorkspaceAwardRowFragment[]; session: Session | null; onChanged: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const admin = may(session, 'ADMIN');
  const revoke = async (award: WorkspaceAwardRowFragment) => {
    if (award.year == null || !('id' in award.recipient)) return;
    if (!confirm(`撤销 Revoke ${award.honor.name} (${award.year})?`)) return;
    setError(null);
    try {
      await request(WorkspaceRevokeAwardDocument, { recipientId: award.recipient.id!, honorId: award.honor.id, year: award.year });
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <Table caption="获得的荣誉 Awards received" rows={awards} rowKey={(a) => a.id} columns={[
        { header: '荣誉 Honor', cell: (a) => <EntityLink id={a.honor.id} name={a.honor.name} /> },
        { header: '级别 Level', cell: (a) => levelLabel(a.honor.level) },
        { header: '年份 Year', cell: (a) => a.year ?? '—' },
        { header: '来源与位置 Sources', cell: (a) => <Citations sources={a.sources} /> },
        ...(admin ? [{ header: '操作 Actions', cell: (a: WorkspaceAwardRowFragment) => a.year != null && (
          <button type="button" class="danger" data-requires="admin" onClick={() => revoke(a)}
            aria-label={`撤销 Revoke ${a.honor.name} ${a.year}`}>撤销 Revoke</button>
        ) }] : []),
      ]} />
      <ErrorBanner error={error} />
    </>
  );
}

/** Awards an honor to the entity: honor, year, and the source with its locator. */
export function AwardForm({ recipientId, onDone }: { recipientId: string; onDone: () => void }) {
  const [honor, setHonor] = useState<PickedEntity | null>(null);
  const [year, setYear] = useState('');
  const [chosen, setChosen] = useState<ChosenSource>({ source: null, locator: '' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await request(WorkspaceAwardHonorDocument, { recipientId, honorId: honor!.id, year: yearOf(year), ...citationArgs(chosen) });
      setDone(`已记录 Recorded: ${honor!.name} ${year.trim()}`);
      setYear('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="fact-form" data-requires="editor" aria-labelledby="award-heading" onSubmit={submit}>
      <h4 id="award-heading">授予荣誉 Award an honor</h4>
      <div class="form-row">
        <EntityPicker label="荣誉 Honor" types={['HONOR']} onPick={setHonor} error={fieldError(error, 'honorId')}
          hint={honor ? `已选 Chosen: ${honor.name}` : '按名称搜索 search by name'} />
        <TextInput label="年份 Year" value={year} onValue={setYear} inputMode="numeric" placeholder="2024" error={fieldError(error, 'year')} />
      </div>
      <SourceChooser value={chosen} onValue={setChosen} error={error} />
      <ErrorBanner error={unplaced(error, 'honorId', 'year', 'sourceIds', 'locators')} />
      {done && <OkBanner>{done}</OkBanner>}
      <div class="actions">
        <button type="submit" class="primary" data-requires="editor" disabled={busy || !honor || !year.trim()}>授予 Award</button>
      </div>
    </form>
  );
}

/** The memberships of the entity (or the members of an organization): role, since, until, sources; end one. */
export function MembershipsTable({ caption, rows, session, onChanged, show }: {
  caption: string;
  rows: readonly WorkspaceMembershipRowFragment[];
  session: Session | null;
  onChanged: () => void;
  /** Which end to name in the first column. */
  show: 'organization' | 'member';
}) {
  const editor = may(session, 'EDITOR');
  return (
    <Table caption={caption} rows={rows} rowKey={(m) => m.id} columns={[
      show === 'organization'
        ? { header: '组织 Organization', cell: (m) => <EntityLink id={m.organization.id} name={m.organization.name} /> }
        : { header: '成员 Member', cell: (m) => ('id' in m.member && m.member.id ? <EntityLink id={m.member.id} name={nameOf(m.member)} /> : '—') },
      { header: '职务 Role', cell: (m) => m.role ?? <span class="muted">成员 member</span> },
      { header: '起 Since', cell: (m) => <span data-testid="membership-since">{m.since ?? '—'}</span> },
      { header: '止 Until', cell: (m) => <span data-testid="membership-until">{m.until ?? '至今 ongoing'}</span> },
      { header: '来源与位置 Sources', cell: (m) => <Citations sources={m.sources} /> },
      ...(editor ? [{ header: '结束 End', cell: (m: WorkspaceMembershipRowFragment) => !m.until && <EndMembershipForm membership={m} onDone={onChanged} /> }] : []),
    ]} />
  );
}

function EndMembershipForm({ membership, onDone }: { membership: WorkspaceMembershipRowFragment; onDone: () => void }) {
  const [until, setUntil] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const memberId = 'id' in membership.member ? membership.member.id : undefined;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!memberId) return;
    setBusy(true);
    setError(null);
    try {
      await request(WorkspaceEndMembershipDocument, { memberId, organizationId: membership.organization.id, role: membership.role ?? null, until: until.trim() });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="end-form" data-requires="editor" onSubmit={submit} aria-label={`结束成员关系 End membership in ${membership.organization.name}`}>
      <TextInput label="止于 Until" value={until} onValue={setUntil} placeholder="YYYY-MM" error={fieldError(error, 'until')} />
      <ErrorBanner error={unplaced(error, 'until')} />
      <button type="submit" data-requires="editor" disabled={busy || !until.trim()}>结束 End</button>
    </form>
  );
}

/** Adds a membership of the entity in an organization: role, since, source and locator. */
export function MembershipForm({ memberId, onDone }: { memberId: string; onDone: () => void }) {
  const [organization, setOrganization] = useState<PickedEntity | null>(null);
  const [role, setRole] = useState('');
  const [since, setSince] = useState('');
  const [chosen, setChosen] = useState<ChosenSource>({ source: null, locator: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await request(WorkspaceAddMembershipDocument, {
        memberId, organizationId: organization!.id, role: role.trim() || null, since: since.trim() || null, ...citationArgs(chosen),
      });
      setRole('');
      setSince('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="fact-form" data-requires="editor" aria-labelledby="membership-heading" onSubmit={submit}>
      <h4 id="membership-heading">添加成员关系 Add a membership</h4>
      <div class="form-row">
        <EntityPicker label="组织 Organization" types={['ORGANIZATION']} onPick={setOrganization} error={fieldError(error, 'organizationId')}
          hint={organization ? `已选 Chosen: ${organization.name}` : '按名称搜索 search by name'} />
        <TextInput label="职务 Role" value={role} onValue={setRole} placeholder="执委" hint="可不填 optional" error={fieldError(error, 'role')} />
        <TextInput label="起始 Since" value={since} onValue={setSince} placeholder="YYYY-MM" error={fieldError(error, 'since')} />
      </div>
      <SourceChooser value={chosen} onValue={setChosen} error={error} />
      <ErrorBanner error={unplaced(error, 'organizationId', 'role', 'since', 'sourceIds', 'locators')} />
      <div class="actions">
        <button type="submit" class="primary" data-requires="editor" disabled={busy || !organization}>添加 Add</button>
      </div>
    </form>
  );
}
