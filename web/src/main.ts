/**
 * The explorer page: search, an org chart drawn with d3-org-chart from `orgChart`, a details
 * panel, and the editors' form to link a new honoree. Bundled by web/build.mjs.
 */
import 'd3-transition'; // d3-org-chart animates with selection.transition(), which this module adds
import { OrgChart } from 'd3-org-chart';
import {
  ExplorerChartDocument,
  ExplorerChartQuery,
  ExplorerAwardHonorDocument,
  ExplorerDetailsDocument,
  ExplorerDetailsQuery,
  ExplorerHonorsDocument,
  ExplorerLineageDocument,
  ExplorerSearchDocument,
} from '../__generated__/graphql';
import { request } from './api';
import { ENTITY, LEVEL, Lang, ORGANIZATION_KIND, PROGRAM_KIND, label, typenameLabel, word } from './labels';

type ChartNode = ExplorerChartQuery['orgChart'][number];
type Details = NonNullable<ExplorerDetailsQuery['node']>;
type Citation = { locator?: string | null; sourceId: string; source?: { id: string; title: string } | null };

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Chinese or English labels for kinds, levels and counts (web/src/labels.ts), remembered here. */
const LANG_KEY = 'honorgraph.explorer.labels';
function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh'; // storage refused: Chinese, the default
  }
}
function storeLang(next: Lang) {
  try {
    localStorage.setItem(LANG_KEY, next);
  } catch {
    // Storage refused (private mode): the choice lasts until the page is left.
  }
}
let lang: Lang = storedLang();
type Label = { text: string; lang: string } | null;
/** A label in its own language: `<span lang="…">…</span>`, or nothing. */
const tagged = (l: Label, className = '') =>
  l ? `<span${className ? ` class="${className}"` : ''} lang="${l.lang}">${escapeHtml(l.text)}</span>` : '';
/** Labels joined by a middle dot, each tagged with its language. */
const joined = (...labels: Label[]) => labels.filter(Boolean).map((l) => tagged(l)).join(' · ');
const FONT = 'system-ui, "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

const chart = new OrgChart<ChartNode & { _expanded?: boolean }>();
let chartRoot: string | null = null;
let selectedId: string | null = null;
/** The organization (or leaf) the selected box shows: kept when the chart is drawn again. */
let selectedEntity: string | null = null;

function setStatus(id: string, message: string, isError = false) {
  const element = $(id);
  element.textContent = message;
  element.classList.toggle('error', isError);
}

// ---- search ---------------------------------------------------------------------------------

interface Hit { typename: string; id: string; name: string; matchedOn?: string | null }

async function searchHits(text: string): Promise<Hit[]> {
  const data = await request(ExplorerSearchDocument, { text, first: 10 });
  return data.search.map(({ node, matchedOn }) => ({
    typename: node.__typename ?? 'Node',
    id: node.id,
    name: 'name' in node && node.name ? node.name : 'title' in node && node.title ? node.title : node.id,
    matchedOn,
  }));
}

let lastHits: Hit[] = [];

async function onSearch(event: Event) {
  event.preventDefault();
  const text = $<HTMLInputElement>('search-text').value.trim();
  lastHits = [];
  renderHits();
  if (!text) return;
  setStatus('search-status', '搜索中…');
  try {
    lastHits = await searchHits(text);
    setStatus('search-status', lastHits.length ? `${lastHits.length} 个结果` : '没有结果');
    renderHits();
  } catch (error) {
    setStatus('search-status', (error as Error).message, true);
  }
}

function renderHits() {
  const list = $('search-results');
  list.replaceChildren();
  for (const hit of lastHits) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'hit';
    button.dataset.id = hit.id;
    button.innerHTML = `<span class="hit-name">${escapeHtml(hit.name)}</span> ${tagged(typenameLabel(hit.typename, lang), 'hit-type')}` +
      (hit.matchedOn && hit.matchedOn !== hit.name ? ` <span class="hit-alias">(${escapeHtml(hit.matchedOn)})</span>` : '');
    button.addEventListener('click', () => void openHit(hit));
    item.append(button);
    list.append(item);
  }
}

