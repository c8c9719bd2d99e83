import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ENTITY_NAMES } from '../../model/entities.js';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import type { SourceRecord } from '../../store/import-records.js';
import { ROLLUP_TABLES } from '../../store/rollup.repository.js';
import { computeKpis, type ComputeOptions } from '../engine/compute-kpis.js';
import { rebuildRollups } from './refresh-rollups.js';

/**
 * Test helpers of the rollup tests (incremental-rollups and concurrent-rollups int tests): a
 * seeded random source, random pushes onto the small sample practice, and the row-for-row
 * snapshot of the rollup tables that a refresh is compared to a full rebuild by.
 */

/** The small sample practice (America/New_York, 2026), the rollup tests' starting data. */
export const SAMPLE = fileURLToPath(new URL('../../../samples/small-practice', import.meta.url));
const DAY = 86_400_000;

/** Seeded PRNG (mulberry32): the same writes on every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every rollup table's rows of the practice, each as JSON, sorted. */
export async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of ROLLUP_TABLES) {
    const rows = await db.selectFrom(t).selectAll().where('practice_id', '=', 'default').execute();
    out[t] = rows
      .map((r) =>
        JSON.stringify(
          Object.entries(r)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, v === null ? null : typeof v === 'string' ? v : Number(v)]),
        ),
      )
      .sort();
  }
  return out;
}

export const iso = (ms: number) => new Date(ms).toISOString();
const START = Date.parse('2026-06-01T00:00:00Z');
const SPAN = 180 * DAY;

