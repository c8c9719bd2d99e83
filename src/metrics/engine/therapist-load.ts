import { sql, type RawBuilder } from 'kysely';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { offsetSpans } from '../periods/utc-offsets.js';
import { TOTAL, addPart, type Grouping, type PartValues } from './grouping.js';
import type { FilterTerm } from './kpi-filter.js';
import { bucketIndex, ms, msValue } from './sql-fragments.js';
import { dayBuckets } from '../rollups/local-day.js';

/** One therapist's load figures (never ranked: listed by therapist id). */
export interface TherapistLoadRow {
  therapist_id: string;
  max_sessions_per_day: number | null;
  days_worked: number;
  days_over: number;
}

export interface TherapistLoad {
  parts: PartValues;
  perTherapist: Map<string, TherapistLoadRow[]>;
}

/**
 * Therapist-days (local calendar days of the practice zone) whose appointments with status
 * completed, no_show or booked exceed the therapist's own max_sessions_per_day. The local day
 * number is (instant + UTC offset) / 1 day with the offset chosen by a CASE over the zone's
 * offset spans, so the SQL stays dialect-neutral and DST-correct. Therapists without a daily
 * maximum are listed but left out of both parts: there is no threshold to exceed. A therapist
 * filter keeps that therapist's days (the only filter load honours). Read from
 * rollup_therapist_days when rollups built in the same zone are current (`rollupZone`).
 */
export async function therapistLoad(
  db: Db,
  practice: Practice,
  grouping: Grouping,
  timezone: string,
  filters: FilterTerm[] = [],
  rollupZone: string | null = null,
): Promise<TherapistLoad> {
  const buckets = grouping.buckets;
  const pid = practice.practice_id;
  const therapist = filters.find((t) => t.dim === 'therapist');
  const rows =
    rollupZone === timezone
      ? await fromRollup(db, pid, grouping, timezone, therapist?.value)
      : await fromAppointments(db, pid, grouping, timezone, therapist?.value);
  const parts: PartValues = new Map([[TOTAL, new Map()]]);
  // Per group key, per therapist: the therapist's figures over the group's buckets.
  const byGroup = new Map<string, Map<string, TherapistLoadRow>>();
  const list = (key: string, r: TherapistLoadRow) => {
    const l = byGroup.get(key) ?? new Map<string, TherapistLoadRow>();
    byGroup.set(key, l);
    const same = l.get(r.therapist_id);
    if (same) {
      same.days_worked += r.days_worked;
      same.days_over += r.days_over;
    } else l.set(r.therapist_id, { ...r });
  };
  for (const r of rows) {
    const row: TherapistLoadRow = {
      therapist_id: r.tid,
      max_sessions_per_day: r.mx === null ? null : Number(r.mx),
      days_worked: Number(r.worked),
      days_over: Number(r.n_over ?? 0),
    };
    const key =
      grouping.kind === 'time'
        ? buckets[Number(r.gk)]!.key
        : grouping.kind === 'dim'
          ? r.tid
          : TOTAL;
    for (const k of key === TOTAL ? [TOTAL] : [TOTAL, key]) {
      list(k, row);
      if (row.max_sessions_per_day === null) continue;
      addPart(parts, k, 'days_over', row.days_over);
      addPart(parts, k, 'days_worked', row.days_worked);
    }
  }
  const perTherapist = new Map<string, TherapistLoadRow[]>();
  for (const [key, l] of byGroup) {
    perTherapist.set(
      key,
      [...l.values()].sort((a, b) =>
        a.therapist_id < b.therapist_id ? -1 : a.therapist_id > b.therapist_id ? 1 : 0,
      ),
    );
  }
  return { parts, perTherapist };
}

/**
 * The local calendar day of `a.scheduled_start` in `timezone` as a day number (local midnight
 * / 1 day), for instants in [start, end): the instant plus the UTC offset chosen by a CASE over
 * the zone's offset spans, so the SQL stays dialect-neutral and DST-correct. The load and its
 * drill-down's therapist-days both count days by it.
 */
export function localDayNumber(start: number, end: number, timezone: string): RawBuilder<unknown> {
  const spans = offsetSpans(start, end, timezone);
  let offset = sql`${msValue(spans[spans.length - 1]!.offsetMs)}`;
  for (let i = spans.length - 2; i >= 0; i--) {
    offset = sql`CASE WHEN a.scheduled_start < ${ms(spans[i]!.end)} THEN ${msValue(spans[i]!.offsetMs)} ELSE ${offset} END`;
  }
  return sql`(a.scheduled_start + ${offset}) / 86400000`;
}

interface LoadRow {
  tid: string;
  gk: number;
  mx: number | null;
  worked: number;
  n_over: number;
}

async function fromAppointments(
  db: Db,
  pid: string,
  grouping: Grouping,
  timezone: string,
  therapist: string | undefined,
): Promise<LoadRow[]> {
  const buckets = grouping.buckets;
  const start = buckets[0]!.start;
  const end = buckets[buckets.length - 1]!.end;
  const day = localDayNumber(start, end, timezone);
  const g = grouping.kind === 'time' ? bucketIndex('a.scheduled_start', buckets) : sql`0`;
  const only = therapist !== undefined ? sql` AND a.therapist_id = ${therapist}` : sql``;
  const { rows } = await sql<LoadRow>`
    SELECT d.tid, d.gk, MAX(t.max_sessions_per_day) AS mx, COUNT(*) AS worked,
      SUM(CASE WHEN d.n > t.max_sessions_per_day THEN 1 ELSE 0 END) AS n_over
    FROM (
      SELECT a.therapist_id AS tid, ${g} AS gk, ${day} AS dn,
        COUNT(*) AS n
      FROM appointments a
      WHERE a.practice_id = ${pid} AND a.scheduled_start >= ${ms(start)}
        AND a.scheduled_start < ${ms(end)} AND a.status IN ('completed', 'no_show', 'booked')${only}
      GROUP BY tid, gk, dn
    ) d
    LEFT JOIN therapists t ON t.practice_id = ${pid} AND t.therapist_id = d.tid
    GROUP BY d.tid, d.gk`.execute(db);
  return rows;
}

/** The same rows from rollup_therapist_days (built in `zone`, the period's zone). */
async function fromRollup(
  db: Db,
  pid: string,
  grouping: Grouping,
  zone: string,
  therapist: string | undefined,
): Promise<LoadRow[]> {
  const days = dayBuckets(grouping.buckets, zone);
  const g = grouping.kind === 'time' ? bucketIndex('r.day', days) : sql`0`;
  const only = therapist !== undefined ? sql` AND r.therapist_id = ${therapist}` : sql``;
  const { rows } = await sql<LoadRow>`
    SELECT r.therapist_id AS tid, ${g} AS gk, MAX(r.max_per_day) AS mx, COUNT(*) AS worked,
      SUM(r.is_over) AS n_over
    FROM rollup_therapist_days r
    WHERE r.practice_id = ${pid} AND r.day >= ${ms(days[0]!.start)}
      AND r.day < ${ms(days[days.length - 1]!.end)}${only}
    GROUP BY r.therapist_id, gk`.execute(db);
  return rows;
}
