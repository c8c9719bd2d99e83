import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import pg from 'pg';
import { openStore, type Db, type Store } from '../../store/database.js';
import { importCanonicalFolder } from '../../store/import-canonical.js';
import { importRecords, type SourceRecord } from '../../store/import-records.js';
import { scratchReport } from '../../store/import-test-helpers.js';
import { getPractice } from '../../store/practice.repository.js';
import { countRollupMarks, readRollupMarks } from '../../store/rollup-marks.repository.js';
import { DIALECTS, dialectSkipReason, freshStore } from '../../store/test-dialects.js';
import { computeKpis } from '../engine/compute-kpis.js';
import { freshRollupZone, refreshRollups, type RollupStep } from './refresh-rollups.js';
import {
  assertRollupsEqualRebuild,
  assertRollupsServeRecords,
  CASES,
  prng,
  randomPush,
  SAMPLE,
} from './rollup-test-helpers.js';

/**
 * The incremental refresh under real concurrency: two store handles on one database (SQLite: two
 * connections to one file, in one process; PostgreSQL: two pools), writers pushing through
 * importRecords while readers call computeKpis, which refreshes the rollups it reads.
 */

const push = (store: Store, label: string, records: SourceRecord[]) =>
  importRecords(store, { label, records }, { reportPath: false });

/** The sample imported and its rollups built, and a second handle on the same database. */
async function twoHandles(dialect: (typeof DIALECTS)[number]) {
  const store = await freshStore(dialect);
  await importCanonicalFolder(store, SAMPLE, { reportPath: scratchReport() });
  const practice = await getPractice(store.db, 'default');
  await refreshRollups(store.db, practice);
  const other = await openStore(store.url);
  return {
    store,
    other,
    practice,
    close: async () => {
      await other.close();
      await store.drop();
    },
  };
}

/**
 * A view of `db` whose first read of the rollup marks (the refresh's `readRollupMarks`, inside
 * its transaction) holds its result until `release()`: the refresh then stands between reading
 * its marks and rebuilding what they name. `reached` resolves when it stands there.
 */
function pausedAfterMarks(db: Db) {
  let reach!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((r) => (reach = r));
  const gate = new Promise<void>((r) => (release = r));
  const marksRead = new WeakSet<object>();
  let paused = false;
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
      const text = JSON.stringify(node);
      if (node.kind === 'SelectQueryNode' && text.includes('"rollup_marks"')) {
        if (text.includes('"mark_key"')) marksRead.add(queryId);
      }
      return node;
    },
    async transformResult({
      queryId,
      result,
    }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      if (!paused && marksRead.has(queryId)) {
        paused = true;
        reach();
        await gate;
      }
      return result;
    },
  };
  return { db: db.withPlugin(plugin), reached, release };
}

