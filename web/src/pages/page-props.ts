import type { Route } from '../lib/router';
import type { Filters } from '../state/filters';

/** What the shell hands every page: the route, the filters and how to change or carry them. */
export interface PageProps {
  route: Route;
  filters: Filters;
  setFilters: (next: Filters) => void;
  /** A link to `path` that keeps the current filters. */
  link: (path: string) => string;
}
