import type { Dimension } from './catalog.types.js';

/**
 * A table the additive parts read, as dialect-neutral SQL fragments. `:practice` in a fragment
 * is bound to the practice id. A point source attributes a row to the period holding its `time`
 * instant; an interval source counts the share of [start, end) inside each period.
 */
export interface SourceDef {
  from: string;
  practiceColumn: string;
  time: { point: string } | { interval: readonly [string, string] };
  /** Logical column name → SQL reference, the only columns filters and measures may use. */
  columns: Record<string, string>;
  /** Named SQL expressions a sum may add (interval sources may use b.bs / b.be, the bucket). */
  exprs: Record<string, string>;
  /** How a row maps to a group of each supported dimension; missing = not defined for it. */
  dims: Partial<Record<Dimension, { sql: string; join?: string }>>;
  /**
   * How a row is matched by a service / therapist filter (see engine/kpi-filter.ts), where that
   * differs from the dimension of the same name; missing here and in dims = not filterable.
   */
  filters?: Partial<Record<'therapist' | 'service', { sql: string; join?: string }>>;
  /** Every part of this source is reported once per value of this column (currency). */
  splitBy?: string;
}

const APPOINTMENT_COLUMNS = {
  status: 'a.status',
  cancelled_by: 'a.cancelled_by',
  service: 'a.service',
  client_id: 'a.client_id',
  therapist_id: 'a.therapist_id',
  slot_id: 'a.slot_id',
  scheduled_start: 'a.scheduled_start',
  scheduled_end: 'a.scheduled_end',
  duration_min: 'a.duration_min',
  actual_duration_min: 'a.actual_duration_min',
  requested_at: 'a.requested_at',
  booked_at: 'a.booked_at',
};

const clientJoin = (alias: string, clientCol: string) =>
  `LEFT JOIN clients ${alias} ON ${alias}.practice_id = :practice AND ${alias}.client_id = ${clientCol}`;

const APPOINTMENT_DIMS: SourceDef['dims'] = {
  therapist: { sql: 'a.therapist_id' },
  service: { sql: 'a.service' },
  channel: { sql: 'c.acquisition_channel', join: clientJoin('c', 'a.client_id') },
};

const PAYMENT_APPOINTMENT =
  'LEFT JOIN appointments x ON x.practice_id = p.practice_id AND x.appointment_id = p.appointment_id';

/**
 * The service / therapist a payment is grouped under: the appointment it pays for; a payment
 * naming no known appointment goes by the client's last completed session before `paid_at`
 * (kpi-spec, "Client-set KPIs per group"; ties: the smallest value), so it never lands in the
 * "(none)" group of appointments that have no service, beside another client's revenue.
 */
const paymentDim = (column: 'therapist_id' | 'service') =>
  `CASE WHEN x.appointment_id IS NOT NULL THEN x.${column} ELSE ` +
  `(SELECT z.${column} FROM appointments z WHERE z.practice_id = p.practice_id ` +
  "AND z.status = 'completed' AND z.client_id = p.client_id AND z.scheduled_start < p.paid_at " +
  `ORDER BY z.scheduled_start DESC, COALESCE(z.${column}, '') LIMIT 1) END`;

/**
 * The service / therapist of the client's last completed session before a survey answer (ties:
 * the smallest value), which is how surveys are matched by a filter.
 */
const lastSessionBefore = (column: 'therapist_id' | 'service') =>
  `(SELECT z.${column} FROM appointments z WHERE z.practice_id = q.practice_id ` +
  "AND z.status = 'completed' AND z.client_id = q.client_id AND z.scheduled_start < q.responded_at " +
  `ORDER BY z.scheduled_start DESC, COALESCE(z.${column}, '') LIMIT 1)`;

/** Minutes a completed session lasted: actual, else scheduled end − start, else duration_min. */
const SESSION_MINUTES =
  'CASE WHEN a.actual_duration_min IS NOT NULL THEN CAST(a.actual_duration_min AS DOUBLE PRECISION) ' +
  'WHEN a.scheduled_end IS NOT NULL ' +
  'THEN CAST(a.scheduled_end - a.scheduled_start AS DOUBLE PRECISION) / 60000 ' +
  'ELSE CAST(a.duration_min AS DOUBLE PRECISION) END';

