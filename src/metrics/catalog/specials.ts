import { OUTCOME_OUTPUTS } from '../outcomes/outcome-parts.js';
import type { Dimension } from './catalog.types.js';

/**
 * The non-additive computations the catalog may name, what parts each produces and which
 * dimensions it can split by (every one splits by month and week). Their implementations live
 * in metrics/engine.
 */
export const SPECIALS: Record<
  string,
  {
    outputs: readonly string[];
    dims: readonly Dimension[];
    /** The row filters it honours (engine/kpi-filter.ts); under any other it is not defined. */
    filters: readonly ('therapist' | 'service')[];
  }
> = {
  /** Client sets: active at start (S) / end (E), new (N), retained S∩E, served, and more. */
  client_sets: {
    outputs: [
      'active_start',
      'active_end',
      'new_clients',
      'retained',
      'served',
      'served_answered',
      'new_rematched',
      'new_returned',
      'new_rematch_matured',
      'new_return_matured',
      'new_seen',
      'new_first_match_matured',
      'new_first_match_retained',
    ],
    dims: ['therapist', 'service', 'channel'],
    filters: ['therapist', 'service'],
  },
  /** Client-message → therapist-reply pairs per conversation. */
  response_times: {
    outputs: ['response_ms', 'response_pairs', 'unanswered'],
    dims: ['therapist', 'channel'],
    filters: ['therapist'],
  },
  /** Users with activity vs registered users. */
  platform_usage: {
    outputs: [
      'active_users',
      'registered_users',
      'active_clients',
      'registered_clients',
      'active_therapists',
      'registered_therapists',
      'unknown_activity_rows',
    ],
    dims: [],
    filters: [],
  },
  /**
   * Episodes of care with PHQ-9 / GAD-7 outcomes (metrics/outcomes): the rates by the period of
   * each episode's latest score, coverage by the periods of its sessions.
   */
  outcomes: {
    outputs: OUTCOME_OUTPUTS,
    dims: ['therapist', 'service', 'channel'],
    filters: ['therapist', 'service'],
  },
  /** Therapist-days over the therapist's own daily maximum. */
  therapist_load: {
    outputs: ['days_over', 'days_worked'],
    dims: ['therapist'],
    filters: ['therapist'],
  },
};
