import { useEffect, useState } from 'preact/hooks';

/** The workspace's screens live in the hash (#/ingest, #/entities/person-x): one page, links that survive a reload. */
export interface Route {
  /** The first segment: "ingest", "duplicates", "entities", "history", "import", "sign-in". */
  screen: string;
  /** The rest, decoded: ["person-x"] for #/entities/person-x. */
  rest: string[];
  /** ?a=b after the path. */
  query: URLSearchParams;
}

export function parseRoute(hash: string = location.hash): Route {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [screen = '', ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { screen, rest, query: new URLSearchParams(search) };
}

export const href = (...segments: string[]): string => `#/${segments.map(encodeURIComponent).join('/')}`;

export function navigate(...segments: string[]): void {
  location.hash = href(...segments);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(parseRoute());
  useEffect(() => {
    const update = () => setRoute(parseRoute());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
