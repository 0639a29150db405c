import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { FirstAfterArgs } from '../api/connection';
import { CommitService } from './commit.service';
import { IngestDocumentInput, ProposalItemEditInput } from './proposal.input';
import { ProposalService, ProposalView } from './proposal.service';
import { ProposalItemData, summarize } from './proposal-items';
import {
  CommitProposalPayload,
  Proposal,
  ProposalCommit,
  ProposalConnection,
  ProposalItem,
  ProposalItemKind,
  ProposalItemStatus,
  ProposalKindSummary,
  ProposalStatus,
} from './proposal.type';

const PROPOSAL_ID = 'The id of the proposal (prop-…).';
const ITEM_IDS = 'Ids of items of the proposal (i1, i2…), at most 50 a call (QUERY_MAX_INPUT_LIST); acceptAllPendingProposalItems takes every pending one.';

/** An item as GraphQL shows it: its span as an object, each kind's fields under the kind's name. */
const itemView = (item: ProposalItemData) => ({
  ...item,
  span: { start: item.start, end: item.end, locator: item.locator },
  entity: item.entity ?? null,
  award: item.award ?? null,
  membership: item.membership ?? null,
  hierarchyLink: item.hierarchy ?? null,
  programLink: item.programLink ?? null,
  figure: item.figure ?? null,
});

/**
 * Document ingest: `ingestDocument` proposes, the review mutations change the proposal's items,
 * `commitProposal` writes the accepted ones. Every operation needs the editor role: a proposal
 * holds what no editor has confirmed yet.
 */
@Resolver(() => Proposal)
export class ProposalResolver {
  @Authorized('editor')
  @Query(() => Proposal, { nullable: true, description: 'A proposal by id, with its items and review; null when none has the id. Needs the editor role.' })
  proposal(@Arg('id', () => ID, { description: PROPOSAL_ID }) id: string, @Ctx() ctx: Context) {
    return ctx.get(ProposalService).get(id);
  }

  @Authorized('editor')
  @Query(() => ProposalConnection, { description: 'Proposals, newest first, paged forward (at most 100 a page). Needs the editor role.' })
  proposals(
    @Arg('status', () => ProposalStatus, { nullable: true, description: 'Only proposals with this status; all when omitted.' }) status: ProposalStatus | null,
    @Args() args: FirstAfterArgs,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(ProposalService).page(status ?? null, args);
  }

  @FieldResolver(() => [ProposalItem], { description: 'The items, in order (entities first, then the facts), optionally of one kind or status.' })
  items(
    @Root() proposal: ProposalView,
    @Arg('kind', () => ProposalItemKind, { nullable: true, description: 'Only items of this kind.' }) kind: ProposalItemKind | null,
    @Arg('status', () => ProposalItemStatus, { nullable: true, description: 'Only items with this review status.' }) status: ProposalItemStatus | null,
  ) {
    return proposal.items.filter((i) => (!kind || i.kind === kind) && (!status || i.status === status)).map(itemView);
  }

  @FieldResolver(() => ProposalItem, { nullable: true, description: 'One item by id; null when the proposal has none of that id.' })
  item(@Root() proposal: ProposalView, @Arg('id', () => ID, { description: 'The id of the item (i1, i2…).' }) id: string) {
    const found = proposal.items.find((i) => i.id === id);
    return found ? itemView(found) : null;
  }

  @FieldResolver(() => [ProposalKindSummary], { description: 'Counts per item kind: new, matched, already in the graph, and by review status.' })
  summary(@Root() proposal: ProposalView): ProposalKindSummary[] {
    return summarize(proposal.items) as ProposalKindSummary[];
  }

  @FieldResolver(() => Proposal, { nullable: true, description: 'The earlier proposal of the same bytes (same content hash), or null: an ingest of a document seen before.' })
  duplicateOf(@Root() proposal: ProposalView, @Ctx() ctx: Context) {
    return ctx.get(ProposalService).duplicateOf(proposal);
  }

  @FieldResolver(() => ProposalCommit, { nullable: true, description: 'What the commit wrote; null while the proposal is open.' })
  commit(@Root() proposal: ProposalView) {
    return proposal.commit;
  }

  // ---- mutations ----

