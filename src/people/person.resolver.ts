import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { EntityRow } from '../api/node.type';
import {
  BY_NAME, ConnectionArgs, FirstAfterArgs, NodeSort, connectionTypes, pagingOf, toConnection,
} from '../api/connection';
import { relationshipConnection } from '../api/cited-edge';
import { checkId } from '../api/id';
import { MembershipConnection } from '../organizations/organization-edges.type';
import { MembershipWhere, PersonWhere } from '../api/where.input';
import { Citation, citationsOf } from '../sources/citation.type';
import { Person } from './person.type';
import { HonorRepository } from '../honors/honor.repository';
import { OrganizationRepository } from '../organizations/organization.repository';
import { PersonRepository } from './person.repository';

export const PersonConnection = connectionTypes(Person, 'Person');

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'A person by id; null when there is none.' })
  person(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.get(PersonRepository).byId(checkId(id));
  }

  @Query(() => PersonConnection, { description: 'People, by name unless orderBy says otherwise.' })
  async people(
    @Args() args: ConnectionArgs,
    @Arg('where', () => PersonWhere, { nullable: true }) filter: PersonWhere | null,
    @Arg('orderBy', () => [NodeSort], { nullable: true, description: 'Sort keys in order; id breaks ties. Default: by name.' }) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    return toConnection(await ctx.get(PersonRepository).list(filter, order, page), page, () => ctx.get(PersonRepository).count(filter));
  }

  @FieldResolver(() => MembershipConnection, { description: 'Organizations this person belongs to; edges carry role, dates and sources.' })
  membershipsConnection(
    @Root() person: EntityRow,
    @Args() args: FirstAfterArgs,
    @Arg('where', () => MembershipWhere, { nullable: true }) filter: MembershipWhere | null,
    @Arg('orderBy', () => [NodeSort], { nullable: true, description: 'Sort keys in order; id breaks ties. Default: by name.' }) orderBy: NodeSort[] | null,
    @Ctx() ctx: Context,
  ) {
    const { order, page } = pagingOf(args, orderBy, BY_NAME);
    const { page: rows, count } = ctx.get(OrganizationRepository).membershipPage('memberships', person.id, filter, order, page);
    return relationshipConnection(rows, page, count);
  }

  @FieldResolver()
  aliases(@Root() person: EntityRow) {
    return person.aliases ?? [];
  }

  @FieldResolver()
  awards(@Root() person: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(HonorRepository).awardsOfRecipient(person.id);
  }

  @FieldResolver()
  memberships(@Root() person: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(OrganizationRepository).membershipsOf(person.id);
  }

  @FieldResolver()
  authored(@Root() person: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(PersonRepository).authored(person.id);
  }

  @FieldResolver(() => [Citation])
  sources(@Root() person: EntityRow) {
    return citationsOf(person);
  }
}
