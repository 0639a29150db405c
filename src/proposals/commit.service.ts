import { GraphQLError } from 'graphql';
import type { Viewer } from '../auth/viewer';
import { EntityType } from '../api/entity-type';
import { badInput, conflict, notFound } from '../api/errors';
import { HonorService } from '../honors/honor.service';
import { BoundAlias, aliasContext, placeValue } from '../graph/alias-context';
import { normalizeName } from '../text/normalize';
import { checkId } from '../api/id';
import { OrganizationKind } from '../api/organization-kind';
import { ProgramKind } from '../api/program-kind';
import { Level } from '../api/enums';
import { Graph } from '../db/graph';
import { NamedEntities } from '../editing/named-entities';
import { Recorder } from '../editing/recorder';
import { mutate, requireEntity } from '../editing/write';
import { FigureService } from '../figures/figure.service';
import { AwardService } from '../honors/award.service';
import { OrganizationService } from '../organizations/organization.service';
import { ProgramService } from '../programs/program.service';
import { dateProblem } from '../api/validation';
import { ProposalRepository } from './proposal.repository';
import { CommitData, ProposalView, viewOf } from './proposal.service';
import { LABEL_OF, ProposalItemData, referencedEntities } from './proposal-items';

const ENTITY_TYPE = { PERSON: EntityType.PERSON, ORGANIZATION: EntityType.ORGANIZATION, HONOR: EntityType.HONOR, PROGRAM: EntityType.PROGRAM } as const;
/** New entities are created in this order, so a new organization's parent exists before it. */
const CREATE_ORDER = ['ORGANIZATION', 'HONOR', 'PROGRAM', 'PERSON'] as const;
const FACT_ORDER = ['HIERARCHY_LINK', 'MEMBERSHIP', 'AWARD', 'PROGRAM_LINK', 'FIGURE'] as const;

const enumValue = <T extends Record<string, string>>(values: T, value: string | null | undefined): T[keyof T] | null =>
  value != null && Object.values(values).includes(value) ? (value as T[keyof T]) : null;

/** A CONFLICT or BAD_USER_INPUT raised writing an item, as an error naming that item. */
function aboutItem(error: unknown, item: ProposalItemData): never {
  if (error instanceof GraphQLError && (error.extensions.code === 'CONFLICT' || error.extensions.code === 'BAD_USER_INPUT' || error.extensions.code === 'NOT_FOUND')) {
    const label = item.entity ? `${item.entity.type} "${item.entity.name}"` : item.kind;
    throw new GraphQLError(`items.${item.id} (${label}, ${item.locator}): ${error.message}`, {
      extensions: { ...error.extensions, itemId: item.id, field: `items.${item.id}${error.extensions.field ? `.${error.extensions.field}` : ''}` },
    });
  }
  throw error;
}

/**
 * The commit of a proposal: every accepted item in one transaction, recorded as one revision
 * (undo reverts it all), through the features' own write rules: the document's Source, the new
 * entities (with the duplicate check), then hierarchy links, memberships, awards, program links
 * and figures, each citing the Source at its item's locator.
 *
 * Items that depend on an entity item that is rejected, or new and not accepted, or ambiguous
 * and not resolved, are skipped and listed with the reason. Items the graph holds already are
 * left alone. An entity item matched or relinked to a node that has since been merged or deleted
 * refuses the whole commit with CONFLICT naming it; nothing is written.
 */
export class CommitService {
  constructor(
    private readonly graph: Graph,
    private readonly proposals: ProposalRepository,
    private readonly named: NamedEntities,
    private readonly organizations: OrganizationService,
    private readonly awards: AwardService,
    private readonly programs: ProgramService,
    private readonly figures: FigureService,
    private readonly honors: HonorService,
  ) {}

  async commit(viewer: Viewer, id: string, sourceIdGiven: string | null = null): Promise<{ proposal: ProposalView; commit: CommitData; alreadyCommitted: boolean }> {
    checkId(id, 'id');
    if (sourceIdGiven != null) checkId(sourceIdGiven, 'sourceId');
    const outcome = await mutate(this.graph, viewer, async (rec) => {
      const row = await this.proposals.lockIn(rec.tx, id);
      if (!row) throw notFound('id', id);
      if (row.status === 'COMMITTED') return { commit: JSON.parse(row.resultJson!) as CommitData, alreadyCommitted: true };
      const proposal = viewOf(row);
      const items = proposal.items;
      // A commit with nothing accepted would close the proposal for good and write nothing: refused.
      if (!items.some((i) => i.status === 'ACCEPTED')) {
        throw badInput('id', `proposal ${id} has no accepted item: accept items (acceptProposalItems, acceptAllPendingProposalItems) before committing; nothing was written`);
      }
      const commit = await rec.batched('commitProposal', () => this.write(rec, proposal, items, sourceIdGiven));
      commit.revisionId = rec.lastRevisionId;
      await this.proposals.saveIn(
        rec.tx,
        id,
        { status: 'COMMITTED', revisionId: commit.revisionId, committedBy: commit.committedBy, resultJson: JSON.stringify(commit), itemsJson: JSON.stringify(items) },
        true,
      );
      return { commit, alreadyCommitted: false };
    });
    const proposal = viewOf((await this.proposals.byId(id))!);
    return { proposal, commit: outcome.commit, alreadyCommitted: outcome.alreadyCommitted };
  }