/** One push: new and changed records of every entity, in random order within each entity. */
export async function randomPush(
  db: Db,
  rand: () => number,
  round: number,
): Promise<SourceRecord[]> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const when = () => START + Math.floor(rand() * SPAN);
  const therapists = ['t-0001', 't-0002', 't-0003'];
  const clients = (
    await db
      .selectFrom('clients')
      .select('client_id')
      .where('practice_id', '=', 'default')
      .execute()
  ).map((c) => c.client_id);
  const appointments = await db
    .selectFrom('appointments')
    .selectAll()
    .where('practice_id', '=', 'default')
    .orderBy('appointment_id')
    .execute();
  const slots = (
    await db.selectFrom('slots').select('slot_id').where('practice_id', '=', 'default').execute()
  ).map((s) => s.slot_id);
  const out: SourceRecord[] = [];
  const add = (entity: SourceRecord['entity'], record: Record<string, unknown>) =>
    out.push({ entity, record, path: `push-${round}:${out.length}` });
  const appointment = (a: (typeof appointments)[number], start: number, changes = {}) => ({
    appointment_id: a.appointment_id,
    client_id: a.client_id,
    therapist_id: a.therapist_id,
    scheduled_start: iso(start),
    status: a.source_status,
    service: a.service,
    booked_at: a.booked_at === null ? null : iso(Number(a.booked_at)),
    requested_at: a.requested_at === null ? null : iso(Number(a.requested_at)),
    duration_min: 50,
    slot_id: a.slot_id,
    price: a.price_minor === null ? null : Number(a.price_minor) / 100,
    currency: a.currency,
    ...changes,
  });
  // Moves to another day, therapist or status, a late cancellation, a slot taken.
  for (let i = 0; i < 6 && appointments.length > 0; i++) {
    const a = pick(appointments);
    const start = Number(a.scheduled_start) + Math.round((rand() - 0.5) * 60) * DAY + 3_600_000;
    const kind = Math.floor(rand() * 5);
    const changes =
      kind === 0
        ? { therapist_id: pick(therapists) }
        : kind === 1
          ? { status: pick(['completed', 'no_show', 'booked', 'cancelled']) }
          : kind === 2
            ? { status: 'cancelled', cancelled_at: iso(start - 3_600_000), cancelled_by: 'client' }
            : kind === 3
              ? { slot_id: pick(slots), status: 'completed' }
              : {};
    add('appointments', appointment(a, kind === 4 ? when() : start, changes));
  }
  // A new client with a few sessions; an unknown user's activity that becomes a client later.
  const c = `c-new-${round}`;
  add('clients', {
    client_id: c,
    created_at: iso(when() - 30 * DAY),
    acquisition_channel: 'search',
  });
  let at = when();
  for (let i = 0; i < 1 + Math.floor(rand() * 4); i++) {
    add('appointments', {
      appointment_id: `a-new-${round}-${i}`,
      client_id: c,
      therapist_id: pick(therapists),
      scheduled_start: iso(at),
      status: pick(['completed', 'completed', 'no_show', 'booked']),
      booked_at: iso(at - 5 * DAY),
      requested_at: iso(at - 6 * DAY),
      price: 95,
      currency: 'USD',
    });
    at += Math.floor(rand() * 20) * DAY;
  }
  if (round > 1) {
    add('clients', { client_id: `c-later-${round - 1}`, created_at: iso(START) });
  }
  add('activity', {
    user_type: 'client',
    user_id: `c-later-${round}`,
    occurred_at: iso(when()),
    kind: 'login',
  });
  for (let i = 0; i < 4; i++) {
    add('activity', {
      user_type: rand() < 0.5 ? 'client' : 'therapist',
      user_id: rand() < 0.5 ? pick(clients) : pick(therapists),
      occurred_at: iso(when()),
      kind: pick(['login', 'message']),
    });
  }
  add('activity', {
    user_type: 'client',
    user_id: 'c-ghost',
    occurred_at: iso(when()),
    kind: 'login',
  });
  // Messages: a new conversation, a reply in an old one, and a moved message.
  const conv = `cv-new-${round}`;
  let m = when();
  for (let i = 0; i < 3; i++) {
    add('messages', {
      message_id: `m-new-${round}-${i}`,
      conversation_id: rand() < 0.3 ? 'cv-1-3' : conv,
      sender: i % 2 === 0 ? 'client' : 'therapist',
      sent_at: iso(m),
      client_id: c,
      therapist_id: pick(therapists),
    });
    m += Math.floor(rand() * 3 * DAY);
  }
  add('messages', {
    message_id: `m-000000${1 + Math.floor(rand() * 9)}`,
    conversation_id: 'cv-1-3',
    sender: pick(['client', 'therapist']),
    sent_at: iso(when()),
    client_id: 'c-000001',
    therapist_id: 't-0003',
  });
  // Surveys, payments, ratings, slots, availability, therapists' limits, a discharge.
  add('surveys', {
    response_id: `sv-new-${round}`,
    client_id: pick([c, ...clients]),
    responded_at: iso(when()),
    score: 1 + Math.floor(rand() * 5),
    scale_max: 5,
    instrument: 'csat',
  });
  add('surveys', {
    response_id: `sv-000000${1 + Math.floor(rand() * 9)}`,
    client_id: 'c-000001',
    responded_at: iso(when()),
    score: Math.floor(rand() * 27),
    instrument: 'phq9',
  });
  // PHQ-9 / GAD-7 answers: new ones of clients with sessions, one moved to another client and
  // instant (its old and its new client's episodes change), one re-scored.
  const answers = await db
    .selectFrom('surveys')
    .select(['response_id', 'client_id', 'responded_at', 'instrument'])
    .where('practice_id', '=', 'default')
    .where('instrument', 'in', ['phq9', 'gad7'])
    .orderBy('response_id')
    .execute();
  for (let i = 0; i < 3; i++) {
    const a = pick(appointments);
    add('surveys', {
      response_id: `sv-out-${round}-${i}`,
      client_id: a.client_id,
      responded_at: iso(Number(a.scheduled_start) + Math.round((rand() - 0.3) * 20) * DAY),
      score: Math.floor(rand() * 22),
      instrument: pick(['phq9', 'gad7']),
    });
  }
  if (answers.length > 0) {
    const moved = pick(answers);
    add('surveys', {
      response_id: moved.response_id,
      client_id: pick(clients),
      responded_at: iso(when()),
      score: Math.floor(rand() * 22),
      instrument: moved.instrument,
    });
    const rescored = pick(answers.filter((x) => x !== moved));
    if (rescored)
      add('surveys', {
        response_id: rescored.response_id,
        client_id: rescored.client_id,
        responded_at: iso(Number(rescored.responded_at)),
        score: Math.floor(rand() * 22),
        instrument: rescored.instrument,
      });
  }
  const paid = pick(appointments);
  add('payments', {
    payment_id: rand() < 0.5 ? `p-new-${round}` : 'p-0000001',
    client_id: paid.client_id,
    amount: 110,
    paid_at: iso(when()),
    currency: 'USD',
    appointment_id: paid.appointment_id,
  });
  add('session_ratings', {
    appointment_id: pick(appointments).appointment_id,
    rating: 1 + Math.floor(rand() * 5),
    rated_at: iso(when()),
  });
  const slotAt = when();
  add('slots', {
    slot_id: rand() < 0.5 ? `sl-new-${round}` : pick(slots),
    therapist_id: pick(therapists),
    start: iso(slotAt),
    end: iso(slotAt + 3_600_000),
    service: 'talk_therapy',
  });
  // Whole hours over two local days: hours per day stay whole, so sums in any order agree
  // (a fraction of an hour sums to a different last bit by day than by row).
  const free = Math.floor(when() / 3_600_000) * 3_600_000;
  add('availability', {
    therapist_id: pick(therapists),
    start: iso(free),
    end: iso(free + 30 * 3_600_000),
  });
  add('therapists', {
    therapist_id: pick(therapists),
    max_sessions_per_day: 1 + Math.floor(rand() * 4),
  });
  add('clients', {
    client_id: pick(clients),
    created_at: iso(START - 90 * DAY),
    discharged_at: rand() < 0.5 ? iso(when()) : null,
  });
  const order = new Map(ENTITY_NAMES.map((e, i) => [e, i]));
  const keyed = out.map((r) => ({ r, k: rand() }));
  keyed.sort((x, y) => order.get(x.r.entity)! - order.get(y.r.entity)! || x.k - y.k);
  return keyed.map((x) => x.r);
}

