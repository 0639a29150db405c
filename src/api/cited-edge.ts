import { Field, ID, InterfaceType } from 'type-graphql';
import { KeyedPage, RelatedRow, toConnection } from './connection';
import { KeysetPage } from './connection';
import { EDGE_CURSOR } from './descriptions';
import { Citation, citationsOf } from './citation.type';
import { Qualifier, qualifiersOf } from './qualifier.type';
import { storedDateText } from '../graph/partial-date';

/** What every relationship edge shows: where the fact comes from and whether it is inferred. */
@InterfaceType({ description: 'An edge that is a relationship in the graph: it shows where the relationship is stated.' })
export abstract class CitedEdge {
  @Field({ description: EDGE_CURSOR })
  cursor!: string;

  @Field(() => ID, {
    description:
      'The id of the relationship this edge shows (a statement): the same from either end. Not named `id`, because ' +
      'one statement is an edge of both its ends, with a different node each, which a normalizing cache would merge.',
  })
  statementId!: string;

  @Field(() => [Citation], { description: 'Where this relationship is stated.' })
  sources!: Citation[];

  @Field({ description: 'True when the relationship itself (that it holds, not its year, role or dates) is implied by its sources rather than stated.' })
  inferred!: boolean;

  @Field(() => String, { nullable: true, description: 'Why an inferred relationship is believed, or other remarks.' })
  note!: string | null;

  @Field(() => [Qualifier], { description: 'Its qualifiers that have a value (an award\'s year; a membership\'s role and dates; a link\'s dates), each stated or inferred on its own; empty for a relationship without qualifiers.' })
  qualifiers!: Qualifier[];
}

/** The edge GraphQL shows for a relationship row: the node, and the relationship's properties and provenance. */
export function relationshipEdge(row: RelatedRow) {
  const { rel } = row;
  return {
    node: row.node,
    statementId: rel.id as string,
    relationship: rel.type as string,
    sources: citationsOf(rel),
    inferred: rel.inferred ?? false,
    note: rel.note ?? null,
    year: rel.year ?? null,
    role: rel.role ?? null,
    since: storedDateText(rel, 'since'),
    until: storedDateText(rel, 'until'),
    qualifiers: qualifiersOf(rel.type as string, rel),
  };
}

/** A relationship connection from a repository's page, with its count read only when asked for. */
export async function relationshipConnection(
  page: Promise<KeyedPage<RelatedRow>>,
  request: KeysetPage,
  totalCount: () => Promise<number>,
) {
  const read = await page;
  return toConnection({ rows: read.rows.map((row) => ({ edge: relationshipEdge(row.edge), key: row.key })), more: read.more }, request, totalCount);
}

