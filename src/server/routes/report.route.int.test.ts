import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSession } from '../../store/session.repository.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { createUser, setMembership } from '../../store/user.repository.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { withTestApp } from '../test-app.js';

for (const dialect of DIALECTS) {
  describe(`GET /api/v1/reports/monthly on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'sends the PDF of an empty practice, audits it, and keeps clinicians to their own',
      { skip },
      () =>
        withTestApp(dialect, async (t) => {
          const first = await t.get('/api/v1/reports/monthly?month=2026-10');
          assert.equal(first.status, 200);
          assert.equal(first.type, 'application/pdf');
          const res = await t.app.request('/api/v1/reports/monthly?month=2026-10&paper=letter', {
            headers: { cookie: t.ownerHeaders.cookie! },
          });
          const pdf = Buffer.from(await res.arrayBuffer());
          assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
          assert.match(
            res.headers.get('content-disposition') ?? '',
            /attachment; filename="rapport-default-2026-10\.pdf"/,
          );
          const audit = await t.store.db
            .selectFrom('audit_log')
            .selectAll()
            .where('action', '=', 'export')
            .execute();
          assert.equal(audit.length, 2);
          assert.match(audit[0]!.details, /"month":"2026-10"/);
          assert.equal((await t.get('/api/v1/reports/monthly?month=2026-13')).status, 400);

          const u = await createUser(t.store.db, { login: 'clin', display_name: 'Clin' });
          await setMembership(t.store.db, u.user_id, {
            practice_id: 'default',
            role: 'clinician',
            therapist_id: 't-1',
          });
          const s = await createSession(t.store.db, u.user_id, 'default');
          const as = (q: string) =>
            t.app.request(`/api/v1/reports/monthly?month=2026-10${q}`, {
              headers: { cookie: `${SESSION_COOKIE}=${s.sessionId}` },
            });
          assert.equal((await as('&therapist=t-1')).status, 200);
          assert.equal((await as('&therapist=t-2')).status, 403);
        }),
    );
  });
}
