import { Field, Float, InputType, Int } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { Level } from '../api/enums';
import { OrganizationKind } from '../api/organization-kind';
import { ProgramKind } from '../api/program-kind';
import { IsName, IsYear } from '../api/validation';

@InputType({ description: 'A document to ingest: its text, or its bytes in base64 (one of the two), with its name and type. Files over 1 MB go through POST /ingest.' })
export class IngestDocumentInput {
  @Field(() => String, { nullable: true, description: 'The document as plain text (or Markdown, HTML: say so in mediaType or fileName).' })
  text?: string | null;

  @Field(() => String, { nullable: true, description: 'The file, base64-encoded (docx, PDF, or text in any of the formats above).' })
  base64?: string | null;

  @Field(() => String, { nullable: true, description: 'The file name; its extension tells the format when mediaType does not (at most 255 characters).' })
  @IsOptional()
  @MaxLength(255)
  fileName?: string | null;

  @Field(() => String, { nullable: true, description: 'The media type, e.g. text/plain, text/markdown, text/html, application/pdf (at most 100 characters).' })
  @IsOptional()
  @MaxLength(100)
  mediaType?: string | null;
}

@InputType({ description: "Changes to one proposal item's fields, checked as the matching create inputs check them; fields left out stay. Each applies only to items it fits." })
export class ProposalItemEditInput {
  @Field(() => String, { nullable: true, description: 'ENTITY items proposed as new: the name the node gets.' })
  @IsOptional()
  @IsName()
  name?: string | null;

  @Field(() => OrganizationKind, { nullable: true, description: 'New organization items: what sort of body it is.' })
  organizationKind?: OrganizationKind | null;

  @Field(() => ProgramKind, { nullable: true, description: 'New program items: what sort of activity it is.' })
  programKind?: ProgramKind | null;

  @Field(() => Level, { nullable: true, description: 'New organization and honor items: the administrative level.' })
  level?: Level | null;

  @Field(() => Int, { nullable: true, description: 'AWARD items: the year (four digits; it becomes stated); new program and FIGURE items: their year.' })
  @IsOptional()
  @IsYear()
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'MEMBERSHIP items: the post held.' })
  @IsOptional()
  @IsName()
  role?: string | null;

  @Field(() => Float, { nullable: true, description: 'FIGURE items: the value in base units.' })
  value?: number | null;

  @Field(() => String, { nullable: true, description: 'FIGURE items: what it counts (its label).' })
  @IsOptional()
  @IsName()
  counts?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'ENTITY items: true to create a new node even when one is matched or the duplicate check finds a likely duplicate (the item becomes NEW).' })
  allowDuplicate?: boolean | null;
}
