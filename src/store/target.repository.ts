import { AppError } from '../model/app-error.js';
import {
  ZTargetKind,
  type Checkin,
  type CheckinNoteInput,
  type Confidence,
  type NewTarget,
  type Target,
  type TargetPatch,
} from '../model/target.js';
import type { Db } from './database.js';
import { newId } from './secret-token.js';
import type { TargetCheckinsTable, TargetsTable } from './target-tables.js';

const toTarget = (r: TargetsTable): Target => ({
  target_id: r.target_id,
  practice_id: r.practice_id,
  kpi_id: r.kpi_id,
  scope: r.scope,
  kind: ZTargetKind.parse(JSON.parse(r.kind_json)),
  title: r.title,
  owner_user_id: r.owner_user_id,
  start_date: r.start_date,
  cadence: r.cadence === 'month' ? 'month' : 'week',
  notes: r.notes,
  followers: r.followers === '' ? [] : r.followers.split(';'),
  created_at: Number(r.created_at),
  updated_at: Number(r.updated_at),
});

/** Stores a new target of the practice, owned by `ownerUserId`. */
export async function createTarget(
  db: Db,
  practiceId: string,
  ownerUserId: string,
  input: NewTarget,
  now = Date.now(),
): Promise<Target> {
  const target: Target = {
    target_id: newId('tgt_'),
    practice_id: practiceId,
    owner_user_id: ownerUserId,
    ...input,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('targets').values(toRow(target)).execute();
  return target;
}

function toRow(t: Target): TargetsTable {
  return {
    target_id: t.target_id,
    practice_id: t.practice_id,
    kpi_id: t.kpi_id,
    scope: t.scope,
    kind_json: JSON.stringify(t.kind),
    title: t.title,
    owner_user_id: t.owner_user_id,
    start_date: t.start_date,
    cadence: t.cadence,
    notes: t.notes,
    followers: t.followers.join(';'),
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
}

/** A target of a practice by its id: how every statement below finds its rows. */
export type TargetKey = Pick<Target, 'practice_id' | 'target_id'>;

export async function findTarget(
  db: Db,
  practiceId: string,
  targetId: string,
): Promise<Target | undefined> {
  const r = await db
    .selectFrom('targets')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('target_id', '=', targetId)
    .executeTakeFirst();
  return r && toTarget(r);
}

/** Every target of the practice, oldest first (visibility is the caller's to filter). */
export async function listTargets(db: Db, practiceId: string): Promise<Target[]> {
  const rows = await db
    .selectFrom('targets')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .orderBy('created_at')
    .orderBy('target_id')
    .execute();
  return rows.map(toTarget);
}

/** Applies a patch; a change of kind, start or cadence drops the computed check-ins (not notes). */
export async function updateTarget(
  db: Db,
  target: Target,
  patch: TargetPatch,
  now = Date.now(),
): Promise<Target> {
  const next: Target = { ...target, ...patch, updated_at: now };
  if (next.kind.type === 'from_to' && next.kind.due <= next.start_date) {
    throw new AppError('BAD_INPUT', 'the due date must come after the start date');
  }
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('targets')
      .set(toRow(next))
      .where('practice_id', '=', target.practice_id)
      .where('target_id', '=', target.target_id)
      .execute();
    if (patch.kind !== undefined || patch.start_date !== undefined || patch.cadence !== undefined) {
      await tx
        .deleteFrom('target_checkins')
        .where('practice_id', '=', target.practice_id)
        .where('target_id', '=', target.target_id)
        .execute();
    }
  });
  return next;
}

/** Removes a target with its check-ins and notes. */
export async function deleteTarget(db: Db, t: TargetKey): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const table of ['target_checkin_notes', 'target_checkins', 'targets'] as const) {
      await tx
        .deleteFrom(table)
        .where('practice_id', '=', t.practice_id)
        .where('target_id', '=', t.target_id)
        .execute();
    }
  });
}

