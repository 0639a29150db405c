import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes } from '../api/connection';

/** GraphQL shapes of a document ingest's proposal: what it proposes, each item's review, its commit. */

export enum ProposalStatus {
  OPEN = 'OPEN',
  COMMITTED = 'COMMITTED',
}
registerEnumType(ProposalStatus, {
  name: 'ProposalStatus',
  description: 'Where a proposal stands.',
  valuesConfig: {
    OPEN: { description: 'Under review: nothing of it is in the graph yet.' },
    COMMITTED: { description: 'Its accepted items were written, as one revision; it can no longer change.' },
  },
});

export enum ProposalItemKind {
  ENTITY = 'ENTITY',
  AWARD = 'AWARD',
  MEMBERSHIP = 'MEMBERSHIP',
  HIERARCHY_LINK = 'HIERARCHY_LINK',
  PROGRAM_LINK = 'PROGRAM_LINK',
  FIGURE = 'FIGURE',
}
registerEnumType(ProposalItemKind, {
  name: 'ProposalItemKind',
  description: 'What a proposal item proposes.',
  valuesConfig: {
    ENTITY: { description: 'An organization, person, honor or program the document names, matched to a node or new.' },
    AWARD: { description: 'A recipient received an honor in a year (RECEIVED).' },
    MEMBERSHIP: { description: 'A person (or organization) belongs to an organization, in a post (MEMBER_OF).' },
    HIERARCHY_LINK: { description: 'An organization stands under another (PART_OF).' },
    PROGRAM_LINK: { description: 'An organization organized a program or partnered in it (ORGANIZED, PARTNERED).' },
    FIGURE: { description: 'A number the document reports about an organization or program.' },
  },
});

export enum ProposalItemStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(ProposalItemStatus, {
  name: 'ProposalItemStatus',
  description: "An item's review.",
  valuesConfig: {
    PENDING: { description: 'Not reviewed yet; the commit leaves it out.' },
    ACCEPTED: { description: 'Accepted: the commit writes it (unless it is in the graph already).' },
    REJECTED: { description: 'Rejected: the commit leaves it out, and the facts that depend on it when it is an entity.' },
  },
});

export enum ProposalMatchStatus {
  MATCHED = 'MATCHED',
  NEW = 'NEW',
  AMBIGUOUS = 'AMBIGUOUS',
  RELINKED = 'RELINKED',
}
registerEnumType(ProposalMatchStatus, {
  name: 'ProposalMatchStatus',
  description: 'How an entity item is resolved against the graph.',
  valuesConfig: {
    MATCHED: { description: 'It is an existing node (`match`); the commit writes nothing of it.' },
    NEW: { description: 'No node fits: the commit creates one when the item is accepted.' },
    AMBIGUOUS: { description: 'Several nodes fit about equally (`candidates`): relink it, or edit it with allowDuplicate to create a new one.' },
    RELINKED: { description: 'An editor linked it to an existing node (`match`).' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'Where in the document something is said: offsets into the repaired text (`Proposal.text`) and the line.' })
export class ProposalSpan {
  @Field(() => Int, { description: 'Offset of the first character, in UTF-16 code units of the repaired text.' })
  start!: number;

  @Field(() => Int, { description: 'Offset just past the last character (exclusive).' })
  end!: number;

  @Field({ description: 'The paragraph or list line: ¶N (the Nth line of the file or paragraph), p.P ¶N in a PDF.' })
  locator!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A repair of damaged text made before extraction (lost characters, traditional script, pinyin annotations).' })
export class ProposalRepair {
  @Field({ description: 'LOST_CHARACTER (a ? filled from context), SCRIPT (traditional to simplified) or PINYIN (annotations in parentheses dropped).' })
  kind!: string;

  @Field({ description: 'The line repaired.' })
  locator!: string;

  @Field({ description: 'The text as received (for script and pinyin repairs: the first damaged stretch of the line).' })
  damaged!: string;

  @Field({ description: 'The same stretch repaired.' })
  repaired!: string;

  @Field(() => Int, { description: 'Offset of the repaired stretch in the repaired text.' })
  start!: number;

  @Field(() => Int, { description: 'Offset just past the repaired stretch.' })
  end!: number;

  @Field(() => Int, { description: 'How many repairs of this kind the entry stands for.' })
  count!: number;

  @Field({ description: 'How the repair was decided.' })
  note!: string;
}

@ObjectType({ simpleResolvers: true, description: 'What the document says about itself: its place and date, which resolve short forms and years.' })
export class ProposalContext {
  @Field(() => String, { nullable: true, description: 'The place the document is set in (a full name), or null.' })
  place!: string | null;

  @Field(() => String, { nullable: true, description: "The document's date, YYYY, YYYY-MM or YYYY-MM-DD; it becomes the Source's published date. Null when not found." })
  date!: string | null;

  @Field(() => Int, { nullable: true, description: 'The year awards without a stated year are put in (four digits), or null.' })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'How that year was read.' })
  yearNote!: string | null;

  @Field(() => ID, { nullable: true, description: 'The entity item of the organization that issued the document, when named.' })
  issuerItemId!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'One feature that decided a match, with what it added to the score.' })
