import type { KpiId } from '../kpi-meta/kpi-meta.types.js';
import { MIN_EPISODES } from '../kpi-meta/outcome-kpi-ids.js';
import type { AdditivePart, Condition, KpiCompute, SpecialPart } from './catalog.types.js';

/** The computing half of every KPI of kpi-spec.md: parts and the formula over them. */

const CLOSED: Condition = {
  column: 'status',
  in: ['completed', 'no_show', 'cancelled', 'late_cancelled'],
};
const COMPLETED: Condition = { column: 'status', in: ['completed'] };
const BY_CLIENT: Condition = {
  any: [
    { column: 'cancelled_by', isNull: true },
    { column: 'cancelled_by', in: ['client'] },
  ],
};
const CSAT: Condition = { column: 'instrument', in: ['csat'] };
const WAIT_KNOWN: Condition = {
  all: [
    { column: 'requested_at', isNull: false },
    { column: 'booked_at', isNull: false },
  ],
};
const DURATION_KNOWN: Condition = {
  all: [
    COMPLETED,
    {
      any: [
        { column: 'actual_duration_min', isNull: false },
        { column: 'scheduled_end', isNull: false },
        { column: 'duration_min', isNull: false },
      ],
    },
  ],
};
const HOURS_PER_MS = 1 / 3_600_000;

const count = (source: string, filter?: Condition): AdditivePart => ({
  agg: 'count',
  source,
  ...(filter ? { filter } : {}),
});
const sum = (source: string, measure: AdditivePart['measure'], filter?: Condition) => ({
  ...count(source, filter),
  agg: 'sum' as const,
  measure,
});
const special = (name: string, output: string): SpecialPart => ({ special: name, output });
const clients = (output: string) => special('client_sets', output);
const episodes = (output: string) => special('outcomes', output);

const closed = count('appointments', CLOSED);
const completedMinutes = sum('appointments', { expr: 'session_minutes' }, COMPLETED);

const rate = (
  id: KpiId,
  parts: KpiCompute['parts'],
  num: string[],
  den: string,
  emptyReason: string,
): KpiCompute => ({
  id,
  unit: 'percent',
  parts,
  numerator: num.map((part) => ({ part })),
  denominator: [{ part: den }],
  scale: 100,
  interval: 'wilson',
  emptyReason,
});

const mean = (
  id: KpiId,
  unit: KpiCompute['unit'],
  parts: KpiCompute['parts'],
  total: string,
  n: string,
  emptyReason: string,
  factor = 1,
): KpiCompute => ({
  id,
  unit,
  parts,
  numerator: [{ part: total, factor }],
  denominator: [{ part: n }],
  scale: 1,
  interval: 'none',
  emptyReason,
});

const NO_START = 'no active clients at the start of the period';
const NO_CLOSED = 'no closed sessions scheduled in period';
const NO_NEW = 'no new clients in period';

