import { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from './errors';
import type { Context } from './context';
import { Role } from '../auth/token';
import { grants } from '../auth/viewer';


/**
 * Backs @Authorized(role): throws UNAUTHENTICATED without a valid token and FORBIDDEN when
 * the token's role is not enough, so clients get the codes rather than type-graphql's defaults.
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  const { user, problem } = context.viewer;
  if (!user) throw unauthenticated(problem ?? 'this operation needs a bearer token (Authorization: Bearer <token>); mint one with npm run token');
  const needed = roles.length ? roles : ['editor'];
  if (!needed.some((role) => grants(user.role, role as Role))) {
    throw forbidden(`this operation needs the role ${needed.join(' or ')}; the token of "${user.sub}" has role ${user.role}`);
  }
  return true;
};
