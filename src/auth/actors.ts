/**
 * Properties that name an editor (the token's `sub`). Editors and admins see them; anyone else
 * only with HISTORY_ACTORS_PUBLIC=true (docs/access.md, "Who changed what").
 */
export const ACTOR_PROPERTIES: readonly string[] = ['createdBy'];

/** A copy of `props` without the actor properties. */
export function withoutActors<T extends Record<string, unknown>>(props: T): T {
  const out: Record<string, unknown> = { ...props };
  for (const name of ACTOR_PROPERTIES) delete out[name];
  return out as T;
}
