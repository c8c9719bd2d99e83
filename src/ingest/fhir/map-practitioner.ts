import { practitionerIdOfRole } from './actor-ids.js';
import { codings, conceptText } from './codeable.js';
import { arr, type Json, obj, objs, str } from './json-access.js';
import { instantMs, type MapContext } from './map-context.js';
import type { LoadedResource } from './types.js';

/** A person's name as one line: text, else prefix given family. */
export function humanName(names: unknown): string | null {
  const n = objs(names).find((x) => x.use === 'official') ?? objs(names)[0];
  if (!n) return null;
  const text = str(n.text);
  if (text) return text;
  const parts = [...arr(n.prefix), ...arr(n.given), n.family].map(str).filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

function therapist(ctx: MapContext, id: string, path: string): Record<string, unknown> {
  const existing = ctx.get('therapists', id);
  if (existing) return existing.record;
  const record: Record<string, unknown> = {
    therapist_id: id,
    display_name: null,
    specialties: [],
    languages: [],
    modalities: [],
    max_sessions_per_day: null,
    max_sessions_per_week: null,
    active_from: null,
    active_to: null,
  };
  ctx.put('therapists', id, record, path);
  return record;
}

const addAll = (list: unknown, values: (string | undefined)[]) => {
  const l = list as string[];
  for (const v of values) if (v && !l.includes(v)) l.push(v);
};

/** Practitioner → therapist (display name and languages; staff names are not client data). */
export function mapPractitioner(ctx: MapContext, r: LoadedResource): void {
  if (!r.id) return ctx.note('warning', 'missing_value', 'Practitioner has no id; skipped', r.path);
  const t = therapist(ctx, r.id, r.path);
  ctx.get('therapists', r.id)!.path = r.path; // a role may have created it first
  t.display_name = humanName(r.resource.name) ?? t.display_name;
  // R4: communication is CodeableConcept[]; R5: {language: CodeableConcept}[].
  const langs = objs(r.resource.communication).map((c) => conceptText(obj(c.language) ?? c));
  addAll(t.languages, langs);
}

/** PractitionerRole → the practitioner's therapist record: specialties and active period. */
export function mapPractitionerRole(ctx: MapContext, r: LoadedResource): void {
  const id = practitionerIdOfRole(ctx, r.resource, r.id, r.path);
  if (!id)
    return ctx.note('warning', 'missing_value', 'PractitionerRole has no id; skipped', r.path);
  const t = therapist(ctx, id, r.path);
  if (t.display_name === null) t.display_name = str(obj(r.resource.practitioner)?.display) ?? null;
  const specialties = objs(r.resource.specialty).flatMap((cc) => {
    const cs = codings(cc).map((c) => str(c.display) ?? str(c.code));
    return cs.length > 0 ? cs : [str(cc.text)];
  });
  addAll(t.specialties, specialties);
  widenPeriod(t, obj(r.resource.period));
}

/** Therapists with a role that has no end: they stay active whatever other roles say. */
const openEnded = new WeakSet<Json>();

/** Several roles of one practitioner: the earliest start, and no end while any role is open. */
function widenPeriod(t: Json, period: Json | undefined): void {
  if (!period) return;
  const start = str(period.start);
  const end = str(period.end);
  const from = str(t.active_from);
  if (start && (!from || (instantMs(start) ?? 0) < (instantMs(from) ?? 0))) t.active_from = start;
  if (!end) {
    openEnded.add(t);
    t.active_to = null;
    return;
  }
  const to = str(t.active_to);
  if (openEnded.has(t)) return;
  if (!to || (instantMs(end) ?? 0) > (instantMs(to) ?? 0)) t.active_to = end;
}