export const KPI_COMPUTATIONS: KpiCompute[] = [
  {
    id: 'client_retention_rate',
    unit: 'percent',
    parts: { E: clients('active_end'), N: clients('new_clients'), S: clients('active_start') },
    numerator: [{ part: 'E' }, { part: 'N', factor: -1 }],
    denominator: [{ part: 'S' }],
    scale: 100,
    interval: 'none',
    emptyReason: NO_START,
    details: 'retention',
    // A client counted in S under one therapist can be in E under another: E − N per group
    // can go below zero or above S.
    undefinedPer: ['therapist', 'service'],
  },
  rate(
    'cohort_retention_rate',
    { retained: clients('retained'), S: clients('active_start') },
    ['retained'],
    'S',
    NO_START,
  ),
  rate(
    'session_completion_rate',
    { completed: count('appointments', COMPLETED), closed },
    ['completed'],
    'closed',
    NO_CLOSED,
  ),
  mean(
    'client_satisfaction_score',
    'score',
    { score_sum: sum('surveys', { expr: 'score_of_5' }, CSAT), responses: count('surveys', CSAT) },
    'score_sum',
    'responses',
    'no satisfaction (csat) survey answers in period',
  ),
  rate(
    'client_satisfaction_rate',
    { satisfied: sum('surveys', { expr: 'satisfied' }, CSAT), responses: count('surveys', CSAT) },
    ['satisfied'],
    'responses',
    'no satisfaction (csat) survey answers in period',
  ),
  rate(
    'survey_response_rate',
    { answered: clients('served_answered'), served: clients('served') },
    ['answered'],
    'served',
    'no clients served in period',
  ),
  {
    ...mean(
      'therapist_response_time',
      'hours',
      {
        wait: special('response_times', 'response_ms'),
        pairs: special('response_times', 'response_pairs'),
        unanswered: special('response_times', 'unanswered'),
      },
      'wait',
      'pairs',
      'no answered client messages in period',
      HOURS_PER_MS,
    ),
    details: 'response_times',
  },
  {
    ...rate(
      'platform_usage_rate',
      {
        active: special('platform_usage', 'active_users'),
        registered: special('platform_usage', 'registered_users'),
        active_clients: special('platform_usage', 'active_clients'),
        registered_clients: special('platform_usage', 'registered_clients'),
        active_therapists: special('platform_usage', 'active_therapists'),
        registered_therapists: special('platform_usage', 'registered_therapists'),
        unknown_activity_rows: special('platform_usage', 'unknown_activity_rows'),
      },
      ['active'],
      'registered',
      'no registered users in period',
    ),
    details: 'platform_usage',
  },
  mean(
    'avg_wait_time_to_book',
    'hours',
    {
      wait_ms: sum('bookings', { expr: 'wait_ms' }, WAIT_KNOWN),
      bookings: count('bookings', WAIT_KNOWN),
    },
    'wait_ms',
    'bookings',
    'no appointments booked in period with both request and booking times',
    HOURS_PER_MS,
  ),
  {
    id: 'therapist_utilization_rate',
    unit: 'percent',
    parts: {
      minutes: completedMinutes,
      available_hours: sum('availability', { expr: 'hours_inside' }),
    },
    numerator: [{ part: 'minutes', factor: 1 / 60 }],
    denominator: [{ part: 'available_hours' }],
    scale: 100,
    interval: 'none',
    emptyReason: 'no availability hours in period',
  },
  mean(
    'avg_session_duration',
    'minutes',
    { minutes: completedMinutes, sessions: count('appointments', DURATION_KNOWN) },
    'minutes',
    'sessions',
    'no completed sessions with a known duration scheduled in period',
  ),
  {
    ...rate(
      'no_show_cancellation_rate',
      {
        no_shows: count('appointments', { column: 'status', in: ['no_show'] }),
        client_cancellations: count('appointments', {
          all: [{ column: 'status', in: ['cancelled'] }, BY_CLIENT],
        }),
        late_cancellations: count('appointments', {
          all: [{ column: 'status', in: ['late_cancelled'] }, BY_CLIENT],
        }),
        closed,
      },
      ['no_shows', 'client_cancellations', 'late_cancellations'],
      'closed',
      NO_CLOSED,
    ),
    details: 'numerator_parts',
  },
  {
    ...rate(
      'new_client_acquisition_rate',
      { N: clients('new_clients'), S: clients('active_start'), served: clients('served') },
      ['N'],
      'S',
      NO_START,
    ),
    interval: 'none',
    details: 'acquisition',
  },
  rate(
    'session_utilization_rate',
    { used: sum('slots', { expr: 'used' }), offered: count('slots') },
    ['used'],
    'offered',
    'no session slots offered in period',
  ),
  mean(
    'avg_session_rating',
    'score',
    { rating_sum: sum('ratings', { column: 'rating' }), rated: count('ratings') },
    'rating_sum',
    'rated',
    'no rated sessions scheduled in period',
  ),
  {
    id: 'avg_revenue_per_client',
    unit: 'currency',
    parts: {
      revenue: sum('payments', { column: 'amount_minor' }),
      payments: count('payments'),
      served: clients('served'),
    },
    numerator: [{ part: 'revenue' }],
    denominator: [{ part: 'served' }],
    scale: 1,
    interval: 'none',
    emptyReason: 'no clients served in period',
    perCurrency: true,
  },
  rate(
    'therapist_cancellation_rate',
    {
      therapist_cancellations: count('appointments', {
        all: [
          { column: 'status', in: ['cancelled', 'late_cancelled'] },
          { column: 'cancelled_by', in: ['therapist', 'practice'] },
        ],
      }),
      closed,
    },
    ['therapist_cancellations'],
    'closed',
    NO_CLOSED,
  ),
  {
    ...rate(
      'therapist_load',
      {
        days_over: special('therapist_load', 'days_over'),
        days_worked: special('therapist_load', 'days_worked'),
      },
      ['days_over'],
      'days_worked',
      'no therapist-days with sessions (and a daily maximum set) in period',
    ),
    details: 'therapist_load',
  },
  // Cohorts count only the new clients whose outcome is settled (kpi-spec, "Cohorts that have
  // not matured"): N is the matured new clients, all_new every new client of the period with a
  // first session (by intake date, a new client may not have had one yet).
  {
    ...rate(
      'rematch_rate',
      {
        rematched: clients('new_rematched'),
        N: clients('new_rematch_matured'),
        all_new: clients('new_seen'),
      },
      ['rematched'],
      'N',
      NO_NEW,
    ),
    maturingOf: 'all_new',
  },
  {
    ...rate(
      'second_session_return_rate',
      {
        returned: clients('new_returned'),
        N: clients('new_return_matured'),
        all_new: clients('new_seen'),
      },
      ['returned'],
      'N',
      NO_NEW,
    ),
    maturingOf: 'all_new',
  },
  {
    ...rate(
      'first_match_retention_rate',
      {
        kept: clients('new_first_match_retained'),
        N: clients('new_first_match_matured'),
        all_new: clients('new_seen'),
      },
      ['kept'],
      'N',
      NO_NEW,
    ),
    maturingOf: 'all_new',
  },
  ...outcomeRates(),
];

