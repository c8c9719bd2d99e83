import type { AlertNotification } from '../../model/alert-rule.js';
import { listAlertEvents, listAlertRules } from '../../store/alert.repository.js';
import type { Db } from '../../store/database.js';
import type { Membership } from '../../model/user.js';
import { storedTargets } from './stored-targets.js';
import type { TargetStatus, TargetStatusSource } from './target-status-source.js';

const WEEK = 7 * 86_400_000;

export interface Digest {
  userId: string;
  /** Targets the user owns or follows, each with its latest check-in status. */
  targets: TargetStatus[];
  /** The state changes of the last 7 days the user is told of, oldest first. */
  alerts: AlertNotification[];
}

/**
 * The weekly digest of one user: the targets they own or follow with their latest check-ins (as
 * `storedTargets` reads them) and the alerts of the week they receive — a therapist sees their own limit alerts
 * only, never another therapist's.
 */
export async function buildDigest(
  db: Db,
  practiceId: string,
  userId: string,
  membership: Membership | undefined,
  now: number,
  targets: TargetStatusSource = storedTargets,
): Promise<Digest> {
  const rules = new Map((await listAlertRules(db, practiceId)).map((r) => [r.rule_id, r]));
  const own = membership?.therapist_id ? `therapist:${membership.therapist_id}` : null;
  const alerts = (await listAlertEvents(db, practiceId, now - WEEK))
    .filter((e) => {
      const rule = rules.get(e.rule_id);
      if (!rule) return false;
      if (rule.condition.type === 'therapist_over_limit') {
        return (
          e.subject === own ||
          (rule.recipients.includes(userId) && membership?.role !== 'clinician')
        );
      }
      return rule.recipients.includes(userId);
    })
    .map((e) => ({ ...(e.payload as AlertNotification), event_id: e.event_id }));
  const mine = (await targets(db, practiceId)).filter((t) => t.userIds?.includes(userId));
  return { userId, targets: mine, alerts };
}
