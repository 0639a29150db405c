import { Field, InputType } from 'type-graphql';
import { IdFilter, IntFilter, StringFilter } from '../api/connection';
import { OrganizationWhere } from '../organizations/organization.input';
import { ProgramKind } from './program-kind';
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { ID, Int } from 'type-graphql';
import { CreateNamedInput, UpdateNamedInput } from '../api/named.input';
import { IsPartialDate, IsYear } from '../api/validation';

@InputType({ description: 'Which programs; every condition given must hold.' })
export class ProgramWhere {
  @Field(() => IdFilter, { nullable: true })
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

  @Field(() => [ProgramWhere], { nullable: true })
  AND?: ProgramWhere[] | null;

  @Field(() => [ProgramWhere], { nullable: true })
  OR?: ProgramWhere[] | null;

  @Field(() => ProgramWhere, { nullable: true })
  NOT?: ProgramWhere | null;
}

// ---- mutation inputs

@InputType({ description: 'A new program.' })
export class CreateProgramInput extends CreateNamedInput {
  @Field(() => ProgramKind)
  kind!: ProgramKind;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsYear()
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY, YYYY-MM or YYYY-MM-DD.' })
  @IsOptional()
  @IsPartialDate()
  startDate?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Organizations that ran it.' })
  @IsOptional()
  @ArrayMaxSize(50)
  organizerIds?: string[] | null;
}

@InputType({ description: 'Changes to a program.' })
export class UpdateProgramInput extends UpdateNamedInput {
  @Field(() => ProgramKind, { nullable: true })
  kind?: ProgramKind | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsYear()
  year?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPartialDate()
  startDate?: string | null;
}
