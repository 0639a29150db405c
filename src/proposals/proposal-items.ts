import { Analysis, EntityMention, GazetteerType, MatchCandidate, MatchFeature, MentionKind, MentionMatch, Span } from '../ingest/ingest.model';

/**
 * The items of a proposal as stored (JSON on the Proposal node) and built from an Analysis:
 * one ENTITY item per mention, one item per fact, facts referring to ENTITY items by id. Plain
 * data; the service adds what the graph already holds, the commit writes the accepted ones.
 */

export type ItemKind = 'ENTITY' | 'AWARD' | 'MEMBERSHIP' | 'HIERARCHY_LINK' | 'PROGRAM_LINK' | 'FIGURE';
export type ItemStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED';
/** How an ENTITY item is resolved: MATCHED/AMBIGUOUS by the matcher, RELINKED by an editor, NEW when none fits. */
export type MatchStatus = 'MATCHED' | 'NEW' | 'AMBIGUOUS' | 'RELINKED';

export const ITEM_KINDS: readonly ItemKind[] = ['ENTITY', 'AWARD', 'MEMBERSHIP', 'HIERARCHY_LINK', 'PROGRAM_LINK', 'FIGURE'];

/** At most this many occurrences of one mention are kept on its item. */
export const MAX_OCCURRENCES = 50;

export interface EntityMatchData {
  id: string;
  type: GazetteerType;
  name: string;
  score: number;
  features: MatchFeature[];
}

export interface EntityItemData {
  mentionKey: string;
  type: MentionKind;
  name: string;
  written: string[];
  occurrences: Span[];
  organizationKind: string | null;
  level: string | null;
  programKind: string | null;
  year: number | null;
  variantOfName: string | null;
  conferredByItemId: string | null;
  matchStatus: MatchStatus;
  match: EntityMatchData | null;
  candidates: EntityMatchData[];
  /** Set by an edit: create it even when the duplicate check finds a likely duplicate. */
  allowDuplicate: boolean;
}

export interface AwardItemData {
  recipientItemId: string;
  honorItemId: string;
  year: number | null;
  yearStated: boolean;
  yearNote: string | null;
}

export interface MembershipItemData {
  memberItemId: string;
  organizationItemId: string;
  role: string | null;
}

export interface HierarchyItemData {
  childItemId: string;
  parentItemId: string;
}

export interface ProgramLinkItemData {
  programItemId: string;
  organizationItemId: string;
  role: 'ORGANIZER' | 'PARTNER';
}

export interface FigureItemData {
  subjectItemId: string | null;
  value: number;
  unit: string;
  approximate: boolean;
  label: string;
  counts: string;
  year: number | null;
}

