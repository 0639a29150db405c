import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { QualifierPropertyName, qualifiersOfType } from '../graph/model';
import { storedDateText } from '../graph/partial-date';
import { Citation, citationsOf } from './citation.type';
import { badInput } from './errors';
import { checkIds } from './id';

/**
 * A statement (an award, a membership, a hierarchy link) says that something holds; its
 * qualifiers (year, role, since, until) say more about it, each stated or inferred on its own.
 * Stored per qualifier q as `<q>Inferred`, `<q>Note`, `<q>SourceIds`, `<q>Locators` beside the
 * statement's provenance (graph/model.ts); an absent one reads as the statement's.
 */
export enum QualifierName {
  YEAR = 'year',
  ROLE = 'role',
  SINCE = 'since',
  UNTIL = 'until',
}

registerEnumType(QualifierName, {
  name: 'QualifierName',
  description: 'A qualifier of a statement: what it says beyond that the statement holds.',
  valuesConfig: {
    YEAR: { description: 'The year of an award.' },
    ROLE: { description: 'The role held in a membership.' },
    SINCE: { description: 'When a membership or a hierarchy link began.' },
    UNTIL: { description: 'When a membership or a hierarchy link ended.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'One qualifier of a statement, with its own provenance: whether it is stated or inferred, and where it comes from.' })
export class Qualifier {
  @Field(() => QualifierName, { description: 'Which qualifier this is.' })
  name!: QualifierName;

  @Field({ description: 'Its value as text (a year, a role, a date).' })
  value!: string;

  @Field({ description: 'True when the qualifier is inferred rather than stated by its sources (the statement itself may still be stated).' })
  inferred!: boolean;

  @Field(() => String, { nullable: true, description: 'Why an inferred qualifier is believed, or other remarks on it; null when it has no note of its own.' })
  note!: string | null;

  @Field(() => [Citation], { description: "Where the qualifier is given: its own sources, or the statement's when it has none of its own." })
  sources!: Citation[];
}

/** A qualifier's value as text: a date at its precision (stored as text or as a DATE), a whole year, a role. */
function qualifierText(q: QualifierPropertyName, props: Record<string, any>): string {
  if (q === 'since' || q === 'until') return storedDateText(props, q) ?? '';
  const value = props[q];
  return typeof value === 'number' ? String(Math.trunc(value)) : String(value);
}

/**
 * The qualifiers of a relationship of type `type` from its properties, one per qualifier that has
 * a value, each with its own provenance where stored and the statement's where not.
 */
export function qualifiersOf(type: string, props: Record<string, any>, names: readonly QualifierPropertyName[] = qualifiersOfType(type)): Qualifier[] {
  return names
    .filter((q) => props[q] != null && props[q] !== '')
    .map((q) =>
      Object.assign(new Qualifier(), {
        name: q as QualifierName,
        value: qualifierText(q, props),
        inferred: Boolean(props[`${q}Inferred`] ?? props.inferred ?? false),
        note: props[`${q}Note`] ?? null,
        sources: Array.isArray(props[`${q}SourceIds`]) ? citationsOf({ sourceIds: props[`${q}SourceIds`], locators: props[`${q}Locators`] }) : citationsOf(props),
      }),
    );
}

@InputType({ description: "The provenance of one qualifier of a statement, when it differs from the statement's (e.g. a stated award whose year is inferred)." })
export class QualifierProvenanceInput {
  @Field({ description: 'True when the qualifier is inferred, false when a source states it.' })
  inferred!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the qualifier is believed, or other remarks on it (at most 2000 characters).' })
  note?: string | null;

  @Field(() => [ID], { nullable: true, description: "Ids of existing sources that give the qualifier; omitted: the statement's sources." })
  sourceIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Where in each source (aligned with sourceIds, at most as many); '' or omitted when not known." })
  locators?: string[] | null;
}

const MAX_NOTE_LENGTH = 2000;

/** A checked qualifier provenance (BAD_USER_INPUT naming `field`); the sources' existence is checked by the write. */
export function checkQualifierProvenance(input: QualifierProvenanceInput | null | undefined, field: string): QualifierProvenanceInput | null {
  if (!input) return null;
  const note = input.note?.trim() || null;
  if (note && [...note].length > MAX_NOTE_LENGTH) throw badInput(`${field}.note`, `must be at most ${MAX_NOTE_LENGTH} characters`);
  const sourceIds = checkIds(input.sourceIds, `${field}.sourceIds`);
  const locators = input.locators ?? null;
  if (locators && !sourceIds) throw badInput(`${field}.locators`, 'needs sourceIds to be aligned with');
  if (locators && sourceIds && locators.length > sourceIds.length) {
    throw badInput(`${field}.locators`, `must not be more than the sourceIds (${sourceIds.length}), got ${locators.length}`);
  }
  if (sourceIds && new Set(sourceIds).size !== sourceIds.length) throw badInput(`${field}.sourceIds`, 'must not name a source twice');
  return { inferred: input.inferred, note, sourceIds, locators };
}

/** The relationship properties that store qualifier `q`'s provenance, from a checked input (nothing when null). */
export function qualifierProperties(q: QualifierPropertyName, input: QualifierProvenanceInput | null | undefined): Record<string, unknown> {
  if (!input) return {};
  // A provenance given replaces the qualifier's whole provenance: no sourceIds removes its own (null removes a property).
  return {
    [`${q}Inferred`]: input.inferred,
    [`${q}Note`]: input.note ?? null,
    [`${q}SourceIds`]: input.sourceIds ?? null,
    [`${q}Locators`]: input.sourceIds ? input.sourceIds.map((_, i) => input.locators?.[i] ?? '') : null,
  };
}
