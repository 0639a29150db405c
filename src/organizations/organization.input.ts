import { Field, InputType } from 'type-graphql';
import { Level } from '../api/enums';
import { OrganizationKind } from '../api/organization-kind';
import { ID } from 'type-graphql';
import { CreateNamedInput, UpdateNamedInput } from '../api/named.input';

@InputType({ description: 'A new organization.' })
export class CreateOrganizationInput extends CreateNamedInput {
  @Field(() => OrganizationKind, { description: 'What sort of body it is; decides its GraphQL type.' })
  kind!: OrganizationKind;

  @Field(() => Level, { nullable: true, description: 'Administrative level, when it has one.' })
  level?: Level | null;

  @Field(() => ID, { nullable: true, description: 'The organization it is part of.' })
  parentId?: string | null;
}

@InputType({ description: 'Changes to an organization; set its parent with setOrganizationParent.' })
export class UpdateOrganizationInput extends UpdateNamedInput {
  @Field(() => OrganizationKind, { nullable: true, description: 'What sort of body it is; decides its GraphQL type.' })
  kind?: OrganizationKind | null;

  @Field(() => Level, { nullable: true, description: 'Administrative level, when it has one.' })
  level?: Level | null;
}
