import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { KpiReport } from '../../metrics/engine/kpi-result.types.js';
import type { Role } from '../../model/role.js';
import { listAudit } from '../../store/audit-log.repository.js';
import { importCanonicalFolder } from '../../store/import-canonical.js';
import { scratchReport } from '../../store/import-test-helpers.js';
import { createSession } from '../../store/session.repository.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { createUser, setMembership } from '../../store/user.repository.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { withTestApp, type TestApp } from '../test-app.js';

const SAMPLE = fileURLToPath(new URL('../../../samples/small-practice', import.meta.url));
const MONTH = 'from=2026-10-01&to=2026-10-31';

interface Page {
  total: number;
  figure: number;
  records: Record<string, unknown>[];
  next_cursor: string | null;
  columns: string[];
}

/** Session cookie of a new user with `role` in the default practice (a clinician is t-0003). */
async function cookieOf(t: TestApp, role: Role): Promise<string> {
  const u = await createUser(t.store.db, { login: `${role}-x`, display_name: role });
  await setMembership(t.store.db, u.user_id, {
    practice_id: 'default',
    role,
    therapist_id: role === 'clinician' ? 't-0003' : null,
  });
  const s = await createSession(t.store.db, u.user_id, 'default');
  return `${SESSION_COOKIE}=${s.sessionId}`;
}

for (const dialect of DIALECTS) {
  describe(`records and exports over HTTP on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'lists, pages and downloads the records behind a figure; refuses other roles',
      { skip },
      () =>
        withTestApp(dialect, async (t) => {
          await importCanonicalFolder(t.store, SAMPLE, { reportPath: scratchReport() });
          const kpis = (await t.get(`/api/v1/kpis?${MONTH}`)).body as KpiReport;
          const figure = kpis.kpis.no_show_cancellation_rate!;
          const base = `/api/v1/kpis/no_show_cancellation_rate/records?${MONTH}`;
          const first = await t.get(`${base}&limit=3`);
          assert.equal(first.status, 200, JSON.stringify(first.body));
          const p1 = first.body as Page;
          assert.equal(p1.total, figure.numerator);
          assert.equal(p1.figure, figure.numerator);
          assert.equal(p1.records.length, 3);
          assert.ok(p1.columns.includes('no_shows') && p1.columns.includes('status'));
          const p2 = (await t.get(`${base}&limit=3&cursor=${p1.next_cursor}`)).body as Page;
          const ids = (p: Page) => p.records.map((r) => r.appointment_id);
          assert.equal(new Set([...ids(p1), ...ids(p2)]).size, ids(p1).length + ids(p2).length);
          const den = (await t.get(`${base}&side=denominator`)).body as Page;
          assert.equal(den.total, figure.denominator);

          const csv = await t.get(`${base}&format=csv`);
          assert.equal(csv.status, 200);
          assert.match(csv.type ?? '', /^text\/csv/);
          const lines = String(csv.body).trimEnd().split('\r\n');
          assert.equal(lines.length, 1 + p1.total);
          assert.equal(lines[0], p1.columns.join(','));
          const [entry] = await listAudit(t.store.db, { practiceId: 'default', limit: 1 });
          assert.equal(entry?.action, 'export');
          assert.equal(entry?.target, 'no_show_cancellation_rate');
          assert.deepEqual(entry?.details, {
            what: 'kpi_records',
            side: 'numerator',
            from: '2026-10-01',
            to: '2026-10-31',
            records: p1.total,
          });

          const usage = await t.get(`/api/v1/kpis/platform_usage_rate/records?${MONTH}`);
          assert.equal(usage.status, 200);
          assert.equal((usage.body as { records_of: string }).records_of, 'users');
          // Usage is not defined for one service: that is refused with the reason.
          const notDrillable = await t.get(
            `/api/v1/kpis/platform_usage_rate/records?${MONTH}&service=talk_therapy`,
          );
          assert.equal(notDrillable.status, 422);
          const err = notDrillable.body as { error: { code: string; details: { code: string } } };
          assert.equal(err.error.code, 'UNPROCESSABLE');
          assert.equal(err.error.details.code, 'not_drillable');

          for (const role of ['clinician', 'viewer'] as const) {
            const res = await t.app.request(base, { headers: { cookie: await cookieOf(t, role) } });
            assert.equal(res.status, 403, role);
          }
          const admin = await t.app.request(base, {
            headers: { cookie: await cookieOf(t, 'admin') },
          });
          assert.equal(admin.status, 200);
        }),
    );

    it('downloads the KPI report as CSV or JSON, by the access rules of /kpis', { skip }, () =>
      withTestApp(dialect, async (t) => {
        await importCanonicalFolder(t.store, SAMPLE, { reportPath: scratchReport() });
        const kpis = (await t.get(`/api/v1/kpis?${MONTH}&by=service`)).body as KpiReport;
        const json = await t.get(`/api/v1/exports/kpis?${MONTH}&by=service&format=json`);
        assert.equal(json.status, 200);
        assert.deepEqual(json.body, kpis);
        const csv = await t.get(`/api/v1/exports/kpis?${MONTH}&by=service`);
        assert.equal(csv.status, 200);
        assert.match(csv.type ?? '', /^text\/csv/);
        const lines = String(csv.body).trimEnd().split('\r\n');
        const kpiCount = Object.keys(kpis.kpis).length;
        // one row per KPI for the whole and for each service group
        assert.equal(lines.length, 1 + kpiCount * (1 + kpis.groups!.length));
        const [entry] = await listAudit(t.store.db, { practiceId: 'default', limit: 1 });
        assert.equal(entry?.action, 'export');
        assert.equal((entry?.details as { what: string }).what, 'kpi_report');

        const clinician = await cookieOf(t, 'clinician');
        const own = await t.app.request(`/api/v1/exports/kpis?${MONTH}&therapist=t-0003`, {
          headers: { cookie: clinician },
        });
        assert.equal(own.status, 200);
        const other = await t.app.request(`/api/v1/exports/kpis?${MONTH}&therapist=t-0001`, {
          headers: { cookie: clinician },
        });
        assert.equal(other.status, 403);
        const viewer = await cookieOf(t, 'viewer');
        const byTherapist = await t.app.request(`/api/v1/exports/kpis?${MONTH}&by=therapist`, {
          headers: { cookie: viewer },
        });
        assert.equal(byTherapist.status, 403);
      }),
    );
  });
}
