import { DateTime } from 'luxon';
import type { AlertCondition, AlertTransition } from '../../model/alert-rule.js';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { computeKpis } from '../engine/compute-kpis.js';
import { KPI_META } from '../kpi-meta/index.js';
import { KPI_IDS, type BandLabel, type KpiId } from '../kpi-meta/kpi-meta.types.js';
import { bandObservation } from './band-observation.js';
import { lastClosedPeriods } from '../periods/closed-periods.js';
import type { Observation } from './noise-guard.js';
import type { TargetStatusSource } from './target-status-source.js';

/** One period of one subject: what the guards step on, and how to word a change. */
export interface SubjectPeriod {
  subject: string;
  period: string;
  obs: Observation;
  value: number | null;
  /** Therapist id of a therapist_over_limit subject: that therapist's own user is told too. */
  therapistId?: string;
  text: (t: AlertTransition) => string;
}

const DAY = 86_400_000;
const BAND_WORDS: Record<BandLabel, string> = {
  below_typical: 'below the typical band',
  typical: 'in the typical band',
  above_average: 'above average',
  exceptional: 'in the exceptional band',
};

/**
 * The periods a rule judges on this run, per subject, oldest first: `lookback` closed weeks or
 * months for KPI and therapist rules, today for data_stale, each target's latest check-in.
 */
export async function observeRule(
  db: Db,
  practice: Practice,
  c: AlertCondition,
  now: number,
  lookback: number,
  targets: TargetStatusSource,
): Promise<SubjectPeriod[]> {
  switch (c.type) {
    case 'kpi_band':
      return observeKpiBand(db, practice, c, now, lookback);
    case 'therapist_over_limit':
      return observeTherapists(db, practice, c, now, lookback);
    case 'data_stale':
      return observeStale(db, practice, c, now);
    case 'target_off_track':
      return (await targets(db, practice.practice_id)).map((t) => ({
        subject: `target:${t.targetId}`,
        period: t.period,
        value: t.value ?? null,
        obs:
          t.status === 'not_enough_data'
            ? { kind: 'no_figure' }
            : {
                kind: 'figure',
                holds: t.status === 'off_track',
                recovered: t.status === 'on_track',
              },
        text: (tr) =>
          tr === 'fire'
            ? `Target “${t.title}” is off track at ${t.period}.`
            : `Target “${t.title}” is back on track at ${t.period}.`,
      }));
  }
}

async function observeKpiBand(
  db: Db,
  practice: Practice,
  c: Extract<AlertCondition, { type: 'kpi_band' }>,
  now: number,
  lookback: number,
): Promise<SubjectPeriod[]> {
  if (!(KPI_IDS as readonly string[]).includes(c.kpi)) return [];
  const kpi = c.kpi as KpiId;
  const meta = KPI_META[kpi];
  const subject = c.scope.kind === 'practice' ? 'practice' : `${c.scope.kind}:${c.scope.key}`;
  const where = c.scope.kind === 'practice' ? 'the practice' : `${c.scope.kind} ${c.scope.key}`;
  const out: SubjectPeriod[] = [];
  for (const p of lastClosedPeriods(c.period, practice.timezone, now, lookback)) {
    const report = await computeKpis(db, practice, {
      from: p.from,
      to: p.to,
      ids: [kpi],
      now,
      ...(c.scope.kind === 'service' ? { filter: { service: c.scope.key! } } : {}),
      ...(c.scope.kind === 'channel' ? { by: 'channel' as const } : {}),
    });
    const r =
      c.scope.kind === 'channel'
        ? report.groups?.find((g) => g.key === c.scope.key)?.kpis[kpi]
        : report.kpis[kpi];
    const fig = r
      ? { value: r.value, status: r.status }
      : { value: null, status: 'no_data' as const };
    const value = fig.value;
    out.push({
      subject,
      period: p.key,
      value,
      obs: bandObservation(fig, meta, practice.profile, c.band, c.recovery_margin),
      text: (t) =>
        t === 'fire'
          ? `${meta.name} of ${where} is ${BAND_WORDS[c.band]} in ${p.key}: ${round(value)}.`
          : `${meta.name} of ${where} is no longer ${BAND_WORDS[c.band]} in ${p.key}: ${round(value)}.`,
    });
  }
  return out;
}

