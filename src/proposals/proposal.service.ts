import { loadIngestMaxBytes } from '../config';
import { randomUUID } from 'node:crypto';
import type { Viewer } from '../auth/viewer';
import { badInput, conflict, notFound } from '../api/errors';
import { checkId } from '../api/id';
import { FirstAfterArgs, decodeCursor, encodeCursor, keysetPage, onDemand } from '../api/connection';
import { Graph, Transaction } from '../db/graph';
import { GazetteerRepository } from '../ingest/gazetteer.repository';
import { Analysis, DocumentContext, Repair } from '../ingest/ingest.model';
import { readDocument } from '../ingest/document.reader';
import { analyze } from '../ingest/pipeline';
import { nameKey } from '../text/normalize';
import { unsafeTextProblem } from '../text/unicode';
import { ProposalItemEditInput } from './proposal.input';
import { FactCheck, ProposalRepository, ProposalRow } from './proposal.repository';
import { LABEL_OF, ProposalItemData, buildItems, existingEntityId, referencedEntities } from './proposal-items';

/** The bounds of what a proposal stores (docs/limits.md). */
export const MAX_TEXT_CHARS = 2_000_000;
export const MAX_ITEMS = 5_000;
const MAX_REPAIRS = 5_000;

/** What a commit recorded (stored as JSON on the proposal, returned again by every later commit). */
export interface CommitData {
  revisionId: string | null;
  sourceId: string | null;
  committedAt: string;
  committedBy: string;
  created: number;
  written: number;
  skipped: { itemId: string; reason: string }[];
}

/** A proposal as the API shows it: the stored row with its JSON read. */
export interface ProposalView extends Omit<ProposalRow, 'itemsJson' | 'repairsJson' | 'contextJson' | 'resultJson'> {
  items: ProposalItemData[];
  repairs: Repair[];
  context: DocumentContext & { issuerItemId: string | null };
  commit: CommitData | null;
}

export const viewOf = (row: ProposalRow): ProposalView => {
  const { itemsJson, repairsJson, contextJson, resultJson, ...rest } = row;
  return {
    ...rest,
    itemCount: Number(row.itemCount),
    items: JSON.parse(itemsJson),
    repairs: JSON.parse(repairsJson),
    context: JSON.parse(contextJson),
    commit: resultJson ? JSON.parse(resultJson) : null,
  };
};

/** Where a file comes from: bytes (the upload route) or the mutation's input. */
export interface DocumentBytes {
  bytes: Buffer;
  fileName?: string | null;
  mediaType?: string | null;
  /** The field to name when the bytes are refused (input.text, input.base64, file). */
  field: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Document ingest up to the proposal, and its review: reading and analyzing a document, storing
 * what it proposes apart from the graph, accepting, rejecting, relinking and editing items. The
 * commit is commit.service.ts. Nothing here writes to the graph's nodes.
 */
export class ProposalService {
  constructor(
    private readonly graph: Graph,
    private readonly proposals: ProposalRepository,
    private readonly gazetteer: GazetteerRepository,
    private readonly maxBytes: number = loadIngestMaxBytes(),
  ) {}

  /** The bytes of the mutation's input: its text, or its base64, exactly one. */
  bytesOf(input: { text?: string | null; base64?: string | null; fileName?: string | null; mediaType?: string | null }): DocumentBytes {
    const hasText = input.text != null;
    const hasBase64 = input.base64 != null;
    if (hasText === hasBase64) throw badInput('input', 'give the document as text or as base64, exactly one of the two');
    if (hasText) return { bytes: Buffer.from(input.text!, 'utf8'), fileName: input.fileName, mediaType: input.mediaType ?? (input.fileName ? null : 'text/plain'), field: 'input.text' };
    const compact = input.base64!.replace(/\s+/g, '');
    if (!BASE64.test(compact) || compact.length % 4 === 1) throw badInput('input.base64', 'is not base64');
    return { bytes: Buffer.from(compact, 'base64'), fileName: input.fileName, mediaType: input.mediaType, field: 'input.base64' };
  }

