import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Citation } from '../api/citation.type';
import { Node } from '../api/node.type';
import { EntityRow } from '../api/node.type';
import { ExternalIdKind as Kind, storedExternalId } from './external-id';

export enum ExternalIdKind {
  WIKIDATA = 'WIKIDATA',
  WEBSITE = 'WEBSITE',
  USCC = 'USCC',
}

registerEnumType(ExternalIdKind, {
  name: 'ExternalIdKind',
  description: 'What an external identifier is.',
  valuesConfig: {
    WIKIDATA: { description: 'A Wikidata item (Q42), linked as http://www.wikidata.org/entity/Q42.' },
    WEBSITE: { description: 'The official website (an http or https URL).' },
    USCC: { description: 'A Unified Social Credit Code (统一社会信用代码, 18 characters, GB 32100-2015) of an organization.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'An identifier of the node outside this graph, with the source that gives it.' })
export class ExternalId {
  @Field(() => ExternalIdKind, { description: 'A Wikidata item, a website or a Unified Social Credit Code.' })
  kind!: Kind;

  @Field({ description: 'As people write it: Q42, the URL, the 18-character code.' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'The IRI linked data uses for it (schema:sameAs); null for a USCC, which has none.' })
  iri!: string | null;

  @Field({ description: 'The stored form, unique across the graph: the IRI, or uscc: and the code. Give it to nodeByExternalId or removeExternalId.' })
  stored!: string;

  @Field(() => [Citation], { description: 'The source that gives the identifier, and where in it; empty when none was given.' })
  sources!: Citation[];
}

/** A node's identifiers as the API shows them, read from its aligned lists (graph/model.ts). */
export function externalIdsOf(node: Record<string, any>): ExternalId[] {
  const stored: string[] = node.externalIds ?? [];
  return stored.flatMap((text, i) => {
    const parsed = storedExternalId(text) ?? { kind: 'WEBSITE' as const, stored: text, value: text, iri: text };
    const sourceId: string = node.externalIdSourceIds?.[i] ?? '';
    const locator: string = node.externalIdLocators?.[i] ?? '';
    const sources = sourceId ? [Object.assign(new Citation(), { sourceId, locator: locator || null })] : [];
    return [Object.assign(new ExternalId(), { kind: parsed.kind, value: parsed.value, iri: parsed.iri, stored: parsed.stored, sources })];
  });
}

@ObjectType({ description: 'What addExternalId or removeExternalId did.' })
export class ExternalIdChange {
  @Field(() => Node, { description: 'The entity as it is now (with its externalIds).' })
  entity!: EntityRow;

  @Field(() => ExternalId, { description: 'The identifier added (with its citation) or removed.' })
  externalId!: ExternalId;

  @Field(() => ID, { nullable: true, description: 'The revision that recorded the change (undo takes it); null when nothing changed.' })
  revisionId!: string | null;
}
