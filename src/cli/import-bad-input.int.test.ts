import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DIALECTS, dialectSkipReason, freshStore } from '../store/test-dialects.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rapport-bad-input-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let folders = 0;
/** A folder holding `files` (name → text or bytes). */
const folder = (files: Record<string, string | Buffer>): string => {
  const p = join(dir, `f${folders++}`);
  mkdirSync(p);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(p, name), text);
  return p;
};

const CLIENTS =
  'client_id,created_at,acquisition_channel\n' +
  'c1,2026-01-01T00:00:00Z,web\n' +
  'c2,"2026-01-02T00:00:00Z,web\n' + // line 3: a stray quote that never closes
  'c3,2026-01-03T00:00:00Z,web\n' +
  'c4,2026-01-04T00:00:00Z,referral\n';

/** The report's rows after the header: severity, file, line, column, code. */
const reportRows = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(',').slice(0, 5).join(' '));

for (const dialect of DIALECTS) {
  describe(`rapport import of bad input on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('a stray quote on line 3 costs that row only; the later rows load', { skip }, async () => {
      const store = await freshStore(dialect);
      const report = join(dir, `${dialect}-quote.csv`);
      try {
        const r = await runCli([
          'import',
          folder({ 'clients.csv': CLIENTS }),
          '--db',
          store.url,
          '--report',
          report,
        ]);
        assert.equal(r.code, 2, r.err);
        assert.match(r.out, /clients\.csv\s+3\s+0\s+0\s+1\s+0/);
        assert.match(r.out, /1 error, 0 warnings; report: /);
        assert.match(r.out, /error\s+clients\.csv:3\s+a quote opened on line 3 is never closed/);
        assert.deepEqual(reportRows(report), ['error clients.csv 3  malformed_row']);
        const ids = await store.db
          .selectFrom('clients')
          .select('client_id')
          .orderBy('client_id')
          .execute();
        assert.deepEqual(
          ids.map((c) => c.client_id),
          ['c1', 'c3', 'c4'],
        );
      } finally {
        await store.drop();
      }
    });

    it(
      'a Latin-1 row is an error at its line unless --encoding latin1 is given',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        const text = Buffer.from(
          'client_id,created_at,acquisition_channel\nc1,2026-01-01T00:00:00Z,Empfehlung Müller\nc2,2026-01-02T00:00:00Z,web\n',
          'latin1',
        );
        const src = folder({ 'clients.csv': text });
        try {
          const bad = await runCli([
            'import',
            src,
            '--db',
            store.url,
            '--report',
            join(dir, `${dialect}-l1.csv`),
          ]);
          assert.equal(bad.code, 2, bad.err);
          assert.match(
            bad.out,
            /error\s+clients\.csv:2\s+line 2 is not valid UTF-8.*--encoding latin1/,
          );
          assert.match(bad.out, /clients\.csv\s+1\s+0\s+0\s+1\s+0/);
          const ok = await runCli(['import', src, '--db', store.url, '--encoding', 'latin1']);
          assert.equal(ok.code, 0, ok.err);
          const c1 = await store.db
            .selectFrom('clients')
            .selectAll()
            .where('client_id', '=', 'c1')
            .executeTakeFirstOrThrow();
          assert.equal(c1.acquisition_channel, 'Empfehlung Müller');
          const wrong = await runCli(['import', src, '--db', store.url, '--encoding', 'ebcdic']);
          assert.equal(wrong.code, 1);
          assert.match(
            wrong.err,
            /encoding ebcdic is not supported \(use utf8, latin1, windows-1252\)/,
          );
        } finally {
          await store.drop();
        }
      },
    );

    it(
      'a folder with no known file is a usage error naming the files and the expected names',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const r = await runCli([
            'import',
            folder({ 'Clients_export.csv': CLIENTS }),
            '--db',
            store.url,
          ]);
          assert.equal(r.code, 1, r.out);
          assert.match(
            r.err,
            /nothing to import in .*: found only Clients_export\.csv \(did you mean clients\.csv\?\); expected file names: practice\.json, therapists\.csv, clients\.csv/,
          );
        } finally {
          await store.drop();
        }
      },
    );

    it(
      'a file missing a required column counts its rows as rejected, in the summary, report and exit code',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        const report = join(dir, `${dialect}-missing.csv`);
        const src = folder({
          'clients.csv': 'client_id,created_at\nc1,2026-01-01T00:00:00Z\nc2,2026-01-02T00:00:00Z\n',
          'payments.csv':
            'payment_id,client_id,paid_at\np1,c1,2026-02-01T00:00:00Z\np2,c1,2026-02-02T00:00:00Z\np3,c2,2026-02-03T00:00:00Z\n',
          'surveys.csv': '',
          'messages.csv': 'message_id,conversation_id,sender,sent_at\n',
          'notes.csv': 'x\n',
        });
        try {
          const r = await runCli(['import', src, '--db', store.url, '--report', report]);
          assert.equal(r.code, 2, r.err);
          assert.match(r.out, /payments\.csv\s+0\s+0\s+0\s+3\s+0/);
          assert.match(r.out, /surveys\.csv\s+0\s+0\s+0\s+0\s+0/);
          assert.match(r.out, /messages\.csv\s+0\s+0\s+0\s+0\s+1/);
          assert.match(r.out, /\(other\)\s+1\n/);
          assert.match(r.out, /total\s+2\s+0\s+0\s+3\s+2/);
          assert.match(
            r.out,
            /rejected whole: 2 files: surveys\.csv \(empty file\), payments\.csv \(missing column\)/,
          );
          assert.match(r.out, /2 errors, 2 warnings; report: /);
          assert.deepEqual(reportRows(report).sort(), [
            'error payments.csv 1 amount missing_column',
            'error surveys.csv 1  empty_file',
            'warning messages.csv 1  empty_file',
            'warning notes.csv   unknown_file',
          ]);
        } finally {
          await store.drop();
        }
      },
    );

    it(
      'an amount of 99999999999999999999 is a rejected row; the other rows load',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        const src = folder({
          'clients.csv': 'client_id,created_at\nc1,2026-01-01T00:00:00Z\n',
          'payments.csv':
            'payment_id,client_id,amount,paid_at\n' +
            'p1,c1,120.00,2026-02-01T00:00:00Z\n' +
            'p2,c1,99999999999999999999,2026-02-02T00:00:00Z\n' +
            'p3,c1,9999999999.99,2026-02-03T00:00:00Z\n' +
            'p4,c1,12,0026-02-03T00:00:00Z\n',
        });
        try {
          const r = await runCli([
            'import',
            src,
            '--db',
            store.url,
            '--report',
            join(dir, `${dialect}-amount.csv`),
          ]);
          assert.equal(r.code, 2, r.err);
          assert.match(r.out, /payments\.csv\s+2\s+0\s+0\s+2\s+0/);
          assert.match(
            r.out,
            /payments\.csv:3:amount\s+amount: "99999999999999999999" is out of range/,
          );
          assert.match(
            r.out,
            /payments\.csv:5:paid_at\s+paid_at: "0026-02-03T00:00:00Z" is before 1900-01-01/,
          );
          const rows = await store.db
            .selectFrom('payments')
            .select(['payment_id', 'amount_minor'])
            .orderBy('payment_id')
            .execute();
          assert.deepEqual(
            rows.map((p) => [p.payment_id, Number(p.amount_minor)]),
            [
              ['p1', 12000],
              ['p3', 999999999999],
            ],
          );
        } finally {
          await store.drop();
        }
      },
    );
  });
}