  private async write(rec: Recorder, proposal: ProposalView, items: ProposalItemData[], sourceIdGiven: string | null): Promise<CommitData> {
    const byId = new Map(items.map((i) => [i.id, i]));
    const skipped: { itemId: string; reason: string }[] = [];
    const result: CommitData = { revisionId: null, sourceId: null, committedAt: new Date().toISOString(), committedBy: rec.actor.sub, created: 0, written: 0, skipped };

    // Existing nodes the items stand for must still be there (merged or deleted: CONFLICT, nothing written).
    const resolvedIds = items.filter((i) => i.entity && i.status !== 'REJECTED' && (i.entity.matchStatus === 'MATCHED' || i.entity.matchStatus === 'RELINKED'));
    const { found, mergedInto } = await this.proposals.nodes(rec.tx, resolvedIds.map((i) => i.entity!.match!.id));
    for (const item of resolvedIds) {
      const entity = item.entity!;
      const node = found.get(entity.match!.id);
      const label = LABEL_OF[entity.type];
      if (!node || !node.labels.includes(label)) {
        const where = mergedInto.get(entity.match!.id);
        throw conflict(
          `items.${item.id}: ${entity.type} "${entity.name}" is ${entity.matchStatus === 'RELINKED' ? 'relinked' : 'matched'} to "${entity.match!.id}", which ${where ? `was merged into "${where}"` : node ? `is no longer a ${label}` : 'no longer exists'}; relink the item and commit again`,
          { itemId: item.id, entityId: entity.match!.id, mergedInto: where ?? null, field: `items.${item.id}` },
        );
      }
    }
    for (const item of items) {
      if (item.entity?.matchStatus === 'AMBIGUOUS' && item.status === 'ACCEPTED') {
        throw conflict(`items.${item.id}: ${item.entity.type} "${item.entity.name}" is ambiguous (${item.entity.candidates.map((c) => c.id).join(', ')}); relink it, or edit it with allowDuplicate to create a new one`, {
          itemId: item.id,
          field: `items.${item.id}`,
        });
      }
    }

    /** The node an entity item stands for now, or why the facts depending on it are skipped. */
    const nodeOf = (itemId: string): { id: string } | { reason: string } => {
      const item = byId.get(itemId);
      if (!item?.entity) return { reason: `refers to ${itemId}, which is not an entity item` };
      if (item.status === 'REJECTED') return { reason: `depends on ${itemId} (${item.entity.name}), which is rejected` };
      if (item.committedId) return { id: item.committedId };
      if (item.entity.matchStatus === 'MATCHED' || item.entity.matchStatus === 'RELINKED') return { id: item.entity.match!.id };
      if (item.entity.matchStatus === 'AMBIGUOUS') return { reason: `depends on ${itemId} (${item.entity.name}), which is ambiguous and not relinked` };
      return { reason: `depends on ${itemId} (${item.entity.name}), a new entity not accepted` };
    };

    // What will be written: accepted, not in the graph, every entity it depends on resolvable.
    const toCreate = items.filter((i) => i.entity && i.status === 'ACCEPTED' && i.entity.matchStatus === 'NEW');
    const facts = items.filter((i) => !i.entity && i.status === 'ACCEPTED' && !i.alreadyInGraph);
    const writable = facts.filter((item) => {
      if (item.kind === 'FIGURE' && !item.figure!.subjectItemId) {
        skipped.push({ itemId: item.id, reason: 'the figure has no subject' });
        return false;
      }
      if (item.kind === 'AWARD' && item.award!.year == null) {
        skipped.push({ itemId: item.id, reason: 'the award has no year; edit the item to set it' });
        return false;
      }
      for (const ref of referencedEntities(item)) {
        const ok = byId.get(ref.itemId);
        // Whether a new entity it names will exist: accepted ones will.
        if (ok?.entity && ok.status === 'ACCEPTED' && ok.entity.matchStatus === 'NEW') continue;
        const node = nodeOf(ref.itemId);
        if ('reason' in node) {
          skipped.push({ itemId: item.id, reason: `${ref.role}: ${node.reason}` });
          return false;
        }
      }
      return true;
    });
    if (!toCreate.length && !writable.length) return result;

    // The document's Source.
    result.sourceId = await this.source(rec, proposal, sourceIdGiven, result);
    const sourceIds = [result.sourceId];
    const at = (item: ProposalItemData) => [item.locator];

    // New entities, organizations first (parents before children), each with the duplicate check.
    const parentOf = new Map<string, string>();
    for (const item of items) if (item.hierarchy && item.status !== 'REJECTED') parentOf.set(item.hierarchy.childItemId, item.hierarchy.parentItemId);
    const ordered = CREATE_ORDER.flatMap((type) => orderParentsFirst(toCreate.filter((i) => i.entity!.type === type), parentOf));
    // The proposal's own new entities were told apart by the extraction (三八红旗集体 beside 省三八红旗集体): the check passes over them.
    const createdHere = new Set<string>();
    for (const item of ordered) {
      const entity = item.entity!;
      const parentItem = parentOf.get(item.id);
      const parentNode = parentItem ? nodeOf(parentItem) : null;
      try {
        item.committedId = await this.named.createIn(rec, {
          type: ENTITY_TYPE[entity.type],
          name: entity.name,
          ...namingOf(entity, proposal.context.place, result.sourceId),
          props: entityProps(entity),
          contextOrganizationIds: parentNode && 'id' in parentNode ? [parentNode.id] : [],
          sourceIds,
          locators: at(item),
          allowDuplicate: entity.allowDuplicate,
          distinctFrom: createdHere,
        });
        createdHere.add(item.committedId);
      } catch (error) {
        aboutItem(error, item);
      }
      result.created++;
    }

    // The facts, each through its feature's write and citing the Source at the item's locator.
    const ref = (itemId: string) => (nodeOf(itemId) as { id: string }).id;
    for (const kind of FACT_ORDER) {
      for (const item of writable.filter((i) => i.kind === kind)) {
        try {
          await this.fact(rec, item, ref, sourceIds, at(item), skipped, result);
        } catch (error) {
          aboutItem(error, item);
        }
      }
    }

    // Who confers each accepted honor, where the document names the conferrer (授予…称号 after 市妇联决定).
    for (const item of items) {
      const conferrer = item.entity?.conferredByItemId;
      if (item.entity?.type !== 'HONOR' || item.status !== 'ACCEPTED' || !conferrer) continue;
      const honor = nodeOf(item.id);
      const organization = nodeOf(conferrer);
      if ('reason' in honor || 'reason' in organization) {
        skipped.push({ itemId: item.id, reason: `conferredBy: ${'reason' in organization ? organization.reason : (honor as { reason: string }).reason}` });
        continue;
      }
      try {
        await this.honors.linkConferrerIn(rec, honor.id, organization.id, sourceIds, at(item));
        result.written++;
      } catch (error) {
        aboutItem(error, item);
      }
    }
    return result;
  }

