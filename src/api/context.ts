import type { Viewer } from '../auth/viewer';

/** A class whose one instance per request the composition root (app/context.ts) provides. */
export type Provided<T> = abstract new (...args: any[]) => T;

/**
 * What a resolver gets for one request: who asked, the request's id, and `get`, which hands out
 * the request's instance of a repository or service class (built by the composition root,
 * sharing the request's loaders). Features import this type; it imports no feature.
 */
export interface Context {
  requestId: string;
  /** Who sent the request, from its bearer token. */
  viewer: Viewer;
  get<T>(type: Provided<T>): T;
}
