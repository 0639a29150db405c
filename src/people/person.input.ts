import { InputType } from 'type-graphql';
import { CreateNamedInput, UpdateNamedInput } from '../api/named.input';

@InputType({ description: 'A new person.' })
export class CreatePersonInput extends CreateNamedInput {}

@InputType({ description: 'Changes to a person; fields left out stay as they are. sourceIds are added.' })
export class UpdatePersonInput extends UpdateNamedInput {}
