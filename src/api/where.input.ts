/**
 * The one where-input family: the scalar operators (StringFilter, IntFilter, IdFilter) and every
 * `…Where` input, in one file because they nest each other (an honor's conferring organization has
 * awards, whose honor has a conferring organization…). query/filter.ts compiles them to Cypher.
 */
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from './date.scalar';
import { Level } from './enums';
import { OrganizationKind } from './organization-kind';
import { WHERE_AND, WHERE_ID, WHERE_NOT, WHERE_OR } from './descriptions';
import { ProgramKind } from './program-kind';

@InputType({ description: 'String operators; every one given must hold. Input is normalized to simplified script first.' })
export class StringFilter {
  @Field(() => String, { nullable: true, description: 'Equal to.' })
  eq?: string | null;

  @Field(() => [String], { nullable: true, description: 'Equal to one of.' })
  in?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Contains this text anywhere.' })
  contains?: string | null;

  @Field(() => String, { nullable: true, description: 'Begins with this text.' })
  startsWith?: string | null;

  @Field(() => String, { nullable: true, description: 'Ends with this text.' })
  endsWith?: string | null;
}

@InputType({ description: 'Integer operators; every one given must hold. A missing value matches none.' })
export class IntFilter {
  @Field(() => Int, { nullable: true, description: 'Equal to.' })
  eq?: number | null;

  @Field(() => [Int], { nullable: true, description: 'Equal to one of.' })
  in?: number[] | null;

  @Field(() => Int, { nullable: true, description: 'Greater than or equal to.' })
  gte?: number | null;

  @Field(() => Int, { nullable: true, description: 'Less than or equal to.' })
  lte?: number | null;

  @Field(() => Int, { nullable: true, description: 'Greater than.' })
  gt?: number | null;

  @Field(() => Int, { nullable: true, description: 'Less than.' })
  lt?: number | null;
}

@InputType({ description: 'Id operators.' })
export class IdFilter {
  @Field(() => String, { nullable: true, description: 'This id.' })
  eq?: string | null;

  @Field(() => [String], { nullable: true, description: 'One of these ids.' })
  in?: string[] | null;
}

@InputType({ description: 'Which recipients (people or organizations); every condition given must hold.' })
export class RecipientWhere {
  @Field(() => IdFilter, { nullable: true, description: WHERE_ID })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'Matches the canonical name or any alias.' })
  name?: StringFilter | null;

  @Field(() => [RecipientWhere], { nullable: true, description: 'Every one of these holds.' })
  AND?: RecipientWhere[] | null;

  @Field(() => [RecipientWhere], { nullable: true, description: 'At least one of these holds.' })
  OR?: RecipientWhere[] | null;

  @Field(() => RecipientWhere, { nullable: true, description: 'This does not hold.' })
  NOT?: RecipientWhere | null;
}

@InputType({ description: 'An organization in the hierarchy, optionally with everything under it (PART_OF at any depth).' })
export class HierarchyFilter {
  @Field(() => ID, { description: 'The id of the organization.' })
  id!: string;

  @Field({ defaultValue: false, description: 'Also match organizations under it, at any depth.' })
  includeDescendants!: boolean;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The membership and every hierarchy link on the way must hold on this day (a year or month means its first day). Default: today. Not with allTime.',
  })
  asOf?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Match through links and memberships of any period, ended or not. Not with asOf.' })
  allTime?: boolean | null;
}

@InputType({ description: 'Which honors; every condition given must hold.' })
export class HonorWhere {
  @Field(() => IdFilter, { nullable: true, description: WHERE_ID })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'Matches the canonical name or any alias.' })
  name?: StringFilter | null;

  @Field(() => [Level], { nullable: true, description: 'Any of these levels.' })
  level?: Level[] | null;

  @Field(() => OrganizationWhere, { nullable: true, description: 'Conferred by at least one organization matching this.' })
  conferredBy?: OrganizationWhere | null;

  @Field(() => [HonorWhere], { nullable: true, description: WHERE_AND })
  AND?: HonorWhere[] | null;

  @Field(() => [HonorWhere], { nullable: true, description: WHERE_OR })
  OR?: HonorWhere[] | null;

  @Field(() => HonorWhere, { nullable: true, description: WHERE_NOT })
  NOT?: HonorWhere | null;
}

