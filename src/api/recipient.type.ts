import { Field, ID, InterfaceType } from 'type-graphql';
import { Node, resolveTypename } from './node.type';

/** Its relationship fields (`awards`, `awardsConnection`) are declared by honors/recipient.resolver.ts. */
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
}