/** An organization opens the chart of its whole tree (rooted at its top ancestor); anything else opens its details. */
async function openHit(hit: Hit) {
  if (!isOrganization(hit.typename)) {
    await showDetails(hit.id);
    return;
  }
  await openOrganization(hit.id);
}

/** Any node by id: an organization opens its tree's chart, anything else its details. */
async function openNode(id: string) {
  await showDetails(id);
  if (lastDetails?.id === id && isOrganization(lastDetails.__typename)) await openOrganization(id);
}

const isOrganization = (typename: string) => !['Person', 'Honor', 'Program', 'Source', 'Figure'].includes(typename);

async function openOrganization(id: string) {
  try {
    const data = await request(ExplorerLineageDocument, { id });
    if (!data.organization) throw new Error(`组织 ${id} 不存在`);
    const ancestors = data.organization.ancestors;
    const rootId = ancestors[0]?.id ?? id;
    await drawChart(rootId, Math.min(10, Math.max(3, ancestors.length + 1)), id);
    await showDetails(id);
  } catch (error) {
    setStatus('chart-status', (error as Error).message, true);
  }
}

// ---- chart ----------------------------------------------------------------------------------

/**
 * Box size and the smallest zoom the default view may use. The box's smallest text is 13 px
 * (explorer.css: .org-kind, .org-counts) and its names 16 px: at MIN_SCALE every text is drawn at
 * 12 px or more. A tree too big for the chart at that scale is shown at MIN_SCALE around the box
 * in focus, and the reader pans (drag, swipe) and zooms (wheel, pinch) to the rest. In a narrow
 * chart (a phone) boxes are narrower and closer, so that two side by side still fit its width.
 */
const NARROW_CHART = 560;
const isNarrow = () => ($('chart').clientWidth || 800) < NARROW_CHART;
const boxWidth = () => (isNarrow() ? 168 : 220);
const NODE_HEIGHT = 100;
const SMALLEST_TEXT_PX = 13;
const MIN_SCALE = 12.05 / SMALLEST_TEXT_PX;
/** Never zoomed in past this: a lone box stays the size it is drawn at. */
const MAX_SCALE = 1.25;
/** Room left around the tree by the fit, in screen pixels. */
const FIT_PADDING = 12;

function kindLabel(node: ChartNode): string {
  switch (node.entity) {
    case 'ORGANIZATION':
      return joined(label(ORGANIZATION_KIND, node.kind, lang), label(LEVEL, node.administrativeLevel, lang));
    case 'PROGRAM':
      return joined(label(ENTITY, node.entity, lang), label(PROGRAM_KIND, node.kind, lang));
    case 'HONOR':
      return joined(label(ENTITY, node.entity, lang), label(LEVEL, node.administrativeLevel, lang));
    default:
      return joined(label(ENTITY, node.entity, lang));
  }
}

/** The kind line as plain text, for its title (the line is cut with an ellipsis when too long). */
function kindText(node: ChartNode): string {
  const box = document.createElement('div');
  box.innerHTML = kindLabel(node);
  return box.textContent ?? '';
}

function nodeHtml(d: { data: ChartNode & { _highlighted?: boolean } }): string {
  const node = d.data;
  const count = (key: 'children' | 'members' | 'honors', n: number) => {
    const w = word(key, lang);
    return `<span lang="${w.lang}">${escapeHtml(w.text)} ${n}</span>`;
  };
  const counts = node.entity === 'ORGANIZATION'
    ? [count('children', node.childCount), count('members', node.memberCount), count('honors', node.awardCount)].join(' · ') +
      (node.hasMore ? ` ${tagged(word('more', lang), 'more')}` : '')
    : '';
  const selected = node.id === selectedId ? ' selected' : '';
  return `<div class="org-node entity-${node.entity.toLowerCase()}${selected}" data-id="${escapeHtml(node.id)}">
    <div class="org-kind" title="${escapeHtml(kindText(node))}">${kindLabel(node)}</div>
    <div class="org-name" lang="zh-Hans" title="${escapeHtml(node.name)}">${escapeHtml(node.name)}</div>
    <div class="org-counts">${counts}</div>
  </div>`;
}

