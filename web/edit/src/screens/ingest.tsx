import { useState } from 'preact/hooks';
import type { ScreenProps } from '../screen';
import { ApiError, fieldError, post, request } from '../api';
import { href, navigate } from '../route';
import { may } from '../session';
import { ErrorBanner, Field, Status, Table, TextArea, TextInput, useLoad } from '../ui';
import { WorkspaceIngestDocumentDocument, WorkspaceOpenProposalsDocument } from '../../../__generated__/graphql';
import { ProposalReview } from './ingest-review';

/**
 * Ingest review (#/ingest, #/ingest/<proposalId>): paste or upload a document, resume an open
 * proposal, review one beside its text and commit it. Proposals hold what no editor has
 * confirmed, so the whole screen needs the editor role; a viewer is told so and sees no control.
 */
export function IngestScreen({ session, route }: ScreenProps) {
  const proposalId = route.rest[0];
  const editor = may(session, 'EDITOR');
  return (
    <section aria-labelledby="ingest-heading" class="ingest">
      <h2 id="ingest-heading">文档导入 Ingest a document</h2>
      {!editor ? (
        <p class="muted" data-testid="ingest-needs-editor">
          审阅导入需要编辑权限 Reviewing ingests needs the editor role. <a href={href('sign-in')}>登录 Sign in</a>
        </p>
      ) : proposalId ? (
        <ProposalReview key={proposalId} proposalId={proposalId} session={session} />
      ) : (
        <>
          <IngestForm />
          <OpenProposals />
        </>
      )}
    </section>
  );
}

/** Pasted text goes through ingestDocument (at most the 1 MB request body); larger text and files through POST /ingest. */
const GRAPHQL_TEXT_LIMIT = 900_000;

interface IngestAnswer { id: string; duplicateOf?: string | { id: string } | null }

function IngestForm() {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');

  const opened = (answer: IngestAnswer) => {
    const earlier = typeof answer.duplicateOf === 'string' ? answer.duplicateOf : answer.duplicateOf?.id;
    setStatus(`已生成提案 Proposal ${answer.id} made${earlier ? `; 同一文档曾导入 the same document was ingested before as ${earlier}` : ''}`);
    navigate('ingest', answer.id);
  };
  const run = async (what: () => Promise<IngestAnswer>, doing: string) => {
    setBusy(true);
    setError(null);
    setStatus(doing);
    try {
      opened(await what());
    } catch (err) {
      setError(err);
      setStatus('');
    } finally {
      setBusy(false);
    }
  };
  const proposeText = (event: Event) => {
    event.preventDefault();
    if (!text.trim()) {
      setError(new ApiError('input.text: 请先粘贴文本 paste the document first', 'BAD_USER_INPUT', 'input.text'));
      return;
    }
    const name = fileName.trim() || null;
    void run(async () => {
      if (new TextEncoder().encode(text).length <= GRAPHQL_TEXT_LIMIT) {
        const data = await request(WorkspaceIngestDocumentDocument, { input: { text, fileName: name } });
        return data.ingestDocument;
      }
      const query = name ? `?fileName=${encodeURIComponent(name)}` : '';
      return post<IngestAnswer>(`/ingest${query}`, text, 'text/plain; charset=utf-8');
    }, '正在分析文本… Reading the text…');
  };
  const upload = (event: Event) => {
    event.preventDefault();
    if (!file) {
      setError(new ApiError('file: 请先选择文件 choose a file first', 'BAD_USER_INPUT', 'file'));
      return;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    void run(() => post<IngestAnswer>('/ingest', form), `正在上传 ${file.name}… Uploading…`);
  };
  const textError = fieldError(error, 'input.text', 'input');
  const fileError = fieldError(error, 'file');
  const other = error && !textError && !fileError ? error : null;
  return (
    <div class="ingest-start">
      <form class="ingest-paste" onSubmit={proposeText} aria-labelledby="ingest-paste-heading">
        <h3 id="ingest-paste-heading">粘贴文本 Paste text</h3>
        <TextArea label="文档文本 Document text" value={text} onValue={setText} rows={10} error={textError}
          hint="通知、名单、新闻稿… A notice, a list of honorees, a news item (text, Markdown or HTML)." />
        <TextInput label="文件名（可选）File name (optional)" value={fileName} onValue={setFileName} maxLength={255}
          hint="扩展名说明格式 Its extension tells the format: .md, .html" />
        <div class="actions">
          <button type="submit" class="primary" data-requires="editor" disabled={busy}>分析 Propose</button>
        </div>
      </form>
      <form class="ingest-upload" onSubmit={upload} aria-labelledby="ingest-upload-heading">
        <h3 id="ingest-upload-heading">上传文件 Upload a file</h3>
        <Field label="文件 File" error={fileError} hint="文本、Markdown、HTML、docx、带文字层的 PDF；最大 5 MB. Text, Markdown, HTML, docx, PDF with a text layer; up to 5 MB.">
          {(wired) => (
            <input {...wired} type="file" accept=".txt,.md,.markdown,.html,.htm,.docx,.pdf,text/plain,text/markdown,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="primary" data-requires="editor" disabled={busy}>上传并分析 Upload and propose</button>
        </div>
      </form>
      <ErrorBanner error={other} />
      <Status>{status}</Status>
    </div>
  );
}

function OpenProposals() {
  const [after, setAfter] = useState<string | null>(null);
  const [pages, setPages] = useState<{ id: string; title?: string | null; fileName?: string | null; format: string; createdAt: string; createdBy: string; itemCount: number }[]>([]);
  const load = useLoad(async () => {
    const data = await request(WorkspaceOpenProposalsDocument, { first: 20, after });
    setPages((rows) => [...(after ? rows : []), ...data.proposals.edges.map((e) => e.node)]);
    return data.proposals;
  }, [after]);
  const next = load.data?.pageInfo.hasNextPage ? load.data.pageInfo.endCursor : null;
  return (
    <div class="ingest-open">
      <h3>未提交的提案 Open proposals{load.data ? ` (${load.data.totalCount})` : ''}</h3>
      <ErrorBanner error={load.error} />
      <Table
        caption="继续审阅 Resume a review"
        rows={pages}
        rowKey={(row) => row.id}
        empty="没有未提交的提案 No open proposals"
        columns={[
          { header: '标题 Title', cell: (row) => <a href={href('ingest', row.id)}>{row.title || row.fileName || row.id}</a> },
          { header: '格式 Format', cell: (row) => row.format },
          { header: '条目 Items', cell: (row) => row.itemCount },
          { header: '导入者 By', cell: (row) => row.createdBy },
          { header: '时间 When', cell: (row) => row.createdAt.replace('T', ' ').slice(0, 16) },
        ]}
      />
      {next && <div class="actions"><button type="button" onClick={() => setAfter(next)}>更多 More</button></div>}
      <Status>{load.loading ? '加载中… Loading…' : ''}</Status>
    </div>
  );
}