export const SOURCES: Record<string, SourceDef> = {
  appointments: {
    from: 'appointments a',
    practiceColumn: 'a.practice_id',
    time: { point: 'a.scheduled_start' },
    columns: APPOINTMENT_COLUMNS,
    exprs: { session_minutes: SESSION_MINUTES },
    dims: APPOINTMENT_DIMS,
  },
  bookings: {
    from: 'appointments a',
    practiceColumn: 'a.practice_id',
    time: { point: 'a.booked_at' },
    columns: APPOINTMENT_COLUMNS,
    exprs: { wait_ms: '(a.booked_at - a.requested_at)' },
    dims: APPOINTMENT_DIMS,
  },
  availability: {
    from: 'availability v',
    practiceColumn: 'v.practice_id',
    time: { interval: ['v.start_at', 'v.end_at'] },
    columns: { therapist_id: 'v.therapist_id' },
    exprs: {
      hours_inside:
        '((CASE WHEN v.end_at > b.be THEN b.be ELSE v.end_at END) - ' +
        '(CASE WHEN v.start_at < b.bs THEN b.bs ELSE v.start_at END)) / 3600000.0',
    },
    dims: { therapist: { sql: 'v.therapist_id' } },
  },
  slots: {
    from: 'slots s',
    practiceColumn: 's.practice_id',
    time: { point: 's.start_at' },
    columns: { therapist_id: 's.therapist_id', service: 's.service' },
    exprs: {
      // Two index probes per slot: a completed appointment naming it, else one without a
      // slot_id with the same therapist and start.
      used:
        'CASE WHEN EXISTS (SELECT 1 FROM appointments u WHERE u.practice_id = s.practice_id ' +
        "AND u.slot_id = s.slot_id AND u.status = 'completed') " +
        'OR EXISTS (SELECT 1 FROM appointments x ' +
        'WHERE x.practice_id = s.practice_id AND x.therapist_id = s.therapist_id ' +
        "AND x.scheduled_start = s.start_at AND x.slot_id IS NULL AND x.status = 'completed') " +
        'THEN 1 ELSE 0 END',
    },
    dims: { therapist: { sql: 's.therapist_id' }, service: { sql: 's.service' } },
  },
  ratings: {
    from:
      'session_ratings r JOIN appointments a ' +
      'ON a.practice_id = r.practice_id AND a.appointment_id = r.appointment_id',
    practiceColumn: 'r.practice_id',
    time: { point: 'a.scheduled_start' },
    columns: { ...APPOINTMENT_COLUMNS, rating: 'r.rating' },
    exprs: {},
    dims: APPOINTMENT_DIMS,
  },
  surveys: {
    from: 'surveys q',
    practiceColumn: 'q.practice_id',
    time: { point: 'q.responded_at' },
    columns: {
      instrument: 'q.instrument',
      score: 'q.score',
      scale_max: 'q.scale_max',
      client_id: 'q.client_id',
    },
    exprs: {
      score_of_5: '(CAST(q.score AS DOUBLE PRECISION) * 5 / q.scale_max)',
      satisfied: 'CASE WHEN q.score * 5 >= 4 * q.scale_max THEN 1 ELSE 0 END',
    },
    dims: { channel: { sql: 'c.acquisition_channel', join: clientJoin('c', 'q.client_id') } },
    filters: {
      therapist: { sql: lastSessionBefore('therapist_id') },
      service: { sql: lastSessionBefore('service') },
    },
  },
  payments: {
    from: 'payments p',
    practiceColumn: 'p.practice_id',
    time: { point: 'p.paid_at' },
    columns: { amount_minor: 'p.amount_minor', currency: 'p.currency', client_id: 'p.client_id' },
    exprs: {},
    dims: {
      therapist: { sql: paymentDim('therapist_id'), join: PAYMENT_APPOINTMENT },
      service: { sql: paymentDim('service'), join: PAYMENT_APPOINTMENT },
      channel: { sql: 'c.acquisition_channel', join: clientJoin('c', 'p.client_id') },
    },
    splitBy: 'p.currency',
  },
};
