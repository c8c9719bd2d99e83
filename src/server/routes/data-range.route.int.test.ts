import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZPractice } from '../../model/practice.js';
import { savePractice } from '../../store/practice.repository.js';
import type { AppointmentsTable } from '../../store/tables.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { withTestApp } from '../test-app.js';

const appointment = (
  id: string,
  scheduled_start: number,
  practice_id = 'p',
): AppointmentsTable => ({
  practice_id,
  appointment_id: id,
  client_id: 'c1',
  therapist_id: 't1',
  scheduled_start,
  status: 'completed',
  source_status: 'completed',
  service: null,
  requested_at: null,
  booked_at: null,
  scheduled_end: null,
  duration_min: null,
  cancelled_at: null,
  cancelled_by: null,
  actual_duration_min: null,
  slot_id: null,
  price_minor: null,
  currency: null,
});

for (const dialect of DIALECTS) {
  describe(`GET /api/v1/data-range on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('answers nulls without appointments', { skip }, () =>
      withTestApp(dialect, async ({ get }) => {
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
            appointment('a1', Date.UTC(2026, 2, 1, 3)),
            appointment('a2', Date.UTC(2026, 5, 10, 15)),
            // 2026-07-01 02:30 UTC is June 30 in New York.
            appointment('a3', Date.UTC(2026, 6, 1, 2, 30)),
            appointment('x', Date.UTC(2030, 0, 1), 'other'),
          ])
          .execute();
        const r = await get('/api/v1/data-range?practice=p');
        assert.deepEqual(r.body, { first: '2026-02-28', last: '2026-06-30' });
      }),
    );
  });
}
