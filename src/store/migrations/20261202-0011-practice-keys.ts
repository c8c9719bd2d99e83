import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>. */

/**
 * Practice keys (issue 14, "Ready for Citus"): every primary key and unique constraint of a
 * practice's tables leads with `practice_id`, so the tables can be distributed by it and each
 * practice's rows and joins stay on one node. The tables that had no `practice_id` (check-ins,
 * their notes, alert state, delivery attempts) take their parent's; `audit_log` entries of the
 * whole store (no practice) get the practice id '' (no practice id may be empty), because a
 * distribution column cannot be NULL. Look-ups by a presented secret (an API token's or an
 * invite's hash) keep a plain index of their own.
 *
 * A primary key cannot be altered in SQLite, so each table is rebuilt the same way on both
 * dialects with portable DDL: create the new shape, copy every row, drop the old table, rename,
 * index. Rows whose parent is gone (a check-in of a removed target) cannot be given a practice
 * and are left behind; nothing reads them. `down` rebuilds the previous shapes.
 */

type Column = [name: string, type: string, notNull?: 'not null', dflt?: string];

interface Shape {
  columns: Column[];
  primaryKey: [name: string, columns: string[]];
  unique?: Array<[name: string, columns: string[]]>;
  indexes: Array<[name: string, columns: string[]]>;
  /** Expressions to copy a column from the old rows `o` (and `p`, the parent), by name. */
  from?: Record<string, string>;
  /** The parent a new practice_id comes from: `join <table> p on <condition>`. */
  join?: string;
}

const NN = 'not null' as const;
const PRACTICE: Column = ['practice_id', 'varchar(100)', NN];

