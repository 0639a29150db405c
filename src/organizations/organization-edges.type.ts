import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../api/date.scalar';
import { connectionOf } from '../api/connection';
import { CitedEdge } from '../api/cited-edge';
import { Recipient } from '../api/recipient.type';
import { Organization } from './organization.type';
import { edgeNodeOf } from '../api/descriptions';

@ObjectType({ simpleResolvers: true, implements: CitedEdge, description: 'An organization at the other end of a relationship (PART_OF, CONFERRED_BY, ORGANIZED, PARTNERED), with its provenance.' })
export class LinkedOrganizationEdge extends CitedEdge {
  @Field(() => Organization, { description: 'The organization at the other end.' })
  node!: Organization;

  @Field(() => DateScalar, { nullable: true, description: 'For a hierarchy link (PART_OF): when it began, as precisely as known; null when not known or for other relationships.' })
  since!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'For a hierarchy link (PART_OF): the last period it held, through its last day; null while it lasts.' })
  until!: string | null;
}
export const LinkedOrganizationConnection = connectionOf(LinkedOrganizationEdge, 'LinkedOrganization', 'A page of related organizations.');

@ObjectType({ simpleResolvers: true })
abstract class MembershipProperties extends CitedEdge {
  @Field(() => String, { nullable: true, description: 'Role in the organization, e.g. 执委 (executive-committee member).' })
  role!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the membership began, as precisely as known (YYYY, YYYY-MM or YYYY-MM-DD); null when not known.' })
  since!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last period the membership held, through its last day; null while it lasts.' })
  until!: string | null;
}

@ObjectType({ simpleResolvers: true, implements: CitedEdge, description: 'A member of an organization (MEMBER_OF), with role, dates and provenance.' })
export class MemberEdge extends MembershipProperties {
  @Field(() => Recipient, { description: 'The member: a person or an organization.' })
  node!: Recipient;
}
export const MemberConnection = connectionOf(MemberEdge, 'Member', 'A page of the members of an organization.');

@ObjectType({ simpleResolvers: true, implements: CitedEdge, description: 'An organization something belongs to (MEMBER_OF), with role, dates and provenance.' })
export class MembershipEdge extends MembershipProperties {
  @Field(() => Organization, { description: edgeNodeOf('organization') })
  node!: Organization;
}
export const MembershipConnection = connectionOf(MembershipEdge, 'Membership', 'A page of the organizations a person or organization belongs to.');
