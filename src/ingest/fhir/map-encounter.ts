import { MAX_MINUTES } from '../../model/fields.js';
import { clientIdOf, therapistIdOf } from './actor-ids.js';
import { arr, num, obj, objs, str } from './json-access.js';
import { serviceTypeText } from './map-appointment.js';
import { instantMs, type MapContext } from './map-context.js';
import { sessionClass } from './session-class.js';
import type { LoadedResource } from './types.js';

const MINUTES: Record<string, number> = { s: 1 / 60, min: 1, h: 60, d: 1440 };

/** Minutes the encounter lasted: period end − start, else `length` converted to minutes. */
export function encounterMinutes(res: Record<string, unknown>): number | null {
  const period = obj(res.period);
  const start = instantMs(str(period?.start));
  const end = instantMs(str(period?.end));
  if (start !== undefined && end !== undefined && end >= start) {
    return Math.round((end - start) / 600) / 100;
  }
  const length = obj(res.length);
  const value = num(length?.value);
  const factor = MINUTES[str(length?.code) ?? str(length?.unit) ?? 'min'];
  return value !== undefined && factor !== undefined ? value * factor : null;
}

function practitionerOf(ctx: MapContext, r: LoadedResource): string | undefined {
  for (const [i, p] of objs(r.resource.participant).entries()) {
    const ref = p.individual ?? p.actor; // R4 individual, R5 actor
    const id = therapistIdOf(ctx, ref, `${r.path}.participant[${i}].individual`);
    if (id) return id;
  }
  return undefined;
}

/**
 * A finished Encounter of class AMB (ambulatory) or VR (virtual) is a completed session: it
 * completes its Appointment (adding the actual duration) when it references one that was mapped,
 * otherwise it is its own appointment record `enc-<id>`. Encounters of any other class
 * (inpatient, emergency, home health, …) are not sessions: counted by class, never stored nor
 * taken as the client's first session. Session encounters not finished are reported, not stored.
 * The service is the Encounter's serviceType (the service offered), never its type, reason or
 * diagnosis; without one it is empty.
 */
export function mapEncounter(ctx: MapContext, r: LoadedResource): void {
  const res = r.resource;
  const cls = sessionClass(res);
  if (!cls.session) return ctx.skipEncounter(cls.label, `${r.path}.class`);
  const status = str(res.status);
  const start = str(obj(res.period)?.start);
  const client = clientIdOf(ctx, res.subject ?? res.patient, `${r.path}.subject`);
  if (client && start && status !== 'entered-in-error') ctx.seen(client, start);
  if (status !== 'finished' && status !== 'completed') {
    return ctx.note(
      'info',
      'skipped_status',
      `Encounter is ${status ?? 'without status'}, not a finished session; not stored`,
      `${r.path}.status`,
    );
  }
  if (!r.id) return ctx.note('warning', 'missing_value', 'Encounter has no id; skipped', r.path);
  let minutes = encounterMinutes(res);
  let end = str(obj(res.period)?.end) ?? null;
  if (minutes !== null && minutes > MAX_MINUTES) {
    // A session of more than a day is no session length: keep the session, drop its duration.
    ctx.note(
      'warning',
      'invalid_value',
      `Encounter lasted ${Math.round(minutes)} min, more than a day; loaded as a session without a duration`,
      `${r.path}.period`,
    );
    minutes = null;
    end = null;
  }
  for (const [i, ref] of arr(res.appointment).entries()) {
    const appt = ctx.resolve(ref, `${r.path}.appointment[${i}]`, 'Appointment');
    const linked = appt?.id ? ctx.get('appointments', appt.id) : undefined;
    if (!linked) continue;
    linked.record.status = 'completed';
    linked.record.cancelled_at = null;
    linked.record.cancelled_by = null;
    linked.record.actual_duration_min = minutes ?? linked.record.actual_duration_min;
    ctx.encounterAppointment.set(r.id, appt!.id!);
    return;
  }
  const therapist = practitionerOf(ctx, r);
  const missing = [
    !start && 'period.start',
    !client && 'a Patient subject',
    !therapist && 'a Practitioner participant',
  ].filter(Boolean);
  if (missing.length > 0) {
    return ctx.note(
      'warning',
      'missing_value',
      `finished Encounter has no ${missing.join(', ')}; skipped`,
      r.path,
    );
  }
  const id = `enc-${r.id}`;
  ctx.encounterAppointment.set(r.id, id);
  ctx.put(
    'appointments',
    id,
    {
      appointment_id: id,
      client_id: client,
      therapist_id: therapist,
      scheduled_start: start,
      status: 'completed',
      service: serviceTypeText(res.serviceType) ?? null,
      requested_at: null,
      booked_at: null,
      scheduled_end: end,
      duration_min: null,
      cancelled_at: null,
      cancelled_by: null,
      actual_duration_min: minutes,
      slot_id: null,
      price: null,
      currency: null,
    },
    r.path,
  );
}
