import { userOf } from './actor-ids.js';
import { appointmentStatus, cancelledBy } from './appointment-status.js';
import { conceptText } from './codeable.js';
import { num, obj, objs, str } from './json-access.js';
import type { MapContext } from './map-context.js';
import type { LoadedResource } from './types.js';

/** The text of a serviceType (R4 CodeableConcept[], R5 CodeableReference[]): text, display, code. */
export const serviceTypeText = (serviceType: unknown): string | undefined =>
  objs(serviceType)
    .map((s) => conceptText(obj(s.concept) ?? s))
    .find(Boolean);

/** The service of an Appointment/Slot: serviceType, else appointmentType, text or display. */
export const serviceOf = (res: Record<string, unknown>): string | null =>
  serviceTypeText(res.serviceType) ?? conceptText(res.appointmentType) ?? null;

/** The first Patient and the first Practitioner[Role] participant, as client and therapist. */
function actors(ctx: MapContext, r: LoadedResource) {
  let client: string | undefined;
  let therapist: string | undefined;
  objs(r.resource.participant).forEach((p, i) => {
    const at = `${r.path}.participant[${i}].actor`;
    const user = userOf(ctx, p.actor, at);
    if (user?.type === 'client') client ??= user.id;
    if (user?.type === 'therapist') therapist ??= user.id;
  });
  return { client, therapist };
}

/** Appointment → appointment (proposed/waitlist without a time are booking requests only). */
export function mapAppointment(ctx: MapContext, r: LoadedResource): void {
  const res = r.resource;
  const outcome = appointmentStatus(str(res.status));
  if (outcome.kind === 'drop') {
    return ctx.note(
      'info',
      'skipped_status',
      `Appointment ${outcome.reason}; dropped`,
      `${r.path}.status`,
    );
  }
  const start = str(res.start);
  const { client, therapist } = actors(ctx, r);
  if (client && start) ctx.seen(client, start);
  if (outcome.kind === 'request' && !start) {
    const created = str(res.created);
    return ctx.note(
      'info',
      'booking_request',
      `booking request without a time (status ${str(res.status)}, requested_at ${created ?? 'unknown'}); not stored as an appointment`,
      `${r.path}.start`,
    );
  }
  const missing = [
    !r.id && 'id',
    !start && 'start',
    !client && 'a Patient participant',
    !therapist && 'a Practitioner participant',
  ].filter(Boolean);
  if (missing.length > 0) {
    return ctx.note(
      'warning',
      'missing_value',
      `Appointment has no ${missing.join(', ')}; skipped`,
      r.path,
    );
  }
  const status = outcome.kind === 'status' ? outcome.status : 'booked';
  const meta = obj(res.meta);
  const slot = objs(res.slot)[0];
  ctx.put(
    'appointments',
    r.id!,
    {
      appointment_id: r.id,
      client_id: client,
      therapist_id: therapist,
      scheduled_start: start,
      status,
      service: serviceOf(res),
      requested_at: str(res.created) ?? null,
      booked_at: null,
      scheduled_end: str(res.end) ?? null,
      duration_min: num(res.minutesDuration) ?? null,
      cancelled_at:
        status === 'cancelled'
          ? (str(res.cancellationDate) ?? str(meta?.lastUpdated) ?? null)
          : null,
      cancelled_by:
        status === 'cancelled'
          ? cancelledBy(res.cancelationReason ?? res.cancellationReason)
          : null,
      actual_duration_min: null,
      slot_id: slot ? (ctx.resolve(slot, `${r.path}.slot[0]`, 'Slot')?.id ?? null) : null,
      price: null,
      currency: null,
    },
    r.path,
  );
}
