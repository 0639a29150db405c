import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../context';
import { EntityRow } from '../common/node.type';
import { connectionTypes, toConnection } from '../common/connection';
import { FirstAfterArgs, pageRequest } from '../common/first-after.args';
import { checkId } from '../common/id';
import { NameWhere } from '../common/named.input';
import { Citation, citationsOf } from '../sources/citation.type';
import { Person } from './person.type';

export const PersonConnection = connectionTypes(Person, 'Person');

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'A person by id; null when there is none.' })
  person(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.repos.people.byId(checkId(id));
  }

  @Query(() => PersonConnection, { description: 'People by name, then id.' })
  async people(
    @Args() args: FirstAfterArgs,
    @Arg('where', () => NameWhere, { nullable: true }) filter: NameWhere | null,
    @Ctx() ctx: Context,
  ) {
    const page = pageRequest(args);
    const rows = await ctx.repos.people.list(filter, page);
    return toConnection(rows, page.first, page.after != null, () => ctx.repos.people.count(filter));
  }

  @FieldResolver()
  aliases(@Root() person: EntityRow) {
    return person.aliases ?? [];
  }

  @FieldResolver()
  awards(@Root() person: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.honors.awardsOfRecipient(person.id);
  }

  @FieldResolver()
  memberships(@Root() person: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.organizations.membershipsOf(person.id);
  }

  @FieldResolver()
  authored(@Root() person: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.people.authored(person.id);
  }

  @FieldResolver(() => [Citation])
  sources(@Root() person: EntityRow) {
    return citationsOf(person);
  }
}
