import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Level } from '../api/enums';
import { EntityRow, Node } from '../api/node.type';

export enum AwardGroupKey {
  HONOR = 'HONOR',
  LEVEL = 'LEVEL',
  YEAR = 'YEAR',
}

registerEnumType(AwardGroupKey, {
  name: 'AwardGroupKey',
  description: 'What award counts are grouped by.',
  valuesConfig: {
    HONOR: { description: 'One group per honor (title at its level); AwardCount.honor names it.' },
    LEVEL: { description: "One group per administrative level of the honor; AwardCount.level names it." },
    YEAR: { description: 'One group per award year; AwardCount.year names it (null for unknown years).' },
  },
});

/** The rows of the stats queries; the nodes they name (honor, organization, partner, figures) are declared by stats.resolver.ts. */
@ObjectType({ simpleResolvers: true, description: 'One group of awards: the keys asked for (others null) and how many.' })
export class AwardCount {
  honorId!: string | null;

  @Field(() => Level, { nullable: true, description: "Set when grouped by LEVEL (null also for honors of no known level)." })
  level!: Level | null;

  @Field(() => Int, { nullable: true, description: 'Set when grouped by YEAR (null also for awards of unknown year).' })
  year!: number | null;

  @Field(() => Int, { description: 'Awards (RECEIVED relationships) in the group.' })
  count!: number;

  @Field(() => Int, { description: 'Distinct recipients in the group.' })
  recipients!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Distinct honorees under an organization.' })
export class HonoreeCount {
  organizationId!: string;

  @Field(() => Int, { description: 'Organizations counted (the organization itself, plus its descendants when asked).' })
  organizationsCovered!: number;

  @Field(() => Int, { description: 'People who are members of a covered organization and received an honor.' })
  people!: number;

  @Field(() => Int, { description: 'Covered organizations that received an honor themselves.' })
  organizations!: number;

  @Field(() => Int, { description: 'Honorees in all: people plus organizations.' })
  total!: number;
}

@ObjectType({ simpleResolvers: true, description: 'An organization and the number of programs it partnered in.' })
export class PartnerProgramCount {
  partner!: EntityRow;

  @Field(() => Int, { description: 'Distinct programs the organization partnered in (PARTNERED).' })
  programs!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A node and the figures the sources report about it.' })
export class SubjectFigures {
  @Field(() => Node, { description: 'The organization or program the figures describe.' })
  subject!: EntityRow;

  @Field(() => Int, { description: 'How many figures the sources report about the subject.' })
  count!: number;

  figures!: EntityRow[];
}
