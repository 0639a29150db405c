import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../api/context';
import { Citation, citationsOf } from '../api/citation.type';
import { EntityRow, Node } from '../api/node.type';
import { Organization } from '../organizations/organization.type';
import { Program } from '../programs/program.type';
import { Figure } from './figure.type';
import { FigureRepository } from './figure.repository';
import { NodeRepository } from '../nodes/node.repository';

/** A figure's subject (DESCRIBES) and sources. */
@Resolver(() => Figure)
export class FigureResolver {
  @FieldResolver(() => Node, { description: 'What the figure is about.' })
  subject(@Root() figure: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(figure.subjectId);
  }

  @FieldResolver()
  approximate(@Root() figure: EntityRow) {
    return figure.approximate ?? false;
  }

  @FieldResolver(() => [Citation], { description: 'The sources that report this figure, each with where it says so.' })
  sources(@Root() figure: EntityRow) {
    return citationsOf(figure);
  }
}

/** The figures reported about an organization, declared on the Organization interface. */
@Resolver(() => Organization)
export class OrganizationFigureResolver {
  @FieldResolver(() => [Figure], { description: 'Figures reported about it (counts, amounts).' })
  figures(@Root() org: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(FigureRepository).ofSubject(org.id);
  }
}

/** The figures reported about a program. */
@Resolver(() => Program)
export class ProgramFigureResolver {
  @FieldResolver(() => [Figure], { description: 'Figures reported about it.' })
  figures(@Root() program: EntityRow, @Ctx() ctx: Context) {
    return ctx.get(FigureRepository).ofSubject(program.id);
  }
}
