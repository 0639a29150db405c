import { typesOf } from './catalog';
import { PREVIEW_SIZE } from './manifest';
import { EntityDetails } from './reconcile.repository';

/** The preview card's own policy: nothing loads, inline style only, any page may frame it. */
export const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors *";

const escapeHtml = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A small HTML card: name, English name, type, level, parent, honors with their years. */
export function previewHtml(detail: EntityDetails): string {
  const { node } = detail;
  const type = typesOf(node.__typename)[0];
  const rows: [string, string][] = [];
  rows.push(['Type', `${escapeHtml(type?.name ?? node.__typename)}${node.kind ? ` (${escapeHtml(node.kind)})` : ''}`]);
  if (node.level) rows.push(['Level', escapeHtml(node.level)]);
  if (detail.parents.length) rows.push(['Parent', detail.parents.map((p) => escapeHtml(p.name)).join('、')]);
  if (detail.units.length) rows.push(['Unit', detail.units.map((u) => escapeHtml(u.name)).join('、')]);
  if (detail.honors.length) rows.push(['Honors', detail.honors.map((h) => `${escapeHtml(h.name)}${h.year != null ? ` (${escapeHtml(h.year)})` : ''}`).join('、')]);
  if (node.aliases?.length) rows.push(['Aliases', node.aliases.slice(0, 6).map(escapeHtml).join('、')]);
  return `<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>${escapeHtml(node.name)}</title>
<style>body{margin:0;font:14px/1.4 system-ui,sans-serif;width:${PREVIEW_SIZE.width}px;max-height:${PREVIEW_SIZE.height}px;overflow:hidden}
h1{font-size:1.1em;margin:.4em .5em .1em}p{margin:0 .6em;color:#555}dl{margin:.3em .6em;display:grid;grid-template-columns:auto 1fr;gap:.1em .6em}dt{color:#777}dd{margin:0}</style>
</head><body>
<h1>${escapeHtml(node.name ?? node.id)}</h1>
${node.nameEn ? `<p lang="en">${escapeHtml(node.nameEn)}</p>` : ''}
<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}<dt>Id</dt><dd><code>${escapeHtml(node.id)}</code></dd></dl>
</body></html>`;
}
