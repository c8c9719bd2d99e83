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
import { INITIAL_GUARD } from './noise-guard.js';
import { judgePeriods, ZJudgedPeriods } from './judge-periods.js';
import { storedTargets } from './stored-targets.js';
import type { TargetStatusSource } from './target-status-source.js';

export interface EvaluateOptions {
  now?: number;
  /**
   * Closed periods looked at per run, default 8: new ones are judged, judged ones are judged
   * again when their figure changed.
   */
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
 * yet go through the noise guards in order, after any judged period whose figure changed since
 * (a late import) is judged again (`judgePeriods`); each state change is claimed under its
 * unique key before anything is sent, so a rerun, a restart or a second evaluator never claims
 * it again.
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
  const stored = await readAlertState(db, rule, subject);
  const remembered = ZJudgedPeriods.safeParse(JSON.parse(stored?.judged_json ?? '[]'));
  const run = judgePeriods({
    state: stored ? { state: stored.state, streak: stored.streak } : INITIAL_GUARD,
    lastPeriod: stored?.last_period ?? null,
    judged: remembered.success ? remembered.data : [],
    periods,
    consecutive: rule.condition.consecutive,
    // data_stale judges today on every run (its key is the day); the others each period once.
    again: rule.condition.type === 'data_stale',
  });
  if (!run.touched) return [];
  const out: ClaimedEvent[] = [];
  const linked = await linkedUser(db, rule, periods[0]?.therapistId);
  const byPeriod = new Map(periods.map((p) => [p.period, p]));
  let lastNotified = stored?.last_notified_period ?? null;
  for (const change of run.changes) {
    const keys = [change.period, ...(change.fallback ? [change.fallback] : [])];
    for (const key of [...new Set(keys)]) {
      const p = byPeriod.get(key)!;
      const again = change.reread
        ? ` (Judged again: the figures of ${change.reread} changed.)`
        : '';
      const text = p.text(change.transition) + again;
      const base = {
        practice_id: rule.practice_id,
        rule_id: rule.rule_id,
        rule_name: rule.name,
        type: rule.condition.type,
        subject,
        period: p.period,
        transition: change.transition,
        value: p.value,
        text,
      };
      const eventId = await claimAlertEvent(db, { ...base, payload: base }, now);
      if (eventId === null) continue;
      lastNotified = p.period;
      const userIds = [...new Set([...rule.recipients, ...(linked ? [linked] : [])])];
      out.push({ rule, notification: { event_id: eventId, ...base }, userIds });
      break;
    }
  }
  await writeAlertState(
    db,
    rule,
    subject,
    {
      ...run.state,
      last_period: run.lastPeriod,
      last_notified_period: lastNotified,
      judged_json: JSON.stringify(run.judged),
    },
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
