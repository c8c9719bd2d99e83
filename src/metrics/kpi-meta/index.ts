import { avgRevenuePerClientMeta } from './avg-revenue-per-client.js';
import { avgSessionDurationMeta } from './avg-session-duration.js';
import { avgSessionRatingMeta } from './avg-session-rating.js';
import { avgWaitTimeToBookMeta } from './avg-wait-time-to-book.js';
import { clientRetentionRateMeta } from './client-retention-rate.js';
import { clientSatisfactionRateMeta } from './client-satisfaction-rate.js';
import { clientSatisfactionScoreMeta } from './client-satisfaction-score.js';
import { cohortRetentionRateMeta } from './cohort-retention-rate.js';
import { firstMatchRetentionRateMeta } from './first-match-retention-rate.js';
import type { KpiId, KpiMeta } from './kpi-meta.types.js';
import { newClientAcquisitionRateMeta } from './new-client-acquisition-rate.js';
import { noShowCancellationRateMeta } from './no-show-cancellation-rate.js';
import { platformUsageRateMeta } from './platform-usage-rate.js';
import { rematchRateMeta } from './rematch-rate.js';
import { secondSessionReturnRateMeta } from './second-session-return-rate.js';
import { sessionCompletionRateMeta } from './session-completion-rate.js';
import { sessionUtilizationRateMeta } from './session-utilization-rate.js';
import { surveyResponseRateMeta } from './survey-response-rate.js';
import { therapistCancellationRateMeta } from './therapist-cancellation-rate.js';
import { therapistLoadMeta } from './therapist-load.js';
import { therapistResponseTimeMeta } from './therapist-response-time.js';
import { therapistUtilizationRateMeta } from './therapist-utilization-rate.js';
import { reliableImprovementRateMeta } from './reliable-improvement-rate.js';
import { recoveryRateMeta } from './recovery-rate.js';
import { reliableRecoveryRateMeta } from './reliable-recovery-rate.js';
import { reliableDeteriorationRateMeta } from './reliable-deterioration-rate.js';
import { phq9ResponseRateMeta } from './phq9-response-rate.js';
import { phq9RemissionRateMeta } from './phq9-remission-rate.js';
import { outcomeCoverageRateMeta } from './outcome-coverage-rate.js';

export * from './kpi-meta.types.js';
export { bandFor, validateKpiMeta } from './band-for.js';
export * from './outcome-kpi-ids.js';

/** The descriptive half of every KPI, keyed by id, in KPI_IDS order. */
export const KPI_META: Record<KpiId, KpiMeta> = {
  client_retention_rate: clientRetentionRateMeta,
  cohort_retention_rate: cohortRetentionRateMeta,
  session_completion_rate: sessionCompletionRateMeta,
  client_satisfaction_score: clientSatisfactionScoreMeta,
  client_satisfaction_rate: clientSatisfactionRateMeta,
  survey_response_rate: surveyResponseRateMeta,
  therapist_response_time: therapistResponseTimeMeta,
  platform_usage_rate: platformUsageRateMeta,
  avg_wait_time_to_book: avgWaitTimeToBookMeta,
  therapist_utilization_rate: therapistUtilizationRateMeta,
  avg_session_duration: avgSessionDurationMeta,
  no_show_cancellation_rate: noShowCancellationRateMeta,
  new_client_acquisition_rate: newClientAcquisitionRateMeta,
  session_utilization_rate: sessionUtilizationRateMeta,
  avg_session_rating: avgSessionRatingMeta,
  avg_revenue_per_client: avgRevenuePerClientMeta,
  therapist_cancellation_rate: therapistCancellationRateMeta,
  therapist_load: therapistLoadMeta,
  rematch_rate: rematchRateMeta,
  second_session_return_rate: secondSessionReturnRateMeta,
  first_match_retention_rate: firstMatchRetentionRateMeta,
  reliable_improvement_rate: reliableImprovementRateMeta,
  recovery_rate: recoveryRateMeta,
  reliable_recovery_rate: reliableRecoveryRateMeta,
  reliable_deterioration_rate: reliableDeteriorationRateMeta,
  phq9_response_rate: phq9ResponseRateMeta,
  phq9_remission_rate: phq9RemissionRateMeta,
  outcome_coverage_rate: outcomeCoverageRateMeta,
};
