/** Stored shapes of the alert tables (migration 0007; digest claims and judged_json: 0008). */
export interface AlertRulesTable {
  rule_id: string;
  practice_id: string;
  name: string;
  /** ZAlertCondition as JSON. */
  condition_json: string;
  /** User ids as JSON. */
  recipients_json: string;
  /** ZAlertChannel[] as JSON (webhook secrets included: the table is the server's own). */
  channels_json: string;
  created_at: number;
}

/** The noise-guard state of one rule × subject (practice, a service, a therapist, a target). */
export interface AlertStateTable {
  practice_id: string;
  rule_id: string;
  subject: string;
  state: string;
  streak: number;
  /** The last period evaluated (its key, e.g. 2026-11-23 for a week). */
  last_period: string | null;
  last_notified_period: string | null;
  /** The periods still observed, each with its observation and the guard state before it. */
  judged_json: string | null;
  updated_at: number;
}

/** One state change: the unique (rule, subject, period, transition) is taken before sending. */
export interface AlertEventsTable {
  event_id: string;
  practice_id: string;
  rule_id: string;
  subject: string;
  period: string;
  transition: string;
  /** The notification body as JSON (AlertNotification). */
  payload_json: string;
  created_at: number;
}

export interface DeliveriesTable {
  delivery_id: string;
  practice_id: string;
  event_id: string;
  channel: string;
  /** The webhook URL or the e-mail address. */
  target: string;
  status: string;
  attempts: number;
  created_at: number;
  finished_at: number | null;
}

export interface DeliveryAttemptsTable {
  practice_id: string;
  delivery_id: string;
  attempt: number;
  at: number;
  ok: number;
  /** HTTP status or SMTP response code; null when the connection itself failed. */
  status_code: number | null;
  error: string | null;
}

/** One weekly digest taken for sending: the key is what keeps it to one e-mail. */
export interface DigestClaimsTable {
  practice_id: string;
  user_id: string;
  /** ISO week in the practice zone, e.g. 2026-W49. */
  week: string;
  claimed_at: number;
}

export interface AlertTables {
  alert_rules: AlertRulesTable;
  alert_state: AlertStateTable;
  alert_events: AlertEventsTable;
  deliveries: DeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
  digest_claims: DigestClaimsTable;
}
