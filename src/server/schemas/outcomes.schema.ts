/**
 * The answer of GET /api/v1/outcomes: the outcome KPIs of kpi-spec.md ("Outcomes:
 * measurement-based care") for one period and scope, with what the Outcomes page draws.
 *
 * An *episode* is a client's spell of care (completed sessions no more than the active window
 * apart); it has an *outcome* on an instrument (PHQ-9, GAD-7) when it has ≥ 2 completed sessions
 * and ≥ 2 scores of it (baseline = first score, up to 14 days before the first session; latest =
 * last score). An episode belongs to the period holding its latest score.
 *
 * Fields:
 * - `practice`, `from`, `to` (local days, inclusive, like /kpis), `timezone`, `profile`: what was
 *   asked, with the practice's zone and the benchmark profile used.
 * - `scope`: the filter the figures are restricted to (therapist, service and/or channel); empty
 *   for the whole practice.
 * - `kpis`: the seven outcome KPIs for the scope over from..to, each a KpiResult exactly as in
 *   /kpis (value, numerator, denominator, n, ci, band, status, reason).
 * - `practice_kpis`: only with `therapist=`: the same seven for the whole practice (no scope), to
 *   compare a therapist's figures with.
 * - `trend`: one entry per local calendar month (`period` YYYY-MM, its first and last local day
 *   `from`/`to`, the last one ending at `to`), covering from..to and at least the 12 months
 *   ending at `to`; `results` holds four of the KPIs (OUTCOME_TREND_IDS) for the scope and month.
 * - `change`: per instrument, the distribution of (latest − baseline) over the scope's episodes
 *   with an outcome on it (negative = fewer symptoms): `bins` one per integer change that occurs,
 *   ascending, `median`, and `episodes` counted; null when suppressed (1–4 such episodes).
 * - `coverage`: the scope's episodes eligible for an outcome (client served in the period, ≥ 2
 *   completed sessions), those with an outcome, and why the others have none (no score at all,
 *   or too few that count); every count null when `suppressed` (1–4 eligible episodes).
 * - `severity`: one row per instrument and severity band at baseline (PHQ-9 minimal 0–4, mild
 *   5–9, moderate 10–14, moderately_severe 15–19, severe 20–27; GAD-7 minimal 0–4, mild 5–9,
 *   moderate 10–14, severe 15–21): the episodes with an outcome on that instrument whose baseline
 *   falls in the band, and their reliable improvement rate (a KpiResult; episodes null and the
 *   result `suppressed` for 1–4 episodes).
 * - `therapist_spread`: owner and admin only, and only without `therapist=` (else null): how the
 *   therapists' reliable improvement rates are distributed, as 10-point bins of the rate
 *   (`from` inclusive, `to` exclusive, the last bin 90–100 inclusive) counting therapists. Only
 *   therapists with ≥ 5 episodes with an outcome enter the bins (`therapists_counted`); those with
 *   1–4 are only counted (`therapists_suppressed`). Anonymous: no ids, no names, no order by
 *   therapist.
 * - `note`: says that the latest period's figures change as episodes go on.
 *
 * Small cells: every group (the scope, each trend month, each severity row, each therapist of
 * the spread) with 1–4 episodes in its denominator shows no figure and no counts.
 */
import { z } from 'zod';
import { PROFILES } from '../../model/practice.js';
import type { OutcomesReport as EngineReport } from '../../metrics/outcomes/outcomes-report.types.js';
import { ZKpiResult } from './kpi-report.schema.js';

const ZOutcomeKpis = z
  .object({
    reliable_improvement_rate: ZKpiResult,
    recovery_rate: ZKpiResult,
    reliable_recovery_rate: ZKpiResult,
    reliable_deterioration_rate: ZKpiResult,
    phq9_response_rate: ZKpiResult,
    phq9_remission_rate: ZKpiResult,
    outcome_coverage_rate: ZKpiResult,
  })
  .meta({ id: 'OutcomeKpis', description: 'the seven outcome KPIs, by id, in catalog order' });

const ZTrendKpis = z.object({
  reliable_improvement_rate: ZKpiResult,
  recovery_rate: ZKpiResult,
  reliable_deterioration_rate: ZKpiResult,
  outcome_coverage_rate: ZKpiResult,
});

const ZCount = z.number().int().min(0);

const ZChange = z
  .object({
    bins: z
      .array(z.object({ change: z.number().int(), episodes: ZCount }))
      .describe('one per integer change (latest − baseline) that occurs, ascending'),
    median: z.number().nullable().describe('null with no episode'),
    episodes: ZCount,
  })
  .nullable()
  .describe('null when suppressed: 1–4 episodes with an outcome on this instrument');

export const SEVERITY_BANDS = [
  'minimal',
  'mild',
  'moderate',
  'moderately_severe',
  'severe',
] as const;

export const ZOutcomesReport = z
  .object({
    practice: z.string(),
    from: z.string().describe('first local day, inclusive'),
    to: z.string().describe('last local day, inclusive'),
    timezone: z.string(),
    profile: z.enum(PROFILES),
    scope: z.object({
      therapist: z.string().optional(),
      service: z.string().optional(),
      channel: z.string().optional(),
    }),
    kpis: ZOutcomeKpis,
    practice_kpis: ZOutcomeKpis.optional().describe(
      'with therapist=: the same seven KPIs for the whole practice, for comparison',
    ),
    trend: z.array(
      z.object({
        period: z.string().describe('YYYY-MM, a local calendar month'),
        from: z.string(),
        to: z.string(),
        results: ZTrendKpis,
      }),
    ),
    change: z.object({ phq9: ZChange, gad7: ZChange }),
    coverage: z.object({
      status: z.enum(['ok', 'suppressed', 'no_data']),
      eligible: ZCount.nullable().describe('episodes of clients served, ≥ 2 completed sessions'),
      with_outcome: ZCount.nullable(),
      without: z.object({
        no_scores: ZCount.nullable().describe('no PHQ-9 or GAD-7 score in the episode'),
        one_score: ZCount.nullable().describe(
          'scores, but fewer than 2 of each instrument that count (a score more than 14 days before the first session does not)',
        ),
      }),
    }),
    severity: z.array(
      z.object({
        instrument: z.enum(['phq9', 'gad7']),
        band: z.enum(SEVERITY_BANDS),
        episodes: ZCount.nullable().describe('null when suppressed (1–4)'),
        reliable_improvement: ZKpiResult,
      }),
    ),
    therapist_spread: z
      .object({
        kpi: z.literal('reliable_improvement_rate'),
        bins: z.array(
          z.object({
            from: z.number().describe('percent, inclusive'),
            to: z.number().describe('percent, exclusive (100 inclusive in the last bin)'),
            therapists: ZCount,
          }),
        ),
        therapists_counted: ZCount,
        therapists_suppressed: ZCount.describe('therapists with 1–4 episodes, not in the bins'),
      })
      .nullable()
      .describe('owner and admin without therapist=; null otherwise'),
    note: z.string(),
  })
  .meta({ id: 'OutcomesReport' });
export type OutcomesReport = z.infer<typeof ZOutcomesReport>;

// The schema and the engine's type must describe the same document, or this fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameShape: Same<OutcomesReport, EngineReport> = true;
