import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { Citation, citationsOf } from '../api/citation.type';
import { Qualifier, qualifiersOf } from '../api/qualifier.type';
import { BY_NAME, FirstAfterArgs, NodeSort, pagingOf } from '../api/connection';
import { relationshipConnection } from '../api/cited-edge';
import { EntityRow } from '../api/node.type';
import { Recipient } from '../api/recipient.type';
import { Person } from '../people/person.type';
import { Organization } from './organization.type';
import { Membership } from './membership.type';
import { MembershipWhere } from '../api/where.input';
import { MembershipConnection } from './organization-edges.type';
import { MembershipRow, OrganizationRepository } from './organization.repository';
import { NodeRepository } from '../nodes/node.repository';
import { ValidTimeArgs, checkValidTime } from '../api/valid-time.args';

/** A membership's two ends and its sources. */
@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Recipient, { description: 'The member: a person or an organization.' })
  member(@Root() membership: MembershipRow, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(membership.memberId);
  }

  @FieldResolver(() => Organization, { description: 'The organization it belongs to.' })
  organization(@Root() membership: MembershipRow, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(membership.organizationId);
  }

  @FieldResolver(() => [Citation], { description: 'Where this membership is stated.' })
  sources(@Root() membership: MembershipRow) {
    return citationsOf(membership);
  }

  @FieldResolver(() => Boolean, { description: 'True when the membership itself (that the member belongs to the organization) is implied by its sources rather than stated; its role and dates say for themselves in qualifiers.' })
  inferred(@Root() membership: MembershipRow) {
    return membership.inferred ?? false;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why an inferred membership is believed, or other remarks.' })
  note(@Root() membership: MembershipRow) {
    return membership.note ?? null;
  }

  @FieldResolver(() => [Qualifier], { description: 'Its role and dates that have a value, each stated or inferred on its own, with its note and sources.' })
  qualifiers(@Root() membership: MembershipRow) {
    return qualifiersOf('MEMBER_OF', membership);
  }
}

/** The organizations a person belongs to (MEMBER_OF, owned here). */
@Resolver(() => Person)
export class PersonMembershipResolver {
  @FieldResolver(() => [Membership], { description: 'Organizations this person belongs to: memberships that hold on the day asOf names (today by default), or every period with allTime.' })
  memberships(@Root() person: EntityRow, @Args() validTime: ValidTimeArgs, @Ctx() ctx: Context) {
    return ctx.get(OrganizationRepository).membershipsOf(person.id, checkValidTime(validTime));
  }

  @FieldResolver(() => MembershipConnection, {
    description: 'Organizations this person belongs to; edges carry role, dates and sources. Memberships that hold on the day asOf names (today by default), or every period with allTime.',
  })
  membershipsConnection(
    @Root() person: EntityRow,
    @Args() args: FirstAfterArgs,
    @Args() validTime: ValidTimeArgs,
    @Arg('where', () => MembershipWhere, { nullable: true, description: 'Only the memberships matching this filter (by role, organization, provenance…).' }) filter: MembershipWhere | null,
    @Arg('orderBy', () => [NodeSort], { nullable: true, description: 'Sort keys in order; id breaks ties. Default: by name.' }) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    const { page: rows, count } = ctx.get(OrganizationRepository).membershipPage('memberships', person.id, filter, order, page, checkValidTime(validTime));
    return relationshipConnection(rows, page, count);
  }
}
