import { Viewer } from './auth-checker';
import { verifyToken } from './token';

export interface AuthConfig {
  /** Absent: no token can be checked, so every mutation is refused. */
  jwtSecret?: string;
  /** Queries need a token too (READS_REQUIRE_AUTH); false when absent. */
  readsRequireAuth?: boolean;
}

/** Reads `Authorization: Bearer <token>`; never throws, the auth checker decides what matters. */
export function viewerFrom(header: string | undefined, auth: AuthConfig): Viewer {
  if (!auth.jwtSecret) {
    return { user: null, problem: 'the server has no AUTH_JWT_SECRET configured, so it cannot check tokens and refuses every mutation' };
  }
  if (!header) return { user: null, problem: null };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return { user: null, problem: 'the Authorization header must read "Bearer <token>"' };
  try {
    return { user: verifyToken(match[1], auth.jwtSecret), problem: null };
  } catch (error) {
    return { user: null, problem: (error as Error).message };
  }
}
