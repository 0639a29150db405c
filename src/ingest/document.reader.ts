import { createHash } from 'node:crypto';
import { DocumentLine, IngestDocument } from './ingest.model';

export interface DocumentInput {
  bytes: Buffer;
  fileName?: string | null;
  mediaType?: string | null;
}

/**
 * A received file as repaired text with its lines. (Placeholder: plain UTF-8 text only, no
 * repair; the reader of every format replaces it.)
 */
export async function readDocument(input: DocumentInput): Promise<IngestDocument> {
  const rawText = input.bytes.toString('utf8').replace(/\r\n?/g, '\n');
  const lines: DocumentLine[] = [];
  let offset = 0;
  rawText.split('\n').forEach((line, i) => {
    lines.push({ locator: `¶${i + 1}`, start: offset, end: offset + line.length });
    offset += line.length + 1;
  });
  return {
    format: 'TEXT',
    fileName: input.fileName ?? null,
    contentHash: createHash('sha256').update(input.bytes).digest('hex'),
    rawText,
    text: rawText,
    lines,
    repairs: [],
    title: rawText.split('\n')[0] || null,
  };
}
