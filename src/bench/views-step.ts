import { sql } from 'kysely';
import { computeKpis, type ComputeOptions } from '../metrics/engine/compute-kpis.js';
import type { Practice } from '../model/practice.js';
import type { Db } from '../store/database.js';
import { BENCH_MONTH, BENCH_YEAR, bestOf } from './bench-periods.js';

/** One dashboard view: the KPI requests it makes, in the order the web app makes them. */
type View = { name: string; requests: ComputeOptions[] };

/** Timings of one view: warm (best of 3, rollups current) and read from the records (once). */
export interface ViewTiming {
  name: string;
  warmMs: number;
  recordsMs: number;
}

/**
 * The views of issue 14's second aim, each with rollups current: one month by therapist, by
 * service and by channel, and a therapist's page (their month and the practice's, then the
 * twelve-month trend of one KPI for them and for the practice, as `therapist-page.tsx` asks).
 * The therapist is the one with the most sessions in the month; the baseline is the same view
 * read from the records only. Printed to stderr as each is measured.
 */
export async function measureViews(db: Db, practice: Practice): Promise<ViewTiming[]> {
  const start = Date.parse(`${BENCH_MONTH.from}T00:00:00Z`) - 86_400_000;
  const end = Date.parse(`${BENCH_MONTH.to}T00:00:00Z`) + 2 * 86_400_000;
  const { rows } = await sql<{ t: string }>`SELECT a.therapist_id AS t FROM appointments a
    WHERE a.practice_id = ${practice.practice_id} AND a.scheduled_start >= ${start}
      AND a.scheduled_start < ${end}
    GROUP BY a.therapist_id ORDER BY COUNT(*) DESC, a.therapist_id LIMIT 1`.execute(db);
  const views: View[] = [
    { name: 'one month by therapist', requests: [{ ...BENCH_MONTH, by: 'therapist' }] },
    { name: 'one month by service', requests: [{ ...BENCH_MONTH, by: 'service' }] },
    { name: 'one month by channel', requests: [{ ...BENCH_MONTH, by: 'channel' }] },
  ];
  const therapist = rows[0]?.t;
  if (therapist !== undefined) {
    const ids = ['session_completion_rate' as const];
    views.push({
      name: "a therapist's page",
      requests: [
        { ...BENCH_MONTH, filter: { therapist } },
        { ...BENCH_MONTH },
        { ...BENCH_YEAR, by: 'month', ids, filter: { therapist } },
        { ...BENCH_YEAR, by: 'month', ids },
      ],
    });
  }
  const out: ViewTiming[] = [];
  for (const v of views) {
    const run = (rollups: boolean) => () =>
      Promise.all(v.requests.map((r) => computeKpis(db, practice, { ...r, rollups })));
    const warmMs = await bestOf(3, run(true));
    const t = performance.now();
    await run(false)();
    const recordsMs = performance.now() - t;
    process.stderr.write(
      `  ${v.name}: ${warmMs.toFixed(0)} ms with rollups, ${recordsMs.toFixed(0)} ms from the records\n`,
    );
    out.push({ name: v.name, warmMs, recordsMs });
  }
  return out;
}