  private async fact(
    rec: Recorder,
    item: ProposalItemData,
    ref: (itemId: string) => string,
    sourceIds: string[],
    locators: string[],
    skipped: { itemId: string; reason: string }[],
    result: CommitData,
  ): Promise<void> {
    if (item.hierarchy) {
      const child = ref(item.hierarchy.childItemId);
      const parent = ref(item.hierarchy.parentItemId);
      const parents = await this.proposals.parentsIn(rec.tx, child);
      if (parents.length && !parents.includes(parent)) {
        skipped.push({ itemId: item.id, reason: `${child} stands under ${parents.join(', ')} already; move it with setOrganizationParent` });
        return;
      }
      await this.organizations.setParentIn(rec, child, parent, null, { sourceIds, locators });
      item.committedId = `${child} PART_OF ${parent}`;
    } else if (item.membership) {
      const row = await this.organizations.addMembershipIn(rec, ref(item.membership.memberItemId), ref(item.membership.organizationItemId), item.membership.role, null, sourceIds, {}, locators);
      item.committedId = (row as { id?: string }).id ?? null;
    } else if (item.award) {
      const award = item.award;
      const yearProvenance = award.yearStated ? null : { inferred: true, note: award.yearNote ?? 'the year is inferred from the document date', sourceIds: null };
      const { award: row } = await this.awards.awardIn(rec, ref(award.recipientItemId), ref(award.honorItemId), award.year!, sourceIds, yearProvenance, locators);
      item.committedId = (row as { id?: string }).id ?? null;
    } else if (item.programLink) {
      const link = item.programLink;
      const type = link.role === 'PARTNER' ? 'PARTNERED' : 'ORGANIZED';
      await this.programs.linkIn(rec, link.role === 'PARTNER' ? 'linkProgramPartner' : 'linkProgramOrganizer', type, ref(link.organizationItemId), ref(link.programItemId), sourceIds, locators);
      item.committedId = `${ref(link.organizationItemId)} ${type} ${ref(link.programItemId)}`;
    } else if (item.figure) {
      const figure = item.figure;
      item.committedId = await this.figures.createIn(rec, {
        subjectId: ref(figure.subjectItemId!),
        label: figure.counts || figure.label,
        value: figure.value,
        unit: figure.unit,
        approximate: figure.approximate,
        year: figure.year,
        sourceIds,
        locators,
        note: `as written: ${figure.label}`.slice(0, 2000),
      });
      result.created++;
      return;
    }
    result.written++;
  }