@InputType({ description: 'Which awards (RECEIVED); every condition given must hold.' })
export class AwardWhere {
  @Field(() => IntFilter, { nullable: true, description: 'Year of the award; awards of unknown year match no year condition.' })
  year?: IntFilter | null;

  @Field(() => Boolean, { nullable: true, description: 'Only awards whose award itself is inferred (true) or stated (false), whatever their year.' })
  inferred?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only awards whose year is inferred (true) or stated (false); awards of unknown year match neither.' })
  yearInferred?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'True: only awards stated in full (the award and its year, when known); false: only those with something inferred.' })
  fullyStated?: boolean | null;

  @Field(() => HonorWhere, { nullable: true, description: 'The honor received matches this filter.' })
  honor?: HonorWhere | null;

  @Field(() => RecipientWhere, { nullable: true, description: 'The recipient (person or organization) matches this.' })
  recipient?: RecipientWhere | null;

  @Field(() => [AwardWhere], { nullable: true, description: WHERE_AND })
  AND?: AwardWhere[] | null;

  @Field(() => [AwardWhere], { nullable: true, description: WHERE_OR })
  OR?: AwardWhere[] | null;

  @Field(() => AwardWhere, { nullable: true, description: WHERE_NOT })
  NOT?: AwardWhere | null;
}

@InputType({ description: 'Which organizations; every condition given must hold.' })
export class OrganizationWhere {
  @Field(() => IdFilter, { nullable: true, description: WHERE_ID })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'Matches the canonical name or any alias.' })
  name?: StringFilter | null;

  @Field(() => [OrganizationKind], { nullable: true, description: 'Any of these kinds.' })
  kind?: OrganizationKind[] | null;

  @Field(() => [Level], { nullable: true, description: 'Any of these levels.' })
  level?: Level[] | null;

  @Field(() => AwardWhere, { nullable: true, description: 'It received at least one award matching this, e.g. `{ honor: { id: { eq: "honor-…" } } }`.' })
  awardsSome?: AwardWhere | null;

  @Field(() => AwardWhere, { nullable: true, description: 'It received no award matching this.' })
  awardsNone?: AwardWhere | null;

  @Field(() => AwardWhere, { nullable: true, description: 'Every award it received matches this (true when it received none).' })
  awardsAll?: AwardWhere | null;

  @Field(() => HierarchyFilter, { nullable: true, description: 'It is directly under this organization (or at any depth with includeDescendants).' })
  partOf?: HierarchyFilter | null;

  @Field(() => [OrganizationWhere], { nullable: true, description: 'Every one of these holds.' })
  AND?: OrganizationWhere[] | null;

  @Field(() => [OrganizationWhere], { nullable: true, description: 'At least one of these holds.' })
  OR?: OrganizationWhere[] | null;

  @Field(() => OrganizationWhere, { nullable: true, description: 'This does not hold.' })
  NOT?: OrganizationWhere | null;
}

@InputType({ description: 'Which memberships (MEMBER_OF); every condition given must hold.' })
export class MembershipWhere {
  @Field(() => StringFilter, { nullable: true, description: 'The role, compared as written (e.g. 执委).' })
  role?: StringFilter | null;

  @Field(() => RecipientWhere, { nullable: true, description: 'The member.' })
  member?: RecipientWhere | null;

  @Field(() => OrganizationWhere, { nullable: true, description: 'The organization.' })
  organization?: OrganizationWhere | null;

  @Field(() => Boolean, { nullable: true, description: 'Only memberships that are themselves inferred (true) or stated (false), whatever their role and dates.' })
  inferred?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only memberships whose role is inferred (true) or stated (false); memberships without a role match neither.' })
  roleInferred?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only memberships whose start date is inferred (true) or stated (false); memberships without one match neither.' })
  sinceInferred?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only memberships whose end date is inferred (true) or stated (false); memberships without one match neither.' })
  untilInferred?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'True: only memberships stated in full (the membership and each of its role and dates that has a value); false: only those with something inferred.' })
  fullyStated?: boolean | null;

  @Field(() => [MembershipWhere], { nullable: true, description: WHERE_AND })
  AND?: MembershipWhere[] | null;

  @Field(() => [MembershipWhere], { nullable: true, description: WHERE_OR })
  OR?: MembershipWhere[] | null;

  @Field(() => MembershipWhere, { nullable: true, description: WHERE_NOT })
  NOT?: MembershipWhere | null;
}

