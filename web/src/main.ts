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

type ChartNode = ExplorerChartQuery['orgChart'][number];
type Details = NonNullable<ExplorerDetailsQuery['node']>;
type Citation = { locator?: string | null; sourceId: string; source?: { id: string; title: string } | null };

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const KIND_LABELS: Record<string, string> = {
  FEDERATION: '妇联', INSTITUTION: '机构', ALLIANCE: '联盟', STUDIO: '工作室', THREE_NEW_SECTOR: '“三新”组织',
  GOVERNMENT_BODY: '政府部门', PARTY_BODY: '党组织', ENTERPRISE: '企业', BANK: '银行', ASSOCIATION: '协会', TEAM: '团队',
};
const ENTITY_LABELS: Record<string, string> = { PERSON: '成员', PROGRAM: '项目', HONOR: '荣誉' };
const FONT = 'system-ui, "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

const chart = new OrgChart<ChartNode & { _expanded?: boolean }>();
let chartRoot: string | null = null;
let selectedId: string | null = null;

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

async function onSearch(event: Event) {
  event.preventDefault();
  const text = $<HTMLInputElement>('search-text').value.trim();
  const list = $('search-results');
  list.replaceChildren();
  if (!text) return;
  setStatus('search-status', '搜索中…');
  try {
    const hits = await searchHits(text);
    setStatus('search-status', hits.length ? `${hits.length} 个结果` : '没有结果');
    for (const hit of hits) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'hit';
      button.dataset.id = hit.id;
      button.innerHTML = `<span class="hit-name">${escapeHtml(hit.name)}</span> <span class="hit-type">${escapeHtml(hit.typename)}</span>` +
        (hit.matchedOn && hit.matchedOn !== hit.name ? ` <span class="hit-alias">(${escapeHtml(hit.matchedOn)})</span>` : '');
      button.addEventListener('click', () => void openHit(hit));
      item.append(button);
      list.append(item);
    }
  } catch (error) {
    setStatus('search-status', (error as Error).message, true);
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

function nodeHtml(d: { data: ChartNode & { _highlighted?: boolean } }): string {
  const node = d.data;
  const kind = node.entity === 'ORGANIZATION' ? KIND_LABELS[node.kind ?? ''] ?? node.kind ?? '' : ENTITY_LABELS[node.entity];
  const counts = node.entity === 'ORGANIZATION'
    ? `<span title="下级组织">下级 ${node.childCount}</span> <span title="成员">成员 ${node.memberCount}</span> <span title="荣誉">荣誉 ${node.awardCount}</span>${node.hasMore ? ' <span class="more">更多…</span>' : ''}`
    : '';
  const selected = node.id === selectedId ? ' selected' : '';
  return `<div class="org-node entity-${node.entity.toLowerCase()}${selected}" data-id="${escapeHtml(node.id)}">
    <div class="org-kind">${escapeHtml(kind)}</div>
    <div class="org-name" lang="zh-Hans">${escapeHtml(node.name)}</div>
    <div class="org-counts">${counts}</div>
  </div>`;
}

async function drawChart(rootId: string, depth: number, focusId?: string) {
  setStatus('chart-status', '加载组织图…');
  const include = $<HTMLInputElement>('include-honors').checked ? (['HONORS'] as const) : [];
  const data = await request(ExplorerChartDocument, { rootId, depth, include: [...include] });
  chartRoot = rootId;
  const nodes = data.orgChart.map((node) => ({ ...node, _expanded: true }));
  const root = nodes[0];
  // Box ids are the chart's own (chart:…/…), not the organization's: find the box showing it.
  const focus = focusId ? nodes.find((node) => node.entity === 'ORGANIZATION' && node.entityId === focusId) : undefined;
  if (focus) selectedId = focus.id;
  setStatus('chart-status', `${root.name}：${nodes.length} 个节点`);
  $('chart').setAttribute('aria-label', `组织图：${root.name}`);
  chart
    .container('#chart')
    .data(nodes)
    .svgHeight(Math.max(360, $('chart').clientHeight || 480))
    .svgWidth($('chart').clientWidth || 800)
    .defaultFont(FONT)
    .nodeWidth(() => 220)
    .nodeHeight(() => 92)
    .childrenMargin(() => 50)
    .compactMarginBetween(() => 30)
    .compactMarginPair(() => 60)
    .nodeId((d: ChartNode) => d.id)
    .parentNodeId((d: ChartNode) => d.parentId)
    .nodeContent(nodeHtml)
    .onNodeClick((d: any) => {
      const node: ChartNode = d?.data ?? d;
      void selectNode(node);
    })
    .nodeUpdate(function (this: SVGGElement, d: any) {
      // Reachable by keyboard: Tab to a box, Enter or Space toggles it, D opens its details.
      this.setAttribute('tabindex', '0');
      this.setAttribute('role', 'button');
      this.setAttribute('aria-label', `${d.data.name}${d.data.childCount ? `，下级 ${d.data.childCount}` : ''}`);
      this.onkeydown = (event: KeyboardEvent) => {
        if (event.key === 'd' || event.key === 'D') void selectNode(d.data);
      };
      const toggle = this.querySelector('.node-button-g');
      toggle?.setAttribute('tabindex', '0');
      toggle?.setAttribute('role', 'button');
      toggle?.setAttribute('aria-label', `展开或折叠 ${d.data.name}`);
    })
    .render();
  if (focus) chart.setHighlighted(focus.id).render();
  chart.fit({ animate: false });
}

async function selectNode(node: ChartNode) {
  selectedId = node.id;
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
  const head = (name: string, sub: string, aliases: readonly string[] = []) =>
    `<h2 id="details-title">${escapeHtml(name)}</h2><p class="sub">${escapeHtml(sub)}${aliases.length ? ` · 又称 ${aliases.map(escapeHtml).join('、')}` : ''}</p>`;
  switch (node.__typename) {
    case 'Person':
      return head(node.name, '人物', node.aliases) +
        section('荣誉', list(node.awards.map((a) => `<li>${escapeHtml(a.honor.name)}${a.year ? `（${a.year}）` : ''}${citations(a.sources)}</li>`)), 'details-honors') +
        section('所属组织', list(node.memberships.map((m) => `<li>${escapeHtml(m.organization.name)}${m.role ? ` · ${escapeHtml(m.role)}` : ''}</li>`)), 'details-members') +
        section('来源', citations(node.sources), 'details-sources');
    case 'Honor':
      return head(node.name, `荣誉${node.level ? ` · ${node.level}` : ''}`, node.aliases) +
        section('授予机构', list(node.conferredBy.map((o) => `<li>${escapeHtml(o.name)}</li>`))) +
        section('获得者', list(node.awards.map((a) => `<li>${escapeHtml(a.recipient.name)}${a.year ? `（${a.year}）` : ''}</li>`)), 'details-honors') +
        section('来源', citations(node.sources), 'details-sources');
    case 'Program':
      return head(node.name, '项目', node.aliases) +
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
      return crumbs + head(org.name, `${KIND_LABELS[org.kind] ?? org.kind}${org.level ? ` · ${org.level}` : ''}`, org.aliases) +
        section('荣誉', list(org.awards.map((a) =>
          `<li><span class="honor-name">${escapeHtml(a.honor.name)}</span>${a.year ? `（${a.year}${a.inferred ? '，推定' : ''}）` : ''}${citations(a.sources)}</li>`)), 'details-honors') +
        section('成员', list(org.members.map((m) =>
          `<li>${escapeHtml(m.member.name)}${m.role ? ` · ${escapeHtml(m.role)}` : ''}${m.since ? ` · ${escapeHtml(m.since)}起` : ''}</li>`)), 'details-members') +
        section('来源', citations(org.sources), 'details-sources');
    }
  }
}

async function showDetails(id: string) {
  const panel = $('details-body');
  panel.innerHTML = '<p>加载中…</p>';
  try {
    const data = await request(ExplorerDetailsDocument, { id });
    if (!data.node) {
      panel.innerHTML = `<p class="error">${escapeHtml(id)} 不存在</p>`;
      return;
    }
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

// ---- start ----------------------------------------------------------------------------------

$('search-form').addEventListener('submit', (event) => void onSearch(event));
$('details-body').addEventListener('click', (event) => {
  const crumb = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-org]');
  if (crumb?.dataset.org) void openOrganization(crumb.dataset.org);
});
$('award-form').addEventListener('submit', (event) => void onAward(event));
$('include-honors').addEventListener('change', () => { if (chartRoot) void drawChart(chartRoot, 3); });
$('expand-all').addEventListener('click', () => chart.expandAll().fit());
$('collapse-all').addEventListener('click', () => chart.collapseAll().fit());
$('fit').addEventListener('click', () => chart.fit());
$<HTMLInputElement>('award-token').value = sessionStorage.getItem('honorgraph-token') ?? '';
void loadHonors();
// The seed graph's federations until the reader searches for something else.
void openOrganization(new URLSearchParams(location.search).get('org') ?? 'org-huainan-wf');
