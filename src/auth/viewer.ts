import { Role, TokenRules, verifyToken } from './token';

/** What the request's Authorization header established. */
export interface Viewer {
  user: { sub: string; role: Role; exp?: number } | null;
  /** Why there is no user although a header was sent, or why none can be checked. */
  problem: string | null;
  /** Whether editors' identities (revision actors, `createdBy`) may be shown; absent means no. */
  seesActors?: boolean;
}

// An admin may do whatever an editor may, an editor whatever a viewer may.
const GRANTS: Record<Role, Role[]> = { viewer: ['viewer'], editor: ['viewer', 'editor'], admin: ['viewer', 'editor', 'admin'] };

/** Whether a token of role `held` may do what needs `needed`. */
export const grants = (held: Role, needed: Role): boolean => GRANTS[held].includes(needed);

export interface AuthConfig extends TokenRules {
  /** Absent: no token can be checked, so every mutation is refused. */
  jwtSecret?: string;
  /** Queries need a token too (READS_REQUIRE_AUTH); false when absent. */
  readsRequireAuth?: boolean;
  /** Who made a change (revision actors, `createdBy`) is shown to everyone (HISTORY_ACTORS_PUBLIC); else to editors and admins only. */
  actorsPublic?: boolean;
}

/** Reads `Authorization: Bearer <token>`; never throws, the auth checker decides what matters. */
export function viewerFrom(header: string | undefined, auth: AuthConfig): Viewer {
  const anonymous = (problem: string | null): Viewer => ({ user: null, problem, seesActors: auth.actorsPublic === true });
  if (!auth.jwtSecret) {
    return anonymous('the server has no AUTH_JWT_SECRET configured, so it cannot check tokens and refuses every mutation');
  }
  if (!header) return anonymous(null);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return anonymous('the Authorization header must read "Bearer <token>"');
  try {
    // Editors and admins may see who changed what; a viewer as much as anyone.
    const user = verifyToken(match[1], auth.jwtSecret, auth);
    return { user, problem: null, seesActors: user.role !== 'viewer' || auth.actorsPublic === true };
  } catch (error) {
    return anonymous((error as Error).message);
  }
}

/**
 * Why the read policy refuses this viewer, or null: with READS_REQUIRE_AUTH every read (GraphQL
 * or /export) needs a valid token. The one statement of that rule.
 */
export function readRefusal(viewer: Viewer, auth: AuthConfig): string | null {
  if (!auth.readsRequireAuth || viewer.user) return null;
  return viewer.problem ?? 'READS_REQUIRE_AUTH is on: every request needs a bearer token (Authorization: Bearer <token>)';
}
