import { api } from '../api/api-client';
import { useApi } from '../api/use-api';
import { toIso } from '../lib/period';
import { useAppData } from './app-context';
import type { Filters } from './filters';

/**
 * The acquisition channels seen in the data, alphabetically, for the channel filter of the
 * Outcomes page, and the channel to filter by (null when the address names an unknown one).
 */
export function useChannels(filters: Filters): { channels: string[]; channel: string | null } {
  const { range } = useAppData();
  const from = range.first ?? toIso(Date.now());
  const to = range.last ?? from;
  const loaded = useApi(range.first ? `channels:${from}:${to}` : null, async () => {
    const doc = await api.kpis({ from, to, by: 'channel', ids: ['new_client_acquisition_rate'] });
    return (doc.groups ?? [])
      .map((g) => g.key)
      .filter((k) => k && k !== 'null' && k !== '(none)')
      .sort((a, b) => a.localeCompare(b));
  });
  const channels = loaded.state === 'ready' ? loaded.data : [];
  const channel = filters.channel && channels.includes(filters.channel) ? filters.channel : null;
  return { channels, channel };
}
