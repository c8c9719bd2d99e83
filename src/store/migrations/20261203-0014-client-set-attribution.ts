import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>. */

/**
 * Client sets by therapist, service and channel from the rollups. rollup_client_spells rows
 * become runs: a spell is cut wherever the client's last completed session changes therapist or
 * service, and each run names them (`therapist_id`, `service`), so that a client active at an
 * instant is also attributed there (kpi-spec, "Client-set KPIs per group").
 * rollup_client_firsts names the therapist and service of the first completed session
 * (`first_therapist`, `first_service`), which attribute a new client. Rebuildable copies: the
 * rollup format changes with this migration, so the first read rebuilds them. Portable DDL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, column] of COLUMNS) {
    await db.schema.alterTable(table).addColumn(column, 'varchar(200)').execute();
  }
  // The runs are read by the instants they hold: the index covers the attribution too.
  await db.schema.dropIndex('rollup_client_spells_idx').execute();
  await db.schema
    .createIndex('rollup_client_spells_idx')
    .on('rollup_client_spells')
    .columns([...SPELLS_INDEX, 'therapist_id', 'service'])
    .execute();
}

const SPELLS_INDEX = ['practice_id', 'active_to', 'active_from', 'client_id', 'discharged_at'];

const COLUMNS: [string, string][] = [
  ['rollup_client_spells', 'therapist_id'],
  ['rollup_client_spells', 'service'],
  ['rollup_client_firsts', 'first_therapist'],
  ['rollup_client_firsts', 'first_service'],
];

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rollup_client_spells_idx').execute();
  await db.schema
    .createIndex('rollup_client_spells_idx')
    .on('rollup_client_spells')
    .columns(SPELLS_INDEX)
    .execute();
  for (const [table, column] of COLUMNS) {
    await db.schema.alterTable(table).dropColumn(column).execute();
  }
}
