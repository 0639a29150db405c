import { useState } from 'preact/hooks';
import type { ScreenProps } from '../screen';
import { ApiError, fieldError, request } from '../api';
import { href } from '../route';
import { may } from '../session';
import { ErrorBanner, Field, OkBanner, Status, Table, TextArea } from '../ui';
import { WorkspaceImportCsvDocument, type WorkspaceImportCsvMutation } from '../../../__generated__/graphql';

/**
 * CSV import: choose (or paste) a published list of honorees, read the dry run's report row by
 * row, leave refused rows out, then import it in one transaction and see the revision it made.
 * The server reads the CSV with the same parser as `npm run import`.
 */
type Report = WorkspaceImportCsvMutation['importHonoreesCsv'];
type Row = Report['rows'][number];

const EXAMPLE = `name,organization,honor,year,source,kind
张晓梅,淮南市第一人民医院,三八红旗手,2025,2025年度淮南市三八红旗手名单,
淮南市妇联巾帼志愿服务队,淮南市妇女联合会,三八红旗集体,2025,2025年度淮南市三八红旗手名单,TEAM`;

const COLUMNS: [string, string, string][] = [
  ['name', '姓名 / 名称', '获奖者：人物；填了 kind 时为集体 The honoree: a person, or a collective when kind is given (required)'],
  ['organization', '单位 / 工作单位', '人物的单位（成为任职）；集体的上级 A person’s workplace (a membership), a collective’s parent'],
  ['honor', '荣誉 / 荣誉称号', '荣誉的名称、别名或 id，须已存在 The honor by name, alias or id; it must exist (required)'],
  ['year', '年份 / 年度', '四位年份 The year, four digits (required)'],
  ['source', '来源', '名单的标题或 id；新标题会建为来源 The list’s title or id; a new title becomes a source'],
  ['kind', '类型', '集体获奖者的机构类型 For a collective: its organization kind (TEAM, INSTITUTION, …); blank for a person'],
  ['year_inferred', '年份推断', 'true：名单未写年份 true when the list does not state the year; optional'],
];

const STATUS_TEXT: Record<Row['status'], string> = { CREATED: '新增 New', MATCHED: '已有 Matched', REJECTED: '拒绝 Refused' };

/**
 * The CSV without the data rows numbered `rows` (1 = the first row after the header), or null when
 * the text has a quoted line break (then rows and lines do not correspond; edit it by hand).
 */
