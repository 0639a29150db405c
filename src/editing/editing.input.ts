import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Level } from '../api/enums';
import { AreNames, IsName, IsPartialDate, IsYear } from '../api/validation';
import { OrganizationKind } from '../organizations/organization-kind';
import { ProgramKind } from '../programs/program-kind';

@InputType('NamedInputBase')
class NamedInput {
  @Field(() => [String], { nullable: true, description: 'Other written forms; the traditional form is added by itself.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @AreNames()
  aliases?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Name in Latin script (pinyin or English).' })
  @IsOptional()
  @IsName()
  nameEn?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Sources that state this fact; each must exist.' })
  @IsOptional()
  @ArrayMaxSize(50)
  sourceIds?: string[] | null;
}

@InputType('CreateNamedInputBase')
class CreateNamedInput extends NamedInput {
  @Field({ description: 'Canonical name; normalized to simplified script.' })
  @IsName()
  name!: string;

  @Field({ defaultValue: false, description: 'Create even when a likely duplicate exists (see duplicateCandidates).' })
  allowDuplicate!: boolean;
}

@InputType('UpdateNamedInputBase')
class UpdateNamedInput extends NamedInput {
  @Field(() => String, { nullable: true, description: 'New canonical name.' })
  @IsOptional()
  @IsName()
  name?: string | null;
}

@InputType({ description: 'A new person.' })
export class CreatePersonInput extends CreateNamedInput {}

@InputType({ description: 'Changes to a person; fields left out stay as they are. sourceIds are added.' })
export class UpdatePersonInput extends UpdateNamedInput {}

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

@InputType('SourceFieldsBase')
class SourceFields {
  @Field(() => String, { nullable: true, description: 'YYYY, YYYY-MM or YYYY-MM-DD.' })
  @IsOptional()
  @IsPartialDate()
  published?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsName()
  publisher?: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 tag, e.g. zh-Hans.' })
  @IsOptional()
  @MaxLength(35)
  language?: string | null;
}

@InputType({ description: 'A new source document.' })
export class CreateSourceInput extends SourceFields {
  @Field({ description: 'Title of the document; checked for duplicates like a name.' })
  @IsName()
  title!: string;

  @Field({ description: 'What sort of document, e.g. NEWS_REPORT, PUBLISHED_LIST.' })
  @IsName()
  kind!: string;

  @Field({ defaultValue: false })
  allowDuplicate!: boolean;
}

@InputType({ description: 'Changes to a source.' })
export class UpdateSourceInput extends SourceFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsName()
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsName()
  kind?: string | null;
}

/** Only the properties an input actually carries, so an update leaves the rest alone. */
export function given(input: object, keys: string[], clearable: string[] = []): Record<string, unknown> {
  const value = (k: string) => (input as any)[k];
  return Object.fromEntries(
    keys.filter((k) => value(k) !== undefined && (value(k) !== null || clearable.includes(k))).map((k) => [k, value(k)]),
  );
}
