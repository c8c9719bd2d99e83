import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importRecords, type SourceRecord } from './import-records.js';
import { scratchReport } from './import-test-helpers.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

/** Records as the push API and FHIR give them (JSON values), some out of range. */
const RECORDS: SourceRecord[] = [
  {
    entity: 'clients',
    record: { client_id: 'c1', created_at: '2026-01-05T00:00:00Z' },
    path: 'r:C/c1',
  },
  { entity: 'clients', record: { client_id: 'c2', created_at: Infinity }, path: 'r:C/c2' },
  {
    entity: 'clients',
    record: { client_id: 'c3', created_at: '2026-02-30T24:00:00Z' },
    path: 'r:C/c3',
  },
  {
    entity: 'clients',
    record: { client_id: 'c4', created_at: '2026-01-05T00:00:00+25:00' },
    path: 'r:C/c4',
  },
  {
    entity: 'payments',
    record: {
      payment_id: 'p1',
      client_id: 'c1',
      amount: '99999999999999999999',
      paid_at: '2026-02-01T00:00:00Z',
    },
    path: 'r:P/p1',
  },
  {
    entity: 'payments',
    record: { payment_id: 'p2', client_id: 'c1', amount: 1e22, paid_at: '2026-02-01T00:00:00Z' },
    path: 'r:P/p2',
  },
  {
    entity: 'payments',
    record: { payment_id: 'p3', client_id: 'c1', amount: '80.00', paid_at: '2026-02-01T00:00:00Z' },
    path: 'r:P/p3',
  },
];

for (const dialect of DIALECTS) {
  describe(`out-of-range values from JSON records on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('are rejected rows naming field and value; the other rows load', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        const r = await importRecords(
          store,
          { label: 'push', records: RECORDS },
          { reportPath: scratchReport() },
        );
        const errors = r.issues.filter((i) => i.severity === 'error').map((i) => i.message);
        assert.deepEqual(errors, [
          'created_at: "Infinity" is out of range (not a finite number)',
          'created_at: "2026-02-30T24:00:00Z" is not a calendar date',
          'created_at: "2026-01-05T00:00:00+25:00" has a UTC offset out of range (-14:00 to +14:00)',
          'amount: "99999999999999999999" is out of range (at most 10000000000.00 USD either way)',
          'amount: "1e+22" is not a decimal amount (e.g. 120.00)',
        ]);
        const clients = await store.db.selectFrom('clients').select('client_id').execute();
        assert.deepEqual(
          clients.map((c) => c.client_id),
          ['c1'],
        );
        const payments = await store.db
          .selectFrom('payments')
          .select(['payment_id', 'amount_minor'])
          .execute();
        assert.deepEqual(
          payments.map((p) => [p.payment_id, Number(p.amount_minor)]),
          [['p3', 8000]],
        );
      } finally {
        await store.drop();
      }
    });
  });
}
