import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZPractice } from '../../model/practice.js';
import { savePractice } from '../../store/practice.repository.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { withTestApp } from '../test-app.js';

for (const dialect of DIALECTS) {
  describe(`GET /api/v1/practice on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('answers the defaults, then the saved settings of the practice asked for', { skip }, () =>
      withTestApp(dialect, async ({ store, get }) => {
        const first = await get('/api/v1/practice');
        assert.equal(first.status, 200);
        assert.deepEqual(first.body, ZPractice.parse({ practice_id: 'default' }));
        await savePractice(
          store.db,
          ZPractice.parse({ practice_id: 'north', timezone: 'Europe/Oslo', currency: 'NOK' }),
        );
        const north = await get('/api/v1/practice?practice=north');
        assert.equal(north.status, 200);
        assert.deepEqual(
          [
            (north.body as { timezone: string }).timezone,
            (north.body as { currency: string }).currency,
          ],
          ['Europe/Oslo', 'NOK'],
        );
      }),
    );

    it('rejects a malformed practice id with 400 BAD_INPUT naming it', { skip }, () =>
      withTestApp(dialect, async ({ get }) => {
        const r = await get('/api/v1/practice?practice=no%20spaces');
        assert.equal(r.status, 400);
        const { error } = r.body as { error: { code: string; message: string } };
        assert.equal(error.code, 'BAD_INPUT');
        assert.match(error.message, /^practice: /);
      }),
    );
  });
}
