import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { Node } from '../api/node.type';
import { Fact } from './fact.type';
import { NodeRepository } from '../nodes/node.repository';

/** Both ends of a fact. */
@Resolver(() => Fact)
export class FactResolver {
  @FieldResolver(() => Node, { description: 'The node the relationship starts at (e.g. the recipient of RECEIVED).' })
  subject(@Root() fact: Fact, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(fact.subjectId);
  }

  @FieldResolver(() => Node, { description: 'The node the relationship ends at (e.g. the honor of RECEIVED).' })
  object(@Root() fact: Fact, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(fact.objectId);
  }
}
