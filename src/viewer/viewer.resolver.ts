import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../api/context';
import { Me, ViewerRole } from './viewer.type';

@Resolver()
export class ViewerResolver {
  @Query(() => Me, { description: "Who the request's bearer token speaks for: its subject, role and expiry, or why it is not accepted. Open to everyone." })
  me(@Ctx() { viewer }: Context): Me {
    const user = viewer.user;
    return {
      sub: user?.sub ?? null,
      role: user ? (user.role.toUpperCase() as ViewerRole) : ViewerRole.VIEWER,
      expiresAt: user?.exp ?? null,
      problem: viewer.problem,
    };
  }
}
