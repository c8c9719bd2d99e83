import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appointment as row } from '../../metrics/test-records.js';
import { ZPractice } from '../../model/practice.js';
import { savePractice } from '../../store/practice.repository.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { withTestApp } from '../test-app.js';

for (const dialect of DIALECTS) {
  describe(`GET /api/v1/data-range on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('answers nulls without appointments', { skip }, () =>
      withTestApp(dialect, async ({ store, get }) => {
        await savePractice(store.db, ZPractice.parse({ practice_id: 'p' }));
        const r = await get('/api/v1/data-range?practice=p');
        assert.equal(r.status, 200);
        assert.deepEqual(r.body, { first: null, last: null });
      }),
    );

    it('answers the first and last appointment day in the practice zone', { skip }, () =>
      withTestApp(dialect, async ({ store, get }) => {
        await savePractice(
          store.db,
          ZPractice.parse({ practice_id: 'p', timezone: 'America/New_York' }),
        );
        await store.db
          .insertInto('appointments')
          .values([
            // 2026-03-01 03:00 UTC is still Feb 28 in New York.
            row({ appointment_id: 'a1', start: Date.UTC(2026, 2, 1, 3) }),
            row({ appointment_id: 'a2', start: Date.UTC(2026, 5, 10, 15) }),
            // 2026-07-01 02:30 UTC is June 30 in New York.
            row({ appointment_id: 'a3', start: Date.UTC(2026, 6, 1, 2, 30) }),
            row({ appointment_id: 'x', start: Date.UTC(2030, 0, 1), practice_id: 'other' }),
          ])
          .execute();
        const r = await get('/api/v1/data-range?practice=p');
        assert.deepEqual(r.body, { first: '2026-02-28', last: '2026-06-30' });
      }),
    );

    it('ends at today when sessions are booked ahead', { skip }, () =>
      withTestApp(dialect, async ({ store, get }) => {
        const day = 86_400_000;
        await savePractice(store.db, ZPractice.parse({ practice_id: 'p' }));
        await store.db
          .insertInto('appointments')
          .values([
            row({ appointment_id: 'past', start: Date.UTC(2026, 0, 5, 12) }),
            row({ appointment_id: 'ahead', start: Date.now() + 40 * day, status: 'booked' }),
          ])
          .execute();
        const r = await get('/api/v1/data-range?practice=p');
        const today = new Date().toISOString().slice(0, 10);
        assert.deepEqual(r.body, { first: '2026-01-05', last: today });
      }),
    );
  });
}