function withoutRows(csv: string, rows: Set<number>): string | null {
  const lines = csv.split(/\r?\n/);
  if (lines.some((line) => (line.match(/"/g)?.length ?? 0) % 2 === 1)) return null;
  let row = -1; // the header is row 0
  const kept = lines.filter((line) => {
    if (line.trim() === '') return true;
    row += 1;
    return !rows.has(row);
  });
  return kept.join('\n');
}

function ReportView({ report, imported }: { report: Report; imported: boolean }) {
  const total = report.rows.length;
  const summary = report.dryRun
    ? `试运行 Dry run: ${total} 行 rows — ${report.created} 将新增 would add, ${report.matched} 已有 already recorded, ${report.rejected} 拒绝 refused; 未写入 nothing written`
    : report.committed
      ? `已导入 Imported: ${total} 行 rows — ${report.created} 新增 added, ${report.matched} 已有 already recorded`
      : `未导入 Not imported: ${report.rejected} / ${total} 行被拒 rows refused; 未写入 nothing written`;
  return (
    <div class="import-report" data-dry-run={String(report.dryRun)}>
      <p class="summary" data-testid="import-summary">{summary}</p>
      <Table<Row>
        caption={report.dryRun ? '试运行报告 Dry-run report, row by row' : '导入报告 Import report, row by row'}
        rows={report.rows}
        rowKey={(row) => String(row.row)}
        columns={[
          { header: '行 Row', cell: (row) => <span title={`第 ${row.row + 1} 行 line ${row.row + 1} of the file`}>{row.row}</span> },
          { header: '状态 Status', cell: (row) => <span class={`import-status ${row.status.toLowerCase()}`} data-status={row.status}>{STATUS_TEXT[row.status]}</span> },
          { header: '姓名 Name', cell: (row) => (imported && row.recipientId ? <a href={href('history', row.recipientId)}>{row.name}</a> : row.name) },
          {
            header: '说明 What happens',
            cell: (row) => row.reason
              ? <span class="reason">{row.reason}</span>
              : <ul class="import-actions">{row.actions.map((action, i) => <li key={i}>{action}</li>)}</ul>,
          },
        ]}
      />
    </div>
  );
}

export function ImportScreen({ session }: ScreenProps) {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  /** The text the report is about: the import is offered only for what the dry run read. */
  const [reportFor, setReportFor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'dry' | 'real' | null>(null);
  const [done, setDone] = useState<Report | null>(null);
  const editor = may(session, 'EDITOR');

  const run = async (dryRun: boolean, text = csv) => {
    setBusy(dryRun ? 'dry' : 'real');
    setError(null);
    try {
      const { importHonoreesCsv } = await request(WorkspaceImportCsvDocument, { csv: text, dryRun });
      setReport(importHonoreesCsv);
      setReportFor(text);
      if (!dryRun) setDone(importHonoreesCsv);
    } catch (err) {
      setError(err);
      // A refused real run carries its report: show which rows and why.
      const carried = err instanceof ApiError ? (err.extensions.report as Report | undefined) : undefined;
      setReport(carried ?? null);
      setReportFor(carried ? text : null);
    } finally {
      setBusy(null);
    }
  };

  const onFile = async (event: Event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    const text = await file.text();
    setFileName(file.name);
    setCsv(text);
    setReport(null);
    setDone(null);
    setError(null);
  };

  const current = report && reportFor === csv ? report : null;
  const refused = new Set(current?.rows.filter((r) => r.status === 'REJECTED').map((r) => r.row) ?? []);
  const pruned = refused.size && current?.dryRun ? withoutRows(csv, refused) : null;
  const canImport = !!current && current.dryRun && current.rejected === 0 && current.rows.length > 0;
  const csvError = fieldError(error, 'csv');

  return (
    <section aria-labelledby="import-heading" class="import">
      <h2 id="import-heading">CSV 导入 Import a list</h2>
      <p>
        导入一份获奖名单：先试运行，看每一行会匹配、新增还是被拒，再导入。全部行一次写入，有一行被拒则什么也不写。
        Import a published list of honorees: a dry run first shows what each row would match, add or why it is refused; the import then writes every row in one transaction, or none.
      </p>

      {editor ? (
        <form class="import-form" onSubmit={(e) => { e.preventDefault(); run(true); }}>
          <Field label="选择 CSV 文件 Choose a CSV file" hint={fileName ? `已读入 Read: ${fileName}` : 'UTF-8，首行为表头 UTF-8, a header line first'}>
            {(wired) => <input type="file" accept=".csv,text/csv,text/plain" {...wired} onChange={onFile} />}
          </Field>
          <TextArea label="或粘贴 CSV Or paste the CSV" rows={8} value={csv} error={csvError}
            onValue={(v) => { setCsv(v); setDone(null); }}
            hint="可修改后再试运行 Edit it and run the dry run again" />
          <div class="actions">
            <button type="submit" data-requires="editor" disabled={!csv.trim() || busy != null}>试运行 Dry run</button>
            {pruned != null && (
              <button type="button" data-requires="editor" disabled={busy != null}
                onClick={() => { setCsv(pruned); run(true, pruned); }}>
                去掉被拒的 {refused.size} 行并重新试运行 Leave out the refused rows and dry-run again
              </button>
            )}
            <button type="button" class="primary" data-requires="editor" disabled={!canImport || busy != null} onClick={() => run(false)}>
              导入 Import
            </button>
          </div>
          {current?.dryRun && current.rejected > 0 && (
            <p class="hint" role="note">有被拒的行时不能导入：修改或去掉这些行，再试运行。 Rows are refused: fix or leave them out and run the dry run again before importing.</p>
          )}
        </form>
      ) : (
        <p class="banner error" role="note">需要编辑权限才能导入 Sign in as an editor to import a list. <a href={href('sign-in')}>登录 Sign in</a></p>
      )}

      <Status>{busy === 'dry' ? '试运行中… Running the dry run…' : busy === 'real' ? '导入中… Importing…' : ''}</Status>
      {!csvError && <ErrorBanner error={error} />}
      {done?.committed && (
        <OkBanner>
          已导入 Imported in one transaction. 修订 Revision <span data-testid="import-revision">{done.revisionId ?? '—'}</span>
          {' '}(<a href={href('history')}>历史 History</a>)
        </OkBanner>
      )}
      {report && <ReportView report={report} imported={!!done?.committed && report === done} />}

      <details class="csv-format" open={!report}>
        <summary>CSV 格式 The CSV format</summary>
        <Table<[string, string, string]>
          caption="列 Columns (英文或中文表头 English or Chinese headers)"
          rows={COLUMNS}
          rowKey={(c) => c[0]}
          columns={[
            { header: '列 Column', cell: (c) => <code>{c[0]}</code> },
            { header: '中文表头 Chinese header', cell: (c) => c[1] },
            { header: '说明 Meaning', cell: (c) => c[2] },
          ]}
        />
        <p>示例 Example:</p>
        <pre class="csv-example" tabIndex={0} aria-label="CSV 示例 Example">{EXAMPLE}</pre>
        <p class="muted">至多 5000 行、1,000,000 字符 At most 5,000 rows and 1,000,000 characters; larger lists: split the file.</p>
      </details>
    </section>
  );
}
