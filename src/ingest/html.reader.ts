import { Parser } from 'htmlparser2';
import { SourceLine, SourceText } from './text.reader';

/** Elements whose text is not the document's text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object']);

/** Elements that end a line: their text stands on a line of its own. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'legend',
  'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'title', 'tr', 'ul',
]);

/** Table cells stay on their row's line, apart by a space. */
const CELLS = new Set(['td', 'th']);

/** 1-based line of each UTF-16 offset of `source`, by binary search over the line starts. */
function lineFinder(source: string): (offset: number) => number {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * HTML: the text of the body, one output line per block element (p, li, h1…, tr, br), entities
 * decoded, whitespace collapsed, script/style skipped, of the head only the title kept. `¶N` is the 1-based line of the received
 * file where the line's text begins (htmlparser2 gives each text node's source offset), so tag lines
 * count. The title comes from <title>.
 */
export function readHtmlText(source: string): SourceText {
  const lineOf = lineFinder(source);
  const lines: SourceLine[] = [];
  let buffer = '';
  let bufferLine: number | null = null;
  let skipDepth = 0;
  let inTitle = false;
  let inHead = false;
  let title = '';
  const flush = () => {
    const text = buffer.replace(/[ \t\n\r\f\u00a0]+/g, ' ').trim();
    if (text && bufferLine !== null) lines.push({ locator: `¶${bufferLine}`, text });
    buffer = '';
    bufferLine = null;
  };
  const parser: Parser = new Parser(
    {
      onopentag(name) {
        if (name === 'title') inTitle = true;
        if (name === 'head') inHead = true;
        if (SKIPPED.has(name)) skipDepth += 1;
        if (CELLS.has(name)) buffer += ' ';
        else if (BLOCKS.has(name)) flush();
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (name === 'head') inHead = false;
        if (SKIPPED.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        if (CELLS.has(name)) buffer += ' ';
        else if (BLOCKS.has(name)) flush();
      },
      ontext(text) {
        if (inTitle) title += text;
        // Of the head only the title is text (a line of its own, as the eval's documents count it).
        if (skipDepth > 0 || (inHead && !inTitle)) return;
        if (bufferLine === null) {
          const lead = text.search(/[^ \t\n\r\f]/);
          if (lead === -1) {
            buffer += text;
            return;
          }
          bufferLine = lineOf(parser.startIndex + lead);
        }
        buffer += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(source);
  parser.end();
  flush();
  const cleanTitle = title.replace(/\s+/g, ' ').trim();
  return { lines, title: cleanTitle || null };
}