/** The chart's own state (d3-org-chart keeps its svg, zoom behavior, layout and laid-out tree there). */
const chartState = () => chart.getChartState() as {
  svg: any; zoomBehavior: any; root: any; layout: string; layoutBindings: Record<string, any>; svgWidth: number; svgHeight: number;
};

/**
 * The default view: the whole tree when it fits at a readable size, else MIN_SCALE centred on the
 * box in focus (the selected one, else the root), kept inside the tree's bounds. d3-org-chart's
 * own fit() scales to whatever the tree needs, which made the seed's 市妇联 tree 9.5 px text.
 */
function fitChart() {
  const state = chartState();
  if (!state?.root) return;
  const bindings = state.layoutBindings[state.layout];
  const boxes: any[] = state.root.descendants();
  const x0 = Math.min(...boxes.map((d) => d.x + bindings.nodeLeftX(d)));
  const x1 = Math.max(...boxes.map((d) => d.x + bindings.nodeRightX(d)));
  const y0 = Math.min(...boxes.map((d) => d.y + bindings.nodeTopY(d)));
  const y1 = Math.max(...boxes.map((d) => d.y + bindings.nodeBottomY(d)));
  const width = state.svgWidth;
  const height = state.svgHeight;
  const whole = Math.min((width - 2 * FIT_PADDING) / (x1 - x0), (height - 2 * FIT_PADDING) / (y1 - y0));
  const k = Math.max(MIN_SCALE, Math.min(MAX_SCALE, whole));
  const focus = boxes.find((d) => d.data.id === selectedId) ?? state.root;
  const focusX = focus.x + (bindings.nodeLeftX(focus) + bindings.nodeRightX(focus)) / 2;
  const focusY = focus.y + (bindings.nodeTopY(focus) + bindings.nodeBottomY(focus)) / 2;
  // The centre of the view, in chart coordinates: the tree's centre on an axis it fits in, else
  // the focus, moved so that no more than the padding is left empty beyond the tree's edge.
  const centre = (lo: number, hi: number, at: number, room: number) => {
    const half = (room / k) / 2 - FIT_PADDING / k;
    if (hi - lo <= 2 * half) return (lo + hi) / 2;
    return Math.min(hi - half, Math.max(lo + half, at));
  };
  const cx = centre(x0, x1, focusX, width);
  const cy = centre(y0, y1, focusY, height);
  // The zoom behavior's own moves (the same d3-zoom transform the reader's drag and pinch change).
  state.svg.call(state.zoomBehavior.scaleTo, k).call(state.zoomBehavior.translateTo, cx, cy);
}