export class ProposalMatchFeature {
  @Field({ description: 'EXACT_NAME, ALIAS, SCRIPT_VARIANT, PINYIN, CONTEXT_ALIAS, SAME_PARENT, SAME_CONTEXT, SHORT_FORM or KIND.' })
  feature!: string;

  @Field(() => Float, { description: 'What it adds to the score (may be negative).' })
  score!: number;

  @Field({ description: 'What was compared, in words.' })
  detail!: string;
}

@ObjectType({ simpleResolvers: true, description: 'An existing node a mention may be, with its score and the features that decided it.' })
export class ProposalMatch {
  @Field(() => ID, { description: 'The id of the node.' })
  id!: string;

  @Field({ description: 'Its label: Person, Organization, Honor or Program.' })
  type!: string;

  @Field({ description: 'Its canonical name.' })
  name!: string;

  @Field(() => Float, { description: 'How well it fits, 0 to 1.' })
  score!: number;

  @Field(() => [ProposalMatchFeature], { description: 'The features that decided the score.' })
  features!: ProposalMatchFeature[];
}

@ObjectType({ simpleResolvers: true, description: 'The entity an ENTITY item proposes: the mention as read, and its match or new.' })
export class ProposalEntity {
  @Field({ description: 'PERSON, ORGANIZATION, HONOR or PROGRAM.' })
  type!: string;

  @Field({ description: 'The canonical name (simplified, with the document\'s place for short forms); a new node gets it.' })
  name!: string;

  @Field(() => [String], { description: 'Every form as written (after repair), in order of appearance.' })
  written!: string[];

  @Field(() => [ProposalSpan], { description: 'Where it is named (at most 50), the first being where the item points.' })
  occurrences!: ProposalSpan[];

  @Field(() => String, { nullable: true, description: 'Organizations: the OrganizationKind read from the name, or null.' })
  organizationKind!: string | null;

  @Field(() => String, { nullable: true, description: 'Organizations and honors: the Level read, or null.' })
  level!: string | null;

  @Field(() => String, { nullable: true, description: 'Programs: the ProgramKind read, or null (the commit then uses CAMPAIGN).' })
  programKind!: string | null;

  @Field(() => Int, { nullable: true, description: 'Programs: the year it ran, four digits, or null.' })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'Honors: the generic title it is a level of, by name, or null.' })
  variantOfName!: string | null;

  @Field(() => ID, { nullable: true, description: 'Honors: the entity item of the organization the document says confers it, or null.' })
  conferredByItemId!: string | null;

  @Field(() => ProposalMatchStatus, { description: 'Matched, new, ambiguous or relinked.' })
  matchStatus!: ProposalMatchStatus;

  @Field(() => ProposalMatch, { nullable: true, description: 'The existing node it is (matched, relinked) or most likely is (ambiguous); null when new.' })
  match!: ProposalMatch | null;

  @Field(() => [ProposalMatch], { description: 'The best few candidates, best first.' })
  candidates!: ProposalMatch[];

  @Field({ description: 'True when an edit asked to create it even if the duplicate check finds a likely duplicate.' })
  allowDuplicate!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'An award an AWARD item proposes.' })
export class ProposalAward {
  @Field(() => ID, { description: 'The entity item of the recipient (a person or organization).' })
  recipientItemId!: string;

  @Field(() => ID, { description: 'The entity item of the honor.' })
  honorItemId!: string;

  @Field(() => Int, { nullable: true, description: 'The year, four digits; null when neither the text nor the document date gives one (the commit refuses it then).' })
  year!: number | null;

  @Field({ description: 'True when the text states the year; false when it is inferred from the document date (the award is committed with its year marked inferred).' })
  yearStated!: boolean;

  @Field(() => String, { nullable: true, description: 'How an inferred year was read; null when stated.' })
  yearNote!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A membership a MEMBERSHIP item proposes.' })
export class ProposalMembership {
  @Field(() => ID, { description: 'The entity item of the member.' })
  memberItemId!: string;

