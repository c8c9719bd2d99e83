import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { ZAlertNotification, type AlertNotification } from '../../model/alert-rule.js';
import { listDeliveries } from '../../store/alert.repository.js';
import {
  DIALECTS,
  dialectSkipReason,
  freshStore,
  type TestStore,
} from '../../store/test-dialects.js';
import { alertMail, deliverEmail } from './deliver-email.js';
import { deliverWebhook } from './deliver-webhook.js';

const FAST = { attempts: 4, baseDelayMs: 20, timeoutMs: 2_000 };
const SECRET = 'a-webhook-secret-of-the-test';
const NOTE: AlertNotification = {
  event_id: 'evt_1',
  practice_id: 'p',
  rule_id: 'alr_1',
  rule_name: 'Completion low',
  type: 'kpi_band',
  subject: 'practice',
  period: '2026-W48',
  transition: 'fire',
  value: 58,
  text: 'Session completion rate of the practice is below the typical band in 2026-W48: 58.',
};

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString('utf8')));
    req.on('end', () => resolve(s));
  });

/** A receiver that answers 503 to its first `failures` requests, then 204; keeps every body. */
async function receiver(failures: number) {
  const got: { body: string; signature: string | undefined; at: number }[] = [];
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    got.push({ body, signature: req.headers['x-rapport-signature'] as string, at: Date.now() });
    res.statusCode = got.length <= failures ? 503 : 204;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { got, url, close: () => new Promise((r) => server.close(r)) };
}

for (const dialect of DIALECTS) {
  describe(`deliveries on ${dialect}`, async () => {
    const skip = await dialectSkipReason(dialect);
    let store: TestStore;
    before(async () => {
      if (!skip) store = await freshStore(dialect);
    });
    after(async () => store?.drop());

    it(
      'webhook: fails twice, then succeeds: one delivery, success, 3 attempts, signed',
      { skip: skip ?? false },
      async () => {
        const r = await receiver(2);
        try {
          const out = await deliverWebhook(store.db, NOTE, { url: r.url, secret: SECRET }, FAST);
          assert.equal(out.ok, true);
          assert.equal(r.got.length, 3);
          for (const g of r.got) {
            const expected = `sha256=${createHmac('sha256', SECRET).update(g.body).digest('hex')}`;
            assert.equal(g.signature, expected);
            assert.deepEqual(ZAlertNotification.parse(JSON.parse(g.body)), NOTE);
          }
          // exponential backoff: 20 ms before the 2nd, 40 ms before the 3rd
          assert.ok(r.got[2]!.at - r.got[1]!.at >= 35, 'second wait is doubled');
          const [d, ...rest] = await listDeliveries(store.db, 'p');
          assert.equal(rest.length, 0);
          assert.equal(d!.status, 'success');
          assert.deepEqual(
            d!.attempts.map((a) => [a.attempt, a.ok, a.status_code]),
            [
              [1, false, 503],
              [2, false, 503],
              [3, true, 204],
            ],
          );
        } finally {
          await r.close();
        }
      },
    );

    it(
      'webhook: a receiver that never answers 2xx is failed after the limit',
      { skip: skip ?? false },
      async () => {
        const r = await receiver(99);
        try {
          const note = { ...NOTE, event_id: 'evt_2' };
          const out = await deliverWebhook(store.db, note, { url: r.url, secret: SECRET }, FAST);
          assert.equal(out.ok, false);
          assert.equal(r.got.length, 4);
          const d = (await listDeliveries(store.db, 'p')).find((x) => x.event_id === 'evt_2')!;
          assert.equal(d.status, 'failed');
          assert.equal(d.attempts.length, 4);
        } finally {
          await r.close();
        }
      },
    );

    it(
      'e-mail over a real SMTP server: subject, text and HTML read back',
      { skip: skip ?? false },
      async () => {
        const mails: Buffer[] = [];
        const smtp = new SMTPServer({
          authOptional: true,
          disabledCommands: ['STARTTLS'],
          onData(stream, _session, cb) {
            const parts: Buffer[] = [];
            stream.on('data', (c: Buffer) => parts.push(c));
            stream.on('end', () => {
              mails.push(Buffer.concat(parts));
              cb();
            });
          },
        });
        await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
        const port = (smtp.server.address() as AddressInfo).port;
        try {
          const settings = { url: `smtp://127.0.0.1:${port}`, from: 'rapport@example.org' };
          const out = await deliverEmail(
            store.db,
            'owner@example.org',
            alertMail({ ...NOTE, text: 'Completion < 60 & falling' }),
            { practiceId: 'p', eventId: 'evt_3' },
            settings,
            FAST,
          );
          assert.equal(out.ok, true);
          assert.equal(mails.length, 1);
          const m = await simpleParser(mails[0]!);
          assert.equal(m.subject, '[Rapport] Alert: Completion low (2026-W48)');
          assert.match(m.text ?? '', /Completion < 60 & falling/);
          assert.match(String(m.html), /<p>Completion &lt; 60 &amp; falling<\/p>/);
          assert.equal(m.from?.text, 'rapport@example.org');
          const d = (await listDeliveries(store.db, 'p')).find((x) => x.event_id === 'evt_3')!;
          assert.equal(d.channel, 'email');
          assert.equal(d.status, 'success');
          assert.deepEqual(
            d.attempts.map((a) => [a.ok, a.status_code]),
            [[true, 250]],
          );
        } finally {
          await new Promise<void>((r) => smtp.close(() => r()));
        }
      },
    );
  });
}
