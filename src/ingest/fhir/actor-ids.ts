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

/** Client id from a Patient reference. */
export function clientIdOf(ctx: MapContext, ref: unknown, path: string): string | undefined {
  const r = ctx.resolve(ref, path);
  return r?.type === 'Patient' ? r.id : undefined;
}

/** The kind of user a reference names: client (Patient) or therapist (Practitioner[Role]). */
export function userOf(
  ctx: MapContext,
  ref: unknown,
  path: string,
): { type: 'client' | 'therapist'; id: string } | undefined {
  const r = ctx.resolve(ref, path);
  if (r?.type === 'Patient' && r.id) return { type: 'client', id: r.id };
  if (r?.type === 'Practitioner' || r?.type === 'PractitionerRole') {
    const id = fromResolved(ctx, r, path);
    if (id) return { type: 'therapist', id };
  }
  return undefined;
}