/** Waits until some session of the test database waits for a lock (PostgreSQL). */
async function someoneWaitsForALock(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (let i = 0; i < 600; i++) {
      const { rows } = await c.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if (rows[0]!.n > 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('no session came to wait for a lock within 30 s');
  } finally {
    await c.end();
  }
}

/** A completed session of a sample client in a month nothing else of the test marks. */
const augustSession: SourceRecord[] = [
  {
    entity: 'appointments',
    record: {
      appointment_id: 'a-during-refresh',
      client_id: 'c-000001',
      therapist_id: 't-0001',
      scheduled_start: '2026-08-12T15:00:00Z',
      status: 'completed',
      booked_at: '2026-08-01T15:00:00Z',
      price: 95,
      currency: 'USD',
    },
    path: 'during',
  },
];
const newClient = (id: string): SourceRecord[] => [
  { entity: 'clients', record: { client_id: id, created_at: '2026-07-01' }, path: id },
];

const INCREMENTAL: RollupStep[] = ['changed records'];

for (const dialect of DIALECTS) {
  describe(`rollups under concurrent writes and reads on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'a write committed while a refresh runs keeps its marks, and the next refresh takes it in',
      { skip },
      async () => {
        const { store, other, practice, close } = await twoHandles(dialect);
        try {
          await push(store, 'before', newClient('c-before'));
          const paused = pausedAfterMarks(store.db);
          const refresh = refreshRollups(paused.db, practice);
          await paused.reached;
          const during = push(other, 'during', augustSession);
          // PostgreSQL: the write commits while the refresh stands after reading its marks. SQLite:
          // the refresh holds the write lock, so the write waits for it (without blocking the
          // thread, or the refresh could never go on).
          if (dialect === 'postgres') await during;
          paused.release();
          await refresh;
          await during;
          const left = await readRollupMarks(store.db, 'default');
          assert.ok(
            left.some((m) => m.kind === 'day') && left.some((m) => m.key === 'c-000001'),
            `the marks of the write during the refresh are kept: ${JSON.stringify(left)}`,
          );
          assert.equal(await freshRollupZone(store.db, practice), null, 'that write is not seen');
          // A later write: the refresh after it must take in the one during the refresh as well.
          await push(other, 'after', newClient('c-after'));
          const steps: RollupStep[] = [];
          await refreshRollups(store.db, practice, (s) => steps.push(s));
          assert.deepEqual(steps, INCREMENTAL, 'refreshed from the marks');
          assert.equal((await countRollupMarks(store.db, 'default')).n, 0, 'marks cleared');
          await assertRollupsServeRecords(store.db, practice, 'after the refresh');
          await assertRollupsEqualRebuild(store.db, practice, 'after the refresh');
        } finally {
          await close();
        }
      },
    );

    it(
      "a read on another handle during a refresh waits for it and gets the records' report",
      { skip },
      async () => {
        const { store, other, practice, close } = await twoHandles(dialect);
        try {
          await push(store, 'before', augustSession);
          const paused = pausedAfterMarks(store.db);
          const refresh = refreshRollups(paused.db, practice);
          await paused.reached;
          const reading = computeKpis(other.db, practice, CASES[0]!);
          // PostgreSQL: the reader's refresh waits for the state row the running one locked.
          // SQLite: its BEGIN IMMEDIATE retries until the running refresh lets go of the write
          // lock; no assertion depends on how long that is.
          if (dialect === 'postgres') await someoneWaitsForALock(store.url);
          else await new Promise((r) => setTimeout(r, 200));
          paused.release();
          await refresh;
          const report = await reading;
          assert.deepEqual(
            report,
            await computeKpis(store.db, practice, { ...CASES[0]!, rollups: false }),
          );
          assert.equal(await freshRollupZone(other.db, practice), 'America/New_York');
        } finally {
          await close();
        }
      },
    );

    it(
      'writers pushing at random while readers refresh in a loop: no lock errors, rollups = rebuild',
      { skip },
      async () => {
        const { store, other, practice, close } = await twoHandles(dialect);
        try {
          const handles = [store, other];
          const WRITERS = 3;
          const ROUNDS = 4;
          let writing = WRITERS;
          const writer = async (w: number) => {
            const rand = prng(20261203 + w);
            const h = handles[w % 2]!;
            try {
              for (let i = 0; i < ROUNDS; i++) {
                const round = 100 * (w + 1) + i;
                const records = await randomPush(h.db, rand, round);
                const r = await push(h, `push ${round}`, records);
                assert.notEqual(r.status, 'failed', `push ${round}`);
              }
            } finally {
              writing--;
            }
          };
          const reader = async (n: number) => {
            const h = handles[n % 2]!;
            let reads = 0;
            // Bounded: until the writers are done, at most 60 reports.
            while ((writing > 0 || reads === 0) && reads < 60) {
              const report = await computeKpis(h.db, practice, CASES[reads % CASES.length]!);
              assert.ok(Object.keys(report.kpis).length > 0);
              reads++;
            }
            return reads;
          };
          const settled = await Promise.allSettled([
            ...Array.from({ length: WRITERS }, (_, w) => writer(w)),
            reader(0),
            reader(1),
          ]);
          const errors = settled.flatMap((s) =>
            s.status === 'rejected' ? [String((s.reason as Error)?.stack ?? s.reason)] : [],
          );
          assert.deepEqual(errors, [], 'no writer or reader failed');
          // One more write, then the refresh from the marks the concurrent ones left.
          const records = await randomPush(store.db, prng(5), 999);
          await push(store, 'last push', records);
          const steps: RollupStep[] = [];
          await refreshRollups(store.db, practice, (s) => steps.push(s));
          assert.deepEqual(steps, INCREMENTAL, 'refreshed from the marks');
          await assertRollupsServeRecords(store.db, practice, 'after concurrent writes');
          await assertRollupsEqualRebuild(store.db, practice, 'after concurrent writes');
        } finally {
          await close();
        }
      },
    );
  });
}
