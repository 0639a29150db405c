import { Field, InputType } from 'type-graphql';
import { StringFilter } from '../common/connection';
import { Level } from '../common/enums';
import { OrganizationKind } from './organization-kind';

@InputType({ description: 'Which organizations to list; every condition given must hold.' })
export class OrganizationWhere {
  @Field(() => StringFilter, { nullable: true, description: 'Matches the canonical name or any alias.' })
  name?: StringFilter | null;

  @Field(() => [OrganizationKind], { nullable: true, description: 'Any of these kinds.' })
  kind?: OrganizationKind[] | null;

  @Field(() => [Level], { nullable: true, description: 'Any of these levels.' })
  level?: Level[] | null;
}
