import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendAudit } from '../../store/audit-log.repository.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { createUser } from '../../store/user.repository.js';
import { withTestApp } from '../test-app.js';

for (const dialect of DIALECTS) {
  describe(`GET /api/v1/audit on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('names a user actor by login, so the owner can tell who did it', { skip }, () =>
      withTestApp(dialect, async ({ store, get }) => {
        const u = await createUser(store.db, { login: 'mira', display_name: 'Mira' });
        await appendAudit(store.db, {
          practice_id: 'default',
          actor: `user:${u.user_id}`,
          action: 'sign_out',
          target: null,
          details: {},
          address: '127.0.0.1',
        });
        await appendAudit(store.db, {
          practice_id: 'default',
          actor: 'cli',
          action: 'user_add',
          target: 'mira',
          details: {},
          address: null,
        });
        const res = await get('/api/v1/audit');
        assert.equal(res.status, 200);
        const rows = res.body as { actor: string; actor_login: string | null; target: string }[];
        const pairs = rows
          .filter((r) => r.actor === 'cli' || r.actor === `user:${u.user_id}`)
          .map((r) => [r.actor, r.actor_login]);
        assert.deepEqual(pairs.sort(), [
          ['cli', null],
          [`user:${u.user_id}`, 'mira'],
        ]);
      }),
    );
  });
}
