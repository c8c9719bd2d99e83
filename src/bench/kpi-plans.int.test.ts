import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompiledQuery, Kysely, sql } from 'kysely';
import { computeKpis } from '../metrics/engine/compute-kpis.js';
import { refreshRollups } from '../metrics/rollups/refresh-rollups.js';
import { defaultPractice } from '../model/practice.js';
import type { Db } from '../store/database.js';
import { dialectFor } from '../store/dialect.js';
import { savePractice } from '../store/practice.repository.js';
import type { Database } from '../store/tables.js';
import { dialectSkipReason, freshStore } from '../store/test-dialects.js';

/**
 * The PostgreSQL plans of the KPI engine's SQL for a one-month report on a store large enough
 * that the planner's choice is real (80,000 appointments over 22 months, 4 % of them in the
 * month, statistics renewed): no statement may read `appointments` by a sequential scan, and
 * the KPI covering indexes must be what they read it through. SQLite has no such planner
 * statistics (and its plans are pinned by the query text itself), so it is skipped there.
 */
const APPOINTMENTS = 80_000;
const MONTH = { from: '2026-09-01', to: '2026-09-30' };
/** 2025-01-01 UTC and the spacing that spreads the appointments up to 2026-10-31. */
const T0 = Date.UTC(2025, 0, 1);
const STEP = Math.floor((Date.UTC(2026, 10, 1) - T0) / APPOINTMENTS);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodesOf)];

/** Fills the store with a practice's worth of rows, set-wise on the server. */
async function fill(db: Db): Promise<void> {
  const g = (n: number, body: ReturnType<typeof sql>) =>
    sql`${body} FROM generate_series(0, ${sql.lit(n - 1)}) AS g(i)`.execute(db);
  await g(
    200,
    sql`INSERT INTO therapists (practice_id, therapist_id, display_name, specialties, languages,
      modalities, max_sessions_per_day, max_sessions_per_week, active_from, active_to)
      SELECT 'default', 't-' || i, NULL, 'anxiety', 'en', 'video', 8, 30, NULL, NULL`,
  );
  await g(
    5_000,
    sql`INSERT INTO clients (practice_id, client_id, created_at, acquisition_channel, discharged_at)
      SELECT 'default', 'c-' || i, ${sql.lit(T0)} + i * 86400000::bigint / 10,
        (ARRAY['search', 'referral', 'social'])[1 + i % 3], NULL`,
  );
  await sql`INSERT INTO appointments (practice_id, appointment_id, client_id, therapist_id,
      scheduled_start, status, source_status, service, requested_at, booked_at, scheduled_end,
      duration_min, cancelled_at, cancelled_by, actual_duration_min, slot_id, price_minor, currency)
    SELECT 'default', 'a-' || i, 'c-' || (i % 5000), 't-' || (i % 200), s,
      st, CASE WHEN st = 'late_cancelled' THEN 'cancelled' ELSE st END,
      (ARRAY['talk_therapy', 'couples', 'neurofeedback'])[1 + i % 3],
      s - 8 * 86400000::bigint, s - 7 * 86400000::bigint, s + 3000000, 50,
      CASE WHEN st IN ('cancelled', 'late_cancelled') THEN s - 3600000 END,
      CASE WHEN st IN ('cancelled', 'late_cancelled')
        THEN (ARRAY['client', 'therapist'])[1 + i % 2] END,
      NULL, 'sl-' || i, 11000, 'USD'
    FROM (SELECT i, ${sql.lit(T0)} + i * ${sql.lit(STEP)}::bigint AS s,
        (ARRAY['completed', 'completed', 'completed', 'completed', 'completed', 'completed',
          'completed', 'no_show', 'cancelled', 'late_cancelled'])[1 + i % 10] AS st
      FROM generate_series(0, ${sql.lit(APPOINTMENTS - 1)}) AS g(i)) AS x`.execute(db);
  await g(
    APPOINTMENTS,
    sql`INSERT INTO slots (practice_id, slot_id, therapist_id, start_at, end_at, service)
      SELECT 'default', 'sl-' || i, 't-' || (i % 200), ${sql.lit(T0)} + i * ${sql.lit(STEP)}::bigint,
        ${sql.lit(T0)} + i * ${sql.lit(STEP)}::bigint + 3000000, 'talk_therapy'`,
  );
  await g(
    40_000,
    sql`INSERT INTO messages (practice_id, message_id, conversation_id, sender, sent_at,
      client_id, therapist_id)
      SELECT 'default', 'm-' || i, 'cv-' || (i / 4), (ARRAY['client', 'therapist'])[1 + i % 2],
        ${sql.lit(T0)} + i * ${sql.lit(STEP * 2)}::bigint, 'c-' || ((i / 4) % 5000),
        't-' || ((i / 4) % 200)`,
  );
  await g(
    20_000,
    sql`INSERT INTO surveys (practice_id, response_id, client_id, responded_at, score, scale_max,
      instrument)
      SELECT 'default', 'r-' || i, 'c-' || (i % 5000),
        ${sql.lit(T0)} + i * ${sql.lit(STEP * 4)}::bigint, i % 20, 27, 'phq9'`,
  );
  await g(
    40_000,
    sql`INSERT INTO payments (practice_id, payment_id, client_id, amount_minor, currency, paid_at,
      appointment_id)
      SELECT 'default', 'p-' || i, 'c-' || (i % 5000), 11000, 'USD',
        ${sql.lit(T0)} + i * ${sql.lit(STEP * 2)}::bigint, 'a-' || (i * 2)`,
  );
  await g(
    60_000,
    sql`INSERT INTO activity (practice_id, user_type, user_id, occurred_at, kind)
      SELECT 'default', 'client', 'c-' || (i % 5000),
        ${sql.lit(T0)} + i * ${sql.lit(Math.floor(STEP * 1.33))}::bigint, 'login'`,
  );
  await sql`VACUUM ANALYZE`.execute(db).catch(async () => {
    // VACUUM cannot run inside a transaction block; ANALYZE is what the planner needs.
    await sql`ANALYZE`.execute(db);
  });
}

