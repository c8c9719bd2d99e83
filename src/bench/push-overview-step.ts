import { computeKpis } from '../metrics/engine/compute-kpis.js';
import { rebuildRollups, refreshRollups } from '../metrics/rollups/refresh-rollups.js';
import { openStore, type Db } from '../store/database.js';
import { importRecords, type SourceRecord } from '../store/import-records.js';
import { getPractice } from '../store/practice.repository.js';
import { BENCH_MONTH, BENCH_PREVIOUS_MONTH, BENCH_YEAR, bestOf } from './bench-periods.js';

/** Appointments per push. */
const PUSH = 100;
const DAY = 86_400_000;

/** What the overview page computes: this month, the month before, twelve months by month. */
const overview = async (db: Db, rollups = true) => {
  const practice = await getPractice(db, 'default');
  return Promise.all([
    computeKpis(db, practice, { ...BENCH_MONTH, rollups }),
    computeKpis(db, practice, { ...BENCH_PREVIOUS_MONTH, rollups }),
    computeKpis(db, practice, { ...BENCH_YEAR, by: 'month', rollups }),
  ]);
};

/**
 * The latest `PUSH` appointments of the last month, each moved by `shift` days and to the next
 * therapist of the list: a push of changed records, whose old and new days both change.
 */
async function movedAppointments(db: Db, shift: number): Promise<SourceRecord[]> {
  const rows = await db
    .selectFrom('appointments')
    .selectAll()
    .where('practice_id', '=', 'default')
    .where('scheduled_start', '<', Date.parse(`${BENCH_MONTH.to}T00:00:00Z`))
    .orderBy('scheduled_start', 'desc')
    .limit(PUSH)
    .execute();
  const therapists = [...new Set(rows.map((r) => r.therapist_id))].sort();
  const iso = (v: number | null) => (v === null ? null : new Date(Number(v)).toISOString());
  return rows.map((a, i) => ({
    entity: 'appointments',
    path: `bench:${i}`,
    record: {
      appointment_id: a.appointment_id,
      client_id: a.client_id,
      therapist_id: therapists[(therapists.indexOf(a.therapist_id) + 1) % therapists.length],
      scheduled_start: iso(Number(a.scheduled_start) + shift * DAY),
      status: a.source_status,
      service: a.service,
      requested_at: iso(a.requested_at),
      booked_at: iso(a.booked_at),
      scheduled_end: a.scheduled_end === null ? null : iso(Number(a.scheduled_end) + shift * DAY),
      duration_min: a.duration_min,
      cancelled_at: iso(a.cancelled_at),
      cancelled_by: a.cancelled_by,
      actual_duration_min: a.actual_duration_min,
      slot_id: a.slot_id,
      price: a.price_minor === null ? null : Number(a.price_minor) / 100,
      currency: a.currency,
    },
  }));
}

async function push(store: Awaited<ReturnType<typeof openStore>>, shift: number) {
  const records = await movedAppointments(store.db, shift);
  await importRecords(store, { label: 'bench push', records }, { reportPath: false });
}

/**
 * The overview right after a push of 100 changed appointments, beside the overview with current
 * rollups (the baseline, best of 3) in the same run. Also, for the way before incremental
 * rollups: the same after a push when every rollup is rebuilt first, and when the records are
 * read instead (what a read within the rebuild cooldown did).
 */
export async function pushOverviewStep(db: string) {
  const store = await openStore(db);
  try {
    await refreshRollups(store.db, await getPractice(store.db, 'default'));
    const currentMs = await bestOf(3, () => overview(store.db));
    const after: number[] = [];
    for (let n = 0; n < 3; n++) {
      await push(store, n % 2 === 0 ? 1 : -1);
      const t = performance.now();
      await overview(store.db);
      after.push(performance.now() - t);
    }
    await push(store, 1);
    const f = performance.now();
    await rebuildRollups(store.db, await getPractice(store.db, 'default'));
    await overview(store.db);
    const fullRebuildMs = performance.now() - f;
    await push(store, -1);
    const r = performance.now();
    await overview(store.db, false);
    const recordsMs = performance.now() - r;
    return {
      ms: Math.min(...after),
      rows: PUSH,
      extra: { currentMs, afterPushMs: after, fullRebuildMs, recordsMs },
    };
  } finally {
    await store.close();
  }
}
