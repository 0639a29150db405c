import { Field, ID, InterfaceType } from 'type-graphql';
import { Node, resolveTypename } from './node.type';
import type { Award } from '../honors/award.type';

// Interfaces must be defined before any type that implements them is decorated; requiring the
// field types lazily keeps this module free of import cycles.
const lazy = (path: string, name: string) => require(path)[name];

@InterfaceType({
  implements: Node,
  resolveType: resolveTypename,
  description: 'Who can receive an honor: a person or an organization (a collective).',
})
export abstract class Recipient implements Node {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Canonical name, in simplified Chinese.' })
  name!: string;

  @Field(() => [lazy('../honors/award.type', 'Award')], { description: 'Honors received, newest first.' })
  awards!: Award[];
}
