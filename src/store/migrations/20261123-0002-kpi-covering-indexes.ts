import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>. */

/**
 * Covering indexes for the KPI engine's scans: each holds every column its query reads, so the
 * scan walks the index alone (in SQLite no table lookup per row; in PostgreSQL an index-only
 * scan once the table is vacuumed). Portable DDL only.
 */
const INDEXES: Array<[string, string, string[]]> = [
  // Appointments by scheduled_start: completion, cancellations, durations, load, grouping.
  [
    'appointments_kpi_start_idx',
    'appointments',
    [
      'practice_id',
      'scheduled_start',
      'status',
      'cancelled_by',
      'therapist_id',
      'service',
      'client_id',
      'actual_duration_min',
      'scheduled_end',
      'duration_min',
      'appointment_id',
    ],
  ],
  // Ratings joined to their appointment.
  ['session_ratings_kpi_idx', 'session_ratings', ['practice_id', 'appointment_id', 'rating']],
  // Completed sessions per client in time order: client sets, first three sessions.
  [
    'appointments_kpi_client_idx',
    'appointments',
    [
      'practice_id',
      'status',
      'client_id',
      'scheduled_start',
      'therapist_id',
      'service',
      'appointment_id',
    ],
  ],
  // Bookings by booked_at: wait time to book.
  [
    'appointments_kpi_booked_idx',
    'appointments',
    ['practice_id', 'booked_at', 'requested_at', 'therapist_id', 'service', 'client_id'],
  ],
  // Slot use: a completed appointment naming the slot.
  ['appointments_kpi_slot_idx', 'appointments', ['practice_id', 'slot_id', 'status']],
  // Slot use without slot_id: same therapist and start.
  [
    'appointments_kpi_therapist_idx',
    'appointments',
    ['practice_id', 'therapist_id', 'scheduled_start', 'status', 'slot_id'],
  ],
  ['slots_kpi_idx', 'slots', ['practice_id', 'start_at', 'therapist_id', 'service', 'slot_id']],
  [
    'surveys_kpi_idx',
    'surveys',
    ['practice_id', 'responded_at', 'instrument', 'score', 'scale_max', 'client_id'],
  ],
  [
    'payments_kpi_idx',
    'payments',
    ['practice_id', 'paid_at', 'currency', 'amount_minor', 'client_id', 'appointment_id'],
  ],
  ['activity_kpi_idx', 'activity', ['practice_id', 'occurred_at', 'user_type', 'user_id']],
  // Response times: conversations with a client message in the period, then their messages.
  ['messages_kpi_sent_idx', 'messages', ['practice_id', 'sender', 'sent_at', 'conversation_id']],
  [
    'messages_kpi_conversation_idx',
    'messages',
    [
      'practice_id',
      'conversation_id',
      'sent_at',
      'message_id',
      'sender',
      'client_id',
      'therapist_id',
    ],
  ],
];

/** Indexes of the first schema that a covering index above starts with: no longer needed. */
const SUPERSEDED: Array<[string, string, string[]]> = [
  ['appointments_start_idx', 'appointments', ['practice_id', 'scheduled_start']],
  [
    'appointments_therapist_idx',
    'appointments',
    ['practice_id', 'therapist_id', 'scheduled_start'],
  ],
  ['appointments_booked_idx', 'appointments', ['practice_id', 'booked_at']],
  ['slots_start_idx', 'slots', ['practice_id', 'start_at']],
  ['surveys_time_idx', 'surveys', ['practice_id', 'responded_at']],
  ['messages_conversation_idx', 'messages', ['practice_id', 'conversation_id', 'sent_at']],
  ['payments_time_idx', 'payments', ['practice_id', 'paid_at']],
  ['activity_time_idx', 'activity', ['practice_id', 'occurred_at']],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
  for (const [name] of SUPERSEDED) await db.schema.dropIndex(name).ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of SUPERSEDED) {
    await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
  }
  for (const [name] of INDEXES) await db.schema.dropIndex(name).ifExists().execute();
}
