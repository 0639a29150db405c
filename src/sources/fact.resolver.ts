import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../app/context';
import { Fact } from './fact.type';

@Resolver(() => Fact)
export class FactResolver {
  @FieldResolver()
  subject(@Root() fact: Fact, @Ctx() ctx: Context) {
    return ctx.repos.nodes.byId(fact.subjectId);
  }

  @FieldResolver()
  object(@Root() fact: Fact, @Ctx() ctx: Context) {
    return ctx.repos.nodes.byId(fact.objectId);
  }
}
