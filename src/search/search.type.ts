import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../api/node.type';

export enum SearchMatchReason {
  NAME = 'NAME',
  ALIAS = 'ALIAS',
  CONTEXT_ALIAS = 'CONTEXT_ALIAS',
  CONTEXT_ALIAS_WITHOUT_CONTEXT = 'CONTEXT_ALIAS_WITHOUT_CONTEXT',
  SEARCH_KEY = 'SEARCH_KEY',
  SEARCH_KEY_WITHOUT_CONTEXT = 'SEARCH_KEY_WITHOUT_CONTEXT',
  FULL_TEXT = 'FULL_TEXT',
}

registerEnumType(SearchMatchReason, {
  name: 'SearchMatchReason',
  description: 'Why a search hit came up, best first; the score follows it.',
  valuesConfig: {
    NAME: { description: 'The text is the canonical name (any script).' },
    ALIAS: { description: 'The text is a global alias.' },
    CONTEXT_ALIAS: { description: 'The text is an alias bound to the context asked (市妇联 with place 淮南).' },
    CONTEXT_ALIAS_WITHOUT_CONTEXT: {
      description: 'The text is an alias bound to a context, and no context was asked: it may mean another body elsewhere.',
    },
    SEARCH_KEY: { description: 'The text is the pinyin or initials of the name or of an alias that counts.' },
    SEARCH_KEY_WITHOUT_CONTEXT: { description: 'The text is the pinyin or initials of an alias bound to a context, and no context was asked.' },
    FULL_TEXT: { description: 'A full-text match on part of a name.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'One search result: the node, how well it matched and through which of its names.' })
export class SearchHit {
  @Field(() => Float, {
    description:
      'Higher is better; results come in descending order. 2.5 and above: the text is an alias bound to the context ' +
      'asked; 2 to 2.5: the name or a global alias; 1.5 to 2: an alias bound to a context when none was asked; ' +
      '1 to 1.5: the pinyin or initials of a name or alias that counts; 0.5 to 1: those of a bound alias when no ' +
      'context was asked; below 0.5: a full-text match. See reason.',
  })
  score!: number;

  @Field(() => SearchMatchReason, { description: 'Why the hit came up: which kind of name matched, and whether its context held.' })
  reason!: SearchMatchReason;

  @Field(() => Node, { description: 'The person, organization, honor, program or source found.' })
  node!: Node;

  @Field(() => String, {
    nullable: true,
    description: 'The name or alias the text matched (e.g. 市妇联 for "fulian"); null when no single name can be told.',
  })
  matchedOn!: string | null;
}
