import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { KpiResult } from '../../metrics/engine/kpi-result.types.js';
import { OUTCOME_KPI_IDS, type KpiId } from '../../metrics/kpi-meta/index.js';
import type { MonthlyReportData } from './monthly-report-data.js';
import { bandText, changeText, monthName, num, valueText } from './report-format.js';
import { trendSvg } from './trend-svg.js';

export const PAPERS = { a4: 'A4', letter: 'LETTER' } as const;
export type Paper = keyof typeof PAPERS;

/** The KPIs drawn as trend charts, in this order, when the catalog has them. */
const TREND_KPIS: KpiId[] = [
  'client_retention_rate',
  'session_completion_rate',
  'no_show_cancellation_rate',
  'therapist_utilization_rate',
  'rematch_rate',
  'client_satisfaction_rate',
];

/** The outcome section: the outcome KPIs and first-match retention, its spec section's other KPI. */
const OUTCOME_KPIS: readonly KpiId[] = [...OUTCOME_KPI_IDS, 'first_match_retention_rate'];

// DejaVu Sans, embedded (subset) so the text is the same on every reader and selectable.
const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = 'Body';
const BOLD = 'Bold';

const INK = '#0f172a';
const MUTED = '#475569';
const RULE = '#cbd5e1';

const STATUS_WORDS: Record<string, string> = {
  on_track: 'on track',
  at_risk: 'at risk',
  off_track: 'off track',
  not_enough_data: 'not enough data',
};

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

/**
 * The monthly report as a PDF (PDFKit, fonts embedded, text selectable): the KPIs with band,
 * n and the change against the month before and the same month a year earlier, the care pairs,
 * the outcome figures, the targets and their check-ins, trend charts (ECharts' SVG renderer)
 * and a page of definitions. Resolves to the file's bytes.
 */
