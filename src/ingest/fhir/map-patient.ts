import { clientKey } from './actor-ids.js';
import { obj, str } from './json-access.js';
import type { MapContext } from './map-context.js';
import type { LoadedResource } from './types.js';

/**
 * Patient → client, known only by the keyed hash of its id: created_at is the first session start seen for the
 * patient (Appointment or Encounter), else meta.lastUpdated; birth date is not intake.
 * Names, e-mails and other demographics are never copied.
 */
export function mapPatient(ctx: MapContext, r: LoadedResource): void {
  if (!r.id) return ctx.note('warning', 'missing_value', 'Patient has no id; skipped', r.path);
  const id = clientKey(ctx, r.id);
  const created = ctx.firstSeen.get(id)?.text ?? str(obj(r.resource.meta)?.lastUpdated);
  if (!created) {
    return ctx.note(
      'warning',
      'missing_value',
      'no appointment, encounter or meta.lastUpdated gives an intake date; client skipped',
      `${r.path}.meta.lastUpdated`,
    );
  }
  ctx.put(
    'clients',
    id,
    { client_id: id, created_at: created, acquisition_channel: null, discharged_at: null },
    r.path,
  );
}
