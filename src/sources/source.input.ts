import { Field, InputType } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { IsName } from '../api/validation';
import { DateScalar } from '../api/date.scalar';

@InputType('SourceFieldsBase')
class SourceFields {
  @Field(() => DateScalar, { nullable: true, description: 'When it was published: YYYY, YYYY-MM or YYYY-MM-DD (null clears it on an update).' })
  published?: string | null;

  @Field(() => String, { nullable: true, description: 'Who published it (a newspaper, a website, an office).' })
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

  @Field({ defaultValue: false, description: 'True to create it even when a source with a likely duplicate title exists (otherwise CONFLICT).' })
  allowDuplicate!: boolean;
}

@InputType({ description: 'Changes to a source.' })
export class UpdateSourceInput extends SourceFields {
  @Field(() => String, { nullable: true, description: 'New title of the document; left out, it stays.' })
  @IsOptional()
  @IsName()
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New sort of document, e.g. NEWS_REPORT; left out, it stays.' })
  @IsOptional()
  @IsName()
  kind?: string | null;
}
