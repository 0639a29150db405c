import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AreNames, IsName } from './validation';
import { ContextAliasInput } from './context-alias.type';

/** What every named entity's create and update inputs share. */
@InputType('NamedInputBase')
class NamedInput {
  @Field(() => [String], { nullable: true, description: 'Other written forms; the traditional form is added by itself.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @AreNames()
  aliases?: string[] | null;

  @Field(() => [ContextAliasInput], {
    nullable: true,
    description:
      'Names that hold only in a context (市妇联 with place 淮南): search and duplicate checks count them only there. ' +
      'On update the list replaces the stored one; an organization or source named must exist.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  contextAliases?: ContextAliasInput[] | null;

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
export class CreateNamedInput extends NamedInput {
  @Field({ description: 'Canonical name; normalized to simplified script.' })
  @IsName()
  name!: string;

  @Field({ defaultValue: false, description: 'Create even when a likely duplicate exists (see duplicateCandidates).' })
  allowDuplicate!: boolean;
}

@InputType('UpdateNamedInputBase')
export class UpdateNamedInput extends NamedInput {
  @Field(() => String, { nullable: true, description: 'New canonical name.' })
  @IsOptional()
  @IsName()
  name?: string | null;
}

/** Only the properties an input actually carries, so an update leaves the rest alone. */
export function given(input: object, keys: string[], clearable: string[] = []): Record<string, unknown> {
  const value = (k: string) => (input as any)[k];
  return Object.fromEntries(
    keys.filter((k) => value(k) !== undefined && (value(k) !== null || clearable.includes(k))).map((k) => [k, value(k)]),
  );
}
