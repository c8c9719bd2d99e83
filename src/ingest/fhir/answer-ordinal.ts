import { type Json, num, obj, objs, str } from './json-access.js';
import type { ResourceIndex } from './resource-index.js';

const ORDINAL_URLS = [
  'http://hl7.org/fhir/StructureDefinition/ordinalValue',
  'http://hl7.org/fhir/StructureDefinition/itemWeight',
  'http://hl7.org/fhir/StructureDefinition/iso21090-CO-value',
];

/** LOINC answers of the PHQ/GAD frequency scale (LL358-3). */
const LOINC_ANSWERS: Record<string, number> = {
  'LA6568-5': 0,
  'LA6569-3': 1,
  'LA6570-1': 2,
  'LA6571-9': 3,
};

/** The same scale by answer text, for responses whose codes are local (the SDC example). */
const FREQUENCY_TEXT: Record<string, number> = {
  notatall: 0,
  severaldays: 1,
  morethanhalfthedays: 2,
  nearlyeveryday: 3,
};

/** The ordinalValue / itemWeight extension of an element, when present. */
export function ordinalExtension(element: unknown): number | undefined {
  const ext = objs(obj(element)?.extension).find((e) => ORDINAL_URLS.includes(str(e.url) ?? ''));
  return ext ? num(ext.valueDecimal ?? ext.valueInteger) : undefined;
}

/** code (and system|code) → ordinal, from ValueSet compose concepts and CodeSystem concepts. */
export function conceptOrdinals(resources: Json[], into = new Map<string, number>()) {
  const visit = (system: string | undefined, concepts: Json[]) => {
    for (const c of concepts) {
      const code = str(c.code);
      const value = ordinalExtension(c);
      if (code && value !== undefined) {
        into.set(`${system ?? ''}|${code}`, value);
        if (!into.has(code)) into.set(code, value);
      }
      visit(system, objs(c.concept));
    }
  };
  for (const r of resources) {
    if (r.resourceType === 'CodeSystem') visit(str(r.url), objs(r.concept));
    for (const inc of objs(obj(r.compose)?.include)) visit(str(inc.system), objs(inc.concept));
  }
  return into;
}

/** Ordinals known to the whole read: every loaded CodeSystem and ValueSet. */
export function globalOrdinals(index: ResourceIndex): Map<string, number> {
  const sources = [...index.ofType('CodeSystem'), ...index.ofType('ValueSet')].map(
    (r) => r.resource,
  );
  return conceptOrdinals(sources);
}

/**
 * The ordinal of one answer: valueInteger/valueDecimal as is; a valueCoding by its own
 * ordinalValue/itemWeight extension, the Questionnaire's answerOption or (contained) value sets,
 * the LOINC LL358-3 answer codes, or the standard PHQ/GAD frequency answer text.
 */
export function answerOrdinal(
  answer: Json,
  options: Json[],
  ordinals: Map<string, number>,
): number | undefined {
  const direct = num(answer.valueInteger ?? answer.valueDecimal);
  if (direct !== undefined) return direct;
  const coding = obj(answer.valueCoding);
  if (!coding) return undefined;
  const code = str(coding.code);
  const system = str(coding.system);
  const own = ordinalExtension(coding);
  if (own !== undefined) return own;
  const option = options.find((o) => {
    const oc = obj(o.valueCoding);
    return oc && str(oc.code) === code && (!system || !str(oc.system) || str(oc.system) === system);
  });
  const fromOption = option && (ordinalExtension(option) ?? ordinalExtension(option.valueCoding));
  if (fromOption !== undefined) return fromOption;
  if (code) {
    const known =
      ordinals.get(`${system ?? ''}|${code}`) ?? ordinals.get(code) ?? LOINC_ANSWERS[code];
    if (known !== undefined) return known;
  }
  const text = (str(coding.display) ?? code ?? '').toLowerCase().replace(/[^a-z]/g, '');
  return FREQUENCY_TEXT[text];
}
