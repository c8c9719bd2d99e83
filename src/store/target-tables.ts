/** Stored shapes of the targets tables (migration 0006). */
export interface TargetsTable {
  target_id: string;
  practice_id: string;
  kpi_id: string;
  scope: string;
  /** The target's kind (from_to, above, below, within) with its numbers, as JSON. */
  kind_json: string;
  title: string;
  owner_user_id: string;
  start_date: string;
  cadence: string;
  notes: string | null;
  /** `;`-joined user ids. */
  followers: string;
  created_at: number;
  updated_at: number;
}

export interface TargetCheckinsTable {
  practice_id: string;
  target_id: string;
  period: string;
  period_from: string;
  period_to: string;
  value: number | null;
  ci_lo: number | null;
  ci_hi: number | null;
  n: number;
  kpi_status: string;
  expected: number | null;
  status: string;
  data_version: string;
  computed_at: number;
}

export interface TargetCheckinNotesTable {
  practice_id: string;
  target_id: string;
  period: string;
  note: string | null;
  confidence: string | null;
  noted_by: string;
  noted_at: number;
}

export interface TargetTables {
  targets: TargetsTable;
  target_checkins: TargetCheckinsTable;
  target_checkin_notes: TargetCheckinNotesTable;
}
