import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendAudit, listAudit } from './audit-log.repository.js';
import { createInvite, findInvite, useInvite } from './invite.repository.js';
import {
  consumeSignInCode,
  createSession,
  createSignInCode,
  csrfTokenOf,
  deleteSession,
  findSession,
} from './session.repository.js';
import {
  listReportSubscriptions,
  saveReportSubscription,
} from './report-subscription.repository.js';
import { sha256 } from './secret-token.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';
import {
  checkPassword,
  countOwners,
  countUsers,
  createUser,
  listUsers,
  membershipsOf,
  removeMembership,
  setMembership,
  setPassword,
} from './user.repository.js';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);

for (const dialect of DIALECTS) {
  describe(`people and access store on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'users, roles in several practices, passwords checked against argon2id hashes',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const { db } = store;
          assert.equal(await countUsers(db), 0);
          const ann = await createUser(
            db,
            { login: 'ann@example.org', display_name: 'Ann', password: 'correct horse battery' },
            T0,
          );
          await assert.rejects(
            createUser(db, { login: 'ann@example.org', display_name: 'A2' }),
            /exists already/,
          );
          await setMembership(
            db,
            ann.user_id,
            { practice_id: 'pa', role: 'owner', therapist_id: null },
            T0,
          );
          await setMembership(
            db,
            ann.user_id,
            { practice_id: 'pb', role: 'clinician', therapist_id: 't7' },
            T0,
          );
          assert.deepEqual(await membershipsOf(db, ann.user_id), [
            { practice_id: 'pa', role: 'owner', therapist_id: null },
            { practice_id: 'pb', role: 'clinician', therapist_id: 't7' },
          ]);
          // A second role in the same practice replaces the first.
          await setMembership(
            db,
            ann.user_id,
            { practice_id: 'pb', role: 'viewer', therapist_id: null },
            T0,
          );
          assert.deepEqual(
            (await membershipsOf(db, ann.user_id)).map((m) => m.role),
            ['owner', 'viewer'],
          );
          assert.equal(await countOwners(db, 'pa'), 1);
          assert.equal(await countOwners(db, 'pb'), 0);

          assert.equal(
            (await checkPassword(db, 'ann@example.org', 'correct horse battery'))?.user_id,
            ann.user_id,
          );
          assert.equal(await checkPassword(db, 'ann@example.org', 'wrong horse battery'), null);
          assert.equal(await checkPassword(db, 'nobody', 'correct horse battery'), null);
          const row = await db
            .selectFrom('users')
            .select('password_hash')
            .executeTakeFirstOrThrow();
          assert.match(row.password_hash ?? '', /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
          await setPassword(db, ann.user_id, 'another long secret');
          assert.equal(await checkPassword(db, 'ann@example.org', 'correct horse battery'), null);
          assert.ok(await checkPassword(db, 'ann@example.org', 'another long secret'));

          // Without a password a user signs in by one-time code only.
          const bob = await createUser(db, { login: 'bob', display_name: 'Bob' }, T0);
          assert.equal(await checkPassword(db, 'bob', ''), null);
          await setMembership(
            db,
            bob.user_id,
            { practice_id: 'pb', role: 'admin', therapist_id: null },
            T0,
          );
          assert.deepEqual(
            (await listUsers(db, 'pa')).map((u) => u.login),
            ['ann@example.org'],
          );
          assert.deepEqual(
            (await listUsers(db, 'pb')).map((u) => [u.login, u.memberships.length]),
            [
              ['ann@example.org', 1],
              ['bob', 1],
            ],
          );
          const paper = { user_id: bob.user_id, therapist_id: null, paper: 'a4' };
          await saveReportSubscription(db, 'pb', paper, T0);
          await saveReportSubscription(db, 'pa', paper, T0);
          assert.equal(await removeMembership(db, bob.user_id, 'pb'), true);
          assert.equal(await removeMembership(db, bob.user_id, 'pb'), false);
          // The monthly report of pb ends with the role there; pa's is not touched.
          assert.deepEqual(await listReportSubscriptions(db, 'pb'), []);
          assert.equal((await listReportSubscriptions(db, 'pa')).length, 1);
        } finally {
          await store.drop();
        }
      },
    );

    it(
      'sessions expire; one-time codes work once and not after 15 minutes; invites once',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const { db } = store;
          const u = await createUser(db, { login: 'cy', display_name: 'Cy' }, T0);
          const s = await createSession(db, u.user_id, 'pa', T0, 60_000);
          assert.equal(s.csrfToken, csrfTokenOf(s.sessionId));
          const found = await findSession(db, s.sessionId, T0 + 59_999);
          assert.deepEqual(found, {
            userId: u.user_id,
            practiceId: 'pa',
            csrfHash: sha256(s.csrfToken),
            expiresAt: T0 + 60_000,
          });
          assert.equal(await findSession(db, s.sessionId, T0 + 60_000), null);
          assert.equal(await findSession(db, 'rps_unknown', T0), null);
          await deleteSession(db, s.sessionId);
          assert.equal(await findSession(db, s.sessionId, T0), null);
          // A later sign-in clears the expired session rows away.
          await createSession(db, u.user_id, 'pa', T0 + 10, 60_000);
          await createSession(db, u.user_id, 'pa', T0 + 70_000, 60_000);
          assert.equal((await db.selectFrom('sessions').selectAll().execute()).length, 1);

          const code = await createSignInCode(db, u.user_id, 'pa', T0);
          const late = await createSignInCode(db, u.user_id, 'pa', T0);
          assert.deepEqual(await consumeSignInCode(db, code, T0 + 1000), {
            userId: u.user_id,
            practiceId: 'pa',
          });
          assert.equal(await consumeSignInCode(db, code, T0 + 2000), null, 'used once');
          assert.equal(
            await consumeSignInCode(db, late, T0 + 15 * 60_000),
            null,
            'expired at 15 minutes',
          );

          const inv = await createInvite(
            db,
            { practice_id: 'pa', role: 'viewer', therapist_id: null },
            u.user_id,
            T0,
            3600_000,
          );
          assert.equal((await findInvite(db, inv.secret, T0 + 1))?.role, 'viewer');
          assert.equal(await findInvite(db, inv.secret, T0 + 3600_000), null, 'expired');
          assert.equal(await useInvite(db, inv.info, u.user_id, T0 + 2), true);
          assert.equal(await useInvite(db, inv.info, u.user_id, T0 + 3), false);
          assert.equal(await findInvite(db, inv.secret, T0 + 4), null, 'used');
        } finally {
          await store.drop();
        }
      },
    );

    it('the audit log appends and lists newest first, per practice', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        const { db } = store;
        await appendAudit(
          db,
          { practice_id: 'pa', actor: 'user:u1', action: 'sign_in', address: '127.0.0.1' },
          T0,
        );
        await appendAudit(
          db,
          { practice_id: 'pb', actor: 'cli', action: 'import', details: { inserted: 3 } },
          T0 + 1,
        );
        await appendAudit(
          db,
          {
            practice_id: 'pa',
            actor: 'token:tok_1',
            action: 'push',
            target: 'appointments',
            details: { inserted: 2, updated: 1 },
          },
          T0 + 2,
        );
        const pa = await listAudit(db, { practiceId: 'pa' });
        assert.deepEqual(
          pa.map((e) => [e.at, e.action, e.target, e.details, e.address]),
          [
            [T0 + 2, 'push', 'appointments', { inserted: 2, updated: 1 }, null],
            [T0, 'sign_in', null, {}, '127.0.0.1'],
          ],
        );
        assert.equal((await listAudit(db)).length, 3);
        assert.equal((await listAudit(db, { limit: 1 }))[0]?.action, 'push');
      } finally {
        await store.drop();
      }
    });
  });
}