@InputType({ description: 'Which people; every condition given must hold.' })
export class PersonWhere {
  @Field(() => IdFilter, { nullable: true, description: WHERE_ID })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'Matches the canonical name or any alias.' })
  name?: StringFilter | null;

  @Field(() => HierarchyFilter, { nullable: true, description: 'Member of this organization (or of any organization under it, with includeDescendants).' })
  memberOf?: HierarchyFilter | null;

  @Field(() => AwardWhere, { nullable: true, description: 'Received at least one award matching this.' })
  awardsSome?: AwardWhere | null;

  @Field(() => AwardWhere, { nullable: true, description: 'Received no award matching this.' })
  awardsNone?: AwardWhere | null;

  @Field(() => AwardWhere, { nullable: true, description: 'Every award they received matches this (true when they received none).' })
  awardsAll?: AwardWhere | null;

  @Field(() => [PersonWhere], { nullable: true, description: WHERE_AND })
  AND?: PersonWhere[] | null;

  @Field(() => [PersonWhere], { nullable: true, description: WHERE_OR })
  OR?: PersonWhere[] | null;

  @Field(() => PersonWhere, { nullable: true, description: WHERE_NOT })
  NOT?: PersonWhere | null;
}

@InputType({ description: 'Which programs; every condition given must hold.' })
export class ProgramWhere {
  @Field(() => IdFilter, { nullable: true, description: WHERE_ID })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'Matches the canonical name or any alias.' })
  name?: StringFilter | null;

  @Field(() => [ProgramKind], { nullable: true, description: 'Any of these kinds.' })
  kind?: ProgramKind[] | null;

  @Field(() => IntFilter, { nullable: true, description: 'Year it ran; programs of unknown year match no year condition.' })
  year?: IntFilter | null;

  @Field(() => OrganizationWhere, { nullable: true, description: 'Organized by at least one organization matching this.' })
  organizedBy?: OrganizationWhere | null;

  @Field(() => OrganizationWhere, { nullable: true, description: 'At least one partner matches this.' })
  partneredBy?: OrganizationWhere | null;

  @Field(() => [ProgramWhere], { nullable: true, description: WHERE_AND })
  AND?: ProgramWhere[] | null;

  @Field(() => [ProgramWhere], { nullable: true, description: WHERE_OR })
  OR?: ProgramWhere[] | null;

  @Field(() => ProgramWhere, { nullable: true, description: WHERE_NOT })
  NOT?: ProgramWhere | null;
}

@InputType({ description: 'Which sources; every condition given must hold.' })
export class SourceWhere {
  @Field(() => IdFilter, { nullable: true, description: WHERE_ID })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'Matches the title.' })
  name?: StringFilter | null;

  @Field(() => [SourceWhere], { nullable: true, description: WHERE_AND })
  AND?: SourceWhere[] | null;

  @Field(() => [SourceWhere], { nullable: true, description: WHERE_OR })
  OR?: SourceWhere[] | null;

  @Field(() => SourceWhere, { nullable: true, description: WHERE_NOT })
  NOT?: SourceWhere | null;
}

@InputType({ description: 'Which awards to count. All conditions must hold.' })
export class AwardCountWhere {
  @Field(() => Int, { nullable: true, description: 'Awarded in this year or later.' })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: 'Awarded in this year or earlier.' })
  yearTo?: number | null;

  @Field(() => [Level], { nullable: true, description: "The honor's level is one of these." })
  levels?: Level[] | null;

  @Field(() => [ID], { nullable: true, description: 'The honor is one of these.' })
  honorIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The honor was conferred by this organization.' })
  conferredById?: string | null;
}
