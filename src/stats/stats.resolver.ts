import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { ValidTimeArgs, checkValidTime } from '../api/valid-time.args';
import { Context } from '../api/context';
import { checkId } from '../api/id';
import { whereOf } from '../api/descriptions';
import { badInput, notFound } from '../api/errors';
import { AwardCount, AwardGroupKey, HonoreeCount, PartnerProgramCount, SubjectFigures } from './stats.type';
import { AwardCountWhere } from '../api/where.input';
import { Honor } from '../honors/honor.type';
import { Organization } from '../organizations/organization.type';
import { Figure } from '../figures/figure.type';
import { NodeRepository } from '../nodes/node.repository';
import { StatsRepository } from './stats.repository';

const MAX_ROWS = 500;
const FIRST_ROWS = `How many rows, the largest first: 1 to ${MAX_ROWS}.`;

function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_ROWS) throw badInput('first', `must be from 1 to ${MAX_ROWS}, got ${first}`);
  return first;
}

@Resolver()
export class StatsResolver {
  @Query(() => [AwardCount], {
    description: 'Awards counted in groups (by honor, level and/or year), largest group first. An empty groupBy gives one total row.',
  })
  awardCounts(
    @Arg('groupBy', () => [AwardGroupKey], { description: 'The keys to group by, each at most once; [] counts all matching awards in one row.' })
    groupBy: AwardGroupKey[],
    @Arg('where', () => AwardCountWhere, { nullable: true, description: whereOf('awards') }) where: AwardCountWhere | null,
    @Ctx() ctx: Context,
  ) {
    if (where?.yearFrom != null && where?.yearTo != null && where.yearFrom > where.yearTo) {
      throw badInput('where.yearFrom', `must not be after yearTo (${where.yearFrom} > ${where.yearTo})`);
    }
    return ctx.get(StatsRepository).awardCounts(groupBy, where);
  }

  @Query(() => HonoreeCount, {
    description:
      'Distinct honorees under an organization: the organizations themselves that received an honor, and people who are members (MEMBER_OF) and received one (in any year). With includeDescendants, every organization PART_OF it at any depth counts too. The hierarchy and the memberships are those of the day asOf names (today by default), or of every period with allTime.',
  })
  async honoreeCount(
    @Arg('organizationId', () => ID, { description: 'The organization to count under; NOT_FOUND when there is none.' }) organizationId: string,
    @Arg('includeDescendants', { defaultValue: true, description: 'Count the organizations PART_OF it at any depth too (the default), or only the organization itself.' })
    includeDescendants: boolean,
    @Args() time: ValidTimeArgs,
    @Ctx() ctx: Context,
  ) {
    const count = await ctx.get(StatsRepository).honoreeCount(checkId(organizationId, 'organizationId'), includeDescendants, checkValidTime(time));
    if (!count) throw notFound('organization', organizationId);
    return count;
  }

  @Query(() => [PartnerProgramCount], { description: 'Organizations by the number of programs they partnered in (PARTNERED), most first.' })
  programsPerPartner(@Arg('first', () => Int, { defaultValue: 50, description: FIRST_ROWS }) first: number, @Ctx() ctx: Context) {
    return ctx.get(StatsRepository).programsPerPartner(checkFirst(first));
  }

  @Query(() => [SubjectFigures], { description: "The article's figures grouped by what they describe, subjects with most figures first." })
  figuresBySubject(
    @Arg('subjectId', () => ID, { nullable: true, description: 'Only the figures about this node; every subject when omitted.' }) subjectId: string | null,
    @Arg('first', () => Int, { defaultValue: 50, description: FIRST_ROWS }) first: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.get(StatsRepository).figuresBySubject(subjectId == null ? null : checkId(subjectId, 'subjectId'), checkFirst(first));
  }
}

@Resolver(() => AwardCount)
export class AwardCountResolver {
  @FieldResolver(() => Honor, { nullable: true, description: 'Set when grouped by HONOR.' })
  honor(@Root() row: AwardCount, @Ctx() ctx: Context) {
    return row.honorId ? ctx.get(NodeRepository).byId(row.honorId) : null;
  }
}

@Resolver(() => HonoreeCount)
export class HonoreeCountResolver {
  @FieldResolver(() => Organization, { description: 'The organization counted under.' })
  organization(@Root() row: HonoreeCount, @Ctx() ctx: Context) {
    return ctx.get(NodeRepository).byId(row.organizationId);
  }
}

@Resolver(() => PartnerProgramCount)
export class PartnerProgramCountResolver {
  @FieldResolver(() => Organization, { description: 'The partnering organization.' })
  partner(@Root() row: PartnerProgramCount) {
    return row.partner;
  }
}

@Resolver(() => SubjectFigures)
export class SubjectFiguresResolver {
  @FieldResolver(() => [Figure], { description: 'The figures reported about the subject.' })
  figures(@Root() row: SubjectFigures) {
    return row.figures;
  }
}
