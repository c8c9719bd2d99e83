import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIALECTS, dialectSkipReason, freshStore } from '../store/test-dialects.js';
import { runCli } from './run-cli.js';

const GOOD = 'src/ingest/fixtures/good';

for (const dialect of DIALECTS) {
  describe(`rapport audit of imports and settings on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'records an import with its counts and a settings change with the fields changed',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const db = ['--db', store.url];
          const imported = await runCli(['import', GOOD, ...db]);
          assert.ok([0, 2].includes(imported.code), imported.err);
          assert.equal((await runCli(['practice', 'set', '--min-sample', '12', ...db])).code, 0);
          const audit = await runCli(['audit', '--json', ...db]);
          const [settings, imp] = JSON.parse(audit.out) as {
            action: string;
            actor: string;
            details: Record<string, unknown>;
          }[];
          assert.deepEqual(
            [settings?.action, settings?.details],
            ['settings_change', { changed: ['min_sample'] }],
          );
          assert.equal(imp?.action, 'import');
          assert.equal(imp?.actor, 'cli');
          const rows = await store.db
            .selectFrom('appointments')
            .select((e) => e.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          assert.equal(
            (imp?.details.inserted as number) > Number(rows.n),
            true,
            'counts over every file',
          );
          assert.equal(imp?.details.format, 'canonical');
          assert.equal(JSON.stringify(imp).includes('client_id'), false, 'counts, not records');
        } finally {
          await store.drop();
        }
      },
    );
  });
}
