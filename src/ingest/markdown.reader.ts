import MarkdownIt from 'markdown-it';
import { readHtmlText } from './html.reader';
import { fileLines, SourceText } from './text.reader';

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

/**
 * CommonMark does not take `**` next to CJK punctuation as emphasis (`**“张三”**获评`), so such
 * markers survive as literal text; they are markup, never part of a name, and are dropped.
 */
const LEFTOVER_EMPHASIS = /\*\*|__/g;

/** The plain text of an inline token: text and code kept, markup (emphasis, links, images' syntax, inline HTML) dropped. */
function inlineText(children: MarkdownIt.Token[] | null): string {
  let out = '';
  for (const child of children ?? []) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        out += child.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        break;
      case 'image':
        out += inlineText(child.children);
        break;
      default:
        // emphasis, strike, link open/close and html_inline: markup, not text.
        break;
    }
  }
  return out.replace(LEFTOVER_EMPHASIS, '');
}

/**
 * Markdown: one output line per file line, `¶N` its 1-based line (headings and blank lines count).
 * markdown-it's block map tells which file line each paragraph, heading, list item or table row
 * starts on; only its text is kept (heading #s, list markers, emphasis and link syntax dropped).
 */
export function readMarkdown(text: string): SourceText {
  const out: string[] = fileLines(text).map(() => '');
  const put = (line: number, value: string) => {
    if (line < 0 || line >= out.length || !value) return;
    out[line] = out[line] ? `${out[line]} ${value}` : value;
  };
  let current = 0;
  let title: string | null = null;
  let headingLevel: number | null = null;
  let titleLevel = Infinity;
  for (const token of markdown.parse(text, {})) {
    if (token.map) current = token.map[0];
    if (token.type === 'heading_open') headingLevel = Number(token.tag.slice(1));
    if (token.type === 'heading_close') headingLevel = null;
    if (token.type === 'inline') {
      const value = inlineText(token.children);
      value.split('\n').forEach((part, i) => put(current + i, part.trim()));
      if (headingLevel !== null && headingLevel < titleLevel && value.trim()) {
        title = value.trim();
        titleLevel = headingLevel;
      }
    } else if (token.type === 'fence' || token.type === 'code_block') {
      const first = token.type === 'fence' ? current + 1 : current;
      token.content.replace(/\n$/, '').split('\n').forEach((part, i) => put(first + i, part));
    } else if (token.type === 'html_block') {
      for (const line of readHtmlText(token.content).lines) put(current + Number(line.locator.slice(1)) - 1, line.text);
    }
  }
  return { lines: out.map((value, i) => ({ locator: `¶${i + 1}`, text: value })), title };
}
