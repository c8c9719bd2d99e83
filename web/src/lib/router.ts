import { useEffect, useState } from 'react';

/** Hash routes (`#/kpi/x?from=…`), so the server only has to serve one page. */
export interface Route {
  path: string[];
  params: URLSearchParams;
}

export function readRoute(hash = window.location.hash): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart = '/', query = ''] = raw.split('?');
  const path = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  return { path, params: new URLSearchParams(query) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const onChange = () => setRoute(readRoute());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** The link to a page, carrying the current filters (period, profile, service) along. */
export function href(path: string, params?: URLSearchParams): string {
  const query = params?.toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

export function navigate(path: string, params?: URLSearchParams): void {
  window.location.hash = href(path, params).slice(1);
}
