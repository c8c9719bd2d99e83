import type { Db } from '../../store/database.js';

/** The latest check-in status of one target, as the targets module reports it. */
export interface TargetStatus {
  targetId: string;
  title: string;
  /** The period of that check-in, e.g. 2026-W47 or 2026-11. */
  period: string;
  status: 'on_track' | 'at_risk' | 'off_track' | 'not_enough_data';
  /** Users who own or follow the target (for the digest); empty when unknown. */
  userIds?: string[];
  value?: number | null;
}

/**
 * Where target_off_track rules and the weekly digest read targets from: by default the stored
 * check-ins (`stored-targets.ts`); tests pass their own, and `NO_TARGETS` answers none.
 */
export type TargetStatusSource = (db: Db, practiceId: string) => Promise<TargetStatus[]>;

export const NO_TARGETS: TargetStatusSource = async () => [];
