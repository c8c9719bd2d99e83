import { z } from 'zod';
import {
  currency,
  id,
  instant,
  money,
  minutes,
  optionalEnum,
  optionalInstant,
  ref,
  requiredEnum,
  text,
} from './fields.js';

export const APPOINTMENT_STATUSES = [
  'booked',
  'completed',
  'no_show',
  'cancelled',
  'late_cancelled',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const CANCELLED_BY = ['client', 'therapist', 'practice'] as const;

/** A scheduled session and what became of it. */
export const appointmentSchema = (timeZone: string) =>
  z
    .object({
      appointment_id: id(),
      client_id: id(),
      therapist_id: id(),
      scheduled_start: instant(timeZone),
      status: requiredEnum(APPOINTMENT_STATUSES),
      service: text(),
      requested_at: optionalInstant(timeZone),
      booked_at: optionalInstant(timeZone),
      scheduled_end: optionalInstant(timeZone),
      duration_min: minutes(),
      cancelled_at: optionalInstant(timeZone),
      cancelled_by: optionalEnum(CANCELLED_BY),
      actual_duration_min: minutes(),
      slot_id: ref(),
      price: money(),
      currency: currency(),
    })
    .superRefine((a, ctx) => {
      if (a.scheduled_end !== null && a.scheduled_end < a.scheduled_start) {
        ctx.addIssue({
          code: 'custom',
          path: ['scheduled_end'],
          message: 'is before scheduled_start (negative duration)',
        });
      }
      if (a.requested_at !== null && a.booked_at !== null && a.booked_at < a.requested_at) {
        ctx.addIssue({ code: 'custom', path: ['booked_at'], message: 'is before requested_at' });
      }
    });

export type Appointment = z.output<ReturnType<typeof appointmentSchema>>;

/**
 * The practice's late-cancellation rule: a client (or unattributed) cancellation made less than
 * `noticeMs` before the start counts as late, whatever the source called it.
 */
export function effectiveStatus(
  a: Pick<Appointment, 'status' | 'cancelled_at' | 'cancelled_by' | 'scheduled_start'>,
  noticeMs: number,
): AppointmentStatus {
  if (
    a.status === 'cancelled' &&
    a.cancelled_at !== null &&
    (a.cancelled_by === null || a.cancelled_by === 'client') &&
    a.scheduled_start - a.cancelled_at < noticeMs
  ) {
    return 'late_cancelled';
  }
  return a.status;
}

/** Minutes a completed session lasted: actual, else scheduled end − start, else duration_min. */
export function sessionMinutes(
  a: Pick<
    Appointment,
    'actual_duration_min' | 'scheduled_end' | 'scheduled_start' | 'duration_min'
  >,
): number | null {
  if (a.actual_duration_min !== null) return a.actual_duration_min;
  if (a.scheduled_end !== null) return (a.scheduled_end - a.scheduled_start) / 60_000;
  return a.duration_min;
}
