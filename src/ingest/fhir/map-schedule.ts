import { therapistIdOf } from './actor-ids.js';
import { obj, objs, str } from './json-access.js';
import { instantMs, type MapContext } from './map-context.js';
import { serviceOf } from './map-appointment.js';
import type { LoadedResource } from './types.js';

/** The therapists among a Schedule's actors (Practitioner or PractitionerRole). */
export function scheduleTherapists(ctx: MapContext, schedule: LoadedResource): string[] {
  const ids = objs(schedule.resource.actor)
    .map((a, i) => therapistIdOf(ctx, a, `${schedule.path}.actor[${i}]`))
    .filter((x): x is string => x !== undefined);
  return [...new Set(ids)];
}

/** Schedule with a practitioner actor → one availability block per therapist (planningHorizon). */
export function mapSchedule(ctx: MapContext, r: LoadedResource): void {
  if (r.resource.active === false) {
    return ctx.note(
      'info',
      'skipped_status',
      'Schedule is not active; no availability',
      `${r.path}.active`,
    );
  }
  const therapists = scheduleTherapists(ctx, r);
  if (therapists.length === 0) {
    return ctx.note(
      'info',
      'missing_value',
      'Schedule has no Practitioner actor; no availability',
      `${r.path}.actor`,
    );
  }
  const horizon = obj(r.resource.planningHorizon);
  const start = str(horizon?.start);
  const end = str(horizon?.end);
  if (!start || !end) {
    return ctx.note(
      'info',
      'missing_value',
      'Schedule has no bounded planningHorizon; no availability',
      `${r.path}.planningHorizon`,
    );
  }
  for (const therapist of therapists) {
    const key = `${therapist}|${instantMs(start) ?? start}`;
    const prev = ctx.get('availability', key);
    if (prev && (instantMs(str(prev.record.end)) ?? 0) >= (instantMs(end) ?? 0)) {
      ctx.note(
        'info',
        'duplicate_resource',
        `availability of ${therapist} from ${start} already given by ${prev.path}`,
        `${r.path}.planningHorizon`,
      );
      continue;
    }
    ctx.put('availability', key, { therapist_id: therapist, start, end }, r.path);
  }
}

const OFFERED = ['free', 'busy', 'busy-tentative'];

/** Slot → slot (free or busy: offered); its therapist is the Schedule's practitioner actor. */
export function mapSlot(ctx: MapContext, r: LoadedResource): void {
  const status = str(r.resource.status);
  if (!status || !OFFERED.includes(status)) {
    return ctx.note(
      'info',
      'skipped_status',
      `Slot is ${status ?? 'without status'}, not an offered slot; not stored`,
      `${r.path}.status`,
    );
  }
  const schedule = ctx.resolve(r.resource.schedule, `${r.path}.schedule`, 'Schedule');
  const therapist = schedule?.resource ? scheduleTherapists(ctx, schedule.resource)[0] : undefined;
  if (!therapist) {
    const why = schedule?.resource ? 'has no Practitioner actor' : 'is not in the input';
    return ctx.note(
      'warning',
      'unknown_reference',
      `the Slot's Schedule ${why}; no therapist, slot skipped`,
      `${r.path}.schedule`,
    );
  }
  const start = str(r.resource.start);
  const end = str(r.resource.end);
  if (!r.id || !start || !end) {
    return ctx.note('warning', 'missing_value', 'Slot has no id, start or end; skipped', r.path);
  }
  const service = serviceOf(r.resource) ?? serviceOf(schedule!.resource!.resource);
  ctx.put('slots', r.id, { slot_id: r.id, therapist_id: therapist, start, end, service }, r.path);
}
