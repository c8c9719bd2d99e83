import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { computeKpis } from '../../metrics/engine/compute-kpis.js';
import { listDeliveries } from '../../store/alert.repository.js';
import { importCanonical } from '../../store/import-canonical.js';
import { getPractice } from '../../store/practice.repository.js';
import { saveReportSubscription } from '../../store/report-subscription.repository.js';
import {
  DIALECTS,
  dialectSkipReason,
  freshStore,
  type TestStore,
} from '../../store/test-dialects.js';
import { createUser, setMembership } from '../../store/user.repository.js';
import { pdfLines } from '../report/pdf-text.js';
import { reportDueNow, sendReportsIn, startReportSchedule } from './report-schedule.js';
import { reportMonthOf, sendMonthlyReports } from './send-monthly-report.js';

const SAMPLE = fileURLToPath(new URL('../../../samples/small-practice', import.meta.url));
const NY = 'America/New_York';
const FAST = { attempts: 2, baseDelayMs: 10, timeoutMs: 2_000 };
/**
 * 1 Nov 2026 08:00 in New York: the schedule's moment for October's report. Summer time ended
 * at 02:00 that very morning, so it is EST (UTC−5): 13:00 UTC.
 */
const FIRST_OF_NOVEMBER = Date.parse('2026-11-01T13:00:00Z');