  @Authorized('editor')
  @Mutation(() => Proposal, {
    description:
      'Reads a document (text, Markdown, HTML, docx or a text PDF; at most INGEST_MAX_BYTES, 5 MB by default, and the 1 MB request body), repairs damaged text, extracts what it states and matches it against the graph: a proposal to review. It changes nothing in the graph. Empty, binary, oversized, unsupported or text-less input gets BAD_USER_INPUT saying which, and nothing is stored.',
  })
  ingestDocument(@Arg('input', () => IngestDocumentInput, { description: 'The document: text or base64, with its file name and media type.' }) input: IngestDocumentInput, @Ctx() ctx: Context) {
    const service = ctx.get(ProposalService);
    return service.ingest(ctx.viewer, service.bytesOf(input));
  }

  @Authorized('editor')
  @Mutation(() => Proposal, { description: 'Accepts items: the commit writes them. CONFLICT once the proposal is committed.' })
  acceptProposalItems(
    @Arg('proposalId', () => ID, { description: PROPOSAL_ID }) proposalId: string,
    @Arg('itemIds', () => [ID], { description: ITEM_IDS }) itemIds: string[],
    @Ctx() ctx: Context,
  ) {
    return ctx.get(ProposalService).setStatus(proposalId, itemIds, 'ACCEPTED');
  }

  @Authorized('editor')
  @Mutation(() => Proposal, { description: 'Rejects items: the commit leaves them out, and with a rejected entity every fact that depends on it. CONFLICT once committed.' })
  rejectProposalItems(
    @Arg('proposalId', () => ID, { description: PROPOSAL_ID }) proposalId: string,
    @Arg('itemIds', () => [ID], { description: ITEM_IDS }) itemIds: string[],
    @Ctx() ctx: Context,
  ) {
    return ctx.get(ProposalService).setStatus(proposalId, itemIds, 'REJECTED');
  }

  @Authorized('editor')
  @Mutation(() => Proposal, { description: 'Accepts every pending item, except entity items the matcher found ambiguous (they stay pending until relinked or edited).' })
  acceptAllPendingProposalItems(@Arg('proposalId', () => ID, { description: PROPOSAL_ID }) proposalId: string, @Ctx() ctx: Context) {
    return ctx.get(ProposalService).acceptAllPending(proposalId);
  }

  @Authorized('editor')
  @Mutation(() => Proposal, {
    description: 'Links an ENTITY item to an existing node instead of its match or "new". NOT_FOUND when the node does not exist, BAD_USER_INPUT when its label does not fit the item.',
  })
  relinkProposalItem(
    @Arg('proposalId', () => ID, { description: PROPOSAL_ID }) proposalId: string,
    @Arg('itemId', () => ID, { description: 'The ENTITY item to relink.' }) itemId: string,
    @Arg('entityId', () => ID, { description: 'The existing person, organization, honor or program it is.' }) entityId: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(ProposalService).relink(proposalId, itemId, entityId);
  }

  @Authorized('editor')
  @Mutation(() => Proposal, { description: "Changes an item's fields (a new entity's name, kind, level; an award's year; a membership's role; a figure's value), checked like the create inputs." })
  editProposalItem(
    @Arg('proposalId', () => ID, { description: PROPOSAL_ID }) proposalId: string,
    @Arg('itemId', () => ID, { description: 'The item to change.' }) itemId: string,
    @Arg('input', () => ProposalItemEditInput, { description: 'The fields to change; fields left out stay.' }) input: ProposalItemEditInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(ProposalService).edit(proposalId, itemId, input);
  }

  @Authorized('editor')
  @Mutation(() => CommitProposalPayload, {
    description:
      "Writes every accepted item in one transaction, recorded as one revision (undo reverts it): the document's Source, the new entities (with the duplicate check: CONFLICT naming the item), then links, memberships, awards and figures, each citing the Source at its item's locator. Items depending on a rejected or unresolved entity item are skipped and listed. CONFLICT naming the item when a matched or relinked node was merged or deleted since; nothing is written. Committing again writes nothing and returns the same result.",
  })
  commitProposal(
    @Arg('id', () => ID, { description: PROPOSAL_ID }) id: string,
    @Arg('sourceId', () => ID, { nullable: true, description: "An existing Source to cite instead of creating one for the document (e.g. when one with the document's title exists)." })
    sourceId: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(CommitService).commit(ctx.viewer, id, sourceId ?? null);
  }
}
