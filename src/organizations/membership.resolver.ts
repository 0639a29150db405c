import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../app/context';
import { Citation, citationsOf } from '../sources/citation.type';
import { Membership } from './membership.type';
import { MembershipRow } from './organization.repository';

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver()
  member(@Root() membership: MembershipRow, @Ctx() ctx: Context) {
    return ctx.repos.nodes.byId(membership.memberId);
  }

  @FieldResolver()
  organization(@Root() membership: MembershipRow, @Ctx() ctx: Context) {
    return ctx.repos.nodes.byId(membership.organizationId);
  }

  @FieldResolver(() => [Citation])
  sources(@Root() membership: MembershipRow) {
    return citationsOf(membership);
  }
}
