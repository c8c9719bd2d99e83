import type {
  Checkin,
  CheckinStatus,
  Confidence,
  Target,
  TargetKind,
  TargetPatch,
} from '../../../src/model/target';
import { send } from './session-api';

export type { Checkin, CheckinStatus, Confidence, Target, TargetKind, TargetPatch };

/** A target as `GET /api/v1/targets` answers: the target with its latest check-in. */
export type TargetView = Target & { latest: Checkin | null };

/** What the creation form posts (`NewTarget` in src/model/target.ts). */
export interface NewTargetBody {
  kpi_id: string;
  scope: string;
  kind: TargetKind;
  title: string;
  start_date: string;
  cadence: 'week' | 'month';
}

const path = (id: string) => `/api/v1/targets/${encodeURIComponent(id)}`;

/** The targets routes; POSTs go through the session client, so they carry the CSRF token. */
export const targetsApi = {
  list: () => send<TargetView[]>('GET', '/api/v1/targets', undefined, true),
  create: (body: NewTargetBody) => send<TargetView>('POST', '/api/v1/targets', body, true),
  update: (id: string, patch: TargetPatch) => send<TargetView>('PATCH', path(id), patch, true),
  remove: (id: string) => send<{ ok: true }>('DELETE', path(id), undefined, true),
  checkins: (id: string) => send<Checkin[]>('GET', `${path(id)}/checkins`, undefined, true),
  note: (id: string, period: string, note: string | null, confidence: Confidence | null) =>
    send<Checkin>(
      'POST',
      `${path(id)}/checkins/${encodeURIComponent(period)}/note`,
      { note, confidence },
      true,
    ),
};
