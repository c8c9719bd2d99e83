import { bucketsOf } from '../metrics/periods/buckets.js';
import { makePeriod } from '../metrics/periods/period.js';

/**
 * The hand-written baseline a user would write: completion, client no-show / cancellation,
 * therapist cancellation and minutes of the completed sessions, by month of the practice's
 * zone, in one GROUP BY over the appointments. `engine` 'store' reads Rapport's table (instants
 * as epoch milliseconds, the same text on SQLite and PostgreSQL); 'duckdb' reads the table
 * DuckDB loaded straight from the CSV (instants as TIMESTAMPTZ, one practice per file).
 */
export function handRatesSql(
  engine: 'store' | 'duckdb',
  range: { from: string; to: string },
  timezone: string,
): string {
  const period = makePeriod(range.from, range.to, timezone);
  const edges = bucketsOf(period, 'month').map((b) => b.start);
  const at = (ms: number) => (engine === 'store' ? String(ms) : `to_timestamp(${ms / 1000})`);
  const minutes =
    engine === 'store'
      ? '(scheduled_end - scheduled_start) / 60000.0'
      : 'epoch(scheduled_end - scheduled_start) / 60.0';
  const bucket = `CASE ${edges
    .slice(1)
    .map((e, i) => `WHEN scheduled_start < ${at(e)} THEN ${i}`)
    .join(' ')} ELSE ${edges.length - 1} END`;
  const practice = engine === 'store' ? `practice_id = 'default' AND ` : '';
  return `SELECT ${bucket} AS m,
      SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS completed,
      SUM(CASE WHEN status <> 'booked' THEN 1 ELSE 0 END) AS closed,
      SUM(CASE WHEN status = 'no_show' OR (status IN ('cancelled', 'late_cancelled')
            AND (cancelled_by IS NULL OR cancelled_by = 'client')) THEN 1 ELSE 0 END) AS missed,
      SUM(CASE WHEN status IN ('cancelled', 'late_cancelled')
            AND cancelled_by IN ('therapist', 'practice') THEN 1 ELSE 0 END) AS by_therapist,
      SUM(CASE WHEN status = 'completed' THEN COALESCE(actual_duration_min,
            ${minutes}, duration_min) END) AS minutes
    FROM appointments
    WHERE ${practice}scheduled_start >= ${at(period.start)} AND scheduled_start < ${at(period.end)}
    GROUP BY m ORDER BY m`;
}
