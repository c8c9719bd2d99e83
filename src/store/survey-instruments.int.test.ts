import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importCanonicalFolder } from './import-canonical.js';
import { scratchReport } from './import-test-helpers.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

/** surveys.csv: line numbers in the comments are the file's own (the header is line 1). */
const SURVEYS = [
  'response_id,client_id,responded_at,score,scale_max,instrument',
  'phq-0,c1,2026-03-02T10:00:00Z,0,,phq9', // 2: the lowest PHQ-9 total
  'phq-27,c1,2026-03-09T10:00:00Z,27,,phq9', // 3: the highest
  'phq-28,c1,2026-03-16T10:00:00Z,28,,phq9', // 4: out of range
  'gad-21,c1,2026-03-02T10:05:00Z,21,,gad7', // 5
  'gad-22,c1,2026-03-09T10:05:00Z,22,,GAD7', // 6: out of range (instrument read in lower case)
  'phq-s27,c1,2026-03-23T10:00:00Z,14,27,phq9', // 7: the instrument's own scale_max
  'phq-s10,c1,2026-03-30T10:00:00Z,8,10,phq9', // 8: another scale_max
  'phq-half,c1,2026-04-06T10:00:00Z,10.5,,phq9', // 9: not a whole total
  'csat-4,c1,2026-03-02T11:00:00Z,4,,', // 10: satisfaction, scale 5 by default
  'csat-6,c1,2026-03-09T11:00:00Z,6,,csat', // 11: above the default scale
  'csat-8,c1,2026-03-16T11:00:00Z,8,10,csat', // 12: its own scale of 10
].join('\n');

for (const dialect of DIALECTS) {
  describe(`surveys.csv instruments on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'loads PHQ-9 0..27 and GAD-7 0..21, rejects the rest at file:line:field',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        const folder = mkdtempSync(join(tmpdir(), 'rapport-surveys-'));
        writeFileSync(
          join(folder, 'clients.csv'),
          'client_id,created_at\nc1,2026-03-01T09:00:00Z\n',
        );
        writeFileSync(join(folder, 'surveys.csv'), `${SURVEYS}\n`);
        try {
          const r = await importCanonicalFolder(store, folder, { reportPath: scratchReport() });
          const file = r.files.find((f) => f.entity === 'surveys')!;
          assert.deepEqual([file.read, file.inserted, file.rejected], [11, 6, 5]);
          assert.deepEqual(
            r.issues.filter((i) => i.severity === 'error').map((i) => [i.path, i.message]),
            [
              ['surveys.csv:4:score', 'score: "28" must be between 0 and 27 for phq9'],
              ['surveys.csv:6:score', 'score: "22" must be between 0 and 21 for gad7'],
              [
                'surveys.csv:8:scale_max',
                'scale_max: "10" must be empty or 27 for phq9 (its scale is fixed)',
              ],
              ['surveys.csv:9:score', 'score: "10.5" must be a whole number for phq9'],
              ['surveys.csv:11:score', 'score: "6" must be between 0 and scale_max (5)'],
            ],
          );
          const rows = await store.db
            .selectFrom('surveys')
            .select(['response_id', 'score', 'scale_max', 'instrument'])
            .orderBy('response_id')
            .execute();
          assert.deepEqual(
            rows.map((s) => [s.response_id, Number(s.score), Number(s.scale_max), s.instrument]),
            [
              ['csat-4', 4, 5, 'csat'],
              ['csat-8', 8, 10, 'csat'],
              ['gad-21', 21, 21, 'gad7'],
              ['phq-0', 0, 27, 'phq9'],
              ['phq-27', 27, 27, 'phq9'],
              ['phq-s27', 14, 27, 'phq9'],
            ],
          );
        } finally {
          await store.drop();
        }
      },
    );
  });
}
