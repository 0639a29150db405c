import { Field, InputType } from 'type-graphql';
import { IdFilter, StringFilter } from '../api/connection';
import { HierarchyFilter } from '../api/where.input';
import { AwardWhere } from '../honors/honor.input';
import { CreateNamedInput, UpdateNamedInput } from '../api/named.input';

@InputType({ description: 'Which people; every condition given must hold.' })
export class PersonWhere {
  @Field(() => IdFilter, { nullable: true })
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

  @Field(() => [PersonWhere], { nullable: true })
  AND?: PersonWhere[] | null;

  @Field(() => [PersonWhere], { nullable: true })
  OR?: PersonWhere[] | null;

  @Field(() => PersonWhere, { nullable: true })
  NOT?: PersonWhere | null;
}

// ---- mutation inputs

@InputType({ description: 'A new person.' })
export class CreatePersonInput extends CreateNamedInput {}

@InputType({ description: 'Changes to a person; fields left out stay as they are. sourceIds are added.' })
export class UpdatePersonInput extends UpdateNamedInput {}