  @Field(() => ID, { description: 'The entity item of the organization.' })
  organizationItemId!: string;

  @Field(() => String, { nullable: true, description: 'The post as written (主任, 副校长), or null.' })
  role!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A PART_OF link a HIERARCHY_LINK item proposes.' })
export class ProposalHierarchyLink {
  @Field(() => ID, { description: 'The entity item of the organization that stands under the other.' })
  childItemId!: string;

  @Field(() => ID, { description: 'The entity item of its parent.' })
  parentItemId!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A link of an organization to a program a PROGRAM_LINK item proposes.' })
export class ProposalProgramLink {
  @Field(() => ID, { description: 'The entity item of the program.' })
  programItemId!: string;

  @Field(() => ID, { description: 'The entity item of the organization.' })
  organizationItemId!: string;

  @Field({ description: 'ORGANIZER (ORGANIZED) or PARTNER (PARTNERED).' })
  role!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A figure a FIGURE item proposes.' })
export class ProposalFigure {
  @Field(() => ID, { nullable: true, description: 'The entity item it is about; null when the text names none (the commit skips it then).' })
  subjectItemId!: string | null;

  @Field(() => Float, { description: 'The value in base units (3200万元 is 32000000).' })
  value!: number;

  @Field({ description: 'The unit: person, person_time, count, event, session, CNY or household.' })
  unit!: string;

  @Field({ description: 'True for 余, 多, 近, 约 and the like.' })
  approximate!: boolean;

  @Field({ description: 'The figure as written (1.1万余人次).' })
  label!: string;

  @Field({ description: "What it counts, in the document's words; the Figure's label." })
  counts!: string;

  @Field(() => Int, { nullable: true, description: 'The year it is about, four digits, or null.' })
  year!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'One thing a proposal proposes, with where the document says it, its review and its fields.' })
export class ProposalItem {
  @Field(() => ID, { description: 'The id of the item within its proposal (i1, i2…).' })
  id!: string;

  @Field(() => ProposalItemKind, { description: 'What it proposes; the field of that name holds its fields.' })
  kind!: ProposalItemKind;

  @Field(() => ProposalItemStatus, { description: 'Pending, accepted or rejected.' })
  status!: ProposalItemStatus;

  @Field({ description: 'The paragraph or list line it comes from (¶N).' })
  locator!: string;

  @Field(() => ProposalSpan, { description: 'Where in the repaired text it comes from.' })
  span!: ProposalSpan;

  @Field({ description: 'The text of the span.' })
  text!: string;

  @Field(() => Float, { description: 'How sure the extraction and matching are, 0 to 1.' })
  confidence!: number;

  @Field(() => [String], { description: 'The fields the document states.' })
  stated!: string[];

  @Field(() => [String], { description: 'The fields inferred (an award year from the document date, a parent from the name).' })
  inferred!: string[];

  @Field(() => [String], { description: 'The fields an editor changed.' })
  edited!: string[];

  @Field(() => [String], { description: 'The rules that found it, for explaining.' })
  evidence!: string[];

  @Field({ description: 'True when the graph holds it already (a matched entity, the same fact between matched nodes): the commit writes nothing for it.' })
  alreadyInGraph!: boolean;

  @Field(() => ID, { nullable: true, description: 'The node, statement or figure that holds it already; null otherwise.' })
  existingId!: string | null;

  @Field(() => String, { nullable: true, description: 'A remark: why it cannot be committed as it is, or how it was read.' })
  note!: string | null;

  @Field(() => ID, { nullable: true, description: 'The node or statement the commit wrote for it; null before the commit or when nothing was written.' })
  committedId!: string | null;

  @Field(() => ProposalEntity, { nullable: true, description: 'ENTITY items: the mention and its match.' })
  entity!: ProposalEntity | null;

  @Field(() => ProposalAward, { nullable: true, description: 'AWARD items: the award.' })
  award!: ProposalAward | null;

  @Field(() => ProposalMembership, { nullable: true, description: 'MEMBERSHIP items: the membership.' })
  membership!: ProposalMembership | null;

  @Field(() => ProposalHierarchyLink, { nullable: true, description: 'HIERARCHY_LINK items: the link.' })
  hierarchyLink!: ProposalHierarchyLink | null;

  @Field(() => ProposalProgramLink, { nullable: true, description: 'PROGRAM_LINK items: the link.' })
  programLink!: ProposalProgramLink | null;

