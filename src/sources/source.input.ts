import { Field, InputType } from 'type-graphql';
import { IdFilter, StringFilter } from '../api/connection';

@InputType({ description: 'Which sources; every condition given must hold.' })
export class SourceWhere {
  @Field(() => IdFilter, { nullable: true })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'Matches the title.' })
  name?: StringFilter | null;

  @Field(() => [SourceWhere], { nullable: true })
  AND?: SourceWhere[] | null;

  @Field(() => [SourceWhere], { nullable: true })
  OR?: SourceWhere[] | null;

  @Field(() => SourceWhere, { nullable: true })
  NOT?: SourceWhere | null;
}
