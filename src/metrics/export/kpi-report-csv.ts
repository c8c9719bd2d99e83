import type { KpiReport, KpiResults } from '../engine/kpi-result.types.js';
import { KPI_IDS } from '../kpi-meta/kpi-meta.types.js';
import { csvText, type CsvCell } from './csv-text.js';

/** The columns of a KPI report as CSV: one row per KPI × group (`group` empty: the whole). */
export const KPI_CSV_COLUMNS = [
  'period_from',
  'period_to',
  'timezone',
  'profile',
  'group',
  'kpi',
  'value',
  'unit',
  'currency',
  'numerator',
  'denominator',
  'n',
  'ci_low',
  'ci_high',
  'band',
  'status',
  'reason',
] as const;

/**
 * The report of computeKpis (the document of `rapport kpi --json`) as CSV: the whole period's
 * KPIs first, then each group's in the report's order, KPIs in catalog order.
 */
export function kpiReportCsv(report: KpiReport): string {
  const rows: Record<string, CsvCell>[] = [];
  const add = (group: string, kpis: KpiResults) => {
    for (const id of KPI_IDS) {
      const k = kpis[id];
      if (!k) continue;
      rows.push({
        period_from: report.period.from,
        period_to: report.period.to,
        timezone: report.period.timezone,
        profile: report.profile,
        group,
        kpi: id,
        value: k.value,
        unit: k.unit,
        currency: k.currency,
        numerator: k.numerator,
        denominator: k.denominator,
        n: k.n,
        ci_low: k.ci?.[0],
        ci_high: k.ci?.[1],
        band: k.band,
        status: k.status,
        reason: k.reason ?? k.bandNote,
      });
    }
  };
  add('', report.kpis);
  for (const g of report.groups ?? []) add(g.key, g.kpis);
  return csvText(KPI_CSV_COLUMNS, rows);
}
