import { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../api/errors';
import type { Context } from '../app/context';
import { Role } from './token';

/** What the request's Authorization header established. */
export interface Viewer {
  user: { sub: string; role: Role } | null;
  /** Why there is no user although a header was sent, or why none can be checked. */
  problem: string | null;
  /** Whether editors' identities (revision actors, `createdBy`) may be shown; absent means no. */
  seesActors?: boolean;
}

// An admin may do whatever an editor may.
const GRANTS: Record<Role, Role[]> = { editor: ['editor'], admin: ['editor', 'admin'] };

/** Whether a token of role `held` may do what needs `needed`. */
export const grants = (held: Role, needed: Role): boolean => GRANTS[held].includes(needed);

/**
 * Backs @Authorized(role): throws UNAUTHENTICATED without a valid token and FORBIDDEN when
 * the token's role is not enough, so clients get the codes rather than type-graphql's defaults.
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  const { user, problem } = context.viewer;
  if (!user) throw unauthenticated(problem ?? 'this operation needs a bearer token (Authorization: Bearer <token>); mint one with npm run token');
  const needed = roles.length ? roles : ['editor'];
  if (!needed.some((role) => GRANTS[user.role].includes(role as Role))) {
    throw forbidden(`this operation needs the role ${needed.join(' or ')}; the token of "${user.sub}" has role ${user.role}`);
  }
  return true;
};