const IMPORTS: Column[] = [
  ['import_id', 'varchar(64)', NN],
  PRACTICE,
  ['source', 'text', NN],
  ['format', 'varchar(40)', NN],
  ['started_at', 'bigint', NN],
  ['finished_at', 'bigint'],
  ['status', 'varchar(20)', NN],
  ['inserted', 'integer', NN],
  ['updated', 'integer', NN],
  ['unchanged', 'integer', NN],
  ['rejected', 'integer', NN],
  ['warnings', 'integer', NN],
  ['counts_json', 'text', NN],
  ['report_path', 'text'],
];
const API_TOKENS: Column[] = [
  ['token_id', 'varchar(40)', NN],
  PRACTICE,
  ['name', 'varchar(200)'],
  ['token_hash', 'varchar(64)', NN],
  ['created_at', 'bigint', NN],
  ['last_used_at', 'bigint'],
  ['revoked_at', 'bigint'],
  ['scopes', 'varchar(200)', NN, 'records:write'],
  ['expires_at', 'bigint'],
];
const MEMBERSHIPS: Column[] = [
  ['user_id', 'varchar(40)', NN],
  PRACTICE,
  ['role', 'varchar(20)', NN],
  ['therapist_id', 'varchar(200)'],
  ['created_at', 'bigint', NN],
];
const INVITES: Column[] = [
  ['invite_hash', 'varchar(64)', NN],
  ['invite_id', 'varchar(40)', NN],
  PRACTICE,
  ['role', 'varchar(20)', NN],
  ['therapist_id', 'varchar(200)'],
  ['created_by', 'varchar(40)'],
  ['created_at', 'bigint', NN],
  ['expires_at', 'bigint', NN],
  ['used_at', 'bigint'],
  ['used_by', 'varchar(40)'],
];
const auditColumns = (practice: Column): Column[] => [
  ['entry_id', 'varchar(40)', NN],
  ['at', 'bigint', NN],
  practice,
  ['actor', 'varchar(200)', NN],
  ['action', 'varchar(60)', NN],
  ['target', 'varchar(200)'],
  ['details', 'text', NN],
  ['address', 'varchar(100)'],
];
const TARGETS: Column[] = [
  ['target_id', 'varchar(40)', NN],
  PRACTICE,
  ['kpi_id', 'varchar(60)', NN],
  ['scope', 'varchar(300)', NN],
  ['kind_json', 'text', NN],
  ['title', 'varchar(200)', NN],
  ['owner_user_id', 'varchar(40)', NN],
  ['start_date', 'varchar(10)', NN],
  ['cadence', 'varchar(10)', NN],
  ['notes', 'text'],
  ['followers', 'text', NN],
  ['created_at', 'bigint', NN],
  ['updated_at', 'bigint', NN],
];
const CHECKINS: Column[] = [
  ['target_id', 'varchar(40)', NN],
  ['period', 'varchar(10)', NN],
  ['period_from', 'varchar(10)', NN],
  ['period_to', 'varchar(10)', NN],
  ['value', 'double precision'],
  ['ci_lo', 'double precision'],
  ['ci_hi', 'double precision'],
  ['n', 'integer', NN],
  ['kpi_status', 'varchar(20)', NN],
  ['expected', 'double precision'],
  ['status', 'varchar(20)', NN],
  ['data_version', 'varchar(100)', NN],
  ['computed_at', 'bigint', NN],
];
const NOTES: Column[] = [
  ['target_id', 'varchar(40)', NN],
  ['period', 'varchar(10)', NN],
  ['note', 'text'],
  ['confidence', 'varchar(20)'],
  ['noted_by', 'varchar(40)', NN],
  ['noted_at', 'bigint', NN],
];
const ALERT_RULES: Column[] = [
  ['rule_id', 'varchar(40)', NN],
  PRACTICE,
  ['name', 'varchar(200)', NN],
  ['condition_json', 'text', NN],
  ['recipients_json', 'text', NN],
  ['channels_json', 'text', NN],
  ['created_at', 'bigint', NN],
];
const ALERT_STATE: Column[] = [
  ['rule_id', 'varchar(40)', NN],
  ['subject', 'varchar(300)', NN],
  ['state', 'varchar(20)', NN],
  ['streak', 'integer', NN],
  ['last_period', 'varchar(20)'],
  ['last_notified_period', 'varchar(20)'],
  ['updated_at', 'bigint', NN],
  ['judged_json', 'text'],
];
const ALERT_EVENTS: Column[] = [
  ['event_id', 'varchar(40)', NN],
  PRACTICE,
  ['rule_id', 'varchar(40)', NN],
  ['subject', 'varchar(300)', NN],
  ['period', 'varchar(20)', NN],
  ['transition', 'varchar(20)', NN],
  ['payload_json', 'text', NN],
  ['created_at', 'bigint', NN],
];
const DELIVERIES: Column[] = [
  ['delivery_id', 'varchar(40)', NN],
  PRACTICE,
  ['event_id', 'varchar(40)', NN],
  ['channel', 'varchar(20)', NN],
  ['target', 'varchar(500)', NN],
  ['status', 'varchar(20)', NN],
  ['attempts', 'integer', NN],
  ['created_at', 'bigint', NN],
  ['finished_at', 'bigint'],
];
const ATTEMPTS: Column[] = [
  ['delivery_id', 'varchar(40)', NN],
  ['attempt', 'integer', NN],
  ['at', 'bigint', NN],
  ['ok', 'integer', NN],
  ['status_code', 'integer'],
  ['error', 'text'],
];

