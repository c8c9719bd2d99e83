import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { withTestApp, type TestApp } from '../test-app.js';

const DAY = 86_400_000;

interface Entry {
  action: string;
  actor: string;
  actor_login: string | null;
  target: string | null;
  details: Record<string, unknown>;
  address: string | null;
}

/** A state-changing request as the harness's owner; answers status and JSON body. */
async function send(t: TestApp, method: string, path: string, body?: unknown) {
  const res = await t.app.request(path, {
    method,
    headers: { ...t.ownerHeaders, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

for (const dialect of DIALECTS) {
  describe(`audit of target and alert rule changes on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'each change through the API writes one entry: ids and field names, never its words',
      { skip },
      () =>
        withTestApp(dialect, async (t) => {
          assert.equal((await t.get('/api/v1/targets')).status, 200); // also makes the owner
          const made = await send(t, 'POST', '/api/v1/targets', {
            kpi_id: 'session_completion_rate',
            scope: 'service:intake',
            kind: { type: 'above', x: 80 },
            title: 'Secret-ish title',
            start_date: new Date(Date.now() - 28 * DAY).toISOString().slice(0, 10),
            notes: 'words of the owner',
          });
          assert.equal(made.status, 201);
          const id = made.body.target_id as string;
          const patched = await send(t, 'PATCH', `/api/v1/targets/${id}?practice=default`, {
            kind: { type: 'above', x: 85 },
            title: 'Another title',
            cadence: 'week', // unchanged: not listed
          });
          assert.equal(patched.status, 200);
          const checkins = (await t.get(`/api/v1/targets/${id}/checkins`)).body as {
            period: string;
          }[];
          const period = checkins[0]!.period;
          const note = await send(t, 'POST', `/api/v1/targets/${id}/checkins/${period}/note`, {
            note: 'a private remark',
            confidence: 'at_risk',
          });
          assert.equal(note.status, 200);
          assert.equal((await send(t, 'DELETE', `/api/v1/targets/${id}`)).status, 200);

          const rule = await send(t, 'POST', '/api/v1/alert-rules', {
            name: 'Completion low',
            condition: { type: 'kpi_band', kpi: 'session_completion_rate', period: 'week' },
            channels: [{ kind: 'user_email' }],
          });
          assert.equal(rule.status, 200);
          const ruleId = rule.body.rule_id as string;
          assert.equal((await send(t, 'DELETE', `/api/v1/alert-rules/${ruleId}`)).status, 200);

          const log = await t.get('/api/v1/audit');
          assert.equal(log.status, 200);
          const entries = (log.body as Entry[]).reverse();
          const facts = {
            kpi_id: 'session_completion_rate',
            scope: 'service:intake',
            kind: 'above',
            cadence: 'week',
          };
          assert.deepEqual(
            entries.map((e) => [e.action, e.target, e.details]),
            [
              ['target_create', id, facts],
              ['target_update', id, { changed: ['kind', 'title'] }],
              ['checkin_note', id, { period, changed: ['confidence', 'note'] }],
              ['target_delete', id, facts],
              ['alert_rule_create', ruleId, { type: 'kpi_band', channels: ['user_email'] }],
              ['alert_rule_delete', ruleId, {}],
            ],
          );
          for (const e of entries) {
            assert.match(e.actor, /^user:usr_/);
            assert.equal(e.actor_login, 'test-owner');
          }
          assert.doesNotMatch(JSON.stringify(entries), /Secret-ish|Another|words|remark|low/);
        }),
    );
  });
}
