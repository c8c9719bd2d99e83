/** Stored shapes of the monthly report's e-mail tables (migration 0012). */
export interface ReportSubscriptionsTable {
  practice_id: string;
  user_id: string;
  /** null: the practice's report; else that therapist's report beside the practice. */
  therapist_id: string | null;
  /** a4 or letter. */
  paper: string;
  created_at: number;
}

/** One monthly report taken for sending: the key is what keeps it to one e-mail. */
export interface ReportClaimsTable {
  practice_id: string;
  user_id: string;
  /** The report's month, YYYY-MM. */
  month: string;
  claimed_at: number;
}

export interface ReportTables {
  report_subscriptions: ReportSubscriptionsTable;
  report_claims: ReportClaimsTable;
}