/** The shapes after this migration. */
const AFTER: Record<string, Shape> = {
  imports: {
    columns: IMPORTS,
    primaryKey: ['imports_practice_pk', ['practice_id', 'import_id']],
    indexes: [['imports_practice_idx', ['practice_id', 'started_at']]],
  },
  api_tokens: {
    columns: API_TOKENS,
    primaryKey: ['api_tokens_practice_pk', ['practice_id', 'token_id']],
    indexes: [
      ['api_tokens_practice_idx', ['practice_id', 'created_at']],
      // A presented token names no practice: found by its hash (256 random bits: unique).
      ['api_tokens_hash_idx', ['token_hash']],
    ],
  },
  memberships: {
    columns: MEMBERSHIPS,
    primaryKey: ['memberships_practice_pk', ['practice_id', 'user_id']],
    indexes: [
      ['memberships_practice_idx', ['practice_id', 'role']],
      // The practices of a user at sign-in.
      ['memberships_user_idx', ['user_id']],
    ],
  },
  invites: {
    columns: INVITES,
    primaryKey: ['invites_practice_pk', ['practice_id', 'invite_id']],
    indexes: [['invites_hash_idx', ['invite_hash']]],
  },
  audit_log: {
    columns: auditColumns(PRACTICE),
    primaryKey: ['audit_log_practice_pk', ['practice_id', 'entry_id']],
    indexes: [['audit_log_practice_idx', ['practice_id', 'at']]],
    from: { practice_id: "coalesce(o.practice_id, '')" },
  },
  targets: {
    columns: TARGETS,
    primaryKey: ['targets_practice_pk', ['practice_id', 'target_id']],
    indexes: [],
  },
  target_checkins: {
    columns: [PRACTICE, ...CHECKINS],
    primaryKey: ['target_checkins_practice_pk', ['practice_id', 'target_id', 'period']],
    indexes: [],
    from: { practice_id: 'p.practice_id' },
    join: 'targets p on p.target_id = o.target_id',
  },
  target_checkin_notes: {
    columns: [PRACTICE, ...NOTES],
    primaryKey: ['target_checkin_notes_practice_pk', ['practice_id', 'target_id', 'period']],
    indexes: [],
    from: { practice_id: 'p.practice_id' },
    join: 'targets p on p.target_id = o.target_id',
  },
  alert_rules: {
    columns: ALERT_RULES,
    primaryKey: ['alert_rules_practice_pk', ['practice_id', 'rule_id']],
    indexes: [],
  },
  alert_state: {
    columns: [PRACTICE, ...ALERT_STATE],
    primaryKey: ['alert_state_practice_pk', ['practice_id', 'rule_id', 'subject']],
    indexes: [],
    from: { practice_id: 'p.practice_id' },
    join: 'alert_rules p on p.rule_id = o.rule_id',
  },
  alert_events: {
    columns: ALERT_EVENTS,
    primaryKey: ['alert_events_practice_pk', ['practice_id', 'event_id']],
    unique: [
      ['alert_events_practice_once', ['practice_id', 'rule_id', 'subject', 'period', 'transition']],
    ],
    indexes: [['alert_events_practice_idx', ['practice_id', 'created_at']]],
  },
  deliveries: {
    columns: DELIVERIES,
    primaryKey: ['deliveries_practice_pk', ['practice_id', 'delivery_id']],
    indexes: [['deliveries_practice_idx', ['practice_id', 'created_at']]],
  },
  delivery_attempts: {
    columns: [PRACTICE, ...ATTEMPTS],
    primaryKey: ['delivery_attempts_practice_pk', ['practice_id', 'delivery_id', 'attempt']],
    indexes: [],
    from: { practice_id: 'p.practice_id' },
    join: 'deliveries p on p.delivery_id = o.delivery_id',
  },
};

