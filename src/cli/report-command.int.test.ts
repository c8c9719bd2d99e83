import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { DIALECTS, dialectSkipReason, freshStore } from '../store/test-dialects.js';
import { EXIT } from './cli-io.js';
import { runCli } from './run-cli.js';

const GOOD = 'src/ingest/fixtures/good';

for (const dialect of DIALECTS) {
  describe(`rapport report on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('writes the PDF, audits it, and refuses a bad month or paper', { skip }, async () => {
      const store = await freshStore(dialect);
      const dir = mkdtempSync(join(tmpdir(), 'rapport-report-'));
      try {
        const db = ['--db', store.url];
        assert.ok([0, 2].includes((await runCli(['import', GOOD, ...db])).code));
        const out = join(dir, 'r.pdf');
        const r = await runCli(['report', '--month', '2026-01', '--out', out, ...db]);
        assert.equal(r.code, EXIT.ok, r.err);
        assert.match(r.out, /wrote .*r\.pdf: \d+ KPIs/);
        assert.equal(readFileSync(out).subarray(0, 5).toString(), '%PDF-');
        const audit = JSON.parse((await runCli(['audit', '--json', ...db])).out) as {
          action: string;
        }[];
        assert.equal(audit[0]?.action, 'export');
        const bad = await runCli(['report', '--month', '2026-1', '--out', out, ...db]);
        assert.equal(bad.code, EXIT.badInput);
        assert.match(bad.err, /--month must be YYYY-MM/);
        const paper = await runCli([
          'report',
          '--month',
          '2026-01',
          '--paper',
          'a5',
          '--out',
          out,
          ...db,
        ]);
        assert.equal(paper.code, EXIT.badInput);
      } finally {
        await store.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it(
      'subscribes users, lists them, sends once per month, and unsubscribes',
      { skip },
      async () => {
        const store = await freshStore(dialect);
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
        const port = (smtp.server.address() as AddressInfo).port;
        try {
          const db = ['--db', store.url];
          assert.ok([0, 2].includes((await runCli(['import', GOOD, ...db])).code));
          const add = (login: string, role: string, ...rest: string[]) =>
            runCli(['user', 'add', login, '--name', login, '--role', role, ...rest, ...db]);
          assert.equal((await add('owen@example.org', 'owner')).code, EXIT.ok);
          assert.equal(
            (await add('cy@example.org', 'clinician', '--therapist', 't1')).code,
            EXIT.ok,
          );
          const sub = await runCli([
            'report',
            'subscribe',
            'owen@example.org',
            '--paper',
            'letter',
            ...db,
          ]);
          assert.equal(sub.code, EXIT.ok, sub.err);
          // A clinician gets their own therapist's report, named or not; another one is refused.
          const own = await runCli(['report', 'subscribe', 'cy@example.org', ...db]);
          assert.match(own.out, /cy@example.org gets therapist t1's report/);
          const other = await runCli([
            'report',
            'subscribe',
            'cy@example.org',
            '--therapist',
            't2',
            ...db,
          ]);
          assert.equal(other.code, EXIT.badInput);
          assert.match(other.err, /only their own therapist report/);
          const list = JSON.parse((await runCli(['report', 'list', '--json', ...db])).out) as {
            login: string;
            therapist: string | null;
            paper: string;
          }[];
          assert.deepEqual(
            list.map((s) => [s.login, s.therapist, s.paper]),
            [
              ['cy@example.org', 't1', 'a4'],
              ['owen@example.org', null, 'letter'],
            ],
          );
          const smtpFlags = [
            '--smtp-url',
            `smtp://127.0.0.1:${port}`,
            '--smtp-from',
            'r@example.org',
          ];
          const send = ['report', 'send', '--month', '2026-01', ...smtpFlags, ...db];
          const first = await runCli(send);
          assert.equal(first.code, EXIT.ok, first.err);
          assert.match(first.out, /^2 reports sent, 0 failed, 0 subscribers skipped/);
          const again = await runCli(send);
          assert.match(again.out, /^0 reports sent, .*2 already sent for the month/);
          assert.equal(mails.length, 2);
          const m = await simpleParser(mails.find((x) => x.toString().includes('owen@'))!);
          assert.equal(m.attachments[0]!.filename, 'rapport-default-2026-01.pdf');
          assert.match((await runCli([...send, '--force'])).out, /^2 reports sent/);
          assert.equal(mails.length, 4);
          assert.equal((await runCli(['report', 'unsubscribe', 'cy@example.org', ...db])).code, 0);
          assert.equal((await runCli(['report', 'unsubscribe', 'cy@example.org', ...db])).code, 1);
          assert.match(
            (await runCli(['report', 'list', ...db])).out,
            /^owen@example.org {2}owner {2}practice {2}letter\n$/,
          );
          const noMonth = await runCli(['report', ...db]);
          assert.equal(noMonth.code, EXIT.badInput);
          assert.match(noMonth.err, /--month and --out are required/);
        } finally {
          await new Promise<void>((r) => smtp.close(() => r()));
          await store.drop();
        }
      },
    );
  });
}
