import type { Route } from './route';
import type { Session } from './session';

/** What every screen is given: who is signed in (null: an anonymous viewer) and where the hash points. */
export interface ScreenProps {
  session: Session | null;
  route: Route;
}