async function drawChart(rootId: string, depth: number, focusId: string | undefined = selectedEntity ?? undefined) {
  setStatus('chart-status', '加载组织图…');
  const include = $<HTMLInputElement>('include-honors').checked ? (['HONORS'] as const) : [];
  const data = await request(ExplorerChartDocument, { rootId, depth, include: [...include] });
  chartRoot = rootId;
  const nodes = data.orgChart.map((node) => ({ ...node, _expanded: true }));
  const root = nodes[0];
  // Box ids are the chart's own (chart:…/…), not the organization's: find the box showing it.
  const focus = focusId ? nodes.find((node) => node.entity === 'ORGANIZATION' && node.entityId === focusId) : undefined;
  if (focus) {
    selectedId = focus.id;
    selectedEntity = focus.entityId;
  }
  setStatus('chart-status', `${root.name}：${nodes.length} 个节点`);
  $('chart').setAttribute('aria-label', `组织图：${root.name}`);
  chart
    .container('#chart')
    .data(nodes)
    .svgHeight(Math.max(300, $('chart').clientHeight || 480))
    .svgWidth($('chart').clientWidth || 800)
    .defaultFont(FONT)
    .nodeWidth(() => boxWidth())
    .nodeHeight(() => NODE_HEIGHT)
    .childrenMargin(() => 30)
    .siblingsMargin(() => (isNarrow() ? 12 : 16))
    .neighbourMargin(() => (isNarrow() ? 16 : 24))
    .compactMarginBetween(() => 20)
    .compactMarginPair(() => (isNarrow() ? 16 : 40))
    .nodeId((d: ChartNode) => d.id)
    .parentNodeId((d: ChartNode) => d.parentId)
    .nodeContent(nodeHtml)
    // The library's own button draws its count at 9 px and its paging button in English.
    .nodeButtonWidth(() => 48)
    .nodeButtonHeight(() => 26)
    .nodeButtonX(() => -24)
    .nodeButtonY(() => -13)
    .buttonContent(({ node }: any) =>
      `<div class="node-toggle"><span aria-hidden="true">${node.children ? '−' : '+'}</span> ${node.data._directSubordinatesPaging ?? ''}</div>`)
    .pagingButton((d: any, _i: number, _arr: unknown, state: any) => {
      const left = d.parent.data._directSubordinatesPaging - d.parent.data._pagingStep;
      const n = Math.min(left, state.pagingStep(d.parent));
      return `<div class="paging-button">再显示 ${n} 个 <span lang="en">Show ${n} more</span></div>`;
    })
    .onNodeClick((d: any) => {
      const node: ChartNode = d?.data ?? d;
      void selectNode(node);
    })
    .nodeUpdate(function (this: SVGGElement, d: any) {
      // Reachable by keyboard: Tab to a box, Enter or Space toggles it, D opens its details.
      // Its name is what it shows (kind, name, counts), so speech and sight agree (axe).
      this.setAttribute('tabindex', '0');
      this.setAttribute('role', 'button');
      this.setAttribute('aria-describedby', 'chart-hint');
      this.onkeydown = (event: KeyboardEvent) => {
        if (event.key === 'd' || event.key === 'D') void selectNode(d.data);
      };
      // The button under the box is for pointers and fingers; the keyboard has Enter on the box
      // (a focusable button inside the box's button would be a nested control).
      const toggle = this.querySelector('.node-button-g');
      toggle?.removeAttribute('tabindex');
      toggle?.setAttribute('aria-hidden', 'true');
    })
    .render();
  if (focus) chart.setHighlighted(focus.id).render();
  fitChart();
}

async function selectNode(node: ChartNode) {
  selectedId = node.id;
  selectedEntity = node.entityId;
  for (const box of document.querySelectorAll<HTMLElement>('#chart .org-node')) {
    box.classList.toggle('selected', box.dataset.id === node.id);
  }
  if (node.entity === 'ORGANIZATION' && node.hasMore) {
    // The depth cut this box's children off: draw the chart again rooted here.
    await drawChart(node.entityId, 3);
  }
  await showDetails(node.entityId);
}

// ---- details panel --------------------------------------------------------------------------

function citations(list: readonly Citation[]): string {
  if (!list.length) return '';
  return `<ul class="citations">${list
    .map((c) => `<li><cite>${escapeHtml(c.source?.title ?? `${c.sourceId} (missing)`)}</cite>${c.locator ? ` <span class="locator">${escapeHtml(c.locator)}</span>` : ''}</li>`)
    .join('')}</ul>`;
}

const section = (title: string, body: string, id?: string) =>
  `<section${id ? ` id="${id}"` : ''}><h3>${title}</h3>${body || '<p class="none">无</p>'}</section>`;
const list = (items: string[]) => (items.length ? `<ul>${items.join('')}</ul>` : '');

