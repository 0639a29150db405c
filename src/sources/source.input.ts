import { Field, InputType } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { IsName, IsPartialDate } from '../api/validation';
import { DateScalar } from '../api/date.scalar';

@InputType('SourceFieldsBase')
class SourceFields {
  @Field(() => DateScalar, { nullable: true, description: 'When it was published: YYYY, YYYY-MM or YYYY-MM-DD (null clears it on an update).' })
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
