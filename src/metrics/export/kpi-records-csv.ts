import type { KpiRecords } from '../drilldown/list-kpi-records.js';
import { csvText } from './csv-text.js';

/** A listing of the records behind a figure as CSV: its columns, one line per record. */
export const kpiRecordsCsv = (list: KpiRecords): string => csvText(list.columns, list.records);