  /** Reads, analyzes and stores the proposal of a document. Refused input stores nothing. */
  async ingest(viewer: Viewer, file: DocumentBytes): Promise<ProposalView> {
    const { bytes, field } = file;
    if (bytes.length === 0) throw badInput(field, 'is empty: the document holds no bytes');
    if (bytes.length > this.maxBytes) throw badInput(field, `is ${bytes.length} bytes, over the limit of ${this.maxBytes} (INGEST_MAX_BYTES)`);
    const gazetteer = await this.gazetteer.load();
    // The graph's names help fill characters the damaged text lost.
    const knownNames = gazetteer.entries.flatMap((entry) => [entry.name, ...entry.aliases]);
    const document = await readDocument({ bytes, fileName: file.fileName ?? null, mediaType: file.mediaType ?? null }, { maxBytes: this.maxBytes, knownNames });
    // Whatever the reader made of the file must be storable text, and hold some.
    const problem = unsafeTextProblem(document.text);
    if (problem) throw badInput(field, `is not a text document the reader could use (the text read ${problem})`);
    if (document.text.trim() === '') throw badInput(field, 'holds no text');
    const analysis = analyze(document, gazetteer);
    return this.propose(viewer, analysis, file.mediaType ?? null);
  }

  /** Stores what an analysis proposes (the step after analyze; tests give it analyses made by hand). */
  async propose(viewer: Viewer, analysis: Analysis, mediaType: string | null = null): Promise<ProposalView> {
    const user = viewer.user;
    if (!user) throw new Error('propose needs a user; @Authorized is missing');
    const { document, extraction } = analysis;
    if (document.text.length > MAX_TEXT_CHARS) throw badInput('file', `holds ${document.text.length} characters of text, over ${MAX_TEXT_CHARS}; split it`);
    const items = buildItems(analysis);
    if (items.length > MAX_ITEMS) throw badInput('file', `states ${items.length} items, over ${MAX_ITEMS}; split it`);
    const earlier = await this.proposals.sameContent(document.contentHash);
    let sourceId: string | null = null;
    if (earlier?.status === 'COMMITTED') sourceId = await this.resumeFrom(items, viewOf(earlier));
    await this.annotate(items);
    const issuer = extraction.context.issuerKey ? items.find((i) => i.entity?.mentionKey === extraction.context.issuerKey) : undefined;
    const id = `prop-${randomUUID()}`;
    await this.proposals.create({
      id,
      status: 'OPEN',
      contentHash: document.contentHash,
      fileName: document.fileName,
      format: document.format,
      mediaType,
      title: document.title ? document.title.trim().slice(0, 200) || null : null,
      createdBy: user.sub,
      text: document.text,
      repairsJson: JSON.stringify(document.repairs.slice(0, MAX_REPAIRS)),
      contextJson: JSON.stringify({ ...extraction.context, issuerItemId: issuer?.id ?? null }),
      itemsJson: JSON.stringify(items),
      itemCount: items.length,
      duplicateOfId: earlier?.id ?? null,
      sourceId,
      revisionId: null,
      resultJson: null,
    });
    return (await this.get(id))!;
  }

  /**
   * The same bytes were committed before: the entities that commit created or matched are the
   * ones this document names again (when they still exist), the editor's edits of its facts hold
   * again, and its Source is cited again. Items correspond by id, kind and span (the analysis of
   * the same bytes is the same), entities also by type and name.
   */
  private async resumeFrom(items: ProposalItemData[], earlier: ProposalView): Promise<string | null> {
    const resolved = (item: ProposalItemData) =>
      item.entity && item.status !== 'REJECTED' ? (item.committedId ?? (item.entity.matchStatus === 'MATCHED' || item.entity.matchStatus === 'RELINKED' ? existingEntityId(item) : null)) : null;
    const same = new Map(earlier.items.map((i) => [`${i.id}|${i.kind}|${i.start}|${i.end}`, i]));
    const byName = new Map<string, string>();
    for (const item of earlier.items) {
      const id = resolved(item);
      if (id) byName.set(`${item.entity!.type}|${nameKey(item.entity!.name)}`, id);
    }
    const ids = [...earlier.items.map(resolved).filter((id): id is string => !!id), ...(earlier.commit?.sourceId ? [earlier.commit.sourceId] : [])];
    const { found } = await this.proposals.nodes(this.graph, ids);
    for (const item of items) {
      const before = same.get(`${item.id}|${item.kind}|${item.start}|${item.end}`);
      if (!item.entity) {
        if (before) carryEdits(before, item);
        continue;
      }
      const entity = item.entity;
      if (entity.matchStatus === 'MATCHED') continue;
      const id = (before && resolved(before)) || byName.get(`${entity.type}|${nameKey(entity.name)}`);
      const node = id ? found.get(id) : undefined;
      if (!node || !node.labels.includes(LABEL_OF[entity.type])) continue;
      entity.matchStatus = 'MATCHED';
      entity.match = {
        id: node.id,
        type: LABEL_OF[entity.type],
        name: node.name ?? entity.name,
        score: 1,
        features: [{ feature: 'EXACT_NAME', score: 1, detail: `committed from the same document (same content hash) by ${earlier.id}` }],
      };
      item.confidence = 1;
      item.alreadyInGraph = true;
      item.existingId = node.id;
    }
    const sourceId = earlier.commit?.sourceId;
    return sourceId && found.get(sourceId)?.labels.includes('Source') ? sourceId : null;
  }

