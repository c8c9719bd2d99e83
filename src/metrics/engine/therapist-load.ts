import { sql } from 'kysely';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { TOTAL, addPart, type Grouping, type PartValues } from './grouping.js';
import type { FilterTerm } from './kpi-filter.js';
import { bucketIndex, ms } from './sql-fragments.js';
import { therapistDaysIn } from '../rollups/build-therapist-days.js';
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
 * Therapist-days (local calendar days of the period's zone) whose appointments with status
 * completed, no_show or booked exceed the therapist's own max_sessions_per_day, as defined once
 * by `therapistDayRows` of the rollup builder. Therapists without a daily maximum are listed
 * but left out of both parts: there is no threshold to exceed. A therapist filter keeps that
 * therapist's days (the only filter load honours).
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
  const rows = await loadRows(
    db,
    pid,
    grouping,
    timezone,
    therapist?.value,
    rollupZone === timezone,
  );
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

interface LoadRow {
  tid: string;
  gk: number;
  mx: number | null;
  worked: number;
  n_over: number;
}

/**
 * Per therapist and group, the days worked and over the limit, from the therapist-days of
 * `therapistDayRows`: stored in rollup_therapist_days when they were built in the period's zone
 * (`rollupZone`), else built on the fly for the period and filter by the same definition.
 */
async function loadRows(
  db: Db,
  pid: string,
  grouping: Grouping,
  zone: string,
  therapist: string | undefined,
  stored: boolean,
): Promise<LoadRow[]> {
  const days = dayBuckets(grouping.buckets, zone);
  const first = grouping.buckets[0]!.start;
  const last = grouping.buckets[grouping.buckets.length - 1]!.end;
  const source = stored
    ? sql`rollup_therapist_days`
    : sql`(${therapistDaysIn(pid, zone, first, last, therapist)})`;
  const g = grouping.kind === 'time' ? bucketIndex('r.day', days) : sql`0`;
  const only = therapist !== undefined ? sql` AND r.therapist_id = ${therapist}` : sql``;
  const { rows } = await sql<LoadRow>`
    SELECT r.therapist_id AS tid, ${g} AS gk, MAX(r.max_per_day) AS mx, COUNT(*) AS worked,
      SUM(r.is_over) AS n_over
    FROM ${source} r
    WHERE r.practice_id = ${pid} AND r.day >= ${ms(days[0]!.start)}
      AND r.day < ${ms(days[days.length - 1]!.end)}${only}
    GROUP BY r.therapist_id, gk`.execute(db);
  return rows;
}
