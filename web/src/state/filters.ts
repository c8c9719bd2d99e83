import type { Profile } from '../api/api-types';
import { PROFILE_TEXT } from '../lib/bands';
import {
  defaultPeriod,
  isIsoDay,
  monthPeriod,
  quarterPeriod,
  toIso,
  type Period,
} from '../lib/period';
import { navigate, type Route } from '../lib/router';
import type { AppData } from './app-context';

/** The dashboard's filters, kept in the page address so a view can be bookmarked and shared. */
export interface Filters {
  period: Period;
  profile: Profile;
  service: string | null;
  /** The acquisition channel (only the Outcomes page offers it). */
  channel: string | null;
}

export function readFilters(route: Route, app: AppData): Filters {
  const p = route.params;
  const mode = p.get('period');
  const from = p.get('from');
  const to = p.get('to');
  let period = defaultPeriod(app.range.last, toIso(Date.now()));
  if (isIsoDay(from)) {
    if (mode === 'quarter') period = quarterPeriod(from);
    else if (mode === 'custom' && isIsoDay(to) && to >= from) period = { mode: 'custom', from, to };
    else period = monthPeriod(from);
  }
  const asked = p.get('profile');
  const profile = Object.keys(PROFILE_TEXT).includes(asked ?? '')
    ? (asked as Profile)
    : app.practice.profile;
  return { period, profile, service: p.get('service') || null, channel: p.get('channel') || null };
}

export function filterParams(f: Filters, app: AppData): URLSearchParams {
  const params = new URLSearchParams();
  params.set('period', f.period.mode);
  params.set('from', f.period.from);
  if (f.period.mode === 'custom') params.set('to', f.period.to);
  if (f.profile !== app.practice.profile) params.set('profile', f.profile);
  if (f.service) params.set('service', f.service);
  if (f.channel) params.set('channel', f.channel);
  return params;
}

/** Moves to `path` (the current page by default) with the filters changed as given. */
export function applyFilters(route: Route, app: AppData, next: Filters, path?: string): void {
  navigate(path ?? `/${route.path.map(encodeURIComponent).join('/')}`, filterParams(next, app));
}
