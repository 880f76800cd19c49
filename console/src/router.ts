/**
 * Hash routing: every view and its state is a URL, `#/<view>?<params>` (e.g.
 * `#/findings?f=<filters JSON>&g=ResourceType&s=Priority:desc`), so any screen can be linked,
 * bookmarked and restored with the browser's back button.
 */
import { useEffect, useState } from 'react';

/** A parsed location. */
export interface Route {
  view: string;
  params: URLSearchParams;
}

/** Parses `#/view?a=b`. */
export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const at = text.indexOf('?');
  const view = (at < 0 ? text : text.slice(0, at)) || 'summary';
  return { view, params: new URLSearchParams(at < 0 ? '' : text.slice(at + 1)) };
}

/** A link to a view with parameters (absent and empty ones left out). */
export function href(view: string, params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, value);
  const text = query.toString();
  return `#/${view}${text ? `?${text}` : ''}`;
}

/** Goes to a link (a new history entry). */
export function navigate(link: string): void {
  window.location.hash = link.slice(1);
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
