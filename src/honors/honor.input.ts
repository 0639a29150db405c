import { Field, InputType } from 'type-graphql';
import { StringFilter } from '../common/connection';
import { Level } from '../common/enums';

@InputType({ description: 'Which honors to list; every condition given must hold.' })
export class HonorWhere {
  @Field(() => StringFilter, { nullable: true, description: 'Matches the canonical name or any alias.' })
  name?: StringFilter | null;

  @Field(() => [Level], { nullable: true, description: 'Any of these levels.' })
  level?: Level[] | null;
}
