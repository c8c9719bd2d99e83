import { type Json, obj, objs, str } from './json-access.js';

/** The codings of a CodeableConcept. */
export const codings = (cc: unknown): Json[] => objs(obj(cc)?.coding);

/** Human text of a CodeableConcept: its text, else the first coding display, else code. */
export function conceptText(cc: unknown): string | undefined {
  const c = obj(cc);
  if (!c) return undefined;
  const cs = codings(c);
  return (
    str(c.text) ??
    cs.map((x) => str(x.display)).find(Boolean) ??
    cs.map((x) => str(x.code)).find(Boolean)
  );
}

/** True when any coding of the concepts has one of the codes (system ignored when omitted). */
export function hasCode(concepts: unknown[], codes: readonly string[], system?: string): boolean {
  return concepts.some((cc) =>
    codings(cc).some(
      (c) =>
        typeof c.code === 'string' &&
        codes.includes(c.code) &&
        (system === undefined || c.system === system),
    ),
  );
}

/** Coding values directly (Coding objects, not CodeableConcepts), e.g. AuditEvent.type. */
export const codingHas = (codingsIn: unknown[], codes: readonly string[]): boolean =>
  objs(codingsIn).some((c) => typeof c.code === 'string' && codes.includes(c.code));
