import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../context';
import { EntityRow } from '../common/node.type';
import { connectionTypes, toConnection } from '../common/connection';
import { FirstAfterArgs, pageRequest } from '../common/first-after.args';
import { checkId } from '../common/id';
import { Citation, citationsOf } from '../sources/citation.type';
import { Honor } from './honor.type';
import { HonorWhere } from './honor.input';

export const HonorConnection = connectionTypes(Honor, 'Honor');

@Resolver(() => Honor)
export class HonorResolver {
  @Query(() => Honor, { nullable: true, description: 'An honor by id; null when there is none.' })
  honor(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.repos.honors.byId(checkId(id));
  }

  @Query(() => HonorConnection, { description: 'Honors by name, then id.' })
  async honors(
    @Args() args: FirstAfterArgs,
    @Arg('where', () => HonorWhere, { nullable: true }) filter: HonorWhere | null,
    @Ctx() ctx: Context,
  ) {
    const page = pageRequest(args);
    const rows = await ctx.repos.honors.list(filter, page);
    return toConnection(rows, page.first, page.after != null, () => ctx.repos.honors.count(filter));
  }

  @FieldResolver()
  aliases(@Root() honor: EntityRow) {
    return honor.aliases ?? [];
  }

  @FieldResolver()
  conferredBy(@Root() honor: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.honors.conferredBy(honor.id);
  }

  @FieldResolver()
  variantOf(@Root() honor: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.honors.variantOf(honor.id);
  }

  @FieldResolver()
  variants(@Root() honor: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.honors.variants(honor.id);
  }

  @FieldResolver()
  awards(@Root() honor: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.honors.awardsOfHonor(honor.id);
  }

  @FieldResolver(() => [Citation])
  sources(@Root() honor: EntityRow) {
    return citationsOf(honor);
  }
}
