import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { defaultPractice } from '../../model/practice.js';
import { listDeliveries } from '../../store/alert.repository.js';
import { savePractice } from '../../store/practice.repository.js';
import {
  DIALECTS,
  dialectSkipReason,
  freshStore,
  type TestStore,
} from '../../store/test-dialects.js';
import { createUser, setMembership } from '../../store/user.repository.js';
import { dueThisWeek, sendDigestsIn, startDigestSchedule } from './digest-schedule.js';
import { digestWeek } from './send-digest.js';

const FAST = { attempts: 2, baseDelayMs: 10, timeoutMs: 2_000 };
const BERLIN = 'Europe/Berlin';

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
  const port = (smtp.server.address() as AddressInfo).port;
  return {
    mail: { url: `smtp://127.0.0.1:${port}`, from: 'rapport@example.org' },
    mails,
    close: () => new Promise<void>((r) => smtp.close(() => r())),
  };
}

describe('the week of a digest and when it is due', () => {
  it('is the ISO week of the practice zone, not of UTC', () => {
    // Sunday 6 Dec 2026 23:30 UTC is already Monday 7 Dec 00:30 in Berlin.
    const t = Date.parse('2026-12-06T23:30:00Z');
    assert.equal(digestWeek(t, BERLIN), '2026-W50');
    assert.equal(digestWeek(t, 'UTC'), '2026-W49');
  });

  it('is due at start when this week’s Monday 08:00 (local) has passed', () => {
    // Wed 9 Dec: Monday 7 Dec 08:00 Berlin (07:00 UTC) passed in the same week.
    assert.equal(dueThisWeek('0 8 * * 1', BERLIN, Date.parse('2026-12-09T12:00:00Z')), true);
    // Mon 7 Dec 07:30 Berlin: the last moment was 30 Nov, a week before: not due.
    assert.equal(dueThisWeek('0 8 * * 1', BERLIN, Date.parse('2026-12-07T06:30:00Z')), false);
    // 07:00 UTC is 08:00 in Berlin: the moment itself counts.
    assert.equal(dueThisWeek('0 8 * * 1', BERLIN, Date.parse('2026-12-07T07:00:00Z')), true);
    // In New York (UTC−5) Monday 08:00 is 13:00 UTC: at 12:00 UTC it is still to come.
    const ny = 'America/New_York';
    assert.equal(dueThisWeek('0 8 * * 1', ny, Date.parse('2026-12-07T12:00:00Z')), false);
    assert.equal(dueThisWeek('0 8 * * 1', ny, Date.parse('2026-12-07T13:00:00Z')), true);
  });
});

for (const dialect of DIALECTS) {
  describe(`weekly digest schedule on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;
    let store: TestStore;
    let owner: string;
    before(async () => {
      if (skip) return;
      store = await freshStore(dialect);
      await savePractice(store.db, { ...defaultPractice('p'), timezone: BERLIN });
      await savePractice(store.db, { ...defaultPractice('q'), timezone: 'UTC' });
      const o = await createUser(store.db, { login: 'olga@example.org', display_name: 'Olga' });
      owner = o.user_id;
      await setMembership(store.db, owner, { practice_id: 'p', role: 'owner', therapist_id: null });
      const u = await createUser(store.db, { login: 'uma@example.org', display_name: 'Uma' });
      await setMembership(store.db, u.user_id, {
        practice_id: 'q',
        role: 'owner',
        therapist_id: null,
      });
    });
    after(async () => store?.drop());

    it(
      'the job for one zone, run twice in a week and twice at once, sends one e-mail',
      { skip },
      async () => {
        const smtp = await smtpSink();
        try {
          // Monday 7 Dec 2026 08:00 in Berlin, then an hour later, then two servers at once.
          const monday = Date.parse('2026-12-07T07:00:00Z');
          const first = await sendDigestsIn(store.db, BERLIN, smtp.mail, FAST, monday);
          assert.deepEqual(first, { sent: 1, failed: 0, skipped: 0, already: 0 });
          const again = await sendDigestsIn(store.db, BERLIN, smtp.mail, FAST, monday + 3.6e6);
          assert.deepEqual(again, { sent: 0, failed: 0, skipped: 0, already: 1 });
          const both = await Promise.all([
            sendDigestsIn(store.db, BERLIN, smtp.mail, FAST, monday + 7.2e6),
            sendDigestsIn(store.db, BERLIN, smtp.mail, FAST, monday + 7.2e6),
          ]);
          assert.deepEqual(
            both.map((r) => r.sent + r.already),
            [1, 1],
          );
          assert.equal(both[0]!.sent + both[1]!.sent, 0);
          assert.equal(smtp.mails.length, 1);
          const m = await simpleParser(smtp.mails[0]!);
          assert.equal(m.subject, '[Rapport] Your week 2026-W50: 0 targets, 0 alerts');
          assert.equal((m.to as { text: string }).text, 'olga@example.org');
          // Uma's practice is in UTC: the Berlin job never wrote to her.
          const claims = await store.db.selectFrom('digest_claims').selectAll().execute();
          assert.deepEqual(
            claims.map((c) => [c.practice_id, c.user_id, c.week]),
            [['p', owner, '2026-W50']],
          );
          // The next week is a new digest.
          const next = await sendDigestsIn(store.db, BERLIN, smtp.mail, FAST, monday + 7 * 864e5);
          assert.equal(next.sent, 1);
          assert.equal(smtp.mails.length, 2);
        } finally {
          await smtp.close();
        }
      },
    );

    it(
      'two running schedules firing every second send each user one digest of the week',
      { skip },
      async () => {
        await store.db.deleteFrom('digest_claims').execute();
        const smtp = await smtpSink();
        const lines: string[] = [];
        const a = startDigestSchedule(store, '* * * * * *', smtp.mail, FAST, (l) => lines.push(l));
        const b = startDigestSchedule(store, '* * * * * *', smtp.mail, FAST, (l) => lines.push(l));
        try {
          await new Promise((r) => setTimeout(r, 3_500));
        } finally {
          a.stop();
          b.stop();
        }
        await new Promise((r) => setTimeout(r, 300)); // a send under way finishes
        try {
          const to = await Promise.all(
            smtp.mails.map(async (m) => ((await simpleParser(m)).to as { text: string }).text),
          );
          assert.deepEqual(to.sort(), ['olga@example.org', 'uma@example.org']);
          const week = (zone: string) => digestWeek(Date.now(), zone);
          const claims = await store.db
            .selectFrom('digest_claims')
            .select(['practice_id', 'week'])
            .orderBy('practice_id')
            .execute();
          assert.deepEqual(
            claims.map((c) => [c.practice_id, c.week]),
            [
              ['p', week(BERLIN)],
              ['q', week('UTC')],
            ],
          );
          const digests = (await listDeliveries(store.db, 'p')).filter((d) =>
            d.event_id.startsWith('digest:'),
          );
          assert.equal(digests.filter((d) => d.status === 'success').length, 3); // W50, W51, now
          assert.doesNotMatch(lines.join('\n'), /failed:/);
        } finally {
          await smtp.close();
        }
      },
    );
  });
}
