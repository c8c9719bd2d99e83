import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { computeKpis } from '../../metrics/engine/compute-kpis.js';
import { KPI_IDS, KPI_META } from '../../metrics/kpi-meta/index.js';
import { importCanonical } from '../../store/import-canonical.js';
import { getPractice } from '../../store/practice.repository.js';
import { createTarget } from '../../store/target.repository.js';
import { DIALECTS, dialectSkipReason, freshStore } from '../../store/test-dialects.js';
import { monthlyReportData } from './monthly-report-data.js';
import { pdfLines } from './pdf-text.js';
import { renderReportPdf } from './render-report-pdf.js';

const SAMPLE = fileURLToPath(new URL('../../../samples/small-practice', import.meta.url));
const MONTH = '2026-10';

/** A value as the report should print it, worked out here from the JSON document. */
const expected = (v: number, unit: string, currency?: string) => {
  const digits = unit === 'score' ? 2 : 1;
  const rounded = Math.round(v * 10 ** digits) / 10 ** digits;
  const text = rounded.toLocaleString('en-US', { maximumFractionDigits: digits });
  if (currency) return `${text} ${currency}`;
  return `${text}${{ percent: ' %', hours: ' h', minutes: ' min', score: '', currency: '' }[unit]}`;
};

for (const dialect of DIALECTS) {
  describe(`the monthly report PDF on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'holds every KPI with the value and n of `rapport kpi --json` for the month',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          await importCanonical(store, [SAMPLE]);
          const practice = await getPractice(store.db, 'default');
          await createTarget(store.db, 'default', 'owner', {
            kpi_id: 'session_completion_rate',
            scope: 'practice',
            kind: { type: 'above', x: 80 },
            title: 'Completion stays above 80 %',
            start_date: '2026-09-01',
            cadence: 'month',
            notes: null,
            followers: [],
          });
          const data = await monthlyReportData(store.db, practice, { month: MONTH });
          const pdf = await renderReportPdf(data, 'a4');
          assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
          // Fonts embedded (TrueType programs in the file), none of the unembedded standard 14.
          const raw = pdf.toString('latin1');
          assert.match(raw, /\/FontFile2/);
          assert.doesNotMatch(raw, /\/BaseFont\s*\/Helvetica/);
          const { pages, lines } = await pdfLines(pdf);
          assert.ok(pages >= 4, `${pages} pages`);
          const doc = await computeKpis(store.db, practice, {
            from: '2026-10-01',
            to: '2026-10-31',
          });
          for (const id of KPI_IDS) {
            const k = doc.kpis[id]!;
            const name = KPI_META[id].name;
            const row = lines.find((l) => l.startsWith(`${name} |`));
            assert.ok(row, `no row for ${name}`);
            const cells = row.split(' | ');
            const value =
              k.status === 'no_source'
                ? 'no data loaded'
                : k.value === null
                  ? 'no data'
                  : expected(k.value, k.unit, k.currency);
            assert.equal(cells[1], value, `${name}: ${row}`);
            assert.ok(cells.includes(k.n.toLocaleString('en-US')), `${name} n ${k.n}: ${row}`);
          }
          // The target with its monthly check-ins, the trend page and the definitions.
          assert.ok(lines.some((l) => l.startsWith('Completion stays above 80 %')));
          assert.ok(lines.some((l) => /^2026-10 \|/.test(l)));
          assert.ok(lines.some((l) => l.startsWith('The last 12 months')));
          assert.ok(lines.some((l) => l === 'Definitions'));
          assert.ok(lines.some((l) => l.includes('page 1 of')));
        } finally {
          await store.drop();
        }
      },
    );

    it(
      'a therapist report holds that therapist beside the practice, on Letter paper',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          await importCanonical(store, [SAMPLE]);
          const practice = await getPractice(store.db, 'default');
          const data = await monthlyReportData(store.db, practice, {
            month: MONTH,
            therapist: 't-0001',
          });
          const pdf = await renderReportPdf(data, 'letter');
          // US Letter: 612 × 792 points.
          assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 612 792\]/);
          const { lines } = await pdfLines(pdf);
          assert.ok(lines.some((l) => l.includes('therapist t-0001')));
          assert.ok(lines.some((l) => l.startsWith('KPI |') && l.endsWith('| Practice')));
          const mine = await computeKpis(store.db, practice, {
            from: '2026-10-01',
            to: '2026-10-31',
            filter: { therapist: 't-0001' },
          });
          const k = mine.kpis.session_completion_rate!;
          const row = lines.find((l) => l.startsWith('Session completion rate |'))!;
          assert.equal(row.split(' | ')[1], expected(k.value!, 'percent'));
          assert.ok(lines.some((l) => l === 'No personal target on these figures.'));
        } finally {
          await store.drop();
        }
      },
    );
  });
}