/**
 * The outcome KPIs (kpi-spec "Outcomes"): counts of episodes from the `outcomes` special, each
 * suppressed below 5 episodes in its denominator.
 */
function outcomeRates(): KpiCompute[] {
  const NO_OUTCOME = 'no episodes with an outcome (two scores of PHQ-9 or GAD-7) in period';
  const NO_CASENESS = 'no episodes at clinical level at baseline in period';
  const NO_PHQ9 = 'no episodes with a baseline PHQ-9 of 10 or more in period';
  const of = (
    id: KpiId,
    num: string,
    den: string,
    emptyReason: string,
    extra: Record<string, string> = {},
  ): KpiCompute => ({
    ...rate(
      id,
      {
        [num]: episodes(num),
        [den]: episodes(den),
        ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, episodes(v)])),
      },
      [num],
      den,
      emptyReason,
    ),
    suppressBelow: MIN_EPISODES,
  });
  return [
    of('reliable_improvement_rate', 'improved', 'with_outcome', NO_OUTCOME),
    of('recovery_rate', 'recovered', 'caseness', NO_CASENESS),
    of('reliable_recovery_rate', 'reliably_recovered', 'caseness', NO_CASENESS),
    of('reliable_deterioration_rate', 'deteriorated', 'with_outcome', NO_OUTCOME),
    of('phq9_response_rate', 'phq9_response', 'phq9_caseness', NO_PHQ9),
    of('phq9_remission_rate', 'phq9_remission', 'phq9_caseness', NO_PHQ9),
    of(
      'outcome_coverage_rate',
      'covered',
      'eligible',
      'no episodes with two or more completed sessions and a session in period',
      { no_scores: 'uncovered_no_scores', one_score: 'uncovered_one_score' },
    ),
  ];
}
