import { Field, InputType } from 'type-graphql';
import { IdFilter, StringFilter } from '../api/connection';
import { Level } from '../api/enums';
import { HierarchyFilter, RecipientWhere } from '../api/where.input';
import { AwardWhere } from '../honors/honor.input';
import { OrganizationKind } from './organization-kind';
import { ID } from 'type-graphql';
import { CreateNamedInput, UpdateNamedInput } from '../api/named.input';

@InputType({ description: 'Which organizations; every condition given must hold.' })
export class OrganizationWhere {
  @Field(() => IdFilter, { nullable: true })
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

  @Field(() => [MembershipWhere], { nullable: true })
  AND?: MembershipWhere[] | null;

  @Field(() => [MembershipWhere], { nullable: true })
  OR?: MembershipWhere[] | null;

  @Field(() => MembershipWhere, { nullable: true })
  NOT?: MembershipWhere | null;
}

// ---- mutation inputs

@InputType({ description: 'A new organization.' })
export class CreateOrganizationInput extends CreateNamedInput {
  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Field(() => Level, { nullable: true })
  level?: Level | null;

  @Field(() => ID, { nullable: true, description: 'The organization it is part of.' })
  parentId?: string | null;
}

@InputType({ description: 'Changes to an organization; set its parent with setOrganizationParent.' })
export class UpdateOrganizationInput extends UpdateNamedInput {
  @Field(() => OrganizationKind, { nullable: true })
  kind?: OrganizationKind | null;

  @Field(() => Level, { nullable: true })
  level?: Level | null;
}