const round = (v: number | null) => (v === null ? 'no figure' : String(Math.round(v * 10) / 10));

async function observeTherapists(
  db: Db,
  practice: Practice,
  c: Extract<AlertCondition, { type: 'therapist_over_limit' }>,
  now: number,
  lookback: number,
): Promise<SubjectPeriod[]> {
  const pid = practice.practice_id;
  const therapists = await db
    .selectFrom('therapists')
    .select(['therapist_id', 'display_name', 'max_sessions_per_day'])
    .where('practice_id', '=', pid)
    .where('max_sessions_per_day', 'is not', null)
    .orderBy('therapist_id')
    .execute();
  if (therapists.length === 0) return [];
  const periods = lastClosedPeriods('week', practice.timezone, now, lookback);
  const rows = await db
    .selectFrom('appointments')
    .select(['therapist_id', 'scheduled_start'])
    .where('practice_id', '=', pid)
    .where('status', '=', 'completed')
    .where('scheduled_start', '>=', periods[0]!.start)
    .where('scheduled_start', '<', periods.at(-1)!.end)
    .execute();
  // sessions per therapist × local day
  const perDay = new Map<string, number>();
  for (const r of rows) {
    const day = DateTime.fromMillis(Number(r.scheduled_start), { zone: practice.timezone });
    const k = `${r.therapist_id}|${day.toISODate()}`;
    perDay.set(k, (perDay.get(k) ?? 0) + 1);
  }
  const out: SubjectPeriod[] = [];
  for (const t of therapists) {
    const limit = Number(t.max_sessions_per_day);
    const name = t.display_name ?? t.therapist_id;
    for (const p of periods) {
      let over = 0;
      for (let d = 0; d < 7; d++) {
        const day = DateTime.fromISO(p.from, { zone: practice.timezone }).plus({ days: d });
        if ((perDay.get(`${t.therapist_id}|${day.toISODate()}`) ?? 0) > limit) over++;
      }
      out.push({
        subject: `therapist:${t.therapist_id}`,
        period: p.key,
        value: over,
        therapistId: t.therapist_id,
        obs: { kind: 'figure', holds: over >= c.days, recovered: over < c.days },
        text: (tr) =>
          tr === 'fire'
            ? `${name} was over their own daily limit of ${limit} sessions on ${over} days in ${p.key}.`
            : `${name} kept to their own daily limit of ${limit} sessions on all but ${over} days in ${p.key}.`,
      });
    }
  }
  return out;
}

async function observeStale(
  db: Db,
  practice: Practice,
  c: Extract<AlertCondition, { type: 'data_stale' }>,
  now: number,
): Promise<SubjectPeriod[]> {
  const row = await db
    .selectFrom('imports')
    .select((eb) => eb.fn.max('finished_at').as('last'))
    .where('practice_id', '=', practice.practice_id)
    .executeTakeFirst();
  const last = row?.last === null || row?.last === undefined ? null : Number(row.last);
  const today = DateTime.fromMillis(now, { zone: practice.timezone }).toISODate()!;
  const lastDay =
    last === null ? null : DateTime.fromMillis(last, { zone: practice.timezone }).toISODate();
  const stale = last !== null && now - last > c.days * DAY;
  return [
    {
      subject: 'practice',
      period: today,
      value: last === null ? null : Math.floor((now - last) / DAY),
      // Nothing ever imported is no source, not stale data.
      obs:
        last === null ? { kind: 'no_figure' } : { kind: 'figure', holds: stale, recovered: !stale },
      text: (t) =>
        t === 'fire'
          ? `No import or push for more than ${c.days} days (the last on ${lastDay}).`
          : `Data arrives again: the last import or push was on ${lastDay}.`,
    },
  ];
}
