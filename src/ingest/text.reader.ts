import { badInput } from '../api/errors';

/** One line of a received file as extracted, before repair, with where it is in the file. */
export interface SourceLine {
  /** `¶N` (file line or paragraph) or `p.P ¶N` (PDF page and line). */
  locator: string;
  text: string;
}

/** What a format reader extracts from a file: its lines in order and the title it declares. */
export interface SourceText {
  lines: SourceLine[];
  /** The title the format declares (HTML <title>, a PDF's metadata, a Markdown heading), or null. */
  title: string | null;
}

/**
 * The bytes of a text format (plain text, Markdown, HTML) as a string: UTF-8 unless the media type
 * names another charset, a byte-order mark dropped, CRLF and CR made LF. NUL bytes or bytes that are
 * no valid text in the charset are refused as binary.
 */
export function decodeText(bytes: Buffer, charset: string | null = null): string {
  if (bytes.includes(0)) throw badInput('file', 'the file is binary (it holds NUL bytes), not text');
  const label = charset?.trim().toLowerCase() || 'utf-8';
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw badInput('file', `the charset "${charset}" is not supported`);
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw badInput('file', `the file is binary or not valid ${decoder.encoding.toUpperCase()} text`);
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** The lines of a text, LF-separated; a final newline ends the last line rather than starting a new one. */
export function fileLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Plain text: one line per file line, `¶N` its 1-based line number (blank lines count). */
export function readPlainText(text: string): SourceText {
  return { lines: fileLines(text).map((line, i) => ({ locator: `¶${i + 1}`, text: line })), title: null };
}
