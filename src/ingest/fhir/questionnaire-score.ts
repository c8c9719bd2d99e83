import { answerOrdinal, conceptOrdinals, ordinalExtension } from './answer-ordinal.js';
import { type Json, num, obj, objs, str } from './json-access.js';
import type { Instrument } from './questionnaire-instrument.js';

interface ItemDef {
  codes: string[];
  calculated: boolean;
  options: Json[];
}

const CALCULATED = /(calculatedExpression|cqf-expression)$/;

/** linkId → what the Questionnaire says of the item (codes, calculated, answer options). */
function itemDefs(questionnaire: Json | undefined): Map<string, ItemDef> {
  const defs = new Map<string, ItemDef>();
  const visit = (items: Json[]) => {
    for (const it of items) {
      const linkId = str(it.linkId);
      if (linkId) {
        defs.set(linkId, {
          codes: objs(it.code)
            .map((c) => str(c.code))
            .filter((c): c is string => !!c),
          calculated: objs(it.extension).some((e) => CALCULATED.test(str(e.url) ?? '')),
          options: objs(it.answerOption),
        });
      }
      visit(objs(it.item));
    }
  };
  visit(objs(questionnaire?.item));
  return defs;
}

interface Answered {
  linkId: string;
  text: string;
  answers: Json[];
}

/** Every QR item with answers, nested groups and answer sub-items included. */
function answeredItems(items: Json[], out: Answered[] = []): Answered[] {
  for (const it of items) {
    const answers = objs(it.answer);
    if (answers.length > 0) {
      out.push({ linkId: str(it.linkId) ?? '', text: str(it.text) ?? '', answers });
    }
    answeredItems(objs(it.item), out);
    for (const a of answers) answeredItems(objs(a.item), out);
  }
  return out;
}

const numericAnswer = (a: Json) =>
  num(a.valueInteger ?? a.valueDecimal ?? obj(a.valueQuantity)?.value);

export interface Score {
  score: number;
  scaleMax: number | null;
  answered: number;
  expected: number | null;
  stored: { value: number; linkId: string } | undefined;
}

/**
 * Recomputes an instrument's score from the item answers' ordinal values (the stored total, if
 * any, is returned apart for comparison, never trusted). PHQ-9/GAD-7 sum their items; a
 * satisfaction survey is the mean of its rated items. Undefined when no item has an ordinal.
 */
export function scoreResponse(
  qr: Json,
  questionnaire: Json | undefined,
  instrument: Instrument,
  global: Map<string, number>,
): Score | undefined {
  const defs = itemDefs(questionnaire);
  const ordinals = conceptOrdinals(objs(questionnaire?.contained), new Map(global));
  const has = (it: Answered, codes: readonly string[]) =>
    codes.some((c) => defs.get(it.linkId)?.codes.includes(c) || it.linkId.includes(c));
  let stored: Score['stored'];
  const candidates: { it: Answered; value: number; options: Json[] }[] = [];
  for (const it of answeredItems(objs(qr.item))) {
    const def = defs.get(it.linkId);
    const isTotal =
      has(it, instrument.totalCodes) ||
      def?.calculated === true ||
      (!def &&
        /total/i.test(`${it.text} ${it.linkId}`) &&
        numericAnswer(it.answers[0]!) !== undefined);
    if (isTotal) {
      const value = numericAnswer(it.answers[0]!);
      if (value !== undefined) stored ??= { value, linkId: it.linkId };
      continue;
    }
    if (has(it, instrument.excludedCodes) || (!def && /difficult/i.test(it.text))) continue;
    const value = answerOrdinal(it.answers[0]!, def?.options ?? [], ordinals);
    if (value !== undefined) candidates.push({ it, value, options: def?.options ?? [] });
  }
  const coded = candidates.filter((c) => has(c.it, instrument.itemCodes));
  const scored = coded.length > 0 ? coded : candidates;
  if (scored.length === 0) return undefined;
  const sum = scored.reduce((s, c) => s + c.value, 0);
  if (instrument.instrument !== 'csat') {
    return {
      score: sum,
      scaleMax: instrument.scaleMax,
      answered: scored.length,
      expected: instrument.itemCodes.length,
      stored,
    };
  }
  const maxOption = Math.max(
    ...scored.flatMap((c) =>
      c.options.map(
        (o) => ordinalExtension(o) ?? ordinalExtension(o.valueCoding) ?? num(o.valueInteger) ?? 0,
      ),
    ),
  );
  return {
    score: Math.round((sum / scored.length) * 100) / 100,
    scaleMax: Number.isFinite(maxOption) && maxOption > 0 ? maxOption : null,
    answered: scored.length,
    expected: null,
    stored,
  };
}
