import type { AppointmentStatus } from '../../model/appointment.js';
import { codings } from './codeable.js';
import { str } from './json-access.js';

/** What an Appointment.status becomes: a stored status, a booking request, or dropped. */
export type StatusOutcome =
  | { kind: 'status'; status: AppointmentStatus }
  | { kind: 'request' }
  | { kind: 'drop'; reason: string };

const TABLE: Record<string, StatusOutcome> = {
  fulfilled: { kind: 'status', status: 'completed' },
  noshow: { kind: 'status', status: 'no_show' },
  cancelled: { kind: 'status', status: 'cancelled' },
  booked: { kind: 'status', status: 'booked' },
  pending: { kind: 'status', status: 'booked' },
  arrived: { kind: 'status', status: 'booked' },
  'checked-in': { kind: 'status', status: 'booked' },
  proposed: { kind: 'request' },
  waitlist: { kind: 'request' },
  'entered-in-error': { kind: 'drop', reason: 'entered in error' },
};

/** Maps an R4 Appointment.status (unknown values are dropped with their text). */
export const appointmentStatus = (status: string | undefined): StatusOutcome =>
  (status && TABLE[status]) || { kind: 'drop', reason: `unknown status "${status ?? ''}"` };

/**
 * Who cancelled, from cancelationReason codes (appointment-cancellation-reason): `pat*` → client,
 * `prov*` → therapist, `maint`, `meet`, `meds-inc`, `oth*` → practice; anything else → null.
 */
export function cancelledBy(reason: unknown): 'client' | 'therapist' | 'practice' | null {
  for (const c of codings(reason)) {
    const code = str(c.code)?.toLowerCase();
    if (!code) continue;
    const head = code.split('-')[0]!;
    if (head === 'pat') return 'client';
    if (head === 'prov') return 'therapist';
    if (['maint', 'meet', 'meds', 'oth', 'other'].includes(head)) return 'practice';
  }
  return null;
}
