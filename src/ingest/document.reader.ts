import { createHash } from 'node:crypto';
import path from 'node:path';
import { badInput } from '../api/errors';
import { DEFAULT_INGEST_MAX_BYTES } from '../config';
import { readDocx } from './docx.reader';
import { readHtmlText } from './html.reader';
import { DocumentFormat, DocumentLine, IngestDocument, Repair } from './ingest.model';
import { readMarkdown } from './markdown.reader';
import { readPdf } from './pdf.reader';
import { repairLines, repairShort } from './repair';
import { decodeText, readPlainText, SourceText } from './text.reader';

export interface DocumentInput {
  bytes: Buffer;
  fileName?: string | null;
  mediaType?: string | null;
}

export interface ReadOptions {
  /** The largest file read, in bytes (INGEST_MAX_BYTES; default 5 MB). */
  maxBytes?: number;
  /** The graph's names: candidates when a lost character (`?`) is filled from context. */
  knownNames?: readonly string[];
}

const MEDIA_TYPES: Record<string, DocumentFormat> = {
  'text/plain': 'TEXT',
  'text/markdown': 'MARKDOWN',
  'text/x-markdown': 'MARKDOWN',
  'text/html': 'HTML',
  'application/xhtml+xml': 'HTML',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/pdf': 'PDF',
};

/** Media types that say nothing about the content: the extension or the bytes decide. */
const GENERIC_MEDIA_TYPES = new Set(['application/octet-stream', 'binary/octet-stream', 'application/unknown', '']);

const EXTENSIONS: Record<string, DocumentFormat> = {
  '.txt': 'TEXT',
  '.text': 'TEXT',
  '.md': 'MARKDOWN',
  '.markdown': 'MARKDOWN',
  '.html': 'HTML',
  '.htm': 'HTML',
  '.xhtml': 'HTML',
  '.docx': 'DOCX',
  '.pdf': 'PDF',
};

const SUPPORTED = 'plain text, Markdown, HTML, .docx or PDF';

function startsWith(bytes: Buffer, magic: number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

/** What the bytes are, when neither a media type nor an extension says. */
function sniff(bytes: Buffer): DocumentFormat | string {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'PDF';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // A zip archive: a Word document holds word/document.xml (its name is stored uncompressed).
    return bytes.includes('word/document.xml', 0, 'latin1') ? 'DOCX' : 'a zip archive that is no Word document';
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG image';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'a JPEG image';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'an old Office file (.doc/.xls)';
  const head = bytes.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || (head.startsWith('<!--') && head.includes('<html'))) return 'HTML';
  return 'TEXT';
}

/** The format of a received file, by media type, else extension, else magic bytes; a string names an unsupported one. */
export function detectFormat(input: DocumentInput): { format: DocumentFormat; charset: string | null } {
  const [type, ...params] = (input.mediaType ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '') ?? null;
  if (!GENERIC_MEDIA_TYPES.has(type)) {
    const format = MEDIA_TYPES[type];
    if (!format) throw badInput('file', `unsupported type ${type} (supported: ${SUPPORTED})`);
    return { format, charset };
  }
  const extension = input.fileName ? path.extname(input.fileName).toLowerCase() : '';
  if (extension) {
    const format = EXTENSIONS[extension];
    if (!format) throw badInput('file', `unsupported type ${extension} (supported: ${SUPPORTED})`);
    return { format, charset };
  }
  const sniffed = sniff(input.bytes);
  if (sniffed === 'TEXT' || sniffed === 'HTML' || sniffed === 'PDF' || sniffed === 'DOCX' || sniffed === 'MARKDOWN') return { format: sniffed, charset };
  throw badInput('file', `unsupported type: ${sniffed} (supported: ${SUPPORTED})`);
}

async function extract(format: DocumentFormat, bytes: Buffer, charset: string | null): Promise<SourceText> {
  switch (format) {
    case 'TEXT':
      return readPlainText(decodeText(bytes, charset));
    case 'MARKDOWN':
      return readMarkdown(decodeText(bytes, charset));
    case 'HTML':
      return readHtmlText(decodeText(bytes, charset));
    case 'DOCX':
      return readDocx(bytes);
    case 'PDF':
      return readPdf(bytes);
  }
}

/**
 * A received file as repaired text with its lines (issue 15, parts 1 and 8): the format is told by
 * media type, extension or magic bytes; the text is extracted with the format's library, each line
 * keeping its locator; damaged text is repaired (repair.ts) and every repair reported. Empty, binary,
 * oversized, unsupported or unreadable files are refused with BAD_USER_INPUT on `file`. Pure: it
 * writes nothing.
 */
export async function readDocument(input: DocumentInput, options: ReadOptions = {}): Promise<IngestDocument> {
  const { bytes } = input;
  const maxBytes = options.maxBytes ?? DEFAULT_INGEST_MAX_BYTES;
  if (bytes.length === 0) throw badInput('file', 'the file is empty');
  if (bytes.length > maxBytes) throw badInput('file', `the file is ${bytes.length} bytes, over the limit of ${maxBytes} bytes (INGEST_MAX_BYTES)`);
  const { format, charset } = detectFormat(input);
  const source = await extract(format, bytes, charset);
  if (!source.lines.some((line) => line.text.trim())) {
    throw badInput('file', format === 'PDF' ? 'the PDF has no text layer (a scan?)' : 'the file is empty (it holds no text)');
  }

  const repaired = repairLines(source.lines, { knownNames: options.knownNames });
  const lines: DocumentLine[] = [];
  const repairs: Repair[] = [];
  let offset = 0;
  for (const line of repaired) {
    lines.push({ locator: line.locator, start: offset, end: offset + line.text.length });
    for (const repair of line.repairs) repairs.push({ ...repair, start: offset + repair.start, end: offset + repair.end });
    offset += line.text.length + 1;
  }
  const text = repaired.map((line) => line.text).join('\n');
  const firstLine = repaired.find((line) => line.text.trim())?.text.trim() ?? null;
  return {
    format,
    fileName: input.fileName ?? null,
    contentHash: createHash('sha256').update(bytes).digest('hex'),
    rawText: source.lines.map((line) => line.text).join('\n'),
    text,
    lines,
    repairs,
    title: source.title ? repairShort(source.title) : firstLine,
  };
}
