import { latestCheckins } from '../targets/target-checkins.js';
import type { TargetStatusSource } from './target-status-source.js';

/**
 * The targets of the store as alert rules and digests read them: each target's latest check-in
 * and the users to tell. A personal target (therapist scope) is told to its owner alone, never to
 * the practice; a practice, service or channel target to its owner and followers.
 */
export const storedTargets: TargetStatusSource = async (db, practiceId) => {
  const rows = await latestCheckins(db, practiceId);
  return rows
    .filter((r) => r.latest !== null)
    .map(({ target, latest }) => ({
      targetId: target.target_id,
      title: target.title,
      period: latest!.period,
      status: latest!.status,
      value: latest!.value,
      userIds: target.scope.startsWith('therapist:')
        ? [target.owner_user_id]
        : [...new Set([target.owner_user_id, ...target.followers])],
    }));
};
