import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Db } from './database.js';
import { importCanonicalFolder, type ImportResult } from './import-canonical.js';
import {
  dumpTables,
  fixture,
  fixtureCopy,
  scratchReport,
  tableCounts,
} from './import-test-helpers.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

const counts = (r: ImportResult) =>
  Object.fromEntries(
    r.files.map((f) => [f.entity, [f.inserted, f.updated, f.unchanged, f.rejected, f.warnings]]),
  );

const GOOD_FIRST = {
  therapists: [2, 0, 0, 0, 0],
  clients: [3, 0, 0, 0, 0],
  availability: [2, 0, 0, 0, 0],
  slots: [2, 0, 0, 0, 0],
  appointments: [4, 0, 0, 0, 0],
  session_ratings: [1, 0, 0, 0, 0],
  surveys: [2, 0, 0, 0, 0],
  messages: [3, 0, 0, 0, 0],
  payments: [3, 0, 0, 0, 0],
  activity: [3, 0, 0, 0, 1],
};

const appointment = (db: Db, id: string) =>
  db
    .selectFrom('appointments')
    .selectAll()
    .where('appointment_id', '=', id)
    .executeTakeFirstOrThrow();

for (const dialect of DIALECTS) {
  describe(`canonical import on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('loads the good folder, is idempotent, and updates one changed row', { skip }, async () => {
      const store = await freshStore(dialect);
      const folder = fixtureCopy('good');
      try {
        const first = await importCanonicalFolder(store, folder, {
          practiceId: 'p1',
          reportPath: scratchReport(),
        });
        assert.deepEqual(counts(first), GOOD_FIRST);
        assert.equal(first.status, 'ok');
        assert.equal(first.practice.timezone, 'Europe/Berlin');
        assert.deepEqual(
          first.issues.map((i) => [i.severity, i.code, i.path]),
          [
            ['info', 'unknown_file', 'README.txt'],
            ['warning', 'unknown_user', 'activity.csv:4:user_id'],
          ],
        );
        const a2 = await appointment(store.db, 'a2');
        assert.deepEqual(
          [a2.status, a2.source_status, a2.price_minor, a2.currency],
          ['late_cancelled', 'cancelled', 9050, 'EUR'],
        );
        const a1 = await appointment(store.db, 'a1');
        assert.deepEqual([a1.price_minor, a1.currency], [12000, 'EUR']);
        const c1 = await store.db.selectFrom('clients').selectAll().where('client_id', '=', 'c1');
        // 09:00 without offset is read in Europe/Berlin (UTC+1 in March).
        assert.equal((await c1.executeTakeFirstOrThrow()).created_at, Date.UTC(2025, 2, 1, 8));

        const again = await importCanonicalFolder(store, folder, {
          practiceId: 'p1',
          reportPath: scratchReport(),
        });
        for (const f of again.files) assert.deepEqual([f.inserted, f.updated], [0, 0], f.file);

        const path = join(folder, 'appointments.csv');
        writeFileSync(
          path,
          readFileSync(path, 'utf8').replace('no_show,therapy', 'completed,therapy'),
        );
        const third = await importCanonicalFolder(store, folder, {
          practiceId: 'p1',
          reportPath: scratchReport(),
        });
        const appts = third.files.find((f) => f.entity === 'appointments')!;
        assert.deepEqual([appts.inserted, appts.updated, appts.unchanged], [0, 1, 3]);
        assert.equal((await appointment(store.db, 'a4')).status, 'completed');
        const logged = await store.db.selectFrom('imports').selectAll().execute();
        assert.equal(logged.length, 3);
        assert.equal(JSON.parse(logged[0]!.counts_json).length, 10);
      } finally {
        await store.drop();
      }
    });

    it('loads the valid rows of the broken folder and reports the rest', { skip }, async () => {
      const store = await freshStore(dialect);
      const report = join(fixtureCopy('good'), 'report.csv');
      try {
        const r = await importCanonicalFolder(store, fixture('broken'), { reportPath: report });
        assert.deepEqual(counts(r), {
          therapists: [1, 0, 0, 0, 0],
          clients: [1, 0, 0, 2, 0],
          appointments: [1, 0, 0, 5, 1],
          session_ratings: [1, 0, 0, 1, 1],
          // payments.csv lacks its amount column: its one row is counted as rejected.
          payments: [0, 0, 0, 1, 0],
        });
        assert.equal(r.status, 'partial');
        assert.equal(r.reportPath, report);
        const a1 = await appointment(store.db, 'a1');
        assert.equal(a1.status, 'completed');
        const rating = await store.db.selectFrom('session_ratings').selectAll().execute();
        assert.deepEqual(
          rating.map((x) => [x.appointment_id, x.rating]),
          [['a1', 3]],
        );
        const t1 = await store.db.selectFrom('therapists').selectAll().executeTakeFirstOrThrow();
        assert.equal(t1.display_name, 'Lee, Jo');
      } finally {
        await store.drop();
      }
    });

    it('reports a key repeated far apart in a large file, fresh and stored', { skip }, async () => {
      const store = await freshStore(dialect);
      const folder = fixtureCopy('good');
      const path = join(folder, 'clients.csv');
      const rows = readFileSync(path, 'utf8').trimEnd().split('\n');
      const c2 = rows[2]!; // line 3
      for (let i = 0; i < 60_000; i++) {
        rows.push(`x${i},2025-03-01T09:00:00Z,search,`);
        if (i === 29_999) rows.push(c2); // line 30,005, batches after line 3
      }
      rows.push(rows.at(-1)!); // x59999 twice in a row: within one batch
      rows.push('x7,2025-03-01T09:00:00Z,referral,', c2); // x7 was on line 12
      writeFileSync(path, rows.join('\n') + '\n');
      const n = rows.length; // the last line's number
      const expected = [
        ['clients.csv:3', `c2 appears again at line 30005`],
        ['clients.csv:12', `x7 appears again at line ${n - 1}`],
        ['clients.csv:30005', `c2 appears again at line ${n}`],
        [`clients.csv:${n - 3}`, `x59999 appears again at line ${n - 2}`],
      ];
      const repeats = (r: ImportResult) =>
        r.issues
          .filter((i) => i.code === 'duplicate_in_file')
          .map((i) => [i.path, /= (.*): the last/.exec(i.message)![1]]);
      try {
        const first = await importCanonicalFolder(store, folder, {
          practiceId: 'p1',
          reportPath: scratchReport(),
        });
        assert.deepEqual(counts(first).clients, [60_003, 1, 2, 0, 4]);
        assert.deepEqual(repeats(first), expected);
        // The practice's clients are stored now: every key is looked up, the same repeats found.
        const again = await importCanonicalFolder(store, folder, {
          practiceId: 'p1',
          reportPath: scratchReport(),
        });
        assert.equal(counts(again).clients![4], 4);
        assert.deepEqual(repeats(again), expected);
        const x7 = store.db.selectFrom('clients').selectAll().where('client_id', '=', 'x7');
        assert.equal((await x7.executeTakeFirstOrThrow()).acquisition_channel, 'referral');
      } finally {
        await store.drop();
      }
    });

    it('rolls everything back when aborted mid-way', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        await importCanonicalFolder(store, fixture('broken'), { reportPath: scratchReport() });
        const before = await tableCounts(store.db);
        const controller = new AbortController();
        await assert.rejects(
          importCanonicalFolder(store, fixture('good'), {
            practiceId: 'default',
            signal: controller.signal,
            onProgress: (p) => {
              if (p.entity === 'appointments') controller.abort();
            },
          }),
          /interrupted/,
        );
        assert.deepEqual(await tableCounts(store.db), before);
        const practice = await store.db.selectFrom('practices').selectAll().execute();
        assert.equal(practice.length, 0, 'practice.json was not saved either');
      } finally {
        await store.drop();
      }
    });
  });
}

describe('canonical import on every dialect', async () => {
  const skip = (await dialectSkipReason('postgres')) ?? false;
  it('leaves identical data in SQLite and PostgreSQL', { skip }, async () => {
    const dumps = [];
    for (const dialect of DIALECTS) {
      const store = await freshStore(dialect);
      try {
        await importCanonicalFolder(store, fixture('good'), {
          practiceId: 'p1',
          reportPath: scratchReport(),
        });
        await importCanonicalFolder(store, fixture('broken'), {
          practiceId: 'p1',
          reportPath: scratchReport(),
        });
        dumps.push(await dumpTables(store.db));
      } finally {
        await store.drop();
      }
    }
    assert.ok(dumps[0]!.appointments!.length > 0);
    assert.deepEqual(dumps[0], dumps[1]);
  });
});
