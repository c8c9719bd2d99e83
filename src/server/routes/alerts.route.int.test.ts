import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  claimAlertEvent,
  createAlertRule,
  createDelivery,
  writeAlertState,
} from '../../store/alert.repository.js';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import type { NewAlertRule } from '../../model/alert-rule.js';
import { withTestApp } from '../test-app.js';

const RULE: NewAlertRule = {
  name: 'Completion below typical',
  condition: { type: 'kpi_band', kpi: 'session_completion_rate', period: 'week' },
  recipients: [],
  channels: [{ kind: 'webhook', url: 'http://127.0.0.1:9/hook', secret: 'a-secret-of-16-chars' }],
};

for (const dialect of DIALECTS) {
  describe(`alert rules API on ${dialect}`, async () => {
    const skip = await dialectSkipReason(dialect);
    it(
      'adds, lists (without the webhook secret), removes; deliveries answer',
      { skip: skip ?? false },
      async () => {
        await withTestApp(dialect, async (t) => {
          assert.deepEqual((await t.get('/api/v1/alert-rules')).body, []); // also makes the owner
          const headers = { ...t.ownerHeaders, 'content-type': 'application/json' };
          const post = await t.app.request('/api/v1/alert-rules', {
            method: 'POST',
            headers,
            body: JSON.stringify(RULE),
          });
          assert.equal(post.status, 200);
          const made = (await post.json()) as {
            rule_id: string;
            condition: Record<string, unknown>;
          };
          // the guards' defaults are filled in
          assert.equal(made.condition.consecutive, 2);
          assert.equal(made.condition.recovery_margin, 2);
          assert.equal(made.condition.band, 'below_typical');

          const list = await t.get('/api/v1/alert-rules');
          assert.equal(list.status, 200);
          assert.doesNotMatch(JSON.stringify(list.body), /a-secret-of-16-chars/);
          assert.deepEqual((list.body as { channels: unknown }[])[0]!.channels, [
            { kind: 'webhook', url: 'http://127.0.0.1:9/hook' },
          ]);

          const bad = await t.app.request('/api/v1/alert-rules', {
            method: 'POST',
            headers,
            body: JSON.stringify({ ...RULE, condition: { type: 'kpi_band', kpi: 'nope' } }),
          });
          assert.equal(bad.status, 400);

          const del = await t.app.request(`/api/v1/alert-rules/${made.rule_id}`, {
            method: 'DELETE',
            headers,
          });
          assert.equal(del.status, 200);
          const again = await t.app.request(`/api/v1/alert-rules/${made.rule_id}`, {
            method: 'DELETE',
            headers,
          });
          assert.equal(again.status, 404);
          assert.deepEqual((await t.get('/api/v1/deliveries')).body, []);
          assert.deepEqual((await t.get('/api/v1/alert-events')).body, []);
          // The webhook body is documented as a schema of its own.
          const doc = (await t.get('/api/openapi.json')).body as {
            components: { schemas: Record<string, { properties: Record<string, unknown> }> };
          };
          const body = doc.components.schemas.AlertNotification!;
          for (const k of ['event_id', 'rule_id', 'subject', 'period', 'transition', 'text']) {
            assert.ok(k in body.properties, k);
          }
        });
      },
    );

    it(
      'answers each subject’s state since its change, and the newest deliveries up to a limit',
      { skip: skip ?? false },
      async () => {
        await withTestApp(dialect, async (t) => {
          await t.get('/api/v1/alert-state'); // makes the owner
          const db = t.store.db;
          const band = await createAlertRule(db, 'default', RULE);
          const stale = await createAlertRule(db, 'default', {
            ...RULE,
            name: 'Stale',
            condition: { type: 'data_stale', days: 7 },
          });
          const elsewhere = await createAlertRule(db, 'other', RULE);
          const event = (rule: string, subject: string, period: string, tr: 'fire' | 'resolve') =>
            ({
              practice_id: 'default',
              rule_id: rule,
              subject,
              period,
              transition: tr,
              payload: {},
            }) as const;
          // practice: fired in W40, resolved in W43, fired again in W46; judged up to W47
          await claimAlertEvent(db, event(band.rule_id, 'practice', '2026-W40', 'fire'), 100);
          await claimAlertEvent(db, event(band.rule_id, 'practice', '2026-W43', 'resolve'), 200);
          await claimAlertEvent(db, event(band.rule_id, 'practice', '2026-W46', 'fire'), 300);
          await writeAlertState(db, band, 'practice', {
            state: 'firing',
            streak: 0,
            last_period: '2026-W47',
            last_notified_period: '2026-W46',
            judged_json: null,
          });
          // a service judged but never changed: ok since the rule was added
          await writeAlertState(db, band, 'service:couples', {
            state: 'resolved',
            streak: 1,
            last_period: '2026-W47',
            last_notified_period: null,
            judged_json: null,
          });
          // a day that fired and resolved: the resolve is the state's own change
          await claimAlertEvent(db, event(stale.rule_id, 'practice', '2026-11-30', 'fire'), 400);
          await claimAlertEvent(db, event(stale.rule_id, 'practice', '2026-11-30', 'resolve'), 500);
          await writeAlertState(db, stale, 'practice', {
            state: 'resolved',
            streak: 0,
            last_period: '2026-11-30',
            last_notified_period: '2026-11-30',
            judged_json: null,
          });
          await writeAlertState(db, elsewhere, 'practice', {
            state: 'firing',
            streak: 0,
            last_period: '2026-W47',
            last_notified_period: '2026-W47',
            judged_json: null,
          });
          const states = await t.get('/api/v1/alert-state');
          assert.equal(states.status, 200);
          const expected = [
            {
              rule_id: band.rule_id,
              subject: 'practice',
              state: 'firing',
              last_period: '2026-W47',
              since_period: '2026-W46',
              since_at: 300,
            },
            {
              rule_id: band.rule_id,
              subject: 'service:couples',
              state: 'ok',
              last_period: '2026-W47',
              since_period: null,
              since_at: null,
            },
            {
              rule_id: stale.rule_id,
              subject: 'practice',
              state: 'ok',
              last_period: '2026-11-30',
              since_period: '2026-11-30',
              since_at: 500,
            },
          ];
          const byRule = (a: { rule_id: string; subject: string }) => `${a.rule_id} ${a.subject}`;
          assert.deepEqual(
            (states.body as typeof expected).sort((a, b) => byRule(a).localeCompare(byRule(b))),
            expected.sort((a, b) => byRule(a).localeCompare(byRule(b))),
          );

          // One run claims several periods at one instant: they come back in period order.
          for (const period of ['2026-W48', '2026-W47']) {
            const payload = {
              practice_id: 'default',
              rule_id: band.rule_id,
              rule_name: band.name,
              type: 'kpi_band',
              subject: 'channel:referral',
              period,
              transition: 'fire',
              value: 50,
              text: `fired in ${period}`,
            } as const;
            await claimAlertEvent(db, { ...payload, payload }, 600);
          }
          const same = (await t.get('/api/v1/alert-events?since=600')).body as { period: string }[];
          assert.deepEqual(
            same.map((e) => e.period),
            ['2026-W47', '2026-W48'],
          );
          // `limit` keeps the newest, still oldest first.
          const newest = (await t.get('/api/v1/alert-events?since=600&limit=1')).body as {
            period: string;
          }[];
          assert.deepEqual(
            newest.map((e) => e.period),
            ['2026-W48'],
          );

          const ids: string[] = [];
          for (const at of [1000, 2000, 3000]) {
            ids.push(
              await createDelivery(
                db,
                {
                  practice_id: 'default',
                  event_id: 'evt_x',
                  channel: 'webhook',
                  target: 'http://h/',
                },
                at,
              ),
            );
          }
          const two = (await t.get('/api/v1/deliveries?limit=2')).body as { delivery_id: string }[];
          assert.deepEqual(
            two.map((d) => d.delivery_id),
            [ids[2], ids[1]],
          );
          assert.equal(((await t.get('/api/v1/deliveries')).body as unknown[]).length, 3);
          assert.equal((await t.get('/api/v1/deliveries?limit=0')).status, 400);
        });
      },
    );
  });
}
