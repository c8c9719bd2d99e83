import { api, practiceId } from './api-client';
import type { KpiId } from './api-types';

export type RecordSide = 'numerator' | 'denominator';

/** One page of the records behind a KPI side (GET /api/v1/kpis/{id}/records). */
export interface KpiRecordsPage {
  kpi: KpiId;
  side: RecordSide;
  records_of: string;
  period: { from: string; to: string; timezone: string };
  total: number;
  figure: number;
  columns: string[];
  records: Record<string, string | number | null>[];
  next_cursor: string | null;
}

export interface RecordsQuery {
  from: string;
  to: string;
  side: RecordSide;
  service?: string;
  cursor?: string;
  limit?: number;
}

/** A same-origin API address with the page's practice, for fetches and download links. */
export function apiUrl(path: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const practice = practiceId();
  if (practice !== 'default') search.set('practice', practice);
  const query = search.toString();
  return `${path}${query ? `?${query}` : ''}`;
}

const recordsParams = (q: RecordsQuery) => ({
  from: q.from,
  to: q.to,
  side: q.side,
  service: q.service,
});

export const recordsApi = {
  page: (id: KpiId, q: RecordsQuery) =>
    api.get<KpiRecordsPage>(`/api/v1/kpis/${id}/records`, {
      ...recordsParams(q),
      cursor: q.cursor,
      limit: q.limit === undefined ? undefined : String(q.limit),
    }),
  /** Every record of the side as a CSV download (written to the audit log). */
  csvUrl: (id: KpiId, q: RecordsQuery) =>
    apiUrl(`/api/v1/kpis/${id}/records`, { ...recordsParams(q), format: 'csv' }),
  /** The whole KPI report of the period as a CSV or JSON download (audited). */
  reportUrl: (q: { from: string; to: string; service?: string; format: 'csv' | 'json' }) =>
    apiUrl('/api/v1/exports/kpis', q),
};
