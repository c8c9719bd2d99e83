import { z } from 'zod';

/** Where a notification goes: a signed webhook, fixed e-mail addresses, or users' own e-mails. */
export const ZAlertChannel = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('webhook'),
    url: z.url(),
    /** Key of the X-Rapport-Signature HMAC; stored, never shown back by the API. */
    secret: z.string().min(16),
  }),
  z.object({ kind: z.literal('email'), to: z.array(z.email()).min(1) }),
  /** The e-mail of every recipient user (their login when it is an address). */
  z.object({ kind: z.literal('user_email') }),
]);
export type AlertChannel = z.output<typeof ZAlertChannel>;

/** The noise guards every rule shares. */
const guards = {
  /** The condition must hold this many consecutive closed periods before the alert fires. */
  consecutive: z.number().int().min(1).max(12).default(2),
  /** Hysteresis: the figure must be back inside by this much (points/units) before resolving. */
  recovery_margin: z.number().min(0).default(2),
};

const ZScope = z
  .object({
    kind: z.enum(['practice', 'service', 'channel']).default('practice'),
    /** The service or acquisition channel; absent for the practice. */
    key: z.string().min(1).optional(),
  })
  .refine((s) => (s.kind === 'practice') === (s.key === undefined), {
    message: 'a service or channel scope names its key; the practice scope has none',
  });

export const ZAlertCondition = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('kpi_band'),
    /** A KPI id of the catalog (checked against it by the server: the model sits left of metrics). */
    kpi: z.string().min(1),
    scope: ZScope.default({ kind: 'practice' }),
    period: z.enum(['week', 'month']).default('week'),
    /** Fires while the figure sits in this band: below_typical = it left the typical band. */
    band: z
      .enum(['below_typical', 'typical', 'above_average', 'exceptional'])
      .default('below_typical'),
    ...guards,
  }),
  z.object({
    type: z.literal('therapist_over_limit'),
    /** Fires for a week in which the therapist was over their own daily limit on ≥ days days. */
    days: z.number().int().min(1).max(7).default(2),
    ...guards,
  }),
  z.object({
    type: z.literal('data_stale'),
    /** Fires when no import or push finished for this many days. */
    days: z.number().int().min(1).max(365).default(7),
    ...guards,
    /** The N days are the guard: judged on every run, at most one fire and one resolve a day. */
    consecutive: z.literal(1).default(1),
  }),
  z.object({
    type: z.literal('target_off_track'),
    ...guards,
  }),
]);
export type AlertCondition = z.output<typeof ZAlertCondition>;

/** A new rule as the API and CLI take it. */
export const ZNewAlertRule = z
  .object({
    name: z.string().min(1).max(200),
    condition: ZAlertCondition,
    /** User ids told of every state change (plus, for therapist_over_limit, the therapist). */
    recipients: z.array(z.string().min(1)).default([]),
    channels: z.array(ZAlertChannel).min(1),
  })
  .meta({ id: 'NewAlertRule' });
export type NewAlertRule = z.input<typeof ZNewAlertRule>;

export interface AlertRule extends z.output<typeof ZNewAlertRule> {
  rule_id: string;
  practice_id: string;
  created_at: number;
}

export const ALERT_TRANSITIONS = ['fire', 'resolve'] as const;
export type AlertTransition = (typeof ALERT_TRANSITIONS)[number];

/**
 * The JSON body of a webhook (and the content of an e-mail): one state change of one rule for
 * one subject. The text speaks of the subject alone; it never compares therapists.
 */
export const ZAlertNotification = z
  .object({
    event_id: z.string(),
    practice_id: z.string(),
    rule_id: z.string(),
    rule_name: z.string(),
    type: z.enum(['kpi_band', 'therapist_over_limit', 'data_stale', 'target_off_track']),
    subject: z.string().describe('practice, service:KEY, channel:KEY, therapist:ID or target:ID'),
    period: z.string().describe('the period judged: 2026-W47, 2026-11 or a day 2026-11-30'),
    transition: z.enum(ALERT_TRANSITIONS).describe('fire: the condition began; resolve: it ended'),
    value: z.number().nullable().describe('the figure of that period, when there is one'),
    text: z.string().describe('one plain sentence saying what changed'),
  })
  .meta({ id: 'AlertNotification' });
export type AlertNotification = z.output<typeof ZAlertNotification>;
