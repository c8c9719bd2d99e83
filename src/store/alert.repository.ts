import {
  ZAlertChannel,
  ZAlertCondition,
  ZNewAlertRule,
  type AlertRule,
  type AlertTransition,
  type NewAlertRule,
} from '../model/alert-rule.js';
import { z } from 'zod';
import type { Db } from './database.js';
import { ACROSS_PRACTICES } from './practice-tables.js';
import { newId } from './secret-token.js';

const toRule = (r: {
  rule_id: string;
  practice_id: string;
  name: string;
  condition_json: string;
  recipients_json: string;
  channels_json: string;
  created_at: number;
}): AlertRule => ({
  rule_id: r.rule_id,
  practice_id: r.practice_id,
  name: r.name,
  condition: ZAlertCondition.parse(JSON.parse(r.condition_json)),
  recipients: z.array(z.string()).parse(JSON.parse(r.recipients_json)),
  channels: z.array(ZAlertChannel).parse(JSON.parse(r.channels_json)),
  created_at: Number(r.created_at),
});

/** Stores a new rule (validated here too: the store keeps only what the model accepts). */
export async function createAlertRule(
  db: Db,
  practiceId: string,
  input: NewAlertRule,
  now = Date.now(),
): Promise<AlertRule> {
  const rule = ZNewAlertRule.parse(input);
  const row = {
    rule_id: newId('alr_'),
    practice_id: practiceId,
    name: rule.name,
    condition_json: JSON.stringify(rule.condition),
    recipients_json: JSON.stringify(rule.recipients),
    channels_json: JSON.stringify(rule.channels),
    created_at: now,
  };
  await db.insertInto('alert_rules').values(row).execute();
  return toRule(row);
}

export async function listAlertRules(db: Db, practiceId?: string): Promise<AlertRule[]> {
  let q = db.selectFrom('alert_rules').selectAll().orderBy('created_at').orderBy('rule_id');
  // Without a practice: every practice's rules, for one evaluation of the whole store.
  q =
    practiceId === undefined
      ? q.modifyEnd(ACROSS_PRACTICES)
      : q.where('practice_id', '=', practiceId);
  return (await q.execute()).map(toRule);
}

/** Removes a rule and its state; true when it existed. Events and deliveries stay as the log. */
export async function deleteAlertRule(db: Db, practiceId: string, ruleId: string) {
  const res = await db
    .deleteFrom('alert_rules')
    .where('practice_id', '=', practiceId)
    .where('rule_id', '=', ruleId)
    .executeTakeFirst();
  await db
    .deleteFrom('alert_state')
    .where('practice_id', '=', practiceId)
    .where('rule_id', '=', ruleId)
    .execute();
  return Number(res.numDeletedRows) > 0;
}

export interface AlertStateRow {
  state: 'firing' | 'resolved';
  streak: number;
  last_period: string | null;
  last_notified_period: string | null;
  /** The remembered periods as JSON (read and written by metrics/alerts). */
  judged_json: string | null;
}

/** A rule of a practice by its id. */
export type AlertRuleKey = Pick<AlertRule, 'practice_id' | 'rule_id'>;

export async function readAlertState(
  db: Db,
  rule: AlertRuleKey,
  subject: string,
): Promise<AlertStateRow | undefined> {
  const r = await db
    .selectFrom('alert_state')
    .select(['state', 'streak', 'last_period', 'last_notified_period', 'judged_json'])
    .where('practice_id', '=', rule.practice_id)
    .where('rule_id', '=', rule.rule_id)
    .where('subject', '=', subject)
    .executeTakeFirst();
  return (
    r && { ...r, state: r.state === 'firing' ? 'firing' : 'resolved', streak: Number(r.streak) }
  );
}

export async function writeAlertState(
  db: Db,
  rule: AlertRuleKey,
  subject: string,
  s: AlertStateRow,
  now = Date.now(),
): Promise<void> {
  await db
    .insertInto('alert_state')
    .values({
      practice_id: rule.practice_id,
      rule_id: rule.rule_id,
      subject,
      ...s,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['practice_id', 'rule_id', 'subject']).doUpdateSet({ ...s, updated_at: now }),
    )
    .execute();
}

export interface NewAlertEvent {
  practice_id: string;
  rule_id: string;
  subject: string;
  period: string;
  transition: AlertTransition;
  payload: unknown;
}

/**
 * Takes the one notification of a state change: inserts the event under its unique (rule,
 * subject, period, transition) and answers its id, or null when a rerun or another evaluator
 * took it first — the caller then sends nothing.
 */
export async function claimAlertEvent(
  db: Db,
  e: NewAlertEvent,
  now = Date.now(),
): Promise<string | null> {
  const event_id = newId('evt_');
  const res = await db
    .insertInto('alert_events')
    .values({
      event_id,
      practice_id: e.practice_id,
      rule_id: e.rule_id,
      subject: e.subject,
      period: e.period,
      transition: e.transition,
      payload_json: JSON.stringify(e.payload),
      created_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['practice_id', 'rule_id', 'subject', 'period', 'transition']).doNothing(),
    )
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0 ? event_id : null;
}

export interface AlertEventView {
  event_id: string;
  rule_id: string;
  subject: string;
  period: string;
  transition: string;
  payload: unknown;
  created_at: number;
}

/**
 * The events of a practice since `since` (epoch ms), oldest first: one run claims several
 * periods at the same instant, so rule, subject and period order them within it. With `limit`,
 * only the newest `limit` of them (still oldest first).
 */
