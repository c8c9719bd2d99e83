import type { AlertNotification, AlertRule } from '../../model/alert-rule.js';
import {
  claimAlertEvent,
  listAlertRules,
  readAlertState,
  writeAlertState,
} from '../../store/alert.repository.js';
import type { Db } from '../../store/database.js';
import { getPractice } from '../../store/practice.repository.js';
import { observeRule, type SubjectPeriod } from './observe-rule.js';
import { INITIAL_GUARD, stepGuard, type GuardState } from './noise-guard.js';
import { storedTargets } from './stored-targets.js';
import type { TargetStatusSource } from './target-status-source.js';

export interface EvaluateOptions {
  now?: number;
  /** Closed periods looked at per run (the guards skip those already judged). Default 8. */
  lookback?: number;
  targets?: TargetStatusSource;
}

/** A state change this evaluator claimed: it, and only it, sends the notification. */
export interface ClaimedEvent {
  rule: AlertRule;
  notification: AlertNotification;
  /** The users to tell: the rule's recipients and, for a therapist, their own linked user. */
  userIds: string[];
}

/**
 * One evaluation of every rule (of one practice, or all): each subject's periods not judged
 * yet go through the noise guards in order; each state change is claimed under its unique key
 * before anything is sent, so a rerun, a restart or a second evaluator never claims it again.
 */
export async function evaluateAlerts(
  db: Db,
  practiceId: string | undefined,
  opts: EvaluateOptions = {},
): Promise<ClaimedEvent[]> {
  const now = opts.now ?? Date.now();
  const out: ClaimedEvent[] = [];
  for (const rule of await listAlertRules(db, practiceId)) {
    const practice = await getPractice(db, rule.practice_id);
    const lookback = Math.max(opts.lookback ?? 8, rule.condition.consecutive);
    const seen = await observeRule(
      db,
      practice,
      rule.condition,
      now,
      lookback,
      opts.targets ?? storedTargets,
    );
    const bySubject = new Map<string, SubjectPeriod[]>();
    for (const s of seen) bySubject.set(s.subject, [...(bySubject.get(s.subject) ?? []), s]);
    for (const [subject, periods] of bySubject) {
      out.push(...(await evaluateSubject(db, rule, subject, periods, now)));
    }
  }
  return out;
}

async function evaluateSubject(
  db: Db,
  rule: AlertRule,
  subject: string,
  periods: SubjectPeriod[],
  now: number,
): Promise<ClaimedEvent[]> {
  const stored = await readAlertState(db, rule.rule_id, subject);
  let g: GuardState = stored ? { state: stored.state, streak: stored.streak } : INITIAL_GUARD;
  let lastPeriod = stored?.last_period ?? null;
  let lastNotified = stored?.last_notified_period ?? null;
  // data_stale judges today on every run (its key is the day); the others each period once.
  const again = rule.condition.type === 'data_stale';
  const todo = periods
    .filter(
      (p) => lastPeriod === null || p.period > lastPeriod || (again && p.period === lastPeriod),
    )
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  if (todo.length === 0) return [];
  const out: ClaimedEvent[] = [];
  const linked = await linkedUser(db, rule, todo[0]!.therapistId);
  for (const p of todo) {
    const { next, transition } = stepGuard(g, p.obs, rule.condition.consecutive);
    g = next;
    lastPeriod = p.period;
    if (!transition) continue;
    lastNotified = p.period;
    const base = {
      practice_id: rule.practice_id,
      rule_id: rule.rule_id,
      rule_name: rule.name,
      type: rule.condition.type,
      subject,
      period: p.period,
      transition,
      value: p.value,
      text: p.text(transition),
    };
    const eventId = await claimAlertEvent(db, { ...base, payload: base, transition }, now);
    if (eventId === null) continue;
    const userIds = [...new Set([...rule.recipients, ...(linked ? [linked] : [])])];
    out.push({ rule, notification: { event_id: eventId, ...base }, userIds });
  }
  await writeAlertState(
    db,
    rule.rule_id,
    subject,
    { ...g, last_period: lastPeriod, last_notified_period: lastNotified },
    now,
  );
  return out;
}

/** The user linked to the therapist of a therapist_over_limit subject, if any. */
async function linkedUser(db: Db, rule: AlertRule, therapistId: string | undefined) {
  if (rule.condition.type !== 'therapist_over_limit' || therapistId === undefined) return null;
  const m = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('practice_id', '=', rule.practice_id)
    .where('therapist_id', '=', therapistId)
    .executeTakeFirst();
  return m?.user_id ?? null;
}
