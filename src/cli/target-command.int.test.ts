import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listAudit } from '../store/audit-log.repository.js';
import { DIALECTS, dialectSkipReason, freshStore } from '../store/test-dialects.js';
import { runCli } from './run-cli.js';

for (const dialect of DIALECTS) {
  describe(`rapport target on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'adds, lists with the latest status, shows, notes and removes a target',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const db = ['--db', store.url];
          const add = await runCli([
            'target',
            'add',
            '--kpi',
            'no_show_cancellation_rate',
            '--kind',
            'from_to:20:10:2026-03-16',
            '--title',
            'Fewer no-shows',
            '--start',
            '2026-01-05',
            ...db,
          ]);
          assert.equal(add.code, 0, add.err);
          const id = add.out.trim();
          assert.match(id, /^tgt_[0-9a-f]+$/);
          const list = await runCli(['target', 'list', ...db]);
          assert.equal(list.code, 0, list.err);
          // no data at all: every closed week has no verdict
          assert.match(
            list.out,
            new RegExp(`${id}  Fewer no-shows .* \\d{4}-W\\d{2} not_enough_data`),
          );
          const show = await runCli(['target', 'show', id, ...db]);
          assert.match(show.out, /^2026-W02 {2}- {2}n 0 {2}expected 19 {2}not_enough_data$/m);
          const note = await runCli(['target', 'note', id, '2026-W02', '--note', 'closed', ...db]);
          assert.equal(note.code, 0, note.err);
          assert.match(
            (await runCli(['target', 'show', id, ...db])).out,
            /2026-W02 .* note: closed$/m,
          );
          const bad = await runCli([
            'target',
            'add',
            '--kpi',
            'nope',
            '--kind',
            'above:1',
            '--title',
            'x',
            ...db,
          ]);
          assert.equal(bad.code, 1);
          const quota = await runCli([
            'target',
            'add',
            '--kpi',
            'session_completion_rate',
            '--kind',
            'above:80',
            '--title',
            'x',
            '--scope',
            'therapist:t1',
            ...db,
          ]);
          assert.equal(quota.code, 1);
          assert.match(quota.err, /no individual quotas/);
          assert.equal((await runCli(['target', 'remove', id, ...db])).code, 0);
          assert.equal((await runCli(['target', 'show', id, ...db])).code, 1);
          // Each change is in the audit log with ids and field names, never the note or title.
          const entries = (await listAudit(store.db, { practiceId: 'default' })).reverse();
          const facts = {
            kpi_id: 'no_show_cancellation_rate',
            scope: 'practice',
            kind: 'from_to',
            cadence: 'week',
          };
          assert.deepEqual(
            entries.map((e) => [e.action, e.actor, e.target, e.details]),
            [
              ['target_create', 'cli', id, facts],
              ['checkin_note', 'cli', id, { period: '2026-W02', changed: ['note'] }],
              ['target_delete', 'cli', id, facts],
            ],
          );
          assert.doesNotMatch(JSON.stringify(entries), /closed|Fewer/);
        } finally {
          await store.drop();
        }
      },
    );
  });
}
