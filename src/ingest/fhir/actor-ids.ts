import { pseudonymousId } from '../presets/pseudonymous-id.js';
import type { Json } from './json-access.js';
import type { MapContext } from './map-context.js';
import type { Resolved } from './resolve-reference.js';

/** The practitioner id a PractitionerRole stands for (its own id when it names none). */
export function practitionerIdOfRole(
  ctx: MapContext,
  role: Json,
  roleId: string | undefined,
  path: string,
): string | undefined {
  const p = ctx.resolve(role.practitioner, `${path}.practitioner`, 'Practitioner');
  return p?.id ?? roleId;
}

/** Therapist id from a Practitioner or PractitionerRole reference (a role → its practitioner). */
export function therapistIdOf(ctx: MapContext, ref: unknown, path: string): string | undefined {
  return fromResolved(ctx, ctx.resolve(ref, path, 'Practitioner'), path);
}

function fromResolved(ctx: MapContext, r: Resolved | undefined, path: string): string | undefined {
  if (r?.type === 'Practitioner') return r.id;
  if (r?.type !== 'PractitionerRole') return undefined;
  return r.resource ? practitionerIdOfRole(ctx, r.resource.resource, r.id, path) : r.id;
}

/**
 * The client id of a Patient's logical id: a keyed hash with the practice key, so the FHIR ids
 * (often record numbers) never reach the store. Practitioner ids stay as they are, like the
 * presets' therapist id columns: therapists are not pseudonymous.
 */
export const clientKey = (ctx: MapContext, patientId: string): string =>
  pseudonymousId('client', patientId, ctx.options.hashKey);

/** Client id from a Patient reference (hashed, see clientKey). */
export function clientIdOf(ctx: MapContext, ref: unknown, path: string): string | undefined {
  const r = ctx.resolve(ref, path);
  return r?.type === 'Patient' && r.id ? clientKey(ctx, r.id) : undefined;
}

/** The kind of user a reference names: client (Patient) or therapist (Practitioner[Role]). */
export function userOf(
  ctx: MapContext,
  ref: unknown,
  path: string,
): { type: 'client' | 'therapist'; id: string } | undefined {
  const r = ctx.resolve(ref, path);
  if (r?.type === 'Patient' && r.id) return { type: 'client', id: clientKey(ctx, r.id) };
  if (r?.type === 'Practitioner' || r?.type === 'PractitionerRole') {
    const id = fromResolved(ctx, r, path);
    if (id) return { type: 'therapist', id };
  }
  return undefined;
}
