import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>. */

/** The first schema: practices, the ten entities, and the import log. Portable DDL only. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('practices')
    .addColumn('practice_id', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)')
    .addColumn('timezone', 'varchar(64)', (c) => c.notNull())
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    .addColumn('profile', 'varchar(40)', (c) => c.notNull())
    .addColumn('active_window_days', 'integer', (c) => c.notNull())
    .addColumn('late_cancel_notice_hours', 'real', (c) => c.notNull())
    .addColumn('min_sample', 'integer', (c) => c.notNull())
    .addColumn('locale', 'varchar(35)', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('therapists')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('therapist_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(1000)')
    .addColumn('specialties', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('modalities', 'text', (c) => c.notNull())
    .addColumn('max_sessions_per_day', 'integer')
    .addColumn('max_sessions_per_week', 'integer')
    .addColumn('active_from', 'bigint')
    .addColumn('active_to', 'bigint')
    .addPrimaryKeyConstraint('therapists_pk', ['practice_id', 'therapist_id'])
    .execute();

  await db.schema
    .createTable('clients')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('acquisition_channel', 'varchar(1000)')
    .addColumn('discharged_at', 'bigint')
    .addPrimaryKeyConstraint('clients_pk', ['practice_id', 'client_id'])
    .execute();

  await db.schema
    .createTable('availability')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('therapist_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('end_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('availability_pk', ['practice_id', 'therapist_id', 'start_at'])
    .execute();

  await db.schema
    .createTable('slots')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('slot_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('therapist_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('end_at', 'bigint', (c) => c.notNull())
    .addColumn('service', 'varchar(1000)')
    .addPrimaryKeyConstraint('slots_pk', ['practice_id', 'slot_id'])
    .execute();

  await db.schema
    .createTable('appointments')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('appointment_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('therapist_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('scheduled_start', 'bigint', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('source_status', 'varchar(20)', (c) => c.notNull())
    .addColumn('service', 'varchar(1000)')
    .addColumn('requested_at', 'bigint')
    .addColumn('booked_at', 'bigint')
    .addColumn('scheduled_end', 'bigint')
    .addColumn('duration_min', 'real')
    .addColumn('cancelled_at', 'bigint')
    .addColumn('cancelled_by', 'varchar(20)')
    .addColumn('actual_duration_min', 'real')
    .addColumn('slot_id', 'varchar(200)')
    .addColumn('price_minor', 'bigint')
    .addColumn('currency', 'varchar(3)')
    .addPrimaryKeyConstraint('appointments_pk', ['practice_id', 'appointment_id'])
    .execute();

  await db.schema
    .createTable('session_ratings')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('appointment_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('rated_at', 'bigint')
    .addPrimaryKeyConstraint('session_ratings_pk', ['practice_id', 'appointment_id'])
    .execute();

  await db.schema
    .createTable('surveys')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('response_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('responded_at', 'bigint', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('scale_max', 'real', (c) => c.notNull())
    .addColumn('instrument', 'varchar(100)', (c) => c.notNull())
    .addPrimaryKeyConstraint('surveys_pk', ['practice_id', 'response_id'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('message_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('conversation_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('sender', 'varchar(20)', (c) => c.notNull())
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .addColumn('client_id', 'varchar(200)')
    .addColumn('therapist_id', 'varchar(200)')
    .addPrimaryKeyConstraint('messages_pk', ['practice_id', 'message_id'])
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('payment_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    .addColumn('paid_at', 'bigint', (c) => c.notNull())
    .addColumn('appointment_id', 'varchar(200)')
    .addPrimaryKeyConstraint('payments_pk', ['practice_id', 'payment_id'])
    .execute();

  await db.schema
    .createTable('activity')
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('user_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'varchar(1000)', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_pk', [
      'practice_id',
      'user_type',
      'user_id',
      'occurred_at',
      'kind',
    ])
    .execute();

  await db.schema
    .createTable('imports')
    .addColumn('import_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('practice_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('format', 'varchar(40)', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('inserted', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'integer', (c) => c.notNull())
    .addColumn('warnings', 'integer', (c) => c.notNull())
    .addColumn('counts_json', 'text', (c) => c.notNull())
    .addColumn('report_path', 'text')
    .execute();

  const indexes: Array<[string, string, string[]]> = [
    ['appointments_start_idx', 'appointments', ['practice_id', 'scheduled_start']],
    ['appointments_client_idx', 'appointments', ['practice_id', 'client_id', 'scheduled_start']],
    [
      'appointments_therapist_idx',
      'appointments',
      ['practice_id', 'therapist_id', 'scheduled_start'],
    ],
    ['appointments_booked_idx', 'appointments', ['practice_id', 'booked_at']],
    ['availability_start_idx', 'availability', ['practice_id', 'start_at']],
    ['slots_start_idx', 'slots', ['practice_id', 'start_at']],
    ['surveys_time_idx', 'surveys', ['practice_id', 'responded_at']],
    ['messages_conversation_idx', 'messages', ['practice_id', 'conversation_id', 'sent_at']],
    ['payments_time_idx', 'payments', ['practice_id', 'paid_at']],
    ['activity_time_idx', 'activity', ['practice_id', 'occurred_at']],
    ['imports_practice_idx', 'imports', ['practice_id', 'started_at']],
  ];
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'imports',
    'activity',
    'payments',
    'messages',
    'surveys',
    'session_ratings',
    'appointments',
    'slots',
    'availability',
    'clients',
    'therapists',
    'practices',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
