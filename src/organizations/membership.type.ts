import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../api/date.scalar';

/** A MEMBER_OF relationship; its `member`, `organization`, `sources` and `qualifiers` are declared by membership.resolver.ts. */
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

  @Field(() => DateScalar, { nullable: true, description: 'When the membership began, as precisely as known (YYYY, YYYY-MM or YYYY-MM-DD); null when not known.' })
  since!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last period the membership held, through its last day; null while it lasts.' })
  until!: string | null;
}