/** The paths at which two values differ, for a readable assertion message. */
export function diffPaths(a: unknown, b: unknown, at = ''): string[] {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return a === b ? [] : [`${at}: ${String(a)} vs ${String(b)}`];
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) =>
    diffPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`),
  );
}

/**
 * The reports the rollup tests compare both ways: by month, by week, whole, by day, by each
 * dimension and under a therapist filter.
 */
export const CASES: ComputeOptions[] = [
  { from: '2026-05-01', to: '2026-12-31', by: 'month' },
  { from: '2026-05-01', to: '2026-12-31', by: 'week' },
  { from: '2026-05-01', to: '2026-12-31' },
  { from: '2026-10-25', to: '2026-11-05', by: 'day' },
  { from: '2026-05-01', to: '2026-12-31', by: 'therapist' },
  { from: '2026-09-01', to: '2026-11-30', by: 'service' },
  { from: '2026-09-01', to: '2026-11-30', by: 'channel' },
  { from: '2026-05-01', to: '2026-12-31', by: 'month', filter: { therapist: 't-0003' } },
];

/** Every case of CASES read with rollups equals the same case read from the records only. */
export async function assertRollupsServeRecords(db: Db, practice: Practice, label: string) {
  for (const c of CASES) {
    const rolled = await computeKpis(db, practice, c);
    const raw = await computeKpis(db, practice, { ...c, rollups: false });
    assert.deepEqual(
      rolled,
      raw,
      `${label}: ${JSON.stringify(c)} ${diffPaths(rolled, raw).join('; ')}`,
    );
  }
}

/**
 * The stored rollup tables equal, row for row, what a full rebuild from the records makes (which
 * then stays in place).
 */
export async function assertRollupsEqualRebuild(db: Db, practice: Practice, label: string) {
  const before = await snapshot(db);
  await rebuildRollups(db, practice);
  const full = await snapshot(db);
  for (const t of ROLLUP_TABLES) {
    assert.deepEqual(before[t], full[t], `${label}: ${t} refreshed = rebuilt`);
  }
}