export function renderReportPdf(data: MonthlyReportData, paper: Paper = 'a4'): Promise<Buffer> {
  const doc = new PDFDocument({
    size: PAPERS[paper],
    margin: 48,
    bufferPages: true,
    info: {
      Title: `${data.practice.name ?? data.practice.practice_id} — ${monthName(data.month)}`,
      Author: 'Rapport',
      Subject: 'Monthly practice report',
    },
  });
  doc.registerFont(FONT, join(FONT_DIR, 'DejaVuSans.ttf'));
  doc.registerFont(BOLD, join(FONT_DIR, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  const heading = (text: string) => {
    ensure(48);
    doc.moveDown(0.6).font(BOLD).fontSize(13).fillColor(INK).text(text, left, doc.y);
    doc.moveDown(0.3);
  };
  const para = (text: string, size = 9, color = MUTED) =>
    doc.font(FONT).fontSize(size).fillColor(color).text(text, left, doc.y, { width });

  const table = (columns: Column[], rows: string[][]) => {
    const scale = width / columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => c.width * scale);
    const drawRow = (cells: string[], bold: boolean) => {
      doc.font(bold ? BOLD : FONT).fontSize(8);
      const h =
        Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 }))) + 6;
      if (doc.y + h > bottom()) {
        doc.addPage();
        if (!bold)
          drawRow(
            columns.map((c) => c.title),
            true,
          );
        doc.font(bold ? BOLD : FONT).fontSize(8);
      }
      const y = doc.y;
      let x = left;
      cells.forEach((c, i) => {
        doc
          .fillColor(bold ? MUTED : INK)
          .text(c, x + 3, y + 3, { width: widths[i]! - 6, align: columns[i]!.align ?? 'left' });
        x += widths[i]!;
      });
      doc
        .moveTo(left, y + h)
        .lineTo(left + width, y + h)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      doc.x = left;
      doc.y = y + h;
    };
    drawRow(
      columns.map((c) => c.title),
      true,
    );
    for (const r of rows) drawRow(r, false);
  };

  const name = (id: string) => data.meta[id as KpiId]?.name ?? id;
  const nText = (k: KpiResult | undefined) => (k ? num(k.n, 0) : '');
  const practiceName = data.practice.name ?? data.practice.practice_id;

  // Title
  doc.font(BOLD).fontSize(18).fillColor(INK).text(`${practiceName}`, left, doc.y);
  doc
    .font(FONT)
    .fontSize(12)
    .fillColor(INK)
    .text(
      `Monthly report, ${monthName(data.month)}${data.therapist ? ` — therapist ${data.therapist}` : ''}`,
    );
  para(
    `${data.from} to ${data.to} (${data.practice.timezone}), benchmarks of the ${data.profile} profile. ` +
      `Generated ${new Date(data.generatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC by Rapport. ` +
      'n is the number each figure rests on; “small sample” marks figures below the minimum for a band. ' +
      'No figure here ranks therapists.',
  );

  // KPI table
  const outcomeIds = OUTCOME_KPIS.filter((id) => data.ids.includes(id));
  const operations = data.ids.filter((id) => !outcomeIds.includes(id));
  heading(
    data.therapist ? 'Figures of this therapist beside the practice' : 'Figures of the month',
  );
  const kpiRows = (ids: string[]) =>
    ids.map((id) => {
      const k = data.current[id as KpiId];
      const base = [name(id), valueText(k), bandText(k), nText(k)];
      return data.therapist
        ? [...base, valueText(data.practiceCurrent?.[id as KpiId])]
        : [
            ...base,
            changeText(k, data.previous[id as KpiId]),
            changeText(k, data.yearAgo[id as KpiId]),
          ];
    });
  const kpiColumns: Column[] = [
    { title: 'KPI', width: 34 },
    { title: 'Value', width: 14, align: 'right' },
    { title: 'Band', width: 14 },
    { title: 'n', width: 9, align: 'right' },
    ...(data.therapist
      ? [{ title: 'Practice', width: 16, align: 'right' as const }]
      : [
          { title: 'vs month before', width: 14, align: 'right' as const },
          { title: 'vs a year before', width: 14, align: 'right' as const },
        ]),
  ];
  table(kpiColumns, kpiRows(operations));

  if (outcomeIds.length > 0) {
    heading('Outcomes: do clients get better?');
    para(
      'Each episode of care is counted in the month of its latest score, so the latest months move as episodes go on. Groups of fewer than 5 episodes show no figure.',
    );
    doc.moveDown(0.3);
    table(kpiColumns, kpiRows(outcomeIds));
  }

  // Care pairs
  const pairs = operations.filter((id) => (data.meta[id]?.counterparts ?? []).length > 0);
  if (pairs.length > 0) {
    heading('Read together: volume beside care quality');
    table(
      [
        { title: 'Figure', width: 40 },
        { title: 'Read with', width: 60 },
      ],
      pairs.map((id) => [
        `${name(id)}: ${valueText(data.current[id])}`,
        data.meta[id]!.counterparts.map((c) => `${name(c)}: ${valueText(data.current[c])}`).join(
          '; ',
        ),
      ]),
    );
  }

  // Targets
  heading('Targets and check-ins');
  if (data.targets.length === 0) {
    para(
      data.therapist
        ? 'No personal target on these figures.'
        : 'The practice has no target yet. Targets are set from any KPI on the dashboard.',
    );
  }
  for (const { target, checkins } of data.targets) {
    ensure(60);
    doc
      .font(BOLD)
      .fontSize(9.5)
      .fillColor(INK)
      .text(`${target.title} (${name(target.kpi_id)}, ${target.scope})`, left, doc.y, { width });
    doc.moveDown(0.2);
    if (checkins.length === 0) para('No period has closed since it started.');
    else
      table(
        [
          { title: 'Period', width: 14 },
          { title: 'Value', width: 14, align: 'right' },
          { title: 'Expected', width: 14, align: 'right' },
          { title: 'n', width: 9, align: 'right' },
          { title: 'Status', width: 16 },
          { title: 'Note', width: 33 },
        ],
        checkins.map((c) => [
          c.period,
          c.value === null ? '—' : num(c.value, 1),
          c.expected === null ? '—' : num(c.expected, 1),
          num(c.n, 0),
          STATUS_WORDS[c.status] ?? c.status,
          c.note ?? '',
        ]),
      );
  }

  // Trend charts, two per row
  const charts = [
    ...TREND_KPIS.filter((id) => data.ids.includes(id)),
    ...(outcomeIds[0] ? [outcomeIds[0] as KpiId] : []),
  ];
  if (charts.length > 0) {
    doc.addPage();
    heading(`The last ${data.trend.months.length} months`);
    para('Hollow points: months with a sample below the minimum for a band.');
    doc.moveDown(0.5);
    const w = (width - 16) / 2;
    const h = 150;
    charts.forEach((id, i) => {
      if (i % 2 === 0) ensure(h + 8);
      const x = left + (i % 2) * (w + 16);
      const y = doc.y;
      const svg = trendSvg({
        meta: data.meta[id],
        profile: data.profile,
        months: data.trend.months,
        results: data.trend.kpis.map((k) => k[id]),
        width: Math.round(w),
        height: h,
        fontFamily: 'DejaVu Sans',
      });
      SVGtoPDF(doc, svg, x, y, {
        width: w,
        height: h,
        assumePt: true,
        fontCallback: (_family, bold) => (bold ? BOLD : FONT),
      });
      if (i % 2 === 1 || i === charts.length - 1) doc.y = y + h + 8;
      else doc.y = y;
    });
  }

  // Definitions
  doc.addPage();
  heading('Definitions');
  for (const id of data.ids) {
    const m = data.meta[id];
    ensure(50);
    doc.font(BOLD).fontSize(9).fillColor(INK).text(m.name, left, doc.y, { width });
    para(m.help.formula, 8, INK);
    para(m.help.misses, 7.5);
    doc.moveDown(0.4);
  }

  // Page numbers, written inside the bottom margin: with the margin kept, PDFKit would start
  // a new page for each.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(
        `${practiceName} · ${monthName(data.month)} · page ${i + 1} of ${range.count}`,
        left,
        doc.page.height - margin + 16,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
