import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createSession } from '../../store/session.repository.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { createUser, setMembership } from '../../store/user.repository.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { withTestApp, type TestApp } from '../test-app.js';

const EXT = fileURLToPath(new URL('../../../../shared/data/external', import.meta.url));

const THERAPISTS = [
  'therapist_id,display_name,specialties,languages,modalities,max_sessions_per_day,max_sessions_per_week,active_from,active_to',
  't-1,Ana,anxiety,en,video,6,20,2025-01-01T00:00:00Z,',
  't-2,Ben,anxiety,en,video,6,20,2025-01-01T00:00:00Z,',
].join('\n');
const CLIENTS = [
  'client_id,created_at,acquisition_channel,discharged_at',
  'c-1,2026-01-05T10:00:00Z,referral,',
  'c-2,2026-13-05T10:00:00Z,referral,', // line 3: month 13
  'c-3,2026-01-07T10:00:00Z,referral,',
].join('\n');

const form = (files: Record<string, string>) => {
  const f = new FormData();
  for (const [name, text] of Object.entries(files)) f.append('files', new File([text], name));
  return f;
};

const upload = async (
  t: TestApp,
  body: FormData | string,
  query = '',
  headers = t.ownerHeaders,
) => {
  const res = await t.app.request(`/api/v1/uploads?practice=default${query}`, {
    method: 'POST',
    headers,
    body,
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
};

const count = async (t: TestApp, table: 'clients' | 'therapists') =>
  Number(
    (
      await t.store.db
        .selectFrom(table)
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Makes the owner of the harness a member of `default` (its GET does so on first use). */
const asOwner = async (t: TestApp) => void (await t.get('/api/v1/imports'));

let reports: string;
before(() => {
  reports = mkdtempSync(join(tmpdir(), 'rapport-reports-'));
  process.env.RAPPORT_REPORT_DIR = reports;
});
after(() => {
  delete process.env.RAPPORT_REPORT_DIR;
  rmSync(reports, { recursive: true, force: true });
});

for (const dialect of DIALECTS) {
  describe(`POST /api/v1/uploads on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('loads a canonical folder, keeps the valid rows and names the broken one', { skip }, () =>
      withTestApp(dialect, async (t) => {
        await asOwner(t);
        const r = await upload(t, form({ 'therapists.csv': THERAPISTS, 'clients.csv': CLIENTS }));
        assert.equal(r.status, 207);
        assert.equal(r.body.status, 'partial');
        const files = r.body.files as { file: string; inserted: number; rejected: number }[];
        assert.deepEqual(
          files.map((f) => [f.file, f.inserted, f.rejected]),
          [
            ['therapists.csv', 2, 0],
            ['clients.csv', 2, 1],
          ],
        );
        const issues = r.body.issues as { path: string; message: string }[];
        assert.equal(r.body.issues_total, 1);
        assert.match(issues[0]!.path, /^clients\.csv:3:created_at$/);
        assert.equal(await count(t, 'clients'), 2);
        // The full report is one GET away, as CSV.
        const report = await t.app.request(r.body.report as string, {
          headers: { cookie: t.ownerHeaders.cookie! },
        });
        assert.equal(report.status, 200);
        assert.match(await report.text(), /error,clients\.csv,3,created_at,/);
        // Logged like a CLI import, and audited with the user.
        const log = (await t.get('/api/v1/imports')).body as { import_id: string }[];
        assert.equal(log[0]?.import_id, r.body.import_id);
        const audit = await t.store.db
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'import')
          .execute();
        assert.equal(audit.length, 1);
        assert.match(audit[0]!.actor, /^user:/);
        assert.match(audit[0]!.details, /"via":"upload"/);
      }),
    );

    it('leaves the store as it was when nothing can load (422)', { skip }, () =>
      withTestApp(dialect, async (t) => {
        await asOwner(t);
        const bad = [
          'client_id,created_at,acquisition_channel,discharged_at',
          'c-9,yesterday,,',
        ].join('\n');
        const r = await upload(t, form({ 'clients.csv': bad }));
        assert.equal(r.status, 422);
        assert.equal(r.body.status, 'failed');
        assert.equal(await count(t, 'clients'), 0);
      }),
    );

    it('imports FHIR files with the CLI’s rules and names what it cannot keep', { skip }, () =>
      withTestApp(dialect, async (t) => {
        await asOwner(t);
        const bulk = join(EXT, 'smart-sample-bulk-fhir-10-patients');
        const ndjson = {
          'Patient.000.ndjson': readFileSync(join(bulk, 'Patient.000.ndjson'), 'utf8'),
          'Encounter.000.ndjson': readFileSync(join(bulk, 'Encounter.000.ndjson'), 'utf8'),
        };
        const ok = await upload(t, form(ndjson), '&format=fhir');
        assert.ok([200, 207].includes(ok.status), JSON.stringify(ok.body).slice(0, 400));
        // The sample's Patient file holds 13 patients (its name counts 10 of them).
        assert.equal(await count(t, 'clients'), 13);
        // The SDC example answers for a patient this store does not hold: rejected, and its
        // total (13) recomputed from the answers (10) with a warning, as `rapport import` does.
        const text = readFileSync(
          join(EXT, 'hl7-sdc-phq9/questionnaireresponse-sdc-profile-example-PHQ9.json'),
          'utf8',
        );
        const r = await upload(t, form({ 'phq9.json': text }), '&format=fhir');
        assert.equal(r.status, 422);
        const issues = r.body.issues as { code: string; message: string; path: string }[];
        assert.ok(issues.some((i) => i.code === 'score_mismatch' && /10 is kept/.test(i.message)));
        assert.ok(
          issues.some((i) => i.code === 'unknown_reference' && i.path.startsWith('phq9.json:')),
        );
      }),
    );

    it('refuses what is not a plain upload, and roles that do not load data', { skip }, () =>
      withTestApp(dialect, async (t) => {
        await asOwner(t);
        const json = { ...t.ownerHeaders, 'content-type': 'application/json' };
        const notForm = await upload(t, '[]', '', json);
        assert.equal(notForm.status, 400);
        assert.match(String((notForm.body.error as { message: string }).message), /multipart/);
        assert.equal((await upload(t, new FormData())).status, 400);
        const sneaky = await upload(t, form({ '..evil.csv': 'x' }));
        assert.equal(sneaky.status, 400);
        assert.match(JSON.stringify(sneaky.body), /plain file name/);
        assert.equal((await upload(t, form({ 'a.csv': 'x' }), '&format=excel')).status, 400);
        for (const role of ['clinician', 'viewer'] as const) {
          const u = await createUser(t.store.db, { login: `${role}-u`, display_name: role });
          await setMembership(t.store.db, u.user_id, {
            practice_id: 'default',
            role,
            therapist_id: role === 'clinician' ? 't-1' : null,
          });
          const s = await createSession(t.store.db, u.user_id, 'default');
          const headers = {
            cookie: `${SESSION_COOKIE}=${s.sessionId}`,
            'x-csrf-token': s.csrfToken,
            origin: 'http://localhost',
          };
          const r = await upload(t, form({ 'clients.csv': CLIENTS }), '', headers);
          assert.equal(r.status, 403, role);
        }
        assert.equal(await count(t, 'clients'), 0);
      }),
    );
  });
}