  /** Marks the facts the graph holds already: the same award, membership, link or figure between existing nodes. */
  async annotate(items: ProposalItemData[]): Promise<void> {
    const byId = new Map(items.map((i) => [i.id, i]));
    const existing = (itemId: string | null | undefined) => {
      const entity = itemId ? byId.get(itemId) : undefined;
      return entity?.entity && (entity.entity.matchStatus === 'MATCHED' || entity.entity.matchStatus === 'RELINKED') ? existingEntityId(entity) : null;
    };
    const checks: FactCheck[] = [];
    for (const item of items) {
      if (item.kind === 'ENTITY') continue;
      item.alreadyInGraph = false;
      item.existingId = null;
      const ends = referencedEntities(item).map((r) => existing(r.itemId));
      if (ends.some((id) => id == null) || (item.kind === 'FIGURE' && !item.figure!.subjectItemId)) continue;
      if (item.award && item.award.year != null) checks.push({ item: item.id, type: 'RECEIVED', from: ends[0]!, to: ends[1]!, key: `year:${item.award.year}` });
      if (item.membership) checks.push({ item: item.id, type: 'MEMBER_OF', from: ends[0]!, to: ends[1]!, key: `role:${item.membership.role ?? ''}` });
      if (item.hierarchy) checks.push({ item: item.id, type: 'PART_OF', from: ends[0]!, to: ends[1]! });
      if (item.programLink) checks.push({ item: item.id, type: item.programLink.role === 'PARTNER' ? 'PARTNERED' : 'ORGANIZED', from: ends[1]!, to: ends[0]! });
      if (item.figure) checks.push({ item: item.id, type: 'FIGURE', subjectId: ends[0]!, value: item.figure.value, unit: item.figure.unit, year: item.figure.year });
    }
    const present = await this.proposals.factsPresent(checks);
    for (const [itemId, statementId] of present) {
      const item = byId.get(itemId)!;
      item.alreadyInGraph = true;
      item.existingId = statementId || null;
    }
  }

  async get(id: string): Promise<ProposalView | null> {
    const row = await this.proposals.byId(checkId(id));
    return row ? viewOf(row) : null;
  }

  /** The earlier proposal of the same bytes this one repeats, or null. */
  async duplicateOf(proposal: ProposalView): Promise<ProposalView | null> {
    if (!proposal.duplicateOfId) return null;
    return this.get(proposal.duplicateOfId);
  }

