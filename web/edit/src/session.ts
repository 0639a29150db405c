/**
 * The signed-in editor, kept in localStorage so a reload (or a second tab) keeps the session until
 * the token expires or the editor signs out. The role is the server's answer to `me`, never read
 * from the token by the page.
 */
export type Role = 'VIEWER' | 'EDITOR' | 'ADMIN';

export interface Session {
  token: string;
  sub: string;
  role: Role;
  /** Seconds since the epoch; the page signs out when it passes. Null when the server does not say. */
  expiresAt: number | null;
  /** How the editor signed in: a pasted token (npm run token) or the OpenID Connect provider. */
  method: 'token' | 'oidc';
}

const KEY = 'honorgraph.session';
const listeners = new Set<(session: Session | null) => void>();
let current: Session | null = load();

function load(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (session.expiresAt && session.expiresAt * 1000 <= Date.now()) {
      localStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export const currentSession = (): Session | null => {
  if (current?.expiresAt && current.expiresAt * 1000 <= Date.now()) setSession(null);
  return current;
};
export const currentToken = (): string | null => currentSession()?.token ?? null;

export function setSession(session: Session | null): void {
  current = session;
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  for (const listener of listeners) listener(session);
}

export function onSessionChange(listener: (session: Session | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab signed in or out.
window.addEventListener('storage', (event) => {
  if (event.key === KEY) {
    current = load();
    for (const listener of listeners) listener(current);
  }
});

/** setTimeout's longest delay (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Signs out when `session`'s token expires while the page is open (re-armed past setTimeout's
 * limit, as a 30-day token needs); answers the function that cancels it.
 */
export function signOutAtExpiry(session: Session | null): () => void {
  if (!session?.expiresAt) return () => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    const left = session.expiresAt! * 1000 - Date.now();
    if (left > 0) timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    else if (current?.token === session.token) setSession(null);
  };
  arm();
  return () => clearTimeout(timer);
}

// A sleeping laptop delays timers: check again when the page is looked at.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') currentSession();
});

/** Whether the role may do what needs `needed` (an admin may do what an editor may). */
export const may = (session: Session | null, needed: 'EDITOR' | 'ADMIN'): boolean =>
  !!session && (session.role === 'ADMIN' || (needed === 'EDITOR' && session.role === 'EDITOR'));
