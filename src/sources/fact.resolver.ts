import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { Fact } from './fact.type';
import { NodeRepository } from '../nodes/node.repository';

@Resolver(() => Fact)
export class FactResolver {
  @FieldResolver()
  subject(@Root() fact: Fact, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(fact.subjectId);
  }

  @FieldResolver()
  object(@Root() fact: Fact, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(fact.objectId);
  }
}
