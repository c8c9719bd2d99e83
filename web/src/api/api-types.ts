/**
 * The shapes the HTTP API answers with (docs/api-contract.md). Catalog and practice types come
 * from their single definitions in src/; the rest mirror the contract's JSON.
 */
import type { KpiId, KpiMeta, BandLabel, Unit } from '../../../src/metrics/kpi-meta/kpi-meta.types';
import type { Practice, Profile } from '../../../src/model/practice';
import type {
  KpiReport,
  KpiResult,
  KpiResults,
  KpiStatus,
} from '../../../src/metrics/engine/kpi-result.types';

export type { KpiId, KpiMeta, BandLabel, Unit, Practice, Profile };

export type { KpiResult, KpiStatus, KpiResults as KpiMap };
export type KpiDocument = KpiReport;
export type KpiGroup = NonNullable<KpiReport['groups']>[number];

export type GroupBy = 'month' | 'week' | 'therapist' | 'service' | 'channel';

export interface KpiQuery {
  from: string;
  to: string;
  by?: GroupBy;
  profile?: Profile;
  service?: string;
  therapist?: string;
  ids?: KpiId[];
}

export interface Therapist {
  therapist_id: string;
  display_name: string | null;
  specialties: string[];
  languages: string[];
  modalities: string[];
  max_sessions_per_day: number | null;
  max_sessions_per_week: number | null;
  active_from: string | null;
  active_to: string | null;
}

export interface ImportRecord {
  import_id: string;
  source: string;
  format: string;
  started_at: string | number;
  finished_at: string | number | null;
  status: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  counts: unknown;
  report_path: string | null;
}

export interface DataRange {
  first: string | null;
  last: string | null;
}
