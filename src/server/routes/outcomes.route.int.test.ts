import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appointment, insert, survey } from '../../metrics/test-records.js';
import type { OutcomesReport } from '../../metrics/outcomes/outcomes-report.types.js';
import type { KpiReport } from '../../metrics/engine/kpi-result.types.js';
import type { Role } from '../../model/role.js';
import { createApiToken } from '../../store/api-token.repository.js';
import type { Db } from '../../store/database.js';
import { createSession } from '../../store/session.repository.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { createUser, setMembership } from '../../store/user.repository.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { withTestApp, type TestApp } from '../test-app.js';

const JAN = 'from=2026-01-01&to=2026-01-31';
const D = 'default';
// The practice keeps its default minimum sample of 20: figures of 5–19 episodes are shown as
// insufficient_data, 1–4 not at all.

/**
 * January 2026, practice "default": t1 has six clients (PHQ-9 15 on Jan 5 → 8 on Jan 19 for
 * c1–c5, 15 → 14 for c6), t2 three (12 → 12). Each client has completed sessions on Jan 5 and
 * Jan 19 with its therapist.
 */
async function nineEpisodes(db: Db) {
  const clients = [
    ...['c1', 'c2', 'c3', 'c4', 'c5'].map((c) => [c, 't1', 15, 8] as const),
    ['c6', 't1', 15, 14] as const,
    ...['d1', 'd2', 'd3'].map((c) => [c, 't2', 12, 12] as const),
  ];
  await insert(
    db,
    'appointments',
    clients.flatMap(([cid, t]) =>
      ['2026-01-05', '2026-01-19'].map((d) =>
        appointment({ start: `${d}T10:00:00Z`, client_id: cid, therapist_id: t, practice_id: D }),
      ),
    ),
  );
  await insert(
    db,
    'surveys',
    clients.flatMap(([cid, , a, b]) =>
      [
        survey(cid, '2026-01-05T10:00:00Z', a, 27, 'phq9'),
        survey(cid, '2026-01-19T10:00:00Z', b, 27, 'phq9'),
      ].map((s) => ({ ...s, practice_id: D })),
    ),
  );
}

async function sessionOf(t: TestApp, role: Role, therapist: string | null = null) {
  const u = await createUser(t.store.db, { login: `${role}-x`, display_name: role });
  await setMembership(t.store.db, u.user_id, { practice_id: D, role, therapist_id: therapist });
  const s = await createSession(t.store.db, u.user_id, D, Date.now());
  return async (url: string) => {
    const r = await t.app.request(url, { headers: { cookie: `${SESSION_COOKIE}=${s.sessionId}` } });
    return { status: r.status, body: (await r.json()) as OutcomesReport };
  };
}

const fig = (r: OutcomesReport['kpis'][keyof OutcomesReport['kpis']] | undefined) => [
  r?.numerator,
  r?.denominator,
  r?.value,
  r?.status,
];