async function smtpSink(reject = false) {
  const mails: Buffer[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _s, cb) {
      const parts: Buffer[] = [];
      stream.on('data', (c: Buffer) => parts.push(c));
      stream.on('end', () => {
        if (reject) return cb(Object.assign(new Error('mailbox full'), { responseCode: 552 }));
        mails.push(Buffer.concat(parts));
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const port = (smtp.server.address() as AddressInfo).port;
  return {
    mail: { url: `smtp://127.0.0.1:${port}`, from: 'rapport@example.org' },
    mails,
    close: () => new Promise<void>((r) => smtp.close(() => r())),
  };
}

const toOf = (m: ParsedMail) => (m.to as { text: string }).text;

/** A percentage as the report prints it, worked out here: one decimal, then " %". */
const percent = (v: number) =>
  `${(Math.round(v * 10) / 10).toLocaleString('en-US', { maximumFractionDigits: 1 })} %`;

describe('the month a report covers and when it is due', () => {
  it('is the last whole month of the practice zone, not of UTC', () => {
    // 1 Nov 2026 02:00 UTC is still 31 Oct 22:00 in New York: September's report there.
    const t = Date.parse('2026-11-01T02:00:00Z');
    assert.equal(reportMonthOf(t, NY), '2026-09');
    assert.equal(reportMonthOf(t, 'UTC'), '2026-10');
    assert.equal(reportMonthOf(Date.parse('2027-01-15T12:00:00Z'), 'UTC'), '2026-12');
  });

  it('is due at start once the 1st at 08:00 (local) of this month has passed', () => {
    const p = '0 8 1 * *';
    assert.equal(reportDueNow(p, NY, FIRST_OF_NOVEMBER), true);
    assert.equal(reportDueNow(p, NY, FIRST_OF_NOVEMBER - 60_000), false);
    assert.equal(reportDueNow(p, NY, Date.parse('2026-11-20T12:00:00Z')), true);
  });
});

for (const dialect of DIALECTS) {
  describe(`monthly report e-mail on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;
    let store: TestStore;
    let carl: string;
    before(async () => {
      if (skip) return;
      store = await freshStore(dialect);
      await importCanonical(store, [SAMPLE]);
      const o = await createUser(store.db, { login: 'olga@example.org', display_name: 'Olga' });
      await setMembership(store.db, o.user_id, {
        practice_id: 'default',
        role: 'owner',
        therapist_id: null,
      });
      const c = await createUser(store.db, { login: 'carl@example.org', display_name: 'Carl' });
      carl = c.user_id;
      await setMembership(store.db, carl, {
        practice_id: 'default',
        role: 'clinician',
        therapist_id: 't-0001',
      });
      // A login that is no address: subscribed, but skipped.
      const n = await createUser(store.db, { login: 'nadia', display_name: 'Nadia' });
      await setMembership(store.db, n.user_id, {
        practice_id: 'default',
        role: 'viewer',
        therapist_id: null,
      });
      await saveReportSubscription(store.db, 'default', {
        user_id: o.user_id,
        therapist_id: null,
        paper: 'a4',
      });
      await saveReportSubscription(store.db, 'default', {
        user_id: carl,
        therapist_id: 't-0001',
        paper: 'letter',
      });
      await saveReportSubscription(store.db, 'default', {
        user_id: n.user_id,
        therapist_id: null,
        paper: 'a4',
      });
    });
    after(async () => store?.drop());

    it(
      'the 1st of November sends October to each subscriber once, the PDF holding the figures',
      { skip },
      async () => {
        const smtp = await smtpSink();
        try {
          const first = await sendReportsIn(store.db, NY, smtp.mail, FAST, FIRST_OF_NOVEMBER);
          assert.deepEqual(first, { sent: 2, failed: 0, skipped: 1, already: 0 });
          // A rerun an hour later and two servers at once: nothing more.
          const again = await sendReportsIn(
            store.db,
            NY,
            smtp.mail,
            FAST,
            FIRST_OF_NOVEMBER + 3.6e6,
          );
          assert.deepEqual(again, { sent: 0, failed: 0, skipped: 1, already: 2 });
          const both = await Promise.all([
            sendReportsIn(store.db, NY, smtp.mail, FAST, FIRST_OF_NOVEMBER + 7.2e6),
            sendReportsIn(store.db, NY, smtp.mail, FAST, FIRST_OF_NOVEMBER + 7.2e6),
          ]);
          assert.equal(both[0]!.sent + both[1]!.sent, 0);
          // Another zone's job writes to nobody here.
          assert.equal((await sendReportsIn(store.db, 'UTC', smtp.mail, FAST)).sent, 0);
          assert.equal(smtp.mails.length, 2);

          const mails = await Promise.all(smtp.mails.map((m) => simpleParser(m)));
          const byTo = new Map(mails.map((m) => [toOf(m), m]));
          const practice = await getPractice(store.db, 'default');
          const october = { from: '2026-10-01', to: '2026-10-31' };

          const olga = byTo.get('olga@example.org')!;
          assert.equal(
            olga.subject,
            '[Rapport] Monthly report 2026-10: Maple Street Counseling (demo)',
          );
          const all = await computeKpis(store.db, practice, october);
          const rate = percent(all.kpis.session_completion_rate!.value!);
          assert.match(olga.text ?? '', new RegExp(`Session completion rate: ${rate}`));
          assert.equal(olga.attachments.length, 1);
          const pdf = olga.attachments[0]!;
          assert.equal(pdf.contentType, 'application/pdf');
          assert.equal(pdf.filename, 'rapport-default-2026-10.pdf');
          const { lines } = await pdfLines(pdf.content);
          const row = lines.find((l) => l.startsWith('Session completion rate |'))!;
          assert.equal(row.split(' | ')[1], rate);
          assert.ok(lines.some((l) => l.includes('Monthly report, October 2026')));

          // The clinician: their own therapist's report, on Letter paper.
          const c = byTo.get('carl@example.org')!;
          assert.match(c.subject ?? '', /therapist t-0001$/);
          const cpdf = c.attachments[0]!.content;
          assert.match(cpdf.toString('latin1'), /\/MediaBox \[0 0 612 792\]/);
          const mine = await computeKpis(store.db, practice, {
            ...october,
            filter: { therapist: 't-0001' },
          });
          const crow = (await pdfLines(cpdf)).lines.find((l) =>
            l.startsWith('Session completion rate |'),
          )!;
          assert.equal(crow.split(' | ')[1], percent(mine.kpis.session_completion_rate!.value!));

          // Every attempt logged as a delivery, one successful attempt each.
          const ds = (await listDeliveries(store.db, 'default')).filter((d) =>
            d.event_id.startsWith('report:'),
          );
          assert.deepEqual(ds.map((d) => [d.target, d.status, d.attempts.length]).sort(), [
            ['carl@example.org', 'success', 1],
            ['olga@example.org', 'success', 1],
          ]);
          assert.ok(ds.every((d) => d.event_id.endsWith(':2026-10')));
        } finally {
          await smtp.close();
        }
      },
    );

    it(
      'a refused e-mail is logged per attempt and gives its claim back; a resend then sends',
      { skip },
      async () => {
        const bad = await smtpSink(true);
        let r;
        try {
          r = await sendMonthlyReports(store.db, 'default', bad.mail, FAST, { month: '2026-09' });
        } finally {
          await bad.close();
        }
        assert.deepEqual(r, { sent: 0, failed: 2, skipped: 1, already: 0 });
        const failed = (await listDeliveries(store.db, 'default')).filter(
          (d) => d.event_id === `report:${carl}:2026-09`,
        );
        assert.equal(failed.length, 1);
        assert.equal(failed[0]!.status, 'failed');
        assert.deepEqual(
          failed[0]!.attempts.map((a) => [a.attempt, a.ok, a.status_code]),
          [
            [1, false, 552],
            [2, false, 552],
          ],
        );
        const claims = await store.db
          .selectFrom('report_claims')
          .select('month')
          .where('month', '=', '2026-09')
          .execute();
        assert.equal(claims.length, 0);
        const good = await smtpSink();
        try {
          const s = await sendMonthlyReports(store.db, 'default', good.mail, FAST, {
            month: '2026-09',
          });
          assert.equal(s.sent, 2);
          // --force resends what was sent already.
          const f = await sendMonthlyReports(store.db, 'default', good.mail, FAST, {
            month: '2026-09',
            force: true,
          });
          assert.equal(f.sent, 2);
          assert.equal(good.mails.length, 4);
        } finally {
          await good.close();
        }
      },
    );

    it(
      'two running schedules firing every second send each subscriber one report',
      { skip },
      async () => {
        await store.db.deleteFrom('report_claims').execute();
        const smtp = await smtpSink();
        const lines: string[] = [];
        const a = startReportSchedule(store, '* * * * * *', smtp.mail, FAST, (l) => lines.push(l));
        const b = startReportSchedule(store, '* * * * * *', smtp.mail, FAST, (l) => lines.push(l));
        try {
          const until = Date.now() + 30_000;
          while (smtp.mails.length < 2 && Date.now() < until) {
            await new Promise((r) => setTimeout(r, 200));
          }
          await new Promise((r) => setTimeout(r, 2_500)); // more firings, on both schedules
        } finally {
          a.stop();
          b.stop();
        }
        await new Promise((r) => setTimeout(r, 500));
        try {
          const to = await Promise.all(smtp.mails.map(async (m) => toOf(await simpleParser(m))));
          assert.deepEqual(to.sort(), ['carl@example.org', 'olga@example.org']);
          const month = reportMonthOf(Date.now(), NY);
          const claims = await store.db.selectFrom('report_claims').select('month').execute();
          assert.deepEqual(
            claims.map((c) => c.month),
            [month, month],
          );
          assert.doesNotMatch(lines.join('\n'), /failed:/);
        } finally {
          await smtp.close();
        }
      },
    );
  });
}