function renderDetails(node: Details): string {
  // `sub` is HTML made by joined(): kinds and levels, each tagged with its language.
  const head = (name: string, sub: string, aliases: readonly string[] = []) =>
    `<h2 id="details-title">${escapeHtml(name)}</h2><p class="sub" id="details-kind">${sub}${aliases.length ? ` · 又称 ${aliases.map(escapeHtml).join('、')}` : ''}</p>`;
  switch (node.__typename) {
    case 'Person':
      return head(node.name, joined(label(ENTITY, 'PERSON', lang)), node.aliases) +
        section('荣誉', list(node.awards.map((a) => `<li>${escapeHtml(a.honor.name)}${a.year ? `（${a.year}）` : ''}${citations(a.sources)}</li>`)), 'details-honors') +
        section('所属组织', list(node.memberships.map((m) => `<li>${escapeHtml(m.organization.name)}${m.role ? ` · ${escapeHtml(m.role)}` : ''}</li>`)), 'details-members') +
        section('来源', citations(node.sources), 'details-sources');
    case 'Honor':
      return head(node.name, joined(label(ENTITY, 'HONOR', lang), label(LEVEL, node.level, lang)), node.aliases) +
        section('授予机构', list(node.conferredBy.map((o) => `<li>${escapeHtml(o.name)}</li>`))) +
        section('获得者', list(node.awards.map((a) => `<li>${escapeHtml(a.recipient.name)}${a.year ? `（${a.year}）` : ''}</li>`)), 'details-honors') +
        section('来源', citations(node.sources), 'details-sources');
    case 'Program':
      return head(node.name, joined(label(ENTITY, 'PROGRAM', lang), label(PROGRAM_KIND, node.programKind, lang)), node.aliases) +
        section('主办', list(node.organizers.map((o) => `<li>${escapeHtml(o.name)}</li>`))) +
        section('合作', list(node.partners.map((o) => `<li>${escapeHtml(o.name)}</li>`))) +
        section('来源', citations(node.sources), 'details-sources');
    case 'Source':
    case 'Figure':
      return `<h2 id="details-title">${escapeHtml(node.id)}</h2>`;
    default: {
      const org = node as Extract<Details, { kind: unknown }>;
      // Breadcrumb, root first: each ancestor opens its own details in the same tree.
      const crumbs = org.ancestors.length
        ? `<nav class="crumbs" aria-label="上级组织"><ol>${org.ancestors
          .map((a) => `<li><button type="button" data-org="${escapeHtml(a.id)}">${escapeHtml(a.name)}</button></li>`)
          .join('')}</ol></nav>`
        : '';
      return crumbs + head(org.name, joined(label(ORGANIZATION_KIND, org.kind, lang), label(LEVEL, org.level, lang)), org.aliases) +
        section('荣誉', list(org.awards.map((a) =>
          `<li><span class="honor-name">${escapeHtml(a.honor.name)}</span>${a.year ? `（${a.year}${a.inferred ? '，推定' : ''}）` : ''}${citations(a.sources)}</li>`)), 'details-honors') +
        section('成员', list(org.members.map((m) =>
          `<li>${escapeHtml(m.member.name)}${m.role ? ` · ${escapeHtml(m.role)}` : ''}${m.since ? ` · ${escapeHtml(m.since)}起` : ''}</li>`)), 'details-members') +
        section('来源', citations(org.sources), 'details-sources');
    }
  }
}

/** The details shown, drawn again when the labels' language changes. */
let lastDetails: Details | null = null;

async function showDetails(id: string) {
  const panel = $('details-body');
  panel.innerHTML = '<p>加载中…</p>';
  try {
    const data = await request(ExplorerDetailsDocument, { id });
    if (!data.node) {
      panel.innerHTML = `<p class="error">${escapeHtml(id)} 不存在</p>`;
      return;
    }
    lastDetails = data.node;
    panel.innerHTML = renderDetails(data.node);
    const isOrg = isOrganization(data.node.__typename);
    $<HTMLInputElement>('award-recipient').value = data.node.__typename === 'Person' || isOrg ? data.node.id : '';
    $('award-recipient-name').textContent = 'name' in data.node ? (data.node as { name: string }).name : data.node.id;
  } catch (error) {
    panel.innerHTML = `<p class="error">${escapeHtml((error as Error).message)}</p>`;
  }
}

