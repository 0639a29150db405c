import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../app/context';
import { EntityRow } from '../api/node.type';
import { Citation, citationsOf } from '../sources/citation.type';
import { Figure } from './figure.type';

@Resolver(() => Figure)
export class FigureResolver {
  @FieldResolver()
  subject(@Root() figure: EntityRow, @Ctx() ctx: Context) {
    return ctx.repos.nodes.byId(figure.subjectId);
  }

  @FieldResolver()
  approximate(@Root() figure: EntityRow) {
    return figure.approximate ?? false;
  }

  @FieldResolver(() => [Citation])
  sources(@Root() figure: EntityRow) {
    return citationsOf(figure);
  }
}
