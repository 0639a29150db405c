import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { EntityRow } from '../api/node.type';
import { Citation, citationsOf } from '../sources/citation.type';
import { Figure } from './figure.type';
import { NodeRepository } from '../nodes/node.repository';

@Resolver(() => Figure)
export class FigureResolver {
  @FieldResolver()
  subject(@Root() figure: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(figure.subjectId);
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