export async function listAlertEvents(
  db: Db,
  practiceId: string,
  since = 0,
  limit?: number,
): Promise<AlertEventView[]> {
  const base = db
    .selectFrom('alert_events')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('created_at', '>=', since);
  const dir = limit === undefined ? 'asc' : 'desc';
  let q = base
    .orderBy('created_at', dir)
    .orderBy('rule_id', dir)
    .orderBy('subject', dir)
    .orderBy('period', dir)
    .orderBy('event_id', dir);
  if (limit !== undefined) q = q.limit(limit);
  const rows = await q.execute();
  if (limit !== undefined) rows.reverse();
  return rows.map(({ payload_json, practice_id: _, ...r }) => ({
    ...r,
    created_at: Number(r.created_at),
    payload: JSON.parse(payload_json) as unknown,
  }));
}

export async function createDelivery(
  db: Db,
  d: { practice_id: string; event_id: string; channel: string; target: string },
  now = Date.now(),
): Promise<string> {
  const delivery_id = newId('dlv_');
  await db
    .insertInto('deliveries')
    .values({
      ...d,
      delivery_id,
      status: 'pending',
      attempts: 0,
      created_at: now,
      finished_at: null,
    })
    .execute();
  return delivery_id;
}

export async function recordAttempt(
  db: Db,
  practiceId: string,
  deliveryId: string,
  a: { attempt: number; ok: boolean; status_code: number | null; error: string | null },
  now = Date.now(),
): Promise<void> {
  await db
    .insertInto('delivery_attempts')
    .values({
      practice_id: practiceId,
      delivery_id: deliveryId,
      ...a,
      ok: a.ok ? 1 : 0,
      at: now,
    })
    .execute();
  await db
    .updateTable('deliveries')
    .set({ attempts: a.attempt })
    .where('practice_id', '=', practiceId)
    .where('delivery_id', '=', deliveryId)
    .execute();
}

export async function finishDelivery(
  db: Db,
  practiceId: string,
  deliveryId: string,
  status: 'success' | 'failed',
  now = Date.now(),
): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status, finished_at: now })
    .where('practice_id', '=', practiceId)
    .where('delivery_id', '=', deliveryId)
    .execute();
}

export interface DeliveryView {
  delivery_id: string;
  event_id: string;
  channel: string;
  target: string;
  status: string;
  attempts: {
    attempt: number;
    at: number;
    ok: boolean;
    status_code: number | null;
    error: string | null;
  }[];
  created_at: number;
  finished_at: number | null;
}

/** Deliveries of a practice, newest first, each with every attempt in order. */
export async function listDeliveries(db: Db, practiceId: string, limit = 200) {
  const rows = await db
    .selectFrom('deliveries')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .orderBy('created_at', 'desc')
    .orderBy('delivery_id', 'desc')
    .limit(limit)
    .execute();
  const ids = rows.map((r) => r.delivery_id);
  const attempts = ids.length
    ? await db
        .selectFrom('delivery_attempts')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('delivery_id', 'in', ids)
        .orderBy('attempt')
        .execute()
    : [];
  return rows.map((r): DeliveryView => ({
    delivery_id: r.delivery_id,
    event_id: r.event_id,
    channel: r.channel,
    target: r.target,
    status: r.status,
    created_at: Number(r.created_at),
    finished_at: r.finished_at === null ? null : Number(r.finished_at),
    attempts: attempts
      .filter((a) => a.delivery_id === r.delivery_id)
      .map((a) => ({
        attempt: Number(a.attempt),
        at: Number(a.at),
        ok: Number(a.ok) === 1,
        status_code: a.status_code === null ? null : Number(a.status_code),
        error: a.error,
      })),
  }));
}

/** One rule × subject's current state, with the event that put it there (when one was sent). */
export interface AlertStateView {
  rule_id: string;
  subject: string;
  state: 'firing' | 'resolved';
  last_period: string | null;
  since_period: string | null;
  since_at: number | null;
}

/** The state of every subject of a practice's rules, by rule then subject. */
export async function listAlertStates(db: Db, practiceId: string): Promise<AlertStateView[]> {
  const rows = await db
    .selectFrom('alert_state as s')
    .innerJoin('alert_rules as r', (j) =>
      j.onRef('r.practice_id', '=', 's.practice_id').onRef('r.rule_id', '=', 's.rule_id'),
    )
    .leftJoin('alert_events as e', (j) =>
      j
        .onRef('e.practice_id', '=', 's.practice_id')
        .onRef('e.rule_id', '=', 's.rule_id')
        .onRef('e.subject', '=', 's.subject')
        .onRef('e.period', '=', 's.last_notified_period'),
    )
    .select([
      's.rule_id',
      's.subject',
      's.state',
      's.last_period',
      's.last_notified_period',
      'e.transition',
      'e.created_at',
    ])
    .where('s.practice_id', '=', practiceId)
    .orderBy('s.rule_id')
    .orderBy('s.subject')
    .execute();
  const out = new Map<string, AlertStateView>();
  for (const r of rows) {
    const state = r.state === 'firing' ? 'firing' : 'resolved';
    const key = `${r.rule_id}\u0000${r.subject}`;
    // A fire and a resolve may share a period (data_stale judges days): the state's own counts.
    const own = r.transition === (state === 'firing' ? 'fire' : 'resolve');
    if (out.has(key) && !own) continue;
    out.set(key, {
      rule_id: r.rule_id,
      subject: r.subject,
      state,
      last_period: r.last_period,
      since_period: r.last_notified_period,
      since_at: own && r.created_at !== null ? Number(r.created_at) : null,
    });
  }
  return [...out.values()];
}
