import { Field, InputType, Int } from 'type-graphql';
import { StringFilter } from '../common/connection';
import { ProgramKind } from './program-kind';

@InputType({ description: 'Which programs to list; every condition given must hold.' })
export class ProgramWhere {
  @Field(() => StringFilter, { nullable: true, description: 'Matches the canonical name or any alias.' })
  name?: StringFilter | null;

  @Field(() => [ProgramKind], { nullable: true })
  kind?: ProgramKind[] | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;
}
