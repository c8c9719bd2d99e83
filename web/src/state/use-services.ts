import { api } from '../api/api-client';
import { useApi } from '../api/use-api';
import { toIso } from '../lib/period';
import { useAppData } from './app-context';

/** The services seen in the data, alphabetically, for the service filter. */
export function useServices(): string[] {
  const { range } = useAppData();
  const from = range.first ?? toIso(Date.now());
  const to = range.last ?? from;
  const loaded = useApi(`services:${from}:${to}`, () =>
    api.kpis({ from, to, by: 'service', ids: ['session_completion_rate'] }),
  );
  if (loaded.state !== 'ready') return [];
  return (loaded.data.groups ?? [])
    .map((g) => g.key)
    .filter((k) => k && k !== 'null' && k !== '(none)')
    .sort((a, b) => a.localeCompare(b));
}
