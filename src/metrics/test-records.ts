import { after, before, describe, it } from 'node:test';
import type { DialectName } from '../store/dialect.js';
import { DIALECTS, dialectSkipReason, freshStore, type TestStore } from '../store/test-dialects.js';
import type { Insertable } from 'kysely';

import type { Db } from '../store/database.js';
import type { Database } from '../store/tables.js';
import { randomUUID } from 'node:crypto';
import { recordImport } from '../store/import-log.js';
import { ROLLUP_TABLES } from '../store/rollup.repository.js';
import { markAllRollups } from '../store/rollup-marks.repository.js';

/** Test helper: full table rows with defaults, inserted straight into the store (no ingest). */
export const PID = 'p';
const at = (iso: string | number) => (typeof iso === 'number' ? iso : Date.parse(iso));

let seq = 0;
const next = (prefix: string) => `${prefix}${++seq}`;

export const appointment = (
  o: Partial<Insertable<Database['appointments']>> & { start: string | number },
): Insertable<Database['appointments']> => {
  const { start, ...rest } = o;
  const status = rest.status ?? 'completed';
  return {
    practice_id: PID,
    appointment_id: next('a'),
    client_id: 'c1',
    therapist_id: 't1',
    scheduled_start: at(start),
    status,
    source_status: status,
    service: null,
    requested_at: null,
    booked_at: null,
    scheduled_end: null,
    duration_min: null,
    cancelled_at: null,
    cancelled_by: null,
    actual_duration_min: null,
    slot_id: null,
    price_minor: null,
    currency: null,
    ...rest,
  };
};

export const client = (id: string, created: string, more: Partial<Database['clients']> = {}) => ({
  practice_id: PID,
  client_id: id,
  created_at: at(created),
  acquisition_channel: null,
  discharged_at: null,
  ...more,
});

export const therapist = (id: string, more: Partial<Database['therapists']> = {}) => ({
  practice_id: PID,
  therapist_id: id,
  display_name: null,
  specialties: '',
  languages: '',
  modalities: '',
  max_sessions_per_day: null,
  max_sessions_per_week: null,
  active_from: null,
  active_to: null,
  ...more,
});

export const survey = (
  clientId: string,
  when: string | number,
  score: number,
  scaleMax = 5,
  instrument = 'csat',
) => ({
  practice_id: PID,
  response_id: next('r'),
  client_id: clientId,
  responded_at: at(when),
  score,
  scale_max: scaleMax,
  instrument,
});

export const message = (
  conv: string,
  sender: 'client' | 'therapist',
  when: string,
  therapistId = 't1',
) => ({
  practice_id: PID,
  message_id: next('m'),
  conversation_id: conv,
  sender,
  sent_at: at(when),
  client_id: 'c1',
  therapist_id: therapistId,
});

export const payment = (
  clientId: string,
  when: string | number,
  amountMinor: number,
  currency = 'USD',
  appointmentId: string | null = null,
) => ({
  practice_id: PID,
  payment_id: next('pay'),
  client_id: clientId,
  amount_minor: amountMinor,
  currency,
  paid_at: at(when),
  appointment_id: appointmentId,
});

export const availability = (therapistId: string, start: string, end: string) => ({
  practice_id: PID,
  therapist_id: therapistId,
  start_at: at(start),
  end_at: at(end),
});

export const slot = (id: string, therapistId: string, start: string, minutes = 50) => ({
  practice_id: PID,
  slot_id: id,
  therapist_id: therapistId,
  start_at: at(start),
  end_at: at(start) + minutes * 60_000,
  service: null,
});

export const activity = (
  userType: 'client' | 'therapist',
  userId: string,
  when: string,
  kind = 'login',
) => ({
  practice_id: PID,
  user_type: userType,
  user_id: userId,
  occurred_at: at(when),
  kind,
});

/** Inserts rows in chunks (SQLite's parameter limit). */
export async function insert<T extends keyof Database>(
  db: Db,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto(table as 'clients')
      .values(rows.slice(i, i + 200) as unknown as Insertable<Database['clients']>[])
      .execute();
  }
  // Like every write path of the product, a write is logged (the data version moves on) and
  // marks the rollups: it bypasses the product's marker, so it asks for a full rebuild.
  const now = Date.now();
  const practices = new Set(rows.map((r) => (r as { practice_id?: string }).practice_id ?? PID));
  for (const practice_id of practices) {
    await recordImport(db, {
      import_id: randomUUID(),
      practice_id,
      source: `test insert into ${table}`,
      format: 'test',
      started_at: now,
      finished_at: now,
      status: 'ok',
      files: [],
      warnings: 0,
      report_path: null,
    });
    await markAllRollups(db, practice_id);
  }
}

/** ISO instant `minutes` after `iso`. */
export const plus = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/**
 * Runs each case on every dialect (PostgreSQL skipped with a notice if absent): one fresh store
 * per dialect and suite, emptied before each case.
 */
export function onEveryDialect(
  name: string,
  cases: Record<string, (db: Db) => Promise<void>>,
): void {
  for (const dialect of DIALECTS) {
    describe(`${name} on ${dialect}`, async () => {
      const skip = await dialectSkipReason(dialect);
      let store: TestStore | undefined;
      before(async () => {
        if (!skip) store = await retryFreshStore(dialect);
      });
      after(async () => store?.drop());
      for (const [title, body] of Object.entries(cases)) {
        it(title, { skip: skip ?? false }, async () => {
          for (const table of TABLES) await store!.db.deleteFrom(table).execute();
          await body(store!.db);
        });
      }
    });
  }
}

const TABLES = [
  'imports',
  'rollup_state',
  'rollup_marks',
  ...ROLLUP_TABLES,
  'therapists',
  'clients',
  'availability',
  'slots',
  'appointments',
  'session_ratings',
  'surveys',
  'messages',
  'payments',
  'activity',
  'practices',
] as const;

/**
 * freshStore, retried: Kysely's migration-lock check sees another test file's schema on the
 * shared PostgreSQL server and can fail while that file runs concurrently.
 */
async function retryFreshStore(dialect: DialectName) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await freshStore(dialect);
    } catch (e) {
      if (attempt >= 60 || !/kysely_migration/.test(String((e as Error).message))) throw e;
      await new Promise((r) => setTimeout(r, 100 + 20 * attempt));
    }
  }
}
