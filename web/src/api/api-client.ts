import type {
  DataRange,
  ImportRecord,
  KpiDocument,
  KpiMeta,
  KpiQuery,
  Practice,
  Therapist,
} from './api-types';

/** The API's error body, raised as an exception with a message a person can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error body's `details` (a BAD_INPUT names the fields in `details.issues`). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The practice the dashboard shows: `?practice=ID` in the page address, else the default. */
export function practiceId(): string {
  return new URLSearchParams(window.location.search).get('practice') ?? 'default';
}

async function getJson<T>(path: string, params: Record<string, string | undefined> = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const practice = practiceId();
  if (practice !== 'default') search.set('practice', practice);
  const query = search.toString();
  let response: Response;
  try {
    response = await fetch(`${path}${query ? `?${query}` : ''}`, {
      headers: { accept: 'application/json' },
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK',
      'The Rapport server did not answer. Is `rapport serve` running?',
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    // The session ended (expired, signed out elsewhere): back to the sign-in page.
    if (response.status === 401) window.dispatchEvent(new Event('rapport:signed-out'));
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'HTTP',
      error?.message ?? `The server answered with status ${response.status}.`,
      (body as { error?: { details?: unknown } } | null)?.error?.details,
    );
  }
  return body as T;
}

export const api = {
  /** Any GET of the API with the practice of the page address (used by the outcomes client). */
  get: getJson,
  practice: () => getJson<Practice>('/api/v1/practice'),
  catalog: () => getJson<{ kpis: KpiMeta[] }>('/api/v1/catalog').then((c) => c.kpis),
  therapists: () => getJson<Therapist[]>('/api/v1/therapists'),
  imports: () => getJson<ImportRecord[]>('/api/v1/imports'),
  dataRange: () => getJson<DataRange>('/api/v1/data-range'),
  kpis: (q: KpiQuery) =>
    getJson<KpiDocument>('/api/v1/kpis', {
      from: q.from,
      to: q.to,
      by: q.by,
      profile: q.profile,
      service: q.service,
      therapist: q.therapist,
      ids: q.ids?.join(','),
    }),
};
