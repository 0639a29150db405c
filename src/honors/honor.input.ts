import { Field, InputType } from 'type-graphql';
import { Level } from '../api/enums';
import { CreateNamedInput, UpdateNamedInput } from '../api/named.input';

@InputType({ description: 'A new honor (title).' })
export class CreateHonorInput extends CreateNamedInput {
  @Field(() => Level, { nullable: true, description: 'Level of the honor; null (or left out) for a generic title.' })
  level?: Level | null;
}

@InputType({ description: 'Changes to an honor.' })
export class UpdateHonorInput extends UpdateNamedInput {
  @Field(() => Level, { nullable: true, description: 'Level of the honor; null (or left out) for a generic title.' })
  level?: Level | null;
}
