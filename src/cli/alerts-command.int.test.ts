import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { recordImport } from '../store/import-log.js';
import { DIALECTS, dialectSkipReason, freshStore } from '../store/test-dialects.js';
import { createUser, setMembership } from '../store/user.repository.js';
import { runCli } from './run-cli.js';

/** A webhook receiver answering 500 twice, then 200. */
async function flakyReceiver() {
  let hits = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits++;
      res.statusCode = hits <= 2 ? 500 : 200;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`;
  return { url, hits: () => hits, close: () => new Promise((r) => server.close(r)) };
}

async function smtpSink() {
  const mails: Buffer[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _s, cb) {
      const parts: Buffer[] = [];
      stream.on('data', (c: Buffer) => parts.push(c));
      stream.on('end', () => (mails.push(Buffer.concat(parts)), cb()));
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  return { url, mails, close: () => new Promise<void>((r) => smtp.close(() => r())) };
}

for (const dialect of DIALECTS) {
  describe(`rapport alerts on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'add, list, run (retried webhook, once), log, digest by e-mail, remove',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        const hook = await flakyReceiver();
        const smtp = await smtpSink();
        try {
          const db = ['--db', store.url];
          const owner = await createUser(store.db, {
            login: 'owner@example.org',
            display_name: 'Olga',
          });
          await setMembership(store.db, owner.user_id, {
            practice_id: 'default',
            role: 'owner',
            therapist_id: null,
          });
          const old = Date.now() - 10 * 86_400_000;
          await recordImport(store.db, {
            import_id: randomUUID(),
            practice_id: 'default',
            source: 'old export',
            format: 'csv',
            started_at: old,
            finished_at: old,
            status: 'ok',
            files: [],
            warnings: 0,
            report_path: null,
          });
          const add = await runCli([
            'alerts',
            'add',
            ...db,
            '--name',
            'No fresh data',
            '--type',
            'data_stale',
            '--days',
            '7',
            '--recipients',
            'owner@example.org',
            '--webhook',
            hook.url,
            '--secret',
            'sixteen-chars-or-more',
          ]);
          assert.equal(add.code, 0, add.err);
          const id = add.out.trim();
          assert.match(id, /^alr_[0-9a-f]{12}$/);
          const list = await runCli(['alerts', 'list', ...db]);
          assert.match(
            list.out,
            new RegExp(`^${id}  No fresh data  data_stale  K=1  → ${hook.url}$`, 'm'),
          );
          assert.doesNotMatch(list.out, /sixteen-chars/);

          const send = ['--backoff-ms', '10', '--attempts', '3'];
          const first = await runCli(['alerts', 'run', ...db, ...send]);
          assert.deepEqual(
            [first.code, first.out],
            [0, '1 state changes, 1 deliveries sent, 0 failed\n'],
          );
          assert.equal(hook.hits(), 3);
          const second = await runCli(['alerts', 'run', ...db, ...send]);
          assert.equal(second.out, '0 state changes, 0 deliveries sent, 0 failed\n');
          assert.equal(hook.hits(), 3);

          const log = await runCli(['alerts', 'log', ...db]);
          assert.match(log.out, new RegExp(`  webhook  ${hook.url}  success  event evt_`));
          assert.match(log.out, /#1 .*failed {2}500 {2}HTTP 500/);
          assert.match(log.out, /#2 .*failed {2}500/);
          assert.match(log.out, /#3 .*ok {2}200/);

          const mailFlags = ['--smtp-url', smtp.url, '--smtp-from', 'rapport@example.org'];
          const digest = await runCli(['alerts', 'digest', ...db, ...mailFlags, ...send]);
          assert.equal(digest.code, 0, digest.err);
          assert.equal(
            digest.out,
            '1 digests sent, 0 failed, 0 users without an address, 0 already sent this week\n',
          );
          const m = await simpleParser(smtp.mails[0]!);
          assert.match(
            m.subject ?? '',
            /^\[Rapport\] Your week \d{4}-W\d{2}: 0 targets, 1 alerts$/,
          );
          assert.match(m.text ?? '', /Alert: No import or push for more than 7 days/);
          assert.match(String(m.html), /<h2>Alerts of the week<\/h2>/);
          assert.equal((m.to as { text: string }).text, 'owner@example.org');
          const again = await runCli(['alerts', 'digest', ...db, ...mailFlags]);
          assert.equal(
            again.out,
            '0 digests sent, 0 failed, 0 users without an address, 1 already sent this week\n',
          );
          assert.equal(smtp.mails.length, 1);
          // --force sends past the week's claim, and the claim still holds afterwards.
          const forced = await runCli(['alerts', 'digest', ...db, ...mailFlags, '--force']);
          assert.equal(
            forced.out,
            '1 digests sent, 0 failed, 0 users without an address, 0 already sent this week\n',
          );
          assert.equal(smtp.mails.length, 2);
          const after = await runCli(['alerts', 'digest', ...db, ...mailFlags]);
          assert.match(after.out, /^0 digests sent, .* 1 already sent this week$/m);
          assert.equal(smtp.mails.length, 2);

          assert.equal((await runCli(['alerts', 'remove', id, ...db])).code, 0);
          assert.equal((await runCli(['alerts', 'list', ...db])).out, 'no alert rules\n');
          const gone = await runCli(['alerts', 'remove', id, ...db]);
          assert.equal(gone.code, 1);
          const bad = await runCli([
            'alerts',
            'add',
            ...db,
            '--name',
            'x',
            '--type',
            'kpi_band',
            '--kpi',
            'nope',
            '--email',
            'a@b.org',
          ]);
          assert.deepEqual(
            [bad.code, bad.err],
            [1, 'rapport: --kpi "nope" is not a KPI of the catalog\n'],
          );
        } finally {
          await hook.close();
          await smtp.close();
          await store.drop();
        }
      },
    );
  });
}

describe('rapport serve --alerts-cron', () => {
  it('refuses a pattern croner cannot read before starting', async () => {
    const r = await runCli(['serve', '--alerts-cron', 'every tuesday', '--port', '0']);
    assert.equal(r.code, 1);
    assert.match(r.err, /--alerts-cron "every tuesday"/);
  });

  it('refuses a digest pattern croner cannot read, named by its flag', async () => {
    const r = await runCli(['serve', '--digest-cron', '0 8 * * funday', '--port', '0']);
    assert.equal(r.code, 1);
    assert.match(r.err, /--digest-cron "0 8 \* \* funday"/);
  });
});
