import type { AccessTables } from './access-tables.js';
import type { AlertTables } from './alert-tables.js';
import type { ReportTables } from './report-tables.js';
import type { TargetTables } from './target-tables.js';

/**
 * Kysely table types: the stored shape of each entity. Instants are UTC epoch milliseconds,
 * money integer minor units, lists `;`-joined text. Every table carries practice_id.
 */
export interface PracticesTable {
  practice_id: string;
  name: string | null;
  timezone: string;
  currency: string;
  profile: string;
  active_window_days: number;
  late_cancel_notice_hours: number;
  min_sample: number;
  locale: string;
  new_client_by: string;
  updated_at: number;
}

export interface TherapistsTable {
  practice_id: string;
  therapist_id: string;
  display_name: string | null;
  specialties: string;
  languages: string;
  modalities: string;
  max_sessions_per_day: number | null;
  max_sessions_per_week: number | null;
  active_from: number | null;
  active_to: number | null;
}

export interface ClientsTable {
  practice_id: string;
  client_id: string;
  created_at: number;
  acquisition_channel: string | null;
  discharged_at: number | null;
}

export interface AvailabilityTable {
  practice_id: string;
  therapist_id: string;
  start_at: number;
  end_at: number;
}

export interface SlotsTable {
  practice_id: string;
  slot_id: string;
  therapist_id: string;
  start_at: number;
  end_at: number;
  service: string | null;
}

export interface AppointmentsTable {
  practice_id: string;
  appointment_id: string;
  client_id: string;
  therapist_id: string;
  scheduled_start: number;
  /** Effective status: the source's, with the practice's late-cancellation rule applied. */
  status: string;
  source_status: string;
  service: string | null;
  requested_at: number | null;
  booked_at: number | null;
  scheduled_end: number | null;
  duration_min: number | null;
  cancelled_at: number | null;
  cancelled_by: string | null;
  actual_duration_min: number | null;
  slot_id: string | null;
  price_minor: number | null;
  currency: string | null;
}

export interface SessionRatingsTable {
  practice_id: string;
  appointment_id: string;
  rating: number;
  rated_at: number | null;
}

export interface SurveysTable {
  practice_id: string;
  response_id: string;
  client_id: string;
  responded_at: number;
  score: number;
  scale_max: number;
  instrument: string;
}

export interface MessagesTable {
  practice_id: string;
  message_id: string;
  conversation_id: string;
  sender: string;
  sent_at: number;
  client_id: string | null;
  therapist_id: string | null;
}

export interface PaymentsTable {
  practice_id: string;
  payment_id: string;
  client_id: string;
  amount_minor: number;
  currency: string;
  paid_at: number;
  appointment_id: string | null;
}

export interface ActivityTable {
  practice_id: string;
  user_type: string;
  user_id: string;
  occurred_at: number;
  kind: string;
}

export interface ImportsTable {
  import_id: string;
  practice_id: string;
  source: string;
  format: string;
  started_at: number;
  finished_at: number | null;
  status: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  counts_json: string;
  report_path: string | null;
}

/** A practice's secrets (never shown by the API): the key of its pseudonymous ids. */
export interface PracticeSecretsTable {
  practice_id: string;
  hash_key: string;
}

/** An API token of a practice: only the SHA-256 of the token is stored. */
export interface ApiTokensTable {
  token_id: string;
  practice_id: string;
  name: string | null;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  /** Space-separated scopes (`records:write kpis:read admin`). */
  scopes: string;
  expires_at: number | null;
}

/** Which data version and engine format the rollups were built from (see migration 0004). */
export interface RollupStateTable {
  practice_id: string;
  version: string;
  timezone: string;
  built_at: number;
}

export interface RollupDayPartsTable {
  practice_id: string;
  /** Local day number in the practice zone: floor((instant + UTC offset) / 1 day). */
  day: number;
  part: string;
  value: number;
}

