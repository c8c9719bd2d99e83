import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIALECTS, dialectSkipReason } from '../../store/test-dialects.js';
import { withTestApp } from '../test-app.js';

const RULE = {
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
  });
}
