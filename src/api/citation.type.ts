import { Field, ID, ObjectType } from 'type-graphql';

/** Where a fact comes from: a source and the place in it (e.g. ¶5 for the fifth paragraph). */
@ObjectType({ simpleResolvers: true, description: 'Where a fact comes from: a source, and where in it.' })
export class Citation {
  @Field(() => ID, { description: 'The id of the cited source, as stored: still there when the source is not (see `source`).' })
  sourceId!: string;

  @Field(() => String, { nullable: true, description: 'Where in the source, e.g. "¶5" for its fifth paragraph (line).' })
  locator!: string | null;
}

/** Facts keep their provenance as two parallel lists: sourceIds[i] is cited at locators[i]. */
export function citationsOf(fact: Record<string, any>): Citation[] {
  const sourceIds = fact.sourceIds ?? [];
  return sourceIds.map((sourceId: string, i: number) => Object.assign(new Citation(), { sourceId, locator: fact.locators?.[i] ?? null }));
}
