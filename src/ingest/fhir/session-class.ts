import { type Json, arr, obj, objs, str } from './json-access.js';

/** Encounter classes that are therapy sessions: ambulatory and virtual (v3 ActCode). */
export const SESSION_CLASSES = ['AMB', 'VR'] as const;

/** The v3 ActCode systems (R4/R5 terminology URL, and the older STU3 one); none means unsaid. */
const ACT_CODE = [
  'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  'http://hl7.org/fhir/v3/ActCode',
];

/**
 * The codings an Encounter.class holds in any of its shapes: an R4 Coding, an R5
 * CodeableConcept[], a single CodeableConcept, or an array of Codings.
 */
function classCodings(value: unknown): Json[] {
  return arr(value).flatMap((c) => {
    const o = obj(c);
    if (!o) return [];
    return o.coding !== undefined ? objs(o.coding) : [o];
  });
}

/**
 * Whether an Encounter is of a session class, and the class to count it under when it is not:
 * its first code (AMB/VR from another system are shown with that system), else `no class`.
 */
export function sessionClass(
  encounter: Json,
): { session: true } | { session: false; label: string } {
  const cs = classCodings(encounter.class);
  const isSession = cs.some((c) => {
    const code = str(c.code);
    const system = str(c.system);
    return (
      code !== undefined &&
      (SESSION_CLASSES as readonly string[]).includes(code) &&
      (system === undefined || ACT_CODE.includes(system))
    );
  });
  if (isSession) return { session: true };
  const first = cs.find((c) => str(c.code));
  if (!first) return { session: false, label: 'no class' };
  const code = str(first.code)!;
  const system = str(first.system);
  const foreign = system !== undefined && !ACT_CODE.includes(system);
  return { session: false, label: foreign ? `${system}|${code}` : code };
}
