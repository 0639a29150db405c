import { Field, ID, InputType } from 'type-graphql';
import { IdFilter, StringFilter } from './connection';

@InputType({ description: 'Which recipients (people or organizations); every condition given must hold.' })
export class RecipientWhere {
  @Field(() => IdFilter, { nullable: true })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'Matches the canonical name or any alias.' })
  name?: StringFilter | null;

  @Field(() => [RecipientWhere], { nullable: true, description: 'Every one of these holds.' })
  AND?: RecipientWhere[] | null;

  @Field(() => [RecipientWhere], { nullable: true, description: 'At least one of these holds.' })
  OR?: RecipientWhere[] | null;

  @Field(() => RecipientWhere, { nullable: true, description: 'This does not hold.' })
  NOT?: RecipientWhere | null;
}

@InputType({ description: 'An organization in the hierarchy, optionally with everything under it (PART_OF at any depth).' })
export class HierarchyFilter {
  @Field(() => ID)
  id!: string;

  @Field({ defaultValue: false, description: 'Also match organizations under it, at any depth.' })
  includeDescendants!: boolean;
}