describe('KPI SQL plans on PostgreSQL', async () => {
  const skip = (await dialectSkipReason('postgres')) ?? false;
  if (!skip)
    console.log('# NOTICE: plan checks run on PostgreSQL only; SQLite is not planned here');

  it(
    'a one-month report reads appointments through the KPI indexes, never a sequential scan',
    { skip },
    async () => {
      const store = await freshStore('postgres');
      const statements: CompiledQuery[] = [];
      const logged = new Kysely<Database>({
        dialect: dialectFor(store.url).dialect,
        log: (e) => void (e.level === 'query' && statements.push(e.query)),
      });
      try {
        const practice = defaultPractice('default');
        await savePractice(store.db, practice);
        await fill(store.db);
        const { rows: counted } = await sql<{ n: number }>`SELECT COUNT(*) AS n
          FROM appointments`.execute(store.db);
        assert.equal(Number(counted[0]!.n), APPOINTMENTS);

        // The records path (what a filter, a grouping or a stale store reads) and the default
        // path after a refresh (rollups, plus what they do not hold).
        await computeKpis(logged, practice, { ...MONTH, rollups: false });
        await refreshRollups(store.db, practice);
        await computeKpis(logged, practice, { ...MONTH });

        const onAppointments = statements.filter((q) => /\bappointments\b/.test(q.sql));
        assert.ok(onAppointments.length > 0, 'the report read appointments');
        const used = new Set<string>();
        const problems: string[] = [];
        for (const q of onAppointments) {
          const { rows } = await logged.executeQuery<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
            CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${q.sql}`, [...q.parameters]),
          );
          const nodes = nodesOf(rows[0]!['QUERY PLAN'][0]!.Plan);
          for (const n of nodes) {
            if (n['Relation Name'] !== 'appointments') continue;
            if (n['Node Type'] === 'Seq Scan') {
              problems.push(`Seq Scan on appointments in: ${q.sql.slice(0, 300)}`);
            }
            if (n['Index Name']) used.add(n['Index Name']);
          }
        }
        console.log(
          `# ${onAppointments.length} of ${statements.length} statements read appointments, ` +
            `through ${[...used].sort().join(', ')}`,
        );
        assert.deepEqual(problems, []);
        assert.ok(
          used.has('appointments_kpi_start_idx'),
          `the by-start covering index is used (used: ${[...used].join(', ')})`,
        );
        for (const i of used) assert.match(i, /^appointments_\w+$/);
      } finally {
        await logged.destroy();
        await store.drop();
      }
    },
  );
});
