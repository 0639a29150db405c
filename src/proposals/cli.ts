import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signToken } from '../auth/token';

/**
 * `npm run ingest -- FILE [--commit] [--url http://localhost:4000/graphql] [--token TOKEN]`:
 * uploads a document to a running server's POST /ingest, prints what the proposal holds (items
 * by kind: new, matched, already in the graph), and with --commit accepts every pending item and
 * commits, printing the revision (undo it with `undo(revisionId)`). Progress goes to stderr, the
 * summary to stdout. Exits 1 when the server refuses, 2 on a usage error.
 */

const USAGE = 'usage: npm run ingest -- <file> [--commit] [--url http://localhost:4000/graphql] [--token <bearer token>]';

const MEDIA_TYPES: Record<string, string> = {
  '.txt': 'text/plain; charset=utf-8',
  '.text': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.markdown': 'text/markdown; charset=utf-8',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pdf': 'application/pdf',
};

const SUMMARY = `query P($id: ID!) { proposal(id: $id) {
  id status title format itemCount duplicateOf { id } repairs { kind count }
  summary { kind total proposedNew matched alreadyInGraph pending accepted rejected }
  items(kind: ENTITY) { id entity { type name matchStatus match { id } } alreadyInGraph }
} }`;
const ACCEPT_ALL = 'mutation A($id: ID!) { acceptAllPendingProposalItems(proposalId: $id) { id } }';
const COMMIT = 'mutation C($id: ID!) { commitProposal(id: $id) { alreadyCommitted commit { revisionId sourceId created written skipped { itemId reason } } } }';

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

function tokenFrom(argv: string[]): string {
  const given = option(argv, '--token') ?? process.env.HONORGRAPH_TOKEN;
  if (given) return given;
  const secret = process.env.AUTH_JWT_SECRET;
  if (!secret) throw new Error('pass --token, or set HONORGRAPH_TOKEN (npm run token -- --role editor --sub you) or AUTH_JWT_SECRET');
  return signToken({ sub: process.env.HONORGRAPH_ACTOR ?? `cli-${os.userInfo().username}`, role: 'editor' }, secret, '10m');
}

type Refusal = { message: string; extensions?: { code?: string } };

class Refused extends Error {}

async function graphql(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: Refusal[] };
  if (body.errors?.length) throw new Refused(`${body.errors[0].extensions?.code ?? 'ERROR'}: ${body.errors[0].message}`);
  return body.data;
}

const pad = (value: string | number, width: number) => String(value).padStart(width);

/** The proposal's counts as a table, and its new and ambiguous entities by name. */
export function formatSummary(proposal: any): string {
  const lines = [
    `proposal ${proposal.id} (${proposal.status}): ${proposal.title ?? '(no title)'}, ${proposal.format}, ${proposal.itemCount} items`,
    ...(proposal.duplicateOf ? [`the same file was ingested before: ${proposal.duplicateOf.id}`] : []),
    ...(proposal.repairs.length ? [`repairs: ${proposal.repairs.reduce((n: number, r: any) => n + r.count, 0)} (${[...new Set(proposal.repairs.map((r: any) => r.kind))].join(', ')})`] : []),
    '',
    `${'kind'.padEnd(15)}${pad('total', 7)}${pad('new', 7)}${pad('matched', 9)}${pad('already', 9)}${pad('pending', 9)}${pad('accepted', 10)}${pad('rejected', 10)}`,
    ...proposal.summary.map(
      (s: any) =>
        `${s.kind.padEnd(15)}${pad(s.total, 7)}${pad(s.proposedNew, 7)}${pad(s.matched, 9)}${pad(s.alreadyInGraph, 9)}${pad(s.pending, 9)}${pad(s.accepted, 10)}${pad(s.rejected, 10)}`,
    ),
  ];
  const fresh = proposal.items.filter((i: any) => i.entity.matchStatus === 'NEW' || i.entity.matchStatus === 'AMBIGUOUS');
  if (fresh.length) {
    lines.push('', 'entities not in the graph:');
    for (const item of fresh.slice(0, 50)) lines.push(`  ${item.id.padEnd(6)} ${item.entity.type.padEnd(13)} ${item.entity.name}${item.entity.matchStatus === 'AMBIGUOUS' ? `  (ambiguous: ${item.entity.match?.id})` : ''}`);
    if (fresh.length > 50) lines.push(`  … and ${fresh.length - 50} more`);
  }
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const file = argv.find((arg, i) => !arg.startsWith('--') && !['--url', '--token'].includes(argv[i - 1]));
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  const url = option(argv, '--url') ?? process.env.HONORGRAPH_URL ?? `http://localhost:${process.env.PORT ?? 4000}/graphql`;
  const token = tokenFrom(argv);
  const bytes = fs.readFileSync(file);
  const name = path.basename(file);
  const upload = new URL(url);
  upload.pathname = upload.pathname.replace(/\/graphql\/?$/, '') + '/ingest';
  upload.searchParams.set('fileName', name);
  console.error(`ingest: sending ${name} (${bytes.length} bytes) to ${upload.origin}${upload.pathname}`);
  const response = await fetch(upload, {
    method: 'POST',
    headers: { 'content-type': MEDIA_TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream', authorization: `Bearer ${token}` },
    body: bytes,
  });
  const answer = (await response.json()) as { id?: string; errors?: Refusal[] };
  if (!response.ok || !answer.id) {
    const error = answer.errors?.[0];
    console.error(`ingest refused (${response.status} ${error?.extensions?.code ?? ''}): ${error?.message ?? 'no answer'}`);
    return 1;
  }
  console.error(`ingest: proposal ${answer.id} stored; reading it`);
  const { proposal } = await graphql(url, token, SUMMARY, { id: answer.id });
  console.log(formatSummary(proposal));
  if (!argv.includes('--commit')) {
    console.log(`\nnothing written. Review it with proposal(id: "${proposal.id}"), or run again with --commit to accept every pending item and commit`);
    return 0;
  }
  console.error('ingest: accepting every pending item');
  await graphql(url, token, ACCEPT_ALL, { id: proposal.id });
  console.error('ingest: committing');
  const { commitProposal } = await graphql(url, token, COMMIT, { id: proposal.id });
  const commit = commitProposal.commit;
  console.log(
    `\ncommitted${commitProposal.alreadyCommitted ? ' before' : ''}: ${commit.created} nodes created, ${commit.written} facts written, ${commit.skipped.length} skipped; revision ${commit.revisionId ?? '(none: nothing to write)'}${commit.sourceId ? `, source ${commit.sourceId}` : ''}`,
  );
  for (const skip of commit.skipped) console.log(`  skipped ${skip.itemId}: ${skip.reason}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`ingest: ${error?.message ?? error}`);
      process.exit(1);
    },
  );
}
