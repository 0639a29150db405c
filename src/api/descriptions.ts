/**
 * Descriptions that many fields and arguments share, written once so that the same argument reads
 * the same everywhere (the schema lint requires a description on every one of them).
 */

/** The `id` of a node, on every type that implements Node. */
export const NODE_ID = 'Globally unique id of this node; pass it to `node(id)` or to the by-id query of its type.';

/** The `id` argument of a by-id query or mutation. */
export const idOf = (noun: string) => `The id of the ${noun}.`;

/** The `where` argument of a list or connection over nodes. */
export const whereOf = (nouns: string) => `Only the ${nouns} matching this filter (every condition given must hold); all of them when omitted.`;

/** The `orderBy` argument of a connection sorted by name unless asked. */
export const ORDER_BY_NAME = 'Sort keys in order; id breaks ties. Default: by name.';

/** The `orderBy` argument of a connection over awards or programs, sorted by year unless asked. */
export const ORDER_BY_NEWEST = 'Sort keys in order; id breaks ties. Default: newest first, then by name.';

/** `Edge.cursor` of every connection. */
export const EDGE_CURSOR = 'Opaque position of this edge; pass it as `after` (or `before`) to page on from here.';

/** `Edge.node` of every connection. */
export const edgeNodeOf = (noun: string) => `The ${noun} this edge leads to.`;

/** `Connection.edges` of every connection. */
export const CONNECTION_EDGES = 'The edges of this page, in the requested order; empty past the last page.';

/** `Connection.pageInfo` of every connection. */
export const CONNECTION_PAGE_INFO = 'Whether more pages lie before or after this one, and the cursors to reach them.';

/** The `sourceIds` argument of a mutation that records a cited fact. */
export const SOURCE_IDS = 'Ids of the sources that state this fact; each must exist. Omitted: the fact is recorded without a citation.';

/** The `input` argument of a create mutation. */
export const createInputOf = (noun: string) => `The new ${noun}'s properties; its id is assigned by the graph.`;

/** The `input` argument of an update mutation. */
export const UPDATE_INPUT = 'The properties to change; fields left out keep their values.';

/** `aliases` of a named node. */
export const ALIASES = 'Other names this node is known by (abbreviations, former or traditional-script forms); never null.';

/** A `Boolean` provenance flag on a fact. */
export const INFERRED = 'True when the fact is a reasoned guess rather than stated by its sources; the note says why.';

/** The free-text note of a fact or node. */
export const NOTE = "An editor's remark on how the fact was read or inferred; null when there is none.";

/** The administrative level of an organization or honor. */
export const LEVEL = 'Administrative level (national down to village); null when not known.';

/** A year of an award, program or figure. */
export const YEAR = 'Year, as a four-digit integer (e.g. 2024); null when the source gives none.';

/** The boolean combinators of every where input. */
export const WHERE_AND = 'Every one of these holds.';
export const WHERE_OR = 'At least one of these holds.';
export const WHERE_NOT = 'This does not hold.';

/** The `id` condition of a where input. */
export const WHERE_ID = "Matches the node's id.";
export const LOCATORS = "Where in each source the fact is stated (¶5, p.3 ¶2), aligned with sourceIds and at most as many, each at most 200 characters; '' or omitted when not known.";
