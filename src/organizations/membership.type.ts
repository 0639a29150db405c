import { Field, ID, ObjectType } from 'type-graphql';

/** A MEMBER_OF relationship; its `member`, `organization` and `sources` are declared by membership.resolver.ts. */
@ObjectType({ simpleResolvers: true, description: 'A person or organization belonging to an organization, with role and dates.' })
export class Membership {
  @Field(() => ID, { description: 'The statement id of this membership (its MEMBER_OF relationship): stable, kept by undo, merge and export.' })
  id!: string;

  memberId!: string;
  organizationId!: string;
  sourceIds?: string[];
  locators?: string[];

  @Field(() => String, { nullable: true, description: 'Role in the organization, e.g. 执委 (executive-committee member).' })
  role!: string | null;

  @Field(() => String, { nullable: true, description: 'Start date (YYYY, YYYY-MM or YYYY-MM-DD).' })
  since!: string | null;

  @Field(() => String, { nullable: true, description: 'End date, null while the membership lasts.' })
  until!: string | null;
}
