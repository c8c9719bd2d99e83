import { z } from 'zod';

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local day YYYY-MM-DD');

/**
 * What a target measures: the whole practice, one service, one acquisition channel, or one
 * therapist. A therapist scope is only ever a clinician's personal target on their own figures
 * (no individual quotas: an owner or admin cannot set one).
 */
export const ZTargetScope = z
  .string()
  .regex(
    /^(practice|(service|channel|therapist):.+)$/,
    'practice, service:NAME, channel:NAME or therapist:ID',
  )
  .meta({ id: 'TargetScope' });
export type TargetScope = z.infer<typeof ZTargetScope>;

/** The scope split into its dimension and value (`practice` has none). */
export function scopeParts(scope: string): {
  dim: 'practice' | 'service' | 'channel' | 'therapist';
  value: string | null;
} {
  if (scope === 'practice') return { dim: 'practice', value: null };
  const i = scope.indexOf(':');
  return {
    dim: scope.slice(0, i) as 'service' | 'channel' | 'therapist',
    value: scope.slice(i + 1),
  };
}

/** The four kinds of target: from X to Y by a date, stay above, stay below, stay within. */
export const ZTargetKind = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('from_to'), start_value: z.number(), goal: z.number(), due: ZDay }),
    z.object({ type: z.literal('above'), x: z.number() }),
    z.object({ type: z.literal('below'), x: z.number() }),
    z
      .object({ type: z.literal('within'), lo: z.number(), hi: z.number() })
      .refine((k) => k.lo <= k.hi, { message: 'lo must not exceed hi', path: ['hi'] }),
  ])
  .meta({ id: 'TargetKind' });
export type TargetKind = z.infer<typeof ZTargetKind>;

export const CADENCES = ['week', 'month'] as const;
export const ZCadence = z.enum(CADENCES);
export type Cadence = z.infer<typeof ZCadence>;

/** What a person gives to create a target; the rest is set by the store. */
export const ZNewTarget = z
  .object({
    kpi_id: z.string().min(1),
    scope: ZTargetScope.default('practice'),
    kind: ZTargetKind,
    title: z.string().trim().min(1).max(200),
    start_date: ZDay,
    cadence: ZCadence.default('week'),
    notes: z.string().max(5000).nullable().default(null),
    followers: z.array(z.string().min(1)).max(100).default([]),
  })
  .refine((t) => t.kind.type !== 'from_to' || t.kind.due > t.start_date, {
    message: 'the due date must come after the start date',
    path: ['kind', 'due'],
  })
  .meta({ id: 'NewTarget' });
export type NewTarget = z.infer<typeof ZNewTarget>;

/** The fields a PATCH may change (scope and KPI stay: another scope is another target). */
export const ZTargetPatch = z
  .object({
    kind: ZTargetKind,
    title: z.string().trim().min(1).max(200),
    start_date: ZDay,
    cadence: ZCadence,
    notes: z.string().max(5000).nullable(),
    followers: z.array(z.string().min(1)).max(100),
  })
  .partial()
  .meta({ id: 'TargetPatch' });
export type TargetPatch = z.infer<typeof ZTargetPatch>;

export const ZTarget = z
  .object({
    target_id: z.string(),
    practice_id: z.string(),
    kpi_id: z.string(),
    scope: ZTargetScope,
    kind: ZTargetKind,
    title: z.string(),
    owner_user_id: z.string(),
    start_date: ZDay,
    cadence: ZCadence,
    notes: z.string().nullable(),
    followers: z.array(z.string()),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .meta({ id: 'Target' });
export type Target = z.infer<typeof ZTarget>;

export const CHECKIN_STATUSES = ['on_track', 'at_risk', 'off_track', 'not_enough_data'] as const;
export const ZCheckinStatus = z.enum(CHECKIN_STATUSES).meta({ id: 'CheckinStatus' });
export type CheckinStatus = z.infer<typeof ZCheckinStatus>;

/** A person's own view of a check-in: never `not_enough_data`, that is the data's verdict. */
export const ZConfidence = z.enum(['on_track', 'at_risk', 'off_track']).meta({ id: 'Confidence' });
export type Confidence = z.infer<typeof ZConfidence>;

export const ZCheckinNoteInput = z
  .object({
    note: z.string().trim().max(5000).nullable().default(null),
    confidence: ZConfidence.nullable().default(null),
  })
  .refine((n) => n.note !== null || n.confidence !== null, {
    message: 'give a note, a confidence or both',
  })
  .meta({ id: 'CheckinNoteInput' });
export type CheckinNoteInput = z.infer<typeof ZCheckinNoteInput>;

/** One closed period's check-in: the computed figure and status, and any person's note. */
export const ZCheckin = z
  .object({
    target_id: z.string(),
    /** `2026-W05` (ISO week) or `2026-02` (month), in the practice zone. */
    period: z.string(),
    from: ZDay,
    to: ZDay,
    value: z.number().nullable(),
    ci: z.tuple([z.number(), z.number()]).nullable(),
    n: z.number().int(),
    kpi_status: z.string(),
    expected: z.number().nullable(),
    status: ZCheckinStatus,
    data_version: z.string(),
    computed_at: z.number().int(),
    note: z.string().nullable(),
    confidence: ZConfidence.nullable(),
    noted_by: z.string().nullable(),
    noted_at: z.number().int().nullable(),
  })
  .meta({ id: 'Checkin' });
export type Checkin = z.infer<typeof ZCheckin>;
