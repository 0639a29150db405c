import { badInput } from '../api/errors';
import { SourceLine, SourceText } from './text.reader';

/** unpdf's structured text item: a run of text at a position, maybe ending its line. */
interface TextItem {
  str: string;
  y: number;
  fontSize: number;
  hasEOL: boolean;
}

/**
 * A text PDF through unpdf (PDF.js): per page, its text items joined into lines (a line ends where
 * PDF.js marks an end of line or the baseline moves), `p.P ¶N` the page and the N-th non-empty line of
 * that page. Title from the document's metadata. A PDF without any text (a scan) yields no line; one
 * PDF.js cannot open is refused.
 */
export async function readPdf(bytes: Buffer): Promise<SourceText> {
  const { getDocumentProxy, extractTextItems, getMeta } = await import('unpdf');
  let pages: TextItem[][];
  let title: string | null = null;
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    try {
      pages = (await extractTextItems(pdf)).items;
      const meta = await getMeta(pdf).catch(() => null);
      const declared = meta?.info?.Title;
      title = typeof declared === 'string' && declared.trim() ? declared.trim() : null;
    } finally {
      await pdf.destroy();
    }
  } catch (error) {
    throw badInput('file', `the PDF cannot be read: ${(error as Error).message.split('\n')[0]}`);
  }
  const lines: SourceLine[] = [];
  pages.forEach((items, pageIndex) => {
    let current = '';
    let baseline: number | null = null;
    let n = 0;
    const end = () => {
      const text = current.replace(/\s+/g, ' ').trim();
      if (text) lines.push({ locator: `p.${pageIndex + 1} ¶${(n += 1)}`, text });
      current = '';
      baseline = null;
    };
    for (const item of items) {
      if (baseline !== null && item.str && Math.abs(item.y - baseline) > Math.max(1, item.fontSize / 2)) end();
      if (item.str) {
        current += item.str;
        baseline ??= item.y;
      }
      if (item.hasEOL) end();
    }
    end();
  });
  return { lines, title };
}
