import { Field, ID, InterfaceType } from 'type-graphql';
import { Node, resolveTypename } from './node.type';
import { NODE_ID } from './descriptions';

/** Its relationship fields (`awards`, `awardsConnection`) are declared by honors/recipient.resolver.ts. */
@InterfaceType({
  implements: Node,
  resolveType: resolveTypename,
  description: 'Who can receive an honor: a person or an organization (a collective).',
})
export abstract class Recipient implements Node {
  @Field(() => ID, { description: NODE_ID })
  id!: string;

  @Field({ description: 'Canonical name, in simplified Chinese.' })
  name!: string;
}