  @Field(() => ProposalFigure, { nullable: true, description: 'FIGURE items: the figure.' })
  figure!: ProposalFigure | null;
}

@ObjectType({ simpleResolvers: true, description: 'How many items of one kind a proposal holds, by match and by review.' })
export class ProposalKindSummary {
  @Field(() => ProposalItemKind, { description: 'The kind counted.' })
  kind!: ProposalItemKind;

  @Field(() => Int, { description: 'Items of this kind.' })
  total!: number;

  @Field(() => Int, { description: 'Items the graph does not hold yet (new entities, new facts).' })
  proposedNew!: number;

  @Field(() => Int, { description: 'Entity items matched or relinked to an existing node (0 for facts).' })
  matched!: number;

  @Field(() => Int, { description: 'Items the graph holds already.' })
  alreadyInGraph!: number;

  @Field(() => Int, { description: 'Items not reviewed yet.' })
  pending!: number;

  @Field(() => Int, { description: 'Items accepted.' })
  accepted!: number;

  @Field(() => Int, { description: 'Items rejected.' })
  rejected!: number;
}

@ObjectType({ simpleResolvers: true, description: 'An accepted item the commit left out, and why.' })
export class ProposalSkippedItem {
  @Field(() => ID, { description: 'The item left out.' })
  itemId!: string;

  @Field({ description: 'Why: it depends on a rejected or unresolved entity item, or it lacks a field.' })
  reason!: string;
}

@ObjectType({ simpleResolvers: true, description: "What a proposal's commit wrote." })
export class ProposalCommit {
  @Field(() => ID, { nullable: true, description: 'The one revision recording it (pass it to undo); null when nothing needed writing.' })
  revisionId!: string | null;

  @Field(() => ID, { nullable: true, description: "The document's Source every written fact cites, with its locator; null when nothing was written." })
  sourceId!: string | null;

  @Field({ description: 'When it was committed (ISO 8601).' })
  committedAt!: string;

  @Field({ description: 'The editor who committed it (the token subject).' })
  committedBy!: string;

  @Field(() => Int, { description: 'Nodes created: entities and figures, and the Source when it was created.' })
  created!: number;

  @Field(() => Int, { description: 'Facts written: awards, memberships, hierarchy and program links.' })
  written!: number;

  @Field(() => [ProposalSkippedItem], { description: 'Accepted items left out, with the reason.' })
  skipped!: ProposalSkippedItem[];
}

@ObjectType({ simpleResolvers: true, description: 'What a document ingest proposes, stored apart from the graph until committed. Its items, review and commit are fields.' })
export class Proposal {
  @Field(() => ID, { description: 'The id of the proposal (prop-…).' })
  id!: string;

  @Field(() => ProposalStatus, { description: 'Open for review, or committed.' })
  status!: ProposalStatus;

  @Field({ description: 'The sha256 (hex) of the bytes received: the same document ingested again has the same hash.' })
  contentHash!: string;

  @Field(() => String, { nullable: true, description: 'The file name given, or null.' })
  fileName!: string | null;

  @Field({ description: 'TEXT, MARKDOWN, HTML, DOCX or PDF, as read.' })
  format!: string;

  @Field(() => String, { nullable: true, description: "The document's title (from the file or its first line); the Source's title. Null when it has none." })
  title!: string | null;

  @Field({ description: 'When it was proposed (ISO 8601).' })
  createdAt!: string;

  @Field({ description: 'The editor who ingested it (the token subject).' })
  createdBy!: string;

  @Field({ description: "The repaired text every item's span points into." })
  text!: string;

  @Field(() => [ProposalRepair], { description: 'Every repair of damaged text, in order.' })
  repairs!: ProposalRepair[];

  @Field(() => ProposalContext, { description: 'Its place and date as read.' })
  context!: ProposalContext;

  @Field(() => Int, { description: 'How many items it holds.' })
  itemCount!: number;

  @Field(() => ID, { nullable: true, description: 'The Source the commit cites rather than creating one: that of an earlier committed ingest of the same bytes. Null: the commit creates one.' })
  sourceId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The revision its commit recorded; null while open or when the commit wrote nothing.' })
  revisionId!: string | null;
}

/** A page of proposals, newest first. */
export const ProposalConnection = connectionTypes(Proposal, 'Proposal');

@ObjectType({ simpleResolvers: true, description: 'What commitProposal did.' })
export class CommitProposalPayload {
  @Field(() => Proposal, { description: 'The proposal, now committed.' })
  proposal!: Proposal;

  @Field(() => ProposalCommit, { description: 'What the commit wrote; the same on every later call.' })
  commit!: ProposalCommit;

  @Field({ description: 'True when the proposal had been committed before: nothing was written this time.' })
  alreadyCommitted!: boolean;
}
