import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { KPI_IDS } from '../metrics/kpi-meta/kpi-meta.types.js';
import { importCanonicalFolder } from '../store/import-canonical.js';
import { scratchReport } from '../store/import-test-helpers.js';
import { dialectSkipReason, freshStore } from '../store/test-dialects.js';
import { runCli } from './run-cli.js';

const SAMPLE = fileURLToPath(new URL('../../samples/small-practice', import.meta.url));

/** What `rapport kpi --json` is asked for: groupings, filters, another zone, the DST change. */
const ASKS = [
  ['--from', '2026-07-01', '--to', '2026-11-30'],
  ['--from', '2026-07-01', '--to', '2026-11-30', '--by', 'month'],
  ['--from', '2026-10-20', '--to', '2026-11-10', '--by', 'day'],
  ['--from', '2026-07-01', '--to', '2026-11-30', '--by', 'therapist'],
  ['--from', '2026-07-01', '--to', '2026-11-30', '--by', 'service'],
  ['--from', '2026-07-01', '--to', '2026-11-30', '--by', 'channel'],
  ['--from', '2026-09-01', '--to', '2026-10-31', '--by', 'week', '--therapist', 't-0003'],
  ['--from', '2026-07-01', '--to', '2026-12-31', '--by', 'quarter', '--tz', 'Europe/Berlin'],
  ['--from', '2026-07-01', '--to', '2026-11-30', '--profile', 'neurofeedback'],
];

describe('rapport kpi --json on SQLite and PostgreSQL', async () => {
  const skip = (await dialectSkipReason('postgres')) ?? false;

  it('prints the same document from both stores for the same data', { skip }, async () => {
    const lite = await freshStore('sqlite');
    const pg = await freshStore('postgres');
    try {
      for (const store of [lite, pg]) {
        await importCanonicalFolder(store, SAMPLE, { reportPath: scratchReport() });
      }
      for (const ask of ASKS) {
        const [a, b] = await Promise.all(
          [lite, pg].map((s) => runCli(['kpi', ...ask, '--json', '--db', s.url])),
        );
        assert.equal(a!.code, 0, a!.err);
        assert.equal(b!.code, 0, b!.err);
        const doc = JSON.parse(a!.out);
        assert.deepEqual(Object.keys(doc.kpis), [...KPI_IDS]);
        assert.ok(
          KPI_IDS.some((id) => doc.kpis[id].value !== null),
          `${ask.join(' ')}: some figure is computed`,
        );
        assert.deepEqual(JSON.parse(b!.out), doc, ask.join(' '));
      }
    } finally {
      await Promise.all([lite.drop(), pg.drop()]);
    }
  });
});
