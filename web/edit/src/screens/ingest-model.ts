import type { EntityType, ProposalItemKind, WorkspaceProposalFullFragment, WorkspaceProposalItemFragment } from '../../../__generated__/graphql';

/** What the ingest review works on: a proposal as the server answers it, and one of its items. */
export type Proposal = WorkspaceProposalFullFragment;
export type Item = WorkspaceProposalItemFragment;

export const KIND_ORDER: ProposalItemKind[] = ['ENTITY', 'AWARD', 'MEMBERSHIP', 'HIERARCHY_LINK', 'PROGRAM_LINK', 'FIGURE'];

export const KIND_NAMES: Record<ProposalItemKind, string> = {
  ENTITY: '实体 Entities',
  AWARD: '获奖 Awards',
  MEMBERSHIP: '任职 Memberships',
  HIERARCHY_LINK: '隶属 Hierarchy links',
  PROGRAM_LINK: '项目关联 Program links',
  FIGURE: '数字 Figures',
};

export const ENTITY_TYPE_NAMES: Record<string, string> = {
  PERSON: '人物 Person',
  ORGANIZATION: '组织 Organization',
  HONOR: '荣誉 Honor',
  PROGRAM: '项目 Program',
};

/** The search types a relink of an entity item may pick from. */
export const SEARCH_TYPE: Record<string, EntityType> = { PERSON: 'PERSON', ORGANIZATION: 'ORGANIZATION', HONOR: 'HONOR', PROGRAM: 'PROGRAM' };

export const STATUS_NAMES: Record<string, string> = { PENDING: '待定 Pending', ACCEPTED: '已接受 Accepted', REJECTED: '已拒绝 Rejected' };

export const MATCH_NAMES: Record<string, string> = {
  MATCHED: '已匹配 Matched',
  NEW: '新建 New',
  AMBIGUOUS: '不确定 Ambiguous',
  RELINKED: '已关联 Relinked',
};

export const LEVELS = [
  ['NATIONAL', '国家级 National'], ['PROVINCIAL', '省级 Provincial'], ['MUNICIPAL', '市级 Municipal'],
  ['COUNTY', '县级 County'], ['TOWNSHIP', '乡镇级 Township'], ['VILLAGE', '村级 Village'],
] as const;

export const ORGANIZATION_KINDS = [
  ['FEDERATION', '妇联 Federation'], ['GOVERNMENT_BODY', '政府机构 Government body'], ['PARTY_BODY', '党组织 Party body'],
  ['INSTITUTION', '事业单位 Institution'], ['ENTERPRISE', '企业 Enterprise'], ['BANK', '银行 Bank'],
  ['ASSOCIATION', '协会 Association'], ['ALLIANCE', '联盟 Alliance'], ['TEAM', '团队 Team'], ['STUDIO', '工作室 Studio'],
  ['THREE_NEW_SECTOR', '新领域 Three new sectors'],
] as const;

export const PROGRAM_KINDS = [
  ['CAMPAIGN', '活动 Campaign'], ['EVENT', '会议活动 Event'], ['PROJECT', '项目 Project'], ['SERVICE', '服务 Service'],
  ['TRAINING', '培训 Training'], ['COMPETITION', '竞赛 Competition'], ['AGREEMENT', '协议 Agreement'], ['MEDIA_COLUMN', '栏目 Media column'],
] as const;

/** The name an entity item stands for: the node it is matched or relinked to, else the name it proposes. */
export const entityName = (item: Item | undefined): string =>
  !item?.entity ? (item?.id ?? '?') : item.entity.match && item.entity.matchStatus !== 'NEW' && item.entity.matchStatus !== 'AMBIGUOUS' ? item.entity.match.name : item.entity.name;

/** A fact item in words, its entities by name: "王晓燕 → 巾帼建功标兵 (2025)". */
export function describeItem(item: Item, byId: Map<string, Item>): string {
  const name = (id: string | null | undefined) => (id ? `${entityName(byId.get(id))}` : '—');
  if (item.entity) return item.entity.name;
  if (item.award) return `${name(item.award.recipientItemId)} 获 ${name(item.award.honorItemId)} · ${item.award.year ?? '年份未知 year unknown'}`;
  if (item.membership) return `${name(item.membership.memberItemId)} ∈ ${name(item.membership.organizationItemId)}${item.membership.role ? ` · ${item.membership.role}` : ''}`;
  if (item.hierarchyLink) return `${name(item.hierarchyLink.childItemId)} ⊂ ${name(item.hierarchyLink.parentItemId)}`;
  if (item.programLink) return `${name(item.programLink.organizationItemId)} ${item.programLink.role === 'ORGANIZER' ? '主办 organizes' : '协办 partners'} ${name(item.programLink.programItemId)}`;
  if (item.figure) return `${name(item.figure.subjectItemId)}: ${item.figure.counts} ${item.figure.label}`;
  return item.text;
}

/** The item ids a fact item depends on (its entity items). */
export function dependsOn(item: Item): string[] {
  const ids = [
    item.award?.recipientItemId, item.award?.honorItemId,
    item.membership?.memberItemId, item.membership?.organizationItemId,
    item.hierarchyLink?.childItemId, item.hierarchyLink?.parentItemId,
    item.programLink?.programItemId, item.programLink?.organizationItemId,
    item.figure?.subjectItemId,
  ];
  return ids.filter((id): id is string => !!id);
}

export interface Segment {
  start: number;
  end: number;
  /** The items whose span covers this stretch, the most specific (shortest span) first. */
  items: string[];
  /** The items whose span begins here. */
  starts: string[];
}

/**
 * Cuts the text at every span's ends, so overlapping spans (an award's line over the person's
 * name) highlight as stretches, each knowing every item that covers it. A sweep over the span
 * ends: O((n + m) log m) for n characters and m items.
 */
export function segments(text: string, items: readonly Item[]): Segment[] {
  const spans = items
    .map((item) => ({ id: item.id, start: Math.max(0, Math.min(item.span.start, text.length)), end: Math.max(0, Math.min(item.span.end, text.length)) }))
    .filter((s) => s.end > s.start);
  const cuts = new Set<number>([0, text.length]);
  for (const s of spans) cuts.add(s.start).add(s.end);
  const points = [...cuts].sort((a, b) => a - b);
  const startingAt = new Map<number, typeof spans>();
  for (const s of spans) startingAt.set(s.start, [...(startingAt.get(s.start) ?? []), s]);
  const active = new Map<string, { start: number; end: number }>();
  const out: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    for (const [id, s] of active) if (s.end <= a) active.delete(id);
    const starting = startingAt.get(a) ?? [];
    for (const s of starting) active.set(s.id, s);
    const covering = [...active.entries()].sort(([, x], [, y]) => (x.end - x.start) - (y.end - y.start)).map(([id]) => id);
    out.push({ start: a, end: b, items: covering, starts: starting.map((s) => s.id) });
  }
  return out;
}

/** The item an error concerns: extensions.itemId, or "items.i3" in its field or message. */
export function itemOfError(error: unknown): string | null {
  const e = error as { extensions?: Record<string, unknown>; field?: string; message?: string } | null;
  if (!e) return null;
  if (typeof e.extensions?.itemId === 'string') return e.extensions.itemId;
  const hit = /items\.(i\d+)\b/.exec(`${e.field ?? ''} ${e.message ?? ''}`);
  return hit ? hit[1] : null;
}

export const percent = (x: number) => `${Math.round(x * 100)}%`;