  /** Proposals, newest first, optionally of one status; paged forward with first/after. */
  async page(status: string | null, args: FirstAfterArgs) {
    const signature = 'CREATED_AT:DESC';
    const request = keysetPage({ first: args.first, after: null }, []);
    const key = args.after != null ? decodeCursor(args.after, 'after', signature) : null;
    if (key && (key.length !== 2 || typeof key[0] !== 'string' || typeof key[1] !== 'string')) throw badInput('after', 'is not a cursor of this list');
    const { rows, more } = await this.proposals.page(status, request.limit, key as [string, string] | null);
    const edges = rows.map((row) => ({ node: viewOf(row), cursor: encodeCursor(signature, [row.createdAt, row.id]) }));
    return {
      edges,
      pageInfo: { hasNextPage: more, hasPreviousPage: key != null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
      totalCount: onDemand(() => this.proposals.count(status)),
    };
  }

  // ---- review ----------------------------------------------------------------------------

  /** Changes an open proposal's items in one write that locks it; refused once committed. */
  private async review(id: string, change: (items: ProposalItemData[], tx: Transaction) => Promise<void> | void): Promise<ProposalView> {
    checkId(id, 'proposalId');
    await this.graph.writeTransaction(async (tx) => {
      const row = await this.proposals.lockIn(tx, id);
      if (!row) throw notFound('proposalId', id);
      if (row.status === 'COMMITTED') throw conflict(`proposalId: proposal ${id} is committed (revision ${row.revisionId ?? 'none'}); it can no longer change`);
      const items: ProposalItemData[] = JSON.parse(row.itemsJson);
      await change(items, tx);
      await this.proposals.saveIn(tx, id, { itemsJson: JSON.stringify(items) });
    });
    return (await this.get(id))!;
  }

  private static find(items: ProposalItemData[], itemIds: string[], field = 'itemIds'): ProposalItemData[] {
    if (itemIds.length === 0) throw badInput(field, 'must name at least one item');
    if (itemIds.length > MAX_ITEMS) throw badInput(field, `must name at most ${MAX_ITEMS} items, got ${itemIds.length}`);
    return itemIds.map((itemId, i) => {
      const item = items.find((x) => x.id === itemId);
      if (!item) throw notFound(`${field}[${i}]`, itemId, 'the proposal has no such item');
      return item;
    });
  }

  setStatus(id: string, itemIds: string[], status: 'ACCEPTED' | 'REJECTED'): Promise<ProposalView> {
    return this.review(id, (items) => {
      for (const item of ProposalService.find(items, itemIds)) item.status = status;
    });
  }

  /**
   * Accepts every pending item, but for entity items the matcher found ambiguous: those stay
   * pending until relinked or edited (and the facts depending on them are skipped by the commit).
   */
  acceptAllPending(id: string): Promise<ProposalView> {
    return this.review(id, (items) => {
      for (const item of items) if (item.status === 'PENDING' && item.entity?.matchStatus !== 'AMBIGUOUS') item.status = 'ACCEPTED';
    });
  }

  /** Links an ENTITY item to an existing node of a fitting label; facts between existing nodes are checked again. */
  relink(id: string, itemId: string, entityId: string): Promise<ProposalView> {
    checkId(entityId, 'entityId');
    return this.review(id, async (items, tx) => {
      const [item] = ProposalService.find(items, [itemId], 'itemId');
      if (!item.entity) throw badInput('itemId', `item ${itemId} is a ${item.kind} item; only ENTITY items are relinked`);
      const { found, mergedInto } = await this.proposals.nodes(tx, [entityId]);
      const node = found.get(entityId);
      if (!node) throw notFound('entityId', entityId, mergedInto.has(entityId) ? `it was merged into "${mergedInto.get(entityId)}"` : undefined);
      const label = LABEL_OF[item.entity.type];
      if (!node.labels.includes(label)) throw badInput('entityId', `must be a ${label} for ${item.entity.type} item ${itemId}, but "${entityId}" is a ${node.labels.join('/')}`);
      item.entity.matchStatus = 'RELINKED';
      item.entity.match = { id: node.id, type: label, name: node.name ?? node.id, score: 1, features: [] };
      item.entity.allowDuplicate = false;
      item.alreadyInGraph = true;
      item.existingId = node.id;
      if (!item.edited.includes('match')) item.edited.push('match');
      await this.annotate(items);
    });
  }

  /** Changes an item's fields, each checked as the matching create input checks it. */
  edit(id: string, itemId: string, input: ProposalItemEditInput): Promise<ProposalView> {
    return this.review(id, async (items) => {
      const [item] = ProposalService.find(items, [itemId], 'itemId');
      applyEdit(item, input);
      await this.annotate(items);
    });
  }
}

/** An earlier review's edits of a fact item, applied to the same item of a new proposal of the same bytes. */
function carryEdits(from: ProposalItemData, to: ProposalItemData): void {
  if (!from.edited.length) return;
  const data = (item: ProposalItemData) => (item.award ?? item.membership ?? item.figure ?? item.hierarchy ?? item.programLink) as Record<string, unknown> | undefined;
  const source = data(from);
  const target = data(to);
  if (!source || !target) return;
  for (const field of from.edited) if (field in source) target[field] = source[field];
  if (from.award && to.award && from.edited.includes('year')) Object.assign(to.award, { yearStated: from.award.yearStated, yearNote: from.award.yearNote });
  to.edited = [...from.edited];
  to.stated = [...from.stated];
  to.inferred = [...from.inferred];
  to.note = from.note;
}

const given = (input: ProposalItemEditInput) =>
  (Object.keys(input) as (keyof ProposalItemEditInput)[]).filter((k) => input[k] !== undefined && input[k] !== null);

function applyEdit(item: ProposalItemData, input: ProposalItemEditInput): void {
  const fields = given(input);
  if (!fields.length) throw badInput('input', 'give at least one field to change');
  const allowed: Record<string, (keyof ProposalItemEditInput)[]> = {
    ENTITY: ['name', 'allowDuplicate', ...(item.entity?.type === 'ORGANIZATION' ? (['organizationKind', 'level'] as const) : []),
      ...(item.entity?.type === 'HONOR' ? (['level'] as const) : []), ...(item.entity?.type === 'PROGRAM' ? (['programKind', 'year'] as const) : [])],
    AWARD: ['year'],
    MEMBERSHIP: ['role'],
    FIGURE: ['value', 'counts', 'year'],
    HIERARCHY_LINK: [],
    PROGRAM_LINK: [],
  };
  const what = item.entity ? `a ${item.entity.type} item` : `a ${item.kind} item`;
  for (const field of fields) if (!allowed[item.kind].includes(field)) throw badInput(field, `does not apply to ${what} (${item.id})`);
  const mark = (field: string) => {
    if (!item.edited.includes(field)) item.edited.push(field);
    item.inferred = item.inferred.filter((f) => f !== field);
    if (!item.stated.includes(field)) item.stated.push(field);
  };
  if (item.entity) {
    const entity = item.entity;
    if (input.allowDuplicate != null) {
      entity.allowDuplicate = input.allowDuplicate;
      if (input.allowDuplicate && entity.matchStatus !== 'NEW') {
        // The editor says it is another one than the node matched: it is created as new.
        entity.matchStatus = 'NEW';
        entity.match = null;
        item.alreadyInGraph = false;
        item.existingId = null;
      }
      if (!item.edited.includes('allowDuplicate')) item.edited.push('allowDuplicate');
    }
    const changes = fields.filter((f) => f !== 'allowDuplicate');
    if (changes.length && entity.matchStatus !== 'NEW') {
      throw badInput(changes[0], `item ${item.id} is ${entity.matchStatus.toLowerCase()} to ${entity.match?.id}; relink it, or set allowDuplicate to create a new node with these fields`);
    }
    if (input.name != null) {
      entity.name = input.name.trim();
      mark('name');
    }
    if (input.organizationKind != null) (entity.organizationKind = input.organizationKind), mark('organizationKind');
    if (input.programKind != null) (entity.programKind = input.programKind), mark('programKind');
    if (input.level != null) (entity.level = input.level), mark('level');
    if (input.year != null) (entity.year = input.year), mark('year');
    return;
  }
  if (item.award && input.year != null) {
    item.award.year = input.year;
    item.award.yearStated = true;
    item.award.yearNote = null;
    item.note = null;
    mark('year');
  }
  if (item.membership && input.role != null) {
    item.membership.role = input.role.trim();
    mark('role');
  }
  if (item.figure) {
    if (input.value != null) {
      if (!Number.isFinite(input.value) || input.value < 0) throw badInput('value', `must be a finite number, not negative, got ${input.value}`);
      item.figure.value = input.value;
      mark('value');
    }
    if (input.counts != null) (item.figure.counts = input.counts.trim()), mark('counts');
    if (input.year != null) (item.figure.year = input.year), mark('year');
  }
}