  /** The Source cited: the one given, the earlier ingest's of the same bytes, or a new one for the document. */
  private async source(rec: Recorder, proposal: ProposalView, given: string | null, result: CommitData): Promise<string> {
    const existing = given ?? proposal.sourceId;
    if (existing) {
      await requireEntity(rec.tx, given ? 'sourceId' : 'proposal.sourceId', existing, ['Source'], 'a source');
      return existing;
    }
    const title = (proposal.title ?? proposal.fileName ?? `document ${proposal.contentHash.slice(0, 12)}`).slice(0, 200);
    const date = proposal.context.date;
    const published = date && !dateProblem(date) ? date : null;
    try {
      const id = await this.named.createIn(rec, {
        type: EntityType.SOURCE,
        name: title,
        props: { kind: proposal.format === 'TEXT' && /名单|决定|通知/.test(title) ? 'PUBLISHED_LIST' : 'NEWS_REPORT', published, publisher: null, language: 'zh-Hans' },
        nameProperty: 'title',
      });
      result.created++;
      return id;
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code === 'CONFLICT') {
        throw new GraphQLError(`source: ${error.message}; pass commitProposal(sourceId:) to cite that source instead`, { extensions: { ...error.extensions, field: 'sourceId' } });
      }
      if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') throw badInput('source', error.message);
      throw error;
    }
  }
}

/** Items in an order where each one's parent (among them) comes first. */
function orderParentsFirst(items: ProposalItemData[], parentOf: Map<string, string>): ProposalItemData[] {
  const ids = new Set(items.map((i) => i.id));
  const out: ProposalItemData[] = [];
  const placed = new Set<string>();
  const visit = (item: ProposalItemData, depth: number) => {
    if (placed.has(item.id) || depth > items.length) return;
    const parent = parentOf.get(item.id);
    if (parent && ids.has(parent)) visit(items.find((i) => i.id === parent)!, depth + 1);
    if (!placed.has(item.id)) {
      placed.add(item.id);
      out.push(item);
    }
  };
  for (const item of items) visit(item, 0);
  return out;
}

/** The type's own properties of a new entity, from the item (kinds and levels checked against their enums). */
/**
 * The written forms a new entity keeps. A form that holds the document's place, or any form when
 * the name holds none, is an alias; a short form without the place (市妇联 for 淮南市妇女联合会)
 * is bound to the place and to the document's Source, as the seed binds its short forms: a bare
 * short form is not global (graph/alias-context.ts).
 */
function namingOf(entity: NonNullable<ProposalItemData['entity']>, place: string | null, sourceId: string): { aliases: string[]; contextAliases: BoundAlias[] } {
  const name = normalizeName(entity.name);
  const where = place ? placeValue(place) : null;
  const aliases: string[] = [];
  const contextAliases: BoundAlias[] = [];
  for (const form of new Set(entity.written.map((w) => normalizeName(w)))) {
    if (!form || form === name) continue;
    if (where && name.includes(where) && !form.includes(where)) {
      contextAliases.push({ alias: form, context: aliasContext('place', where) }, { alias: form, context: aliasContext('source', sourceId) });
    } else aliases.push(form);
  }
  return { aliases, contextAliases };
}

function entityProps(entity: NonNullable<ProposalItemData['entity']>): Record<string, unknown> {
  switch (entity.type) {
    case 'ORGANIZATION':
      return { kind: enumValue(OrganizationKind, entity.organizationKind) ?? OrganizationKind.INSTITUTION, level: enumValue(Level, entity.level) };
    case 'HONOR':
      return { level: enumValue(Level, entity.level) };
    case 'PROGRAM':
      return { kind: enumValue(ProgramKind, entity.programKind) ?? ProgramKind.CAMPAIGN, year: entity.year ?? null, startDate: null };
    default:
      return {};
  }
}
