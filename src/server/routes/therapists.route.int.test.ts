import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZPractice } from '../../model/practice.js';
import { savePractice } from '../../store/practice.repository.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { withTestApp } from '../test-app.js';

for (const dialect of DIALECTS) {
  describe(`GET /api/v1/therapists on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it("lists the practice's therapists in id order with arrays and ISO instants", { skip }, () =>
      withTestApp(dialect, async ({ store, get }) => {
        assert.deepEqual((await get('/api/v1/therapists')).body, []);
        const base = {
          practice_id: 'default',
          display_name: null,
          specialties: '',
          languages: '',
          modalities: '',
          max_sessions_per_day: null,
          max_sessions_per_week: null,
          active_from: null,
          active_to: null,
        };
        await store.db
          .insertInto('therapists')
          .values([
            {
              ...base,
              therapist_id: 't2',
              display_name: 'Dr. Two',
              specialties: 'anxiety;trauma',
              languages: 'en',
              modalities: 'video;chat',
              max_sessions_per_day: 6,
              max_sessions_per_week: 25,
              active_from: Date.UTC(2026, 0, 5, 9),
            },
            { ...base, therapist_id: 't1' },
            { ...base, practice_id: 'other', therapist_id: 't0' },
          ])
          .execute();
        // Rows written straight into the table: the practice is known by its settings.
        await savePractice(store.db, ZPractice.parse({ practice_id: 'other' }));
        const r = await get('/api/v1/therapists');
        assert.equal(r.status, 200);
        assert.deepEqual(r.body, [
          {
            therapist_id: 't1',
            display_name: null,
            specialties: [],
            languages: [],
            modalities: [],
            max_sessions_per_day: null,
            max_sessions_per_week: null,
            active_from: null,
            active_to: null,
          },
          {
            therapist_id: 't2',
            display_name: 'Dr. Two',
            specialties: ['anxiety', 'trauma'],
            languages: ['en'],
            modalities: ['video', 'chat'],
            max_sessions_per_day: 6,
            max_sessions_per_week: 25,
            active_from: '2026-01-05T09:00:00.000Z',
            active_to: null,
          },
        ]);
        const other = await get('/api/v1/therapists?practice=other');
        assert.deepEqual(
          (other.body as { therapist_id: string }[]).map((t) => t.therapist_id),
          ['t0'],
        );
      }),
    );
  });
}