// ---- editors: link a new honoree ------------------------------------------------------------

async function loadHonors() {
  try {
    const data = await request(ExplorerHonorsDocument, {});
    const options = $('award-honor-options');
    for (const { node } of data.honors.edges) {
      const option = document.createElement('option');
      option.value = node.id;
      option.label = node.name;
      option.textContent = node.name;
      options.append(option);
    }
  } catch {
    // The form still takes an honor id typed by hand.
  }
}

async function onAward(event: Event) {
  event.preventDefault();
  const token = $<HTMLInputElement>('award-token').value.trim();
  sessionStorage.setItem('honorgraph-token', token);
  const recipientId = $<HTMLInputElement>('award-recipient').value.trim();
  const honorId = $<HTMLInputElement>('award-honor').value.trim();
  const year = Number($<HTMLInputElement>('award-year').value);
  const sourceIds = $<HTMLInputElement>('award-sources').value.split(/[\s,，]+/).filter(Boolean);
  if (!recipientId) return setStatus('award-status', '请先在组织图或搜索结果中选择获得者', true);
  setStatus('award-status', '提交中…');
  try {
    await request(ExplorerAwardHonorDocument, { recipientId, honorId, year, sourceIds: sourceIds.length ? sourceIds : null }, token || undefined);
    setStatus('award-status', `已记录：${recipientId} 获得 ${honorId}（${year}）`);
    await showDetails(recipientId);
    if (chartRoot) await drawChart(chartRoot, 3);
  } catch (error) {
    setStatus('award-status', (error as Error).message, true);
  }
}

// ---- labels: Chinese or English -------------------------------------------------------------

/** The toggle says which language the labels are in; the chart, hits and details are drawn again in it. */
function showLang() {
  const button = $('labels-en');
  button.setAttribute('aria-pressed', String(lang === 'en'));
}

function setLang(next: Lang) {
  lang = next;
  storeLang(next);
  showLang();
  renderHits();
  if (lastDetails) $('details-body').innerHTML = renderDetails(lastDetails);
  // nodeContent is called again for every box; the view (zoom and pan) stays where it was.
  if (chartState()?.root) chart.render();
}

// ---- start ----------------------------------------------------------------------------------

$('search-form').addEventListener('submit', (event) => void onSearch(event));
$('details-body').addEventListener('click', (event) => {
  const crumb = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-org]');
  if (crumb?.dataset.org) void openOrganization(crumb.dataset.org);
});
$('award-form').addEventListener('submit', (event) => void onAward(event));
$('include-honors').addEventListener('change', () => { if (chartRoot) void drawChart(chartRoot, 3); });
$('expand-all').addEventListener('click', () => { chart.expandAll(); fitChart(); });
$('collapse-all').addEventListener('click', () => { chart.collapseAll(); fitChart(); });
$('fit').addEventListener('click', () => fitChart());
$('labels-en').addEventListener('click', () => setLang(lang === 'en' ? 'zh' : 'en'));
showLang();
// A phone turned, a window resized: the chart takes the new size and fits again.
let resized: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resized);
  resized = setTimeout(() => {
    const box = $('chart');
    const state = chartState();
    if (!state?.root || (state.svgWidth === box.clientWidth && state.svgHeight === box.clientHeight)) return;
    chart.svgWidth(box.clientWidth).svgHeight(Math.max(300, box.clientHeight)).render();
    fitChart();
  }, 200);
});
$<HTMLInputElement>('award-token').value = sessionStorage.getItem('honorgraph-token') ?? '';
void loadHonors();
// A link to one node (`?node=<id>`, the reconciliation service's view link) opens it; else
// `?org=<id>`, or the seed graph's federations until the reader searches for something else.
const startParams = new URLSearchParams(location.search);
const startNode = startParams.get('node');
if (startNode) void openNode(startNode);
else void openOrganization(startParams.get('org') ?? 'org-huainan-wf');
