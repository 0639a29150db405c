import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/** A role as the API names it; the token carries it in lower case (src/auth/token.ts). */
export enum ViewerRole {
  VIEWER = 'VIEWER',
  EDITOR = 'EDITOR',
  ADMIN = 'ADMIN',
}

registerEnumType(ViewerRole, {
  name: 'ViewerRole',
  description: 'What a caller may do: VIEWER reads, EDITOR also edits and reviews, ADMIN also merges, revokes awards and undoes.',
  valuesConfig: {
    VIEWER: { description: 'Reads only: anonymous callers, and tokens of role viewer.' },
    EDITOR: { description: 'Also creates and edits entities and facts, ingests documents and reviews proposals, imports lists.' },
    ADMIN: { description: 'Also merges duplicates, revokes awards and undoes revisions.' },
  },
});

@ObjectType({ description: "Who the request's bearer token speaks for; a caller without a valid token is an anonymous VIEWER." })
export class Me {
  @Field(() => String, { nullable: true, description: "The token's subject, as revisions record it; null without a valid token." })
  sub!: string | null;

  @Field(() => ViewerRole, { description: 'What the caller may do; VIEWER without a valid token.' })
  role!: ViewerRole;

  @Field(() => Int, { nullable: true, description: 'When the token expires, in seconds since 1970-01-01 UTC; null without a valid token.' })
  expiresAt!: number | null;

  @Field(() => String, { nullable: true, description: 'Why a token that was sent is not accepted (expired, bad signature, wrong audience…); null when it is, or when none was sent.' })
  problem!: string | null;
}
