import { useState } from 'preact/hooks';
import { fieldError, request } from '../api';
import { may, type Session } from '../session';
import { ErrorBanner, OkBanner, Table, TextInput } from '../ui';
import { WorkspaceAddExternalIdDocument, WorkspaceRemoveExternalIdDocument, type WorkspaceExternalIdRowFragment } from '../../../__generated__/graphql';
import { Citations, SourceChooser, unplaced, type ChosenSource } from './entities-common';

const KIND_LABELS: Record<string, string> = { WIKIDATA: 'Wikidata', WEBSITE: '官网 Website', USCC: '统一社会信用代码 USCC' };

/** The entity's identifiers outside the graph, each with its source; editors add and remove them. */
export function ExternalIdsSection({ entityId, ids, session, onChanged }: {
  entityId: string;
  ids: readonly WorkspaceExternalIdRowFragment[];
  session: Session | null;
  onChanged: () => void;
}) {
  const editor = may(session, 'EDITOR');
  const [error, setError] = useState<unknown>(null);
  const remove = async (id: WorkspaceExternalIdRowFragment) => {
    if (!confirm(`删除 Remove ${id.value}?`)) return;
    setError(null);
    try {
      await request(WorkspaceRemoveExternalIdDocument, { entityId, externalId: id.stored });
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="entity-external-ids" class="facts">
      <h4 id="entity-external-ids">外部标识 External identifiers</h4>
      <Table caption="外部标识 External identifiers" rows={ids} rowKey={(x) => x.stored} columns={[
        { header: '类型 Kind', cell: (x) => KIND_LABELS[x.kind] ?? x.kind },
        { header: '标识 Identifier', cell: (x) => (x.iri ? <a href={x.iri} rel="noopener noreferrer" target="_blank">{x.value}</a> : <code>{x.value}</code>) },
        { header: '来源与位置 Sources', cell: (x) => <Citations sources={x.sources} /> },
        ...(editor ? [{ header: '操作 Actions', cell: (x: WorkspaceExternalIdRowFragment) => (
          <button type="button" class="danger" data-requires="editor" onClick={() => remove(x)} aria-label={`删除 Remove ${x.value}`}>删除 Remove</button>
        ) }] : []),
      ]} />
      <ErrorBanner error={error} />
      {editor && <ExternalIdForm entityId={entityId} onDone={onChanged} />}
    </section>
  );
}

/** Adds an identifier (Q42, a Wikidata address, a website, a USCC) with the source that gives it. */
function ExternalIdForm({ entityId, onDone }: { entityId: string; onDone: () => void }) {
  const [text, setText] = useState('');
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
      const locator = chosen.locator.trim();
      const { addExternalId } = await request(WorkspaceAddExternalIdDocument, {
        entityId,
        externalId: text.trim(),
        sourceId: chosen.source?.id ?? null,
        locator: chosen.source && locator ? locator : null,
      });
      setDone(`已记录 Recorded: ${addExternalId.externalId.value}`);
      setText('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="fact-form" data-requires="editor" aria-labelledby="external-id-heading" onSubmit={submit}>
      <h4 id="external-id-heading">添加外部标识 Add an identifier</h4>
      <TextInput label="标识 Identifier" value={text} onValue={setText} maxLength={500} placeholder="Q42 · https://… · 9144030071526726XG"
        hint="Wikidata QID、官网网址或统一社会信用代码 / a Wikidata id, the official website or a USCC" error={fieldError(error, 'externalId')} />
      <SourceChooser value={chosen} onValue={setChosen} error={error} />
      <ErrorBanner error={unplaced(error, 'externalId', 'sourceId', 'locator')} />
      {done && <OkBanner>{done}</OkBanner>}
      <div class="actions">
        <button type="submit" class="primary" data-requires="editor" disabled={busy || !text.trim()}>添加 Add</button>
      </div>
    </form>
  );
}
