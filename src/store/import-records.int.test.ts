import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImportResult } from './import-canonical.js';
import { importRecords, type SourceRecord } from './import-records.js';
import { tableCounts } from './import-test-helpers.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

const counts = (r: ImportResult) =>
  Object.fromEntries(
    r.files.map((f) => [f.entity, [f.inserted, f.updated, f.unchanged, f.rejected, f.warnings]]),
  );

const RECORDS: SourceRecord[] = [
  { entity: 'therapists', record: { therapist_id: 't1' }, path: 'src.json:T/t1' },
  {
    entity: 'clients',
    record: { client_id: 'c1', created_at: '2026-01-05' },
    path: 'src.json:C/c1',
  },
  { entity: 'clients', record: { client_id: '', created_at: '2026-01-05' }, path: 'src.json:C/x' },
  {
    entity: 'appointments',
    record: {
      appointment_id: 'a1',
      client_id: 'c1',
      therapist_id: 't1',
      scheduled_start: '2026-02-01T10:00:00Z',
      status: 'completed',
      price: 80,
    },
    path: 'src.json:A/a1',
  },
  {
    entity: 'appointments',
    record: {
      appointment_id: 'a2',
      client_id: 'nobody',
      therapist_id: 't1',
      scheduled_start: '2026-02-02T10:00:00Z',
      status: 'completed',
    },
    path: 'src.json:A/a2',
  },
  {
    entity: 'appointments',
    record: {
      appointment_id: 'a3',
      client_id: 'c1',
      therapist_id: 't1',
      scheduled_start: 'soon',
      status: 'completed',
    },
    path: 'src.json:A/a3',
  },
  {
    entity: 'appointments',
    record: {
      appointment_id: 'a1',
      client_id: 'c1',
      therapist_id: 't1',
      scheduled_start: '2026-02-01T10:00:00Z',
      status: 'no_show',
    },
    path: 'src.json:A/a1-again',
  },
];

for (const dialect of DIALECTS) {
  describe(`record import on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'validates each record at its own path, writes through the batch writer, is idempotent',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const before = {
            severity: 'info' as const,
            code: 'x',
            message: 'from the mapper',
            path: 'm',
          };
          const first = await importRecords(
            store,
            { label: 'test', records: RECORDS, issues: [before] },
            { practiceId: 'p1', reportPath: false, batchSize: 2 },
          );
          assert.equal(first.status, 'partial');
          assert.equal(first.reportPath, null);
          assert.deepEqual(counts(first), {
            therapists: [1, 0, 0, 0, 0],
            clients: [1, 0, 0, 1, 0],
            // batches of 2: a1 is inserted by one batch, updated by a later one (as in a CSV file)
            appointments: [1, 1, 0, 2, 1],
          });
          assert.deepEqual(
            first.issues.map((i) => [i.severity, i.code, i.path]),
            [
              ['info', 'x', 'm'],
              ['error', 'missing_value', 'src.json:C/x:client_id'],
              ['error', 'unknown_reference', 'src.json:A/a2:client_id'],
              ['error', 'invalid_value', 'src.json:A/a3:scheduled_start'],
              ['warning', 'duplicate_in_file', 'src.json:A/a1'],
            ],
          );
          assert.match(first.issues[4]!.message, /appears again at src\.json:A\/a1-again/);
          const stored = await store.db
            .selectFrom('appointments')
            .selectAll()
            .executeTakeFirstOrThrow();
          assert.equal(stored.status, 'no_show', 'the last record of a key wins');
          assert.equal(stored.practice_id, 'p1');
          const again = await importRecords(
            store,
            {
              label: 'test',
              records: (async function* () {
                yield* RECORDS;
              })(),
            },
            { practiceId: 'p1', reportPath: false },
          );
          assert.deepEqual(counts(again), {
            therapists: [0, 0, 1, 0, 0],
            clients: [0, 0, 1, 1, 0],
            appointments: [0, 0, 1, 2, 1],
          });
          const log = await store.db
            .selectFrom('imports')
            .selectAll()
            .orderBy('started_at')
            .execute();
          assert.equal(log.length, 2);
          assert.equal(log[0]!.format, 'records');
          assert.equal(Number(log[0]!.inserted), 3);
          assert.deepEqual((await tableCounts(store.db)).appointments, 1);
        } finally {
          await store.drop();
        }
      },
    );

    it('rolls everything back when aborted', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        const controller = new AbortController();
        async function* records() {
          yield RECORDS[0]!;
          controller.abort();
          yield RECORDS[1]!;
        }
        await assert.rejects(
          importRecords(store, { label: 't', records: records() }, { signal: controller.signal }),
          /interrupted/,
        );
        assert.equal((await tableCounts(store.db)).therapists, 0);
      } finally {
        await store.drop();
      }
    });
  });
}
