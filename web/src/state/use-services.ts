import { api, ApiError } from '../api/api-client';
import { useApi } from '../api/use-api';
import { toIso } from '../lib/period';
import { useAppData } from './app-context';
import type { Filters } from './filters';

/**
 * The services seen in the data, alphabetically, for the service filter, and the service to
 * filter by. A server that cannot filter by service yet gets no service filter at all, rather
 * than an error on every view.
 */
export function useServices(filters: Filters): { services: string[]; service: string | null } {
  const { range } = useAppData();
  const from = range.first ?? toIso(Date.now());
  const to = range.last ?? from;
  const loaded = useApi(range.first ? `services:${from}:${to}` : null, async () => {
    const doc = await api.kpis({ from, to, by: 'service', ids: ['session_completion_rate'] });
    const services = (doc.groups ?? [])
      .map((g) => g.key)
      .filter((k) => k && k !== 'null' && k !== '(none)')
      .sort((a, b) => a.localeCompare(b));
    if (services.length === 0) return [];
    try {
      await api.kpis({ from: to, to, service: services[0], ids: ['session_completion_rate'] });
      return services;
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) return [];
      throw e;
    }
  });
  const services = loaded.state === 'ready' ? loaded.data : [];
  const service = filters.service && services.includes(filters.service) ? filters.service : null;
  return { services, service };
}
