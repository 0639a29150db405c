import { Field, InputType } from 'type-graphql';
import { IdFilter, IntFilter, StringFilter } from '../api/connection';
import { Level } from '../api/enums';
import { RecipientWhere } from '../api/where.input';
import type { OrganizationWhere } from '../organizations/organization.input';
import { CreateNamedInput, UpdateNamedInput } from '../api/named.input';

// Honor and organization filters refer to each other; the organization side is required lazily.
const organizationWhere = () => require('../organizations/organization.input').OrganizationWhere;

@InputType({ description: 'Which honors; every condition given must hold.' })
export class HonorWhere {
  @Field(() => IdFilter, { nullable: true })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'Matches the canonical name or any alias.' })
  name?: StringFilter | null;

  @Field(() => [Level], { nullable: true, description: 'Any of these levels.' })
  level?: Level[] | null;

  @Field(organizationWhere, { nullable: true, description: 'Conferred by at least one organization matching this.' })
  conferredBy?: OrganizationWhere | null;

  @Field(() => [HonorWhere], { nullable: true })
  AND?: HonorWhere[] | null;

  @Field(() => [HonorWhere], { nullable: true })
  OR?: HonorWhere[] | null;

  @Field(() => HonorWhere, { nullable: true })
  NOT?: HonorWhere | null;
}

@InputType({ description: 'Which awards (RECEIVED); every condition given must hold.' })
export class AwardWhere {
  @Field(() => IntFilter, { nullable: true, description: 'Year of the award; awards of unknown year match no year condition.' })
  year?: IntFilter | null;

  @Field(() => Boolean, { nullable: true, description: 'Only inferred (true) or only stated (false) awards.' })
  inferred?: boolean | null;

  @Field(() => HonorWhere, { nullable: true })
  honor?: HonorWhere | null;

  @Field(() => RecipientWhere, { nullable: true })
  recipient?: RecipientWhere | null;

  @Field(() => [AwardWhere], { nullable: true })
  AND?: AwardWhere[] | null;

  @Field(() => [AwardWhere], { nullable: true })
  OR?: AwardWhere[] | null;

  @Field(() => AwardWhere, { nullable: true })
  NOT?: AwardWhere | null;
}

// ---- mutation inputs

@InputType({ description: 'A new honor (title).' })
export class CreateHonorInput extends CreateNamedInput {
  @Field(() => Level, { nullable: true })
  level?: Level | null;
}

@InputType({ description: 'Changes to an honor.' })
export class UpdateHonorInput extends UpdateNamedInput {
  @Field(() => Level, { nullable: true })
  level?: Level | null;
}
