import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ENTITY_NAMES } from '../../model/entities.js';
import type { Db } from '../../store/database.js';
import { importCanonicalFolder } from '../../store/import-canonical.js';
import { importRecords, type SourceRecord } from '../../store/import-records.js';
import { scratchReport } from '../../store/import-test-helpers.js';
import { getPractice } from '../../store/practice.repository.js';
import {
  clearRollupMarks,
  countRollupMarks,
  markDay,
  readRollupMarks,
} from '../../store/rollup-marks.repository.js';
import { ROLLUP_TABLES } from '../../store/rollup.repository.js';
import {
  DIALECTS,
  dialectSkipReason,
  freshStore,
  type TestStore,
} from '../../store/test-dialects.js';
import { updatePractice } from '../../store/update-practice.js';
import { computeKpis, type ComputeOptions } from '../engine/compute-kpis.js';
import { dayNumber } from './local-day.js';
import {
  freshRollupZone,
  rebuildRollups,
  refreshRollups,
  type RollupStep,
} from './refresh-rollups.js';

const SAMPLE = fileURLToPath(new URL('../../../samples/small-practice', import.meta.url));
const DAY = 86_400_000;

/** Seeded PRNG (mulberry32): the same writes on every run. */
function prng(seed: number) {
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
async function snapshot(db: Db): Promise<Record<string, string[]>> {
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

const CASES: ComputeOptions[] = [
  { from: '2026-05-01', to: '2026-12-31', by: 'month' },
  { from: '2026-05-01', to: '2026-12-31', by: 'week' },
  { from: '2026-05-01', to: '2026-12-31' },
  { from: '2026-10-25', to: '2026-11-05', by: 'day' },
];

/**
 * The sample's CSV rows split into `parts` folders at random (therapists and clients all in the
 * first, so most references resolve): canonical imports arriving in pieces.
 */
function splitSample(rand: () => number, parts: number, settings: object): string[] {
  const root = mkdtempSync(join(tmpdir(), 'rapport-incremental-'));
  const dirs = Array.from({ length: parts }, (_, i) => join(root, `part-${i}`));
  for (const d of dirs) {
    mkdirSync(d);
    const practice = JSON.parse(readFileSync(join(SAMPLE, 'practice.json'), 'utf8')) as object;
    writeFileSync(join(d, 'practice.json'), JSON.stringify({ ...practice, ...settings }));
  }
  for (const f of readdirSync(SAMPLE).filter((n) => n.endsWith('.csv'))) {
    const [header, ...lines] = readFileSync(join(SAMPLE, f), 'utf8').trimEnd().split('\n');
    const own: string[][] = dirs.map(() => [header!]);
    const first = f === 'therapists.csv' || f === 'clients.csv';
    for (const l of lines) own[first ? 0 : Math.floor(rand() * parts)]!.push(l);
    dirs.forEach((d, i) => writeFileSync(join(d, f), own[i]!.join('\n') + '\n'));
  }
  return dirs;
}

const iso = (ms: number) => new Date(ms).toISOString();
const START = Date.parse('2026-06-01T00:00:00Z');
const SPAN = 180 * DAY;

/** One push: new and changed records of every entity, in random order within each entity. */
async function randomPush(db: Db, rand: () => number, round: number): Promise<SourceRecord[]> {
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

/**
 * Pushes of one record each, whose effect lies in a month nothing else of the push marks: a
 * user of earlier activity gets a record (its rows stop counting as unknown), an appointment
 * takes a slot months from its own day (the slot counts as used), a rating moves with nothing
 * else. The wide random pushes mark most months anyway and would hide a missing look-up.
 */
async function narrowPushes(db: Db): Promise<[string, SourceRecord[]][]> {
  const one = (entity: SourceRecord['entity'], record: Record<string, unknown>) => [
    { entity, record, path: 'narrow' },
  ];
  const slot = await db
    .selectFrom('slots')
    .select(['slot_id', 'start_at'])
    .where('practice_id', '=', 'default')
    .orderBy('start_at')
    .orderBy('slot_id')
    .executeTakeFirstOrThrow();
  const late = await db
    .selectFrom('appointments')
    .selectAll()
    .where('practice_id', '=', 'default')
    .where('status', '=', 'completed')
    .where('scheduled_start', '>', Number(slot.start_at) + 60 * DAY)
    .orderBy('appointment_id')
    .executeTakeFirstOrThrow();
  const june = Date.parse('2026-06-10T15:00:00Z');
  return [
    [
      'activity of a user without a record',
      one('activity', {
        user_type: 'client',
        user_id: 'c-solo',
        occurred_at: iso(june),
        kind: 'login',
      }),
    ],
    [
      'the user gets a record',
      one('clients', { client_id: 'c-solo', created_at: iso(june - DAY) }),
    ],
    [
      'an appointment takes a slot months away',
      one('appointments', {
        appointment_id: late.appointment_id,
        client_id: late.client_id,
        therapist_id: late.therapist_id,
        scheduled_start: iso(Number(late.scheduled_start)),
        status: 'completed',
        slot_id: slot.slot_id,
      }),
    ],
    [
      'a rating of that appointment',
      one('session_ratings', { appointment_id: late.appointment_id, rating: 1 }),
    ],
  ];
}

/**
 * After a write: the incremental refresh (and only it) runs, the KPIs read from its rollups equal
 * those read from the records, and its rollup tables equal a full rebuild's, row for row.
 */
async function checkRefresh(store: TestStore, label: string, expect: RollupStep[]) {
  const practice = await getPractice(store.db, 'default');
  const steps: RollupStep[] = [];
  await refreshRollups(store.db, practice, (s) => steps.push(s));
  assert.deepEqual(steps, expect, `${label}: how the rollups were refreshed`);
  assert.equal((await countRollupMarks(store.db, 'default')).n, 0, `${label}: marks cleared`);
  assert.equal(await freshRollupZone(store.db, practice), 'America/New_York', label);
  const incremental = await snapshot(store.db);
  for (const c of CASES) {
    const rolled = await computeKpis(store.db, practice, c);
    const raw = await computeKpis(store.db, practice, { ...c, rollups: false });
    assert.deepEqual(
      rolled,
      raw,
      `${label}: ${JSON.stringify(c)} ${diffPaths(rolled, raw).join('; ')}`,
    );
  }
  await rebuildRollups(store.db, practice);
  const full = await snapshot(store.db);
  for (const t of ROLLUP_TABLES) {
    assert.deepEqual(incremental[t], full[t], `${label}: ${t} refreshed = rebuilt`);
  }
}

function diffPaths(a: unknown, b: unknown, at = ''): string[] {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return a === b ? [] : [`${at}: ${String(a)} vs ${String(b)}`];
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) =>
    diffPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`),
  );
}

const INCREMENTAL: RollupStep[] = ['changed records'];

describe('marks number local days as the rollups do', () => {
  it('around both daylight-saving switches and before 1970', () => {
    const zone = 'America/New_York';
    for (const t of [
      Date.parse('2026-03-08T06:59:59Z'),
      Date.parse('2026-03-08T07:00:00Z'),
      Date.parse('2026-11-01T04:30:00Z'),
      Date.parse('2026-11-01T05:30:00Z'),
      Date.parse('2026-11-02T04:59:59Z'),
      Date.parse('1965-06-01T03:00:00Z'),
    ]) {
      assert.equal(markDay(t, zone), dayNumber(t, zone), iso(t));
    }
    // 2026-11-01T04:30Z is 00:30 local on 1 November (EDT): day 20758; 23:59:59 local the same.
    assert.equal(markDay(Date.parse('2026-11-01T04:30:00Z'), zone), 20_758);
    assert.equal(markDay(Date.parse('2026-11-02T04:59:59Z'), zone), 20_758);
  });
});

for (const dialect of DIALECTS) {
  describe(`incremental rollups on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'a refresh clears only the marks it read: those of a later write stay',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          await importCanonicalFolder(store, SAMPLE, { reportPath: scratchReport() });
          await refreshRollups(store.db, await getPractice(store.db, 'default'));
          const push = (id: string) =>
            importRecords(
              store,
              {
                label: 'push',
                records: [
                  {
                    entity: 'clients',
                    record: { client_id: id, created_at: '2026-10-01' },
                    path: 'p',
                  },
                ],
              },
              { reportPath: false },
            );
          await push('c-first');
          const read = await readRollupMarks(store.db, 'default');
          // client, user and known user of c-first, under one stamp.
          assert.deepEqual(read.map((m) => m.kind).sort(), ['client', 'known', 'user']);
          assert.equal(new Set(read.map((m) => m.stamp)).size, 1);
          await push('c-second');
          await clearRollupMarks(store.db, 'default', read);
          const left = await readRollupMarks(store.db, 'default');
          assert.deepEqual(left.map((m) => m.key).sort(), [
            'c-second',
            'client\u001fc-second',
            'client\u001fc-second',
          ]);
        } finally {
          await store.drop();
        }
      },
    );

    const cases = [
      {
        name: 'new clients by first session',
        settings: {} as { new_client_by?: string },
        seed: 20261202,
        pushes: 5,
      },
      {
        name: 'new clients by intake',
        settings: { new_client_by: 'created_at' },
        seed: 14,
        pushes: 3,
      },
    ];
    for (const { name, settings, seed, pushes } of cases) {
      it(
        `equal a full rebuild after every import and push, in random order (${name})`,
        { skip },
        async () => {
          const store = await freshStore(dialect);
          try {
            const rand = prng(seed);
            const [first, ...rest] = splitSample(rand, 3, settings);
            await importCanonicalFolder(store, first!, { reportPath: scratchReport() });
            const started = await getPractice(store.db, 'default');
            assert.equal(started.new_client_by, settings.new_client_by ?? 'first_session');
            await refreshRollups(store.db, started);
            const batches: (() => Promise<string>)[] = [
              ...rest.map((dir, i) => async () => {
                await importCanonicalFolder(store, dir, { reportPath: scratchReport() });
                return `canonical part ${i + 2}`;
              }),
              ...Array.from({ length: pushes }, (_, i) => i + 1).map((round) => async () => {
                const records = await randomPush(store.db, rand, round);
                await importRecords(store, { label: 'push', records }, { reportPath: false });
                return `push ${round}`;
              }),
            ];
            // Imports and pushes interleaved at random; the pushes build on what is stored.
            const order = batches.map((b) => ({ b, k: rand() })).sort((x, y) => x.k - y.k);
            let marked = 0;
            for (const { b } of order) {
              const label = await b();
              marked += (await countRollupMarks(store.db, 'default')).n;
              await checkRefresh(store, label, INCREMENTAL);
            }
            assert.ok(marked > 100, `the writes were marked (${marked})`);
            for (const [label, records] of await narrowPushes(store.db)) {
              await importRecords(store, { label, records }, { reportPath: false });
              await checkRefresh(store, label, INCREMENTAL);
            }
            // An identical push changes nothing and marks only that: the version moves on only.
            const again = await randomPush(store.db, prng(7), 9);
            await importRecords(store, { label: 'push', records: again }, { reportPath: false });
            await checkRefresh(store, 'push 9', INCREMENTAL);
            await importRecords(store, { label: 'push', records: again }, { reportPath: false });
            const marks = await readRollupMarks(store.db, 'default');
            // One `none` mark: the marker saw the write, which changed nothing.
            assert.deepEqual(
              marks.map((m) => m.kind),
              ['none'],
              'nothing changed',
            );
            await checkRefresh(store, 'push 9 again', INCREMENTAL);
            // A new late-cancellation notice asks for a full rebuild.
            const practice = await getPractice(store.db, 'default');
            await store.db
              .transaction()
              .execute((trx) => updatePractice(trx, { ...practice, late_cancel_notice_hours: 72 }));
            await checkRefresh(store, 'notice', [
              'day parts',
              'therapist days',
              'clocks',
              'client spells',
              'episodes',
              'presence',
            ]);
          } finally {
            await store.drop();
          }
        },
      );
    }
  });
}