export interface ProposalItemData {
  id: string;
  kind: ItemKind;
  status: ItemStatus;
  locator: string;
  start: number;
  end: number;
  /** The text of the span, from the repaired text. */
  text: string;
  confidence: number;
  stated: string[];
  inferred: string[];
  /** Fields an editor changed. */
  edited: string[];
  evidence: string[];
  /** The graph holds it already (a matched entity, a fact between matched nodes): the commit leaves it. */
  alreadyInGraph: boolean;
  /** The node or statement that holds it already, when alreadyInGraph. */
  existingId: string | null;
  note: string | null;
  /** What the commit wrote for it (a node id or statement id). */
  committedId: string | null;
  entity?: EntityItemData;
  award?: AwardItemData;
  membership?: MembershipItemData;
  hierarchy?: HierarchyItemData;
  programLink?: ProgramLinkItemData;
  figure?: FigureItemData;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

const matchData = (candidate: MatchCandidate): EntityMatchData => ({
  id: candidate.id,
  type: candidate.type,
  name: candidate.name,
  score: round(candidate.score),
  features: candidate.features.map((f) => ({ feature: f.feature, score: round(f.score), detail: f.detail })),
});

function base(id: string, kind: ItemKind, span: Span, text: string, evidence: string[]): ProposalItemData {
  return {
    id,
    kind,
    status: 'PENDING',
    locator: span.locator,
    start: span.start,
    end: span.end,
    text: text.slice(span.start, span.end),
    confidence: 0,
    stated: [],
    inferred: [],
    edited: [],
    evidence: [...evidence],
    alreadyInGraph: false,
    existingId: null,
    note: null,
    committedId: null,
  };
}

function entityItem(id: string, mention: EntityMention, match: MentionMatch | undefined, text: string): ProposalItemData {
  const first = mention.spans[0] ?? { start: 0, end: 0, locator: '' };
  const item = base(id, 'ENTITY', first, text, mention.evidence);
  const status = match?.status ?? 'NEW';
  item.confidence = round(match?.confidence ?? 0.5);
  item.stated = [...mention.fields.stated];
  item.inferred = [...mention.fields.inferred];
  item.entity = {
    mentionKey: mention.key,
    type: mention.kind,
    name: mention.name,
    written: [...mention.written],
    occurrences: mention.spans.slice(0, MAX_OCCURRENCES).map((s) => ({ start: s.start, end: s.end, locator: s.locator })),
    organizationKind: mention.organizationKind ?? null,
    level: mention.level ?? null,
    programKind: mention.programKind ?? null,
    year: mention.year ?? null,
    variantOfName: mention.variantOfName ?? null,
    conferredByItemId: null,
    matchStatus: status,
    match: status !== 'NEW' && match?.match ? matchData(match.match) : null,
    candidates: (match?.candidates ?? []).slice(0, 5).map(matchData),
    allowDuplicate: false,
  };
  // A matched entity is in the graph already: nothing of it is written again.
  if (status === 'MATCHED' && item.entity.match) {
    item.alreadyInGraph = true;
    item.existingId = item.entity.match.id;
  }
  return item;
}

/** Fact confidence: as sure as its least sure entity, a little less when a field is inferred. */
const factConfidence = (items: (ProposalItemData | undefined)[], inferred: boolean) =>
  round(Math.min(1, ...items.map((i) => i?.confidence ?? 0.5)) * (inferred ? 0.9 : 1));

/**
 * The items of an analysis, in a stable order: entities (in the order the extraction lists
 * them), then awards, memberships, hierarchy links, program links and figures. Facts whose
 * mention keys name no entity are left out (the extraction's own inconsistency).
 */
export function buildItems(analysis: Analysis): ProposalItemData[] {
  const { document, extraction, matches } = analysis;
  const text = document.text;
  const matchOf = new Map(matches.map((m) => [m.key, m]));
  const items: ProposalItemData[] = [];
  const byKey = new Map<string, ProposalItemData>();
  let n = 0;
  const nextId = () => `i${++n}`;
  for (const mention of extraction.entities) {
    if (byKey.has(mention.key)) continue;
    const item = entityItem(nextId(), mention, matchOf.get(mention.key), text);
    items.push(item);
    byKey.set(mention.key, item);
  }
  for (const mention of extraction.entities) {
    const item = byKey.get(mention.key)!;
    if (mention.conferredByKey && byKey.has(mention.conferredByKey)) item.entity!.conferredByItemId = byKey.get(mention.conferredByKey)!.id;
  }
  const ref = (key: string | null | undefined) => (key ? byKey.get(key) : undefined);

  for (const fact of extraction.awards) {
    const recipient = ref(fact.recipientKey);
    const honor = ref(fact.honorKey);
    if (!recipient || !honor) continue;
    const item = base(nextId(), 'AWARD', fact.span, text, fact.evidence);
    item.award = { recipientItemId: recipient.id, honorItemId: honor.id, year: fact.year, yearStated: fact.yearStated, yearNote: fact.yearNote };
    item.stated = ['recipient', 'honor', ...(fact.yearStated && fact.year != null ? ['year'] : [])];
    item.inferred = !fact.yearStated && fact.year != null ? ['year'] : [];
    item.confidence = factConfidence([recipient, honor], item.inferred.length > 0);
    if (fact.year == null) item.note = 'no year: neither the text nor the document date gives one; edit the item to set it';
    items.push(item);
  }
  for (const fact of extraction.memberships) {
    const member = ref(fact.memberKey);
    const organization = ref(fact.organizationKey);
    if (!member || !organization) continue;
    const item = base(nextId(), 'MEMBERSHIP', fact.span, text, fact.evidence);
    item.membership = { memberItemId: member.id, organizationItemId: organization.id, role: fact.role };
    item.stated = ['member', 'organization', ...(fact.role ? ['role'] : [])];
    item.confidence = factConfidence([member, organization], false);
    items.push(item);
  }
  for (const fact of extraction.hierarchy) {
    const child = ref(fact.childKey);
    const parent = ref(fact.parentKey);
    if (!child || !parent || child === parent) continue;
    const item = base(nextId(), 'HIERARCHY_LINK', fact.span, text, fact.evidence);
    item.hierarchy = { childItemId: child.id, parentItemId: parent.id };
    item.stated = fact.stated ? ['child', 'parent'] : ['child'];
    item.inferred = fact.stated ? [] : ['parent'];
    item.note = fact.note ?? null;
    item.confidence = factConfidence([child, parent], !fact.stated);
    items.push(item);
  }
  for (const fact of extraction.programLinks) {
    const program = ref(fact.programKey);
    const organization = ref(fact.organizationKey);
    if (!program || !organization) continue;
    const item = base(nextId(), 'PROGRAM_LINK', fact.span, text, fact.evidence);
    item.programLink = { programItemId: program.id, organizationItemId: organization.id, role: fact.role };
    item.stated = fact.stated ? ['program', 'organization', 'role'] : ['program', 'role'];
    item.inferred = fact.stated ? [] : ['organization'];
    item.confidence = factConfidence([program, organization], !fact.stated);
    items.push(item);
  }
  for (const fact of extraction.figures) {
    const subject = ref(fact.subjectKey);
    const item = base(nextId(), 'FIGURE', fact.span, text, fact.evidence);
    item.figure = {
      subjectItemId: subject?.id ?? null,
      value: fact.value,
      unit: fact.unit,
      approximate: fact.approximate,
      label: fact.label,
      counts: fact.counts,
      year: fact.year,
    };
    item.stated = ['value', 'unit', 'label', 'counts', ...(subject ? ['subject'] : []), ...(fact.year != null ? ['year'] : [])];
    item.confidence = factConfidence(subject ? [subject] : [], false);
    if (!subject) item.note = 'no subject: the text does not say what it counts for; it is not committed';
    items.push(item);
  }
  return items;
}

/** The ENTITY items a fact item refers to, with the role each plays. */
export function referencedEntities(item: ProposalItemData): { role: string; itemId: string }[] {
  const refs: [string, string | null | undefined][] = [
    ['recipient', item.award?.recipientItemId],
    ['honor', item.award?.honorItemId],
    ['member', item.membership?.memberItemId],
    ['organization', item.membership?.organizationItemId],
    ['child', item.hierarchy?.childItemId],
    ['parent', item.hierarchy?.parentItemId],
    ['program', item.programLink?.programItemId],
    ['organization', item.programLink?.organizationItemId],
    ['subject', item.figure?.subjectItemId],
  ];
  return refs.filter((r): r is [string, string] => !!r[1]).map(([role, itemId]) => ({ role, itemId }));
}

/** The graph label an ENTITY item of this mention kind stands for. */
export const LABEL_OF: Record<MentionKind, 'Person' | 'Organization' | 'Honor' | 'Program'> = {
  PERSON: 'Person',
  ORGANIZATION: 'Organization',
  HONOR: 'Honor',
  PROGRAM: 'Program',
};

/** The id of the existing node an ENTITY item resolves to (matched, ambiguous's best, relinked), or null when new. */
export const existingEntityId = (item: ProposalItemData): string | null =>
  item.entity && item.entity.matchStatus !== 'NEW' ? (item.entity.match?.id ?? null) : null;

/** Counts per kind: new, matched, already in the graph, and by review status. */
export function summarize(items: ProposalItemData[]) {
  return ITEM_KINDS.map((kind) => {
    const of = items.filter((i) => i.kind === kind);
    return {
      kind,
      total: of.length,
      proposedNew: of.filter((i) => !i.alreadyInGraph && !(i.entity && i.entity.matchStatus !== 'NEW')).length,
      matched: of.filter((i) => i.entity && (i.entity.matchStatus === 'MATCHED' || i.entity.matchStatus === 'RELINKED')).length,
      alreadyInGraph: of.filter((i) => i.alreadyInGraph).length,
      pending: of.filter((i) => i.status === 'PENDING').length,
      accepted: of.filter((i) => i.status === 'ACCEPTED').length,
      rejected: of.filter((i) => i.status === 'REJECTED').length,
    };
  });
}