/** The shapes of migrations 0001–0008, for `down`. */
const BEFORE: Record<string, Shape> = {
  imports: {
    columns: IMPORTS,
    primaryKey: ['imports_pkey', ['import_id']],
    indexes: [['imports_practice_idx', ['practice_id', 'started_at']]],
  },
  api_tokens: {
    columns: API_TOKENS,
    primaryKey: ['api_tokens_pkey', ['token_id']],
    unique: [['api_tokens_token_hash_key', ['token_hash']]],
    indexes: [['api_tokens_practice_idx', ['practice_id', 'created_at']]],
  },
  memberships: {
    columns: MEMBERSHIPS,
    primaryKey: ['memberships_pk', ['user_id', 'practice_id']],
    indexes: [['memberships_practice_idx', ['practice_id', 'role']]],
  },
  invites: {
    columns: INVITES,
    primaryKey: ['invites_pkey', ['invite_hash']],
    unique: [['invites_invite_id_key', ['invite_id']]],
    indexes: [],
  },
  audit_log: {
    columns: auditColumns(['practice_id', 'varchar(100)']),
    primaryKey: ['audit_log_pkey', ['entry_id']],
    indexes: [['audit_log_practice_idx', ['practice_id', 'at']]],
    from: { practice_id: "nullif(o.practice_id, '')" },
  },
  targets: {
    columns: TARGETS,
    primaryKey: ['targets_pkey', ['target_id']],
    indexes: [['targets_practice_idx', ['practice_id']]],
  },
  target_checkins: {
    columns: CHECKINS,
    primaryKey: ['target_checkins_pk', ['target_id', 'period']],
    indexes: [],
  },
  target_checkin_notes: {
    columns: NOTES,
    primaryKey: ['target_checkin_notes_pk', ['target_id', 'period']],
    indexes: [],
  },
  alert_rules: {
    columns: ALERT_RULES,
    primaryKey: ['alert_rules_pkey', ['rule_id']],
    indexes: [['alert_rules_practice_idx', ['practice_id']]],
  },
  alert_state: {
    columns: ALERT_STATE,
    primaryKey: ['alert_state_pk', ['rule_id', 'subject']],
    indexes: [],
  },
  alert_events: {
    columns: ALERT_EVENTS,
    primaryKey: ['alert_events_pkey', ['event_id']],
    unique: [['alert_events_once', ['rule_id', 'subject', 'period', 'transition']]],
    indexes: [],
  },
  deliveries: {
    columns: DELIVERIES,
    primaryKey: ['deliveries_pkey', ['delivery_id']],
    indexes: [['deliveries_practice_idx', ['practice_id', 'created_at']]],
  },
  delivery_attempts: {
    columns: ATTEMPTS,
    primaryKey: ['delivery_attempts_pk', ['delivery_id', 'attempt']],
    indexes: [],
  },
};

/** Rebuilds `table` in `shape`, every row copied (children of a missing parent excepted). */
async function rebuild(db: Kysely<any>, table: string, shape: Shape): Promise<void> {
  const next = `${table}__rekey`;
  let create = db.schema.createTable(next);
  for (const [name, type, notNull, dflt] of shape.columns) {
    create = create.addColumn(name, sql.raw(type), (c) => {
      const nn = notNull ? c.notNull() : c;
      return dflt === undefined ? nn : nn.defaultTo(dflt);
    });
  }
  create = create.addPrimaryKeyConstraint(shape.primaryKey[0], shape.primaryKey[1] as never);
  for (const [name, columns] of shape.unique ?? []) {
    create = create.addUniqueConstraint(name, columns as never);
  }
  await create.execute();
  const names = shape.columns.map(([name]) => name);
  const values = names.map((n) => shape.from?.[n] ?? `o.${n}`);
  const join = shape.join ? ` join ${shape.join}` : '';
  await sql
    .raw(
      // Every practice's rows at once: marked as such for the test harness's query log.
      `insert into ${next} (${names.join(', ')}) select ${values.join(', ')} from ${table} o${join} /* across practices */`,
    )
    .execute(db);
  await db.schema.dropTable(table).execute();
  await db.schema.alterTable(next).renameTo(table).execute();
  for (const [name, columns] of shape.indexes) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

// Parents before children on the way up (a child reads its parent's practice_id while the
// parent's rows are still there in either shape), the other way on the way down.
const ORDER = Object.keys(AFTER);

/**
 * All of it or nothing: Kysely runs a PostgreSQL migration inside a transaction already, a
 * SQLite one not, so there it gets its own (SQLite's DDL is transactional too). A failure half
 * way through then leaves no table missing or copied twice.
 */
const atomically = (db: Kysely<any>, fn: (db: Kysely<any>) => Promise<void>) =>
  db.isTransaction ? fn(db) : db.transaction().execute(fn);

export async function up(db: Kysely<any>): Promise<void> {
  await atomically(db, async (trx) => {
    for (const table of ORDER) await rebuild(trx, table, AFTER[table]!);
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await atomically(db, async (trx) => {
    for (const table of [...ORDER].reverse()) await rebuild(trx, table, BEFORE[table]!);
  });
}