export interface RollupTherapistDaysTable {
  practice_id: string;
  day: number;
  therapist_id: string;
  sessions: number;
  max_per_day: number | null;
  is_over: number;
}

export interface RollupClocksTable {
  practice_id: string;
  opened_at: number;
  wait_ms: number | null;
  therapist_id: string | null;
  client_id: string | null;
  /** The conversation of the clock (migration 0010). */
  conversation_id: string | null;
}

/** What a write touched since the rollups were refreshed (migration 0010). */
export interface RollupMarksTable {
  practice_id: string;
  kind: string;
  mark_key: string;
  stamp: number;
}

export interface RollupClientSpellsTable {
  practice_id: string;
  client_id: string;
  active_from: number;
  active_to: number;
  discharged_at: number | null;
  /** The therapist and service of the last completed session before any instant of the run. */
  therapist_id: string | null;
  service: string | null;
}

export interface RollupClientFirstsTable {
  practice_id: string;
  client_id: string;
  /** The instant that makes the client new: intake date or first session (new_client_by). */
  new_at: number;
  /** Its first completed session; null for a client new by intake without one yet. */
  first_at: number | null;
  returned: number;
  rematched: number;
  first_match_retained: number;
  /** The therapist and service of that first session (null: none). */
  first_therapist: string | null;
  first_service: string | null;
}

export interface RollupPresenceTable {
  practice_id: string;
  month_day: number;
  kind: string;
  who: string;
  mask_a: number;
  mask_b: number;
  events: number;
  reg_from: number | null;
  reg_to: number | null;
}

/** An episode of care with an outcome (migration 0013): what the outcome rates count. */
export interface RollupEpisodesTable {
  practice_id: string;
  client_id: string;
  /** The episode's first completed session. */
  started_at: number;
  /** Its latest paired score: the instant that places it in a period. */
  latest_at: number;
  /** Therapist and service of its last completed session at or before that score. */
  therapist_id: string;
  service: string | null;
  /** The client's acquisition channel. */
  channel: string | null;
  improved: number;
  deteriorated: number;
  caseness: number;
  recovered: number;
  reliably_recovered: number;
  phq9_caseness: number;
  phq9_response: number;
  phq9_remission: number;
  phq9_baseline: number | null;
  phq9_latest: number | null;
  gad7_baseline: number | null;
  gad7_latest: number | null;
}

/** An eligible episode in one local month with a completed session of it (migration 0013). */
export interface RollupEpisodeMonthsTable {
  practice_id: string;
  client_id: string;
  started_at: number;
  /** The episode's last completed session in the month, its therapist and service. */
  last_at: number;
  /** The episode's first completed session after the month; null: none. */
  next_at: number | null;
  therapist_id: string;
  service: string | null;
  channel: string | null;
  /** 1: the episode has an outcome; else `missing` says why not. */
  covered: number;
  missing: string | null;
}

export interface Database extends AccessTables, TargetTables, AlertTables, ReportTables {
  practices: PracticesTable;
  therapists: TherapistsTable;
  clients: ClientsTable;
  availability: AvailabilityTable;
  slots: SlotsTable;
  appointments: AppointmentsTable;
  session_ratings: SessionRatingsTable;
  surveys: SurveysTable;
  messages: MessagesTable;
  payments: PaymentsTable;
  activity: ActivityTable;
  imports: ImportsTable;
  practice_secrets: PracticeSecretsTable;
  api_tokens: ApiTokensTable;
  rollup_state: RollupStateTable;
  rollup_day_parts: RollupDayPartsTable;
  rollup_therapist_days: RollupTherapistDaysTable;
  rollup_clocks: RollupClocksTable;
  rollup_client_spells: RollupClientSpellsTable;
  rollup_client_firsts: RollupClientFirstsTable;
  rollup_presence: RollupPresenceTable;
  rollup_marks: RollupMarksTable;
  rollup_episodes: RollupEpisodesTable;
  rollup_episode_months: RollupEpisodeMonthsTable;
}
