import mammoth from 'mammoth';
import { badInput } from '../api/errors';
import { SourceLine, SourceText } from './text.reader';

/**
 * A Word document (.docx) through mammoth: its paragraphs in order (body text, list items and
 * table cells alike), one line each, `¶N` the N-th non-empty paragraph. A line break inside a
 * paragraph becomes a space. A file mammoth cannot open is refused as a corrupt .docx.
 */
export async function readDocx(bytes: Buffer): Promise<SourceText> {
  let value: string;
  try {
    ({ value } = await mammoth.extractRawText({ buffer: bytes }));
  } catch (error) {
    throw badInput('file', `the .docx file cannot be read (corrupt?): ${(error as Error).message.split('\n')[0]}`);
  }
  const lines: SourceLine[] = value
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .map((text, i) => ({ locator: `¶${i + 1}`, text }));
  return { lines, title: null };
}
