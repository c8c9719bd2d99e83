import { type Json, objs, str } from './json-access.js';

/** A scored instrument: its name, maximum, LOINC panel/item/total codes. */
export interface Instrument {
  instrument: 'phq9' | 'gad7' | 'csat';
  scaleMax: number | null;
  /** LOINC codes of the scored items (empty: every answered item with an ordinal counts). */
  itemCodes: readonly string[];
  totalCodes: readonly string[];
  /** Items that are answered but not scored (the "how difficult" question). */
  excludedCodes: readonly string[];
}

export const PHQ9: Instrument = {
  instrument: 'phq9',
  scaleMax: 27,
  itemCodes: [
    '44250-9',
    '44255-8',
    '44259-0',
    '44254-1',
    '44251-7',
    '44258-2',
    '44252-5',
    '44253-3',
    '44260-8',
  ],
  totalCodes: ['44261-6'],
  excludedCodes: ['69722-7'],
};

export const GAD7: Instrument = {
  instrument: 'gad7',
  scaleMax: 21,
  itemCodes: ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7'],
  totalCodes: ['70274-6'],
  excludedCodes: ['69726-8'],
};

const CSAT: Instrument = {
  instrument: 'csat',
  scaleMax: null,
  itemCodes: [],
  totalCodes: [],
  excludedCodes: [],
};

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Which instrument a response answers, from its questionnaire canonical and, when loaded, the
 * Questionnaire's url, id, name, title and codes. Configured satisfaction questionnaires win.
 */
export function detectInstrument(
  canonical: string | undefined,
  questionnaire: Json | undefined,
  satisfaction: readonly string[],
): Instrument | undefined {
  const names = [
    canonical,
    questionnaire?.url,
    questionnaire?.id,
    questionnaire?.name,
    questionnaire?.title,
  ]
    .map(str)
    .filter((x): x is string => x !== undefined)
    .map((x) => x.split('|')[0]!);
  // Questionnaire.code is Coding[].
  const codes = objs(questionnaire?.code)
    .map((c) => str(c.code))
    .filter((x): x is string => x !== undefined);
  const wanted = satisfaction.map((s) => s.split('|')[0]!);
  if (
    names.some((n) => wanted.includes(n) || wanted.some((w) => n.endsWith(`/${w}`))) ||
    codes.some((c) => wanted.includes(c))
  ) {
    return CSAT;
  }
  const text = names.map(squash).join(' ');
  const panel = (code: string) => codes.includes(code) || names.some((n) => n.includes(code));
  if (panel('44249-1') || text.includes('phq9')) return PHQ9;
  if (panel('69737-5') || text.includes('gad7')) return GAD7;
  return undefined;
}
