import { Field, InputType } from 'type-graphql';
import { StringFilter } from './connection';

@InputType({ description: 'Filter by name; matches the canonical name or any alias.' })
export class NameWhere {
  @Field(() => StringFilter, { nullable: true })
  name?: StringFilter | null;
}
