import { clientIdOf } from './actor-ids.js';
import { type Json, str } from './json-access.js';
import type { MapContext } from './map-context.js';
import { detectInstrument } from './questionnaire-instrument.js';
import { scoreResponse } from './questionnaire-score.js';
import type { LoadedResource } from './types.js';

const DONE = ['completed', 'amended'];

/** The Questionnaire a response answers, when it is in the input (by canonical url or id). */
function questionnaireOf(ctx: MapContext, canonical: string | undefined): Json | undefined {
  if (!canonical) return undefined;
  const byUrl = ctx.index.canonical(canonical);
  if (byUrl?.type === 'Questionnaire') return byUrl.resource;
  const id = /(?:^|\/)Questionnaire\/([^/|]+)/.exec(canonical)?.[1];
  return id ? ctx.index.get('Questionnaire', id)?.resource : undefined;
}

/**
 * QuestionnaireResponse → survey for PHQ-9, GAD-7 and configured satisfaction questionnaires.
 * The score is recomputed from the answers; a stored total that disagrees is a warning.
 */
export function mapQuestionnaireResponse(
  ctx: MapContext,
  r: LoadedResource,
  globalOrdinals: Map<string, number>,
): void {
  const res = r.resource;
  const status = str(res.status);
  if (!status || !DONE.includes(status)) {
    return ctx.note(
      'info',
      'skipped_status',
      `QuestionnaireResponse is ${status ?? 'without status'}; not stored`,
      `${r.path}.status`,
    );
  }
  const canonical = str(res.questionnaire);
  const questionnaire = questionnaireOf(ctx, canonical);
  const instrument = detectInstrument(
    canonical,
    questionnaire,
    ctx.options.satisfactionQuestionnaires ?? [],
  );
  if (!instrument) {
    const name = canonical ? `questionnaire ${canonical}` : 'a response without questionnaire';
    return ctx.note(
      'info',
      'unsupported_instrument',
      `${name} is not PHQ-9, GAD-7 or a configured satisfaction survey; not stored`,
      `${r.path}.questionnaire`,
    );
  }
  const client =
    clientIdOf(ctx, res.subject, `${r.path}.subject`) ??
    clientIdOf(ctx, res.source, `${r.path}.source`) ??
    clientIdOf(ctx, res.author, `${r.path}.author`);
  const authored = str(res.authored);
  if (!r.id || !client || !authored) {
    const missing = [!r.id && 'id', !client && 'a Patient subject', !authored && 'authored'].filter(
      Boolean,
    );
    return ctx.note(
      'warning',
      'missing_value',
      `QuestionnaireResponse has no ${missing.join(', ')}; skipped`,
      r.path,
    );
  }
  const score = scoreResponse(res, questionnaire, instrument, globalOrdinals);
  if (!score) {
    return ctx.note(
      'warning',
      'missing_value',
      `no ${instrument.instrument} item answer has a score value; skipped`,
      `${r.path}.item`,
    );
  }
  if (score.stored && score.stored.value !== score.score) {
    ctx.note(
      'warning',
      'score_mismatch',
      `stored total ${score.stored.value} disagrees with the sum of the answers ${score.score}; ${score.score} is kept`,
      `${r.path}.item(${score.stored.linkId})`,
    );
  }
  if (score.expected !== null && score.answered < score.expected) {
    ctx.note(
      'warning',
      'incomplete_score',
      `${score.answered} of ${score.expected} ${instrument.instrument} items answered; the score sums those`,
      `${r.path}.item`,
    );
  }
  ctx.put(
    'surveys',
    r.id,
    {
      response_id: r.id,
      client_id: client,
      responded_at: authored,
      score: score.score,
      scale_max: score.scaleMax,
      instrument: instrument.instrument,
    },
    r.path,
  );
}