/** A computed check-in as stored (without the person's note). */
export type ComputedCheckin = Omit<Checkin, 'note' | 'confidence' | 'noted_by' | 'noted_at'>;

const toComputed = (r: TargetCheckinsTable): ComputedCheckin => ({
  target_id: r.target_id,
  period: r.period,
  from: r.period_from,
  to: r.period_to,
  value: r.value === null ? null : Number(r.value),
  ci: r.ci_lo === null || r.ci_hi === null ? null : [Number(r.ci_lo), Number(r.ci_hi)],
  n: Number(r.n),
  kpi_status: r.kpi_status,
  expected: r.expected === null ? null : Number(r.expected),
  status: r.status as Checkin['status'],
  data_version: r.data_version,
  computed_at: Number(r.computed_at),
});

/** The stored computed check-ins of a target, in period order. */
export async function storedCheckins(db: Db, t: TargetKey): Promise<ComputedCheckin[]> {
  const rows = await db
    .selectFrom('target_checkins')
    .selectAll()
    .where('practice_id', '=', t.practice_id)
    .where('target_id', '=', t.target_id)
    .orderBy('period')
    .execute();
  return rows.map(toComputed);
}

/**
 * Replaces the target's computed check-ins by `checkins` in one transaction (notes untouched):
 * periods no longer computed are removed, the others written afresh. Idempotent.
 */
export async function replaceCheckins(
  db: Db,
  t: TargetKey,
  checkins: ComputedCheckin[],
): Promise<void> {
  const keep = checkins.map((c) => c.period);
  await db.transaction().execute(async (tx) => {
    let gone = tx
      .deleteFrom('target_checkins')
      .where('practice_id', '=', t.practice_id)
      .where('target_id', '=', t.target_id);
    if (keep.length > 0) gone = gone.where('period', 'not in', keep);
    await gone.execute();
    for (const c of checkins) {
      const row = {
        period_from: c.from,
        period_to: c.to,
        value: c.value,
        ci_lo: c.ci?.[0] ?? null,
        ci_hi: c.ci?.[1] ?? null,
        n: c.n,
        kpi_status: c.kpi_status,
        expected: c.expected,
        status: c.status,
        data_version: c.data_version,
        computed_at: c.computed_at,
      };
      // An upsert, so two readers recomputing at once both succeed with the same rows.
      await tx
        .insertInto('target_checkins')
        .values({ practice_id: t.practice_id, target_id: t.target_id, period: c.period, ...row })
        .onConflict((oc) => oc.columns(['practice_id', 'target_id', 'period']).doUpdateSet(row))
        .execute();
    }
  });
}

export interface CheckinNote {
  period: string;
  note: string | null;
  confidence: Confidence | null;
  noted_by: string;
  noted_at: number;
}

/** The notes of a target by period. */
export async function checkinNotes(db: Db, t: TargetKey): Promise<Map<string, CheckinNote>> {
  const rows = await db
    .selectFrom('target_checkin_notes')
    .selectAll()
    .where('practice_id', '=', t.practice_id)
    .where('target_id', '=', t.target_id)
    .execute();
  return new Map(
    rows.map((r) => [
      r.period,
      {
        period: r.period,
        note: r.note,
        confidence: (r.confidence as Confidence | null) ?? null,
        noted_by: r.noted_by,
        noted_at: Number(r.noted_at),
      },
    ]),
  );
}

/** Sets (replaces) the note and confidence of one period of a target. */
export async function setCheckinNote(
  db: Db,
  t: TargetKey,
  period: string,
  userId: string,
  input: CheckinNoteInput,
  now = Date.now(),
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom('target_checkin_notes')
      .where('practice_id', '=', t.practice_id)
      .where('target_id', '=', t.target_id)
      .where('period', '=', period)
      .execute();
    await tx
      .insertInto('target_checkin_notes')
      .values({
        practice_id: t.practice_id,
        target_id: t.target_id,
        period,
        note: input.note,
        confidence: input.confidence,
        noted_by: userId,
        noted_at: now,
      })
      .execute();
  });
}
