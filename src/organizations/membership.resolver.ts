import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { Citation, citationsOf } from '../sources/citation.type';
import { Membership } from './membership.type';
import { MembershipRow } from './organization.repository';
import { NodeRepository } from '../nodes/node.repository';

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver()
  member(@Root() membership: MembershipRow, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(membership.memberId);
  }

  @FieldResolver()
  organization(@Root() membership: MembershipRow, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(membership.organizationId);
  }

  @FieldResolver(() => [Citation])
  sources(@Root() membership: MembershipRow) {
    return citationsOf(membership);
  }
}