for (const dialect of DIALECTS) {
  describe(`GET /api/v1/outcomes on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('owner: the practice, the spread, trend, change and severity', { skip }, () =>
      withTestApp(dialect, async (t) => {
        await nineEpisodes(t.store.db);
        const r = await t.get(`/api/v1/outcomes?${JAN}`);
        assert.equal(r.status, 200);
        const o = r.body as OutcomesReport;
        // 9 episodes with an outcome, improved c1–c5 (−7 ≥ 6) → 5 / 9 = 55.555556 %.
        assert.deepEqual(fig(o.kpis.reliable_improvement_rate), [
          5,
          9,
          55.555556,
          'insufficient_data',
        ]);
        assert.equal(o.practice_kpis, undefined);
        // The same figures /kpis gives.
        const k = (await t.get(`/api/v1/kpis?${JAN}&ids=reliable_improvement_rate`))
          .body as KpiReport;
        assert.deepEqual(o.kpis.reliable_improvement_rate, k.kpis.reliable_improvement_rate);
        // Spread: t1 5 / 6 = 83.3 % → the 80–90 bin; t2 has 3 episodes → only counted apart.
        assert.equal(o.therapist_spread?.therapists_counted, 1);
        assert.equal(o.therapist_spread?.therapists_suppressed, 1);
        assert.deepEqual(
          o.therapist_spread?.bins.filter((b) => b.therapists > 0),
          [{ from: 80, to: 90, therapists: 1 }],
        );
        assert.ok(!JSON.stringify(o.therapist_spread).includes('t1'), 'the spread names no one');
        // Trend: the 12 months Feb 2025 – Jan 2026, January holding the nine episodes.
        assert.equal(o.trend.length, 12);
        assert.deepEqual([o.trend[0]!.period, o.trend[11]!.period], ['2025-02', '2026-01']);
        assert.deepEqual([o.trend[11]!.from, o.trend[11]!.to], ['2026-01-01', '2026-01-31']);
        assert.deepEqual(
          o.trend[11]!.results.reliable_improvement_rate,
          o.kpis.reliable_improvement_rate,
        );
        assert.equal(o.trend[0]!.results.reliable_improvement_rate.status, 'no_data');
        // Change: −7 × 5, −1 (c6), 0 × 3; the median of nine is the 5th smallest: −7.
        assert.deepEqual(o.change.phq9, {
          bins: [
            { change: -7, episodes: 5 },
            { change: -1, episodes: 1 },
            { change: 0, episodes: 3 },
          ],
          median: -7,
          episodes: 9,
        });
        assert.deepEqual(o.change.gad7, { bins: [], median: null, episodes: 0 });
        // Coverage: 9 eligible episodes, all with an outcome.
        assert.deepEqual(o.coverage, {
          status: 'ok',
          eligible: 9,
          with_outcome: 9,
          without: { no_scores: 0, one_score: 0 },
        });
        // Severity at baseline: PHQ-9 15 is moderately severe (6 episodes, 5 improved); 12 is
        // moderate (3 episodes: suppressed).
        const sev = (band: string) =>
          o.severity.find((s) => s.instrument === 'phq9' && s.band === band)!;
        assert.equal(sev('moderately_severe').episodes, 6);
        assert.deepEqual(fig(sev('moderately_severe').reliable_improvement), [
          5,
          6,
          83.333333,
          'insufficient_data',
        ]);
        assert.equal(sev('moderate').episodes, null);
        assert.equal(sev('moderate').reliable_improvement.status, 'suppressed');
        assert.equal(o.severity.length, 9); // 5 PHQ-9 bands + 4 GAD-7 bands
        assert.match(o.note, /latest period changes/);
        // A repeat is the cached answer.
        assert.deepEqual((await t.get(`/api/v1/outcomes?${JAN}`)).body, o);
      }),
    );

    it('suppression under a therapist filter: no figure and no counts', { skip }, () =>
      withTestApp(dialect, async (t) => {
        await nineEpisodes(t.store.db);
        const o = (await t.get(`/api/v1/outcomes?${JAN}&therapist=t2`)).body as OutcomesReport;
        assert.deepEqual(o.scope, { therapist: 't2' });
        for (const r of Object.values(o.kpis)) {
          assert.deepEqual(
            [r.value, r.numerator, r.denominator, r.ci, r.status],
            [null, null, null, null, 'suppressed'],
          );
        }
        assert.equal(o.change.phq9, null);
        assert.deepEqual(o.coverage, {
          status: 'suppressed',
          eligible: null,
          with_outcome: null,
          without: { no_scores: null, one_score: null },
        });
        assert.equal(o.trend[11]!.results.reliable_improvement_rate.status, 'suppressed');
        assert.equal(o.therapist_spread, null);
        // The practice's figures beside them.
        assert.deepEqual(fig(o.practice_kpis?.reliable_improvement_rate), [
          5,
          9,
          55.555556,
          'insufficient_data',
        ]);
      }),
    );

    it(
      'roles: clinician only with their own id, viewer practice-wide, token like an owner',
      { skip },
      () =>
        withTestApp(dialect, async (t) => {
          await nineEpisodes(t.store.db);
          const clinician = await sessionOf(t, 'clinician', 't1');
          const viewer = await sessionOf(t, 'viewer');
          assert.equal((await clinician(`/api/v1/outcomes?${JAN}`)).status, 403);
          assert.equal((await clinician(`/api/v1/outcomes?${JAN}&therapist=t2`)).status, 403);
          const own = await clinician(`/api/v1/outcomes?${JAN}&therapist=t1`);
          assert.equal(own.status, 200);
          // t1: 5 / 6 improved; the practice 5 / 9; no spread.
          assert.deepEqual(fig(own.body.kpis.reliable_improvement_rate), [
            5,
            6,
            83.333333,
            'insufficient_data',
          ]);
          assert.deepEqual(fig(own.body.practice_kpis?.reliable_improvement_rate), [
            5,
            9,
            55.555556,
            'insufficient_data',
          ]);
          assert.equal(own.body.therapist_spread, null);
          const v = await viewer(`/api/v1/outcomes?${JAN}`);
          assert.equal(v.status, 200);
          assert.equal(v.body.therapist_spread, null);
          assert.deepEqual(fig(v.body.kpis.reliable_improvement_rate), [
            5,
            9,
            55.555556,
            'insufficient_data',
          ]);
          assert.equal((await viewer(`/api/v1/outcomes?${JAN}&therapist=t1`)).status, 403);
          const reader = await createApiToken(t.store.db, D, 'reader', Date.now(), {
            scopes: ['kpis:read'],
          });
          const tok = await t.app.request(`/api/v1/outcomes?${JAN}`, {
            headers: { authorization: `Bearer ${reader.token}` },
          });
          assert.equal(tok.status, 200);
          assert.equal(
            ((await tok.json()) as OutcomesReport).therapist_spread?.therapists_counted,
            1,
          );
          const writer = await createApiToken(t.store.db, D, 'writer');
          const w = await t.app.request(`/api/v1/outcomes?${JAN}`, {
            headers: { authorization: `Bearer ${writer.token}` },
          });
          assert.equal(w.status, 403);
          // Documented.
          const doc = (await t.get('/api/openapi.json')).body as { paths: Record<string, unknown> };
          assert.ok('/api/v1/outcomes' in doc.paths);
        }),
    );
  });
}
