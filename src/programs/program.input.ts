import { Field, InputType } from 'type-graphql';
import { ProgramKind } from '../api/program-kind';
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { ID, Int } from 'type-graphql';
import { CreateNamedInput, UpdateNamedInput } from '../api/named.input';
import { IsYear } from '../api/validation';
import { DateScalar } from '../api/date.scalar';

@InputType({ description: 'A new program.' })
export class CreateProgramInput extends CreateNamedInput {
  @Field(() => ProgramKind, { description: 'What sort of activity it is.' })
  kind!: ProgramKind;

  @Field(() => Int, { nullable: true, description: 'Year it ran, four digits.' })
  @IsOptional()
  @IsYear()
  year?: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'When it started: YYYY, YYYY-MM or YYYY-MM-DD.' })
  startDate?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Organizations that ran it.' })
  @IsOptional()
  @ArrayMaxSize(50)
  organizerIds?: string[] | null;
}

@InputType({ description: 'Changes to a program.' })
export class UpdateProgramInput extends UpdateNamedInput {
  @Field(() => ProgramKind, { nullable: true, description: 'What sort of activity it is.' })
  kind?: ProgramKind | null;

  @Field(() => Int, { nullable: true, description: 'Year it ran, four digits.' })
  @IsOptional()
  @IsYear()
  year?: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'When it started: YYYY, YYYY-MM or YYYY-MM-DD; null clears it.' })
  startDate?: string | null;
}
