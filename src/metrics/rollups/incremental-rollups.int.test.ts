import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
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
import {
  DIALECTS,
  dialectSkipReason,
  freshStore,
  type TestStore,
} from '../../store/test-dialects.js';
import { updatePractice } from '../../store/update-practice.js';
import { dayNumber } from './local-day.js';
import {
  assertRollupsEqualRebuild,
  assertRollupsServeRecords,
  iso,
  prng,
  randomPush,
  SAMPLE,
} from './rollup-test-helpers.js';
import { freshRollupZone, refreshRollups, type RollupStep } from './refresh-rollups.js';

const DAY = 86_400_000;

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
  await assertRollupsServeRecords(store.db, practice, label);
  await assertRollupsEqualRebuild(store.db, practice, label);
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
