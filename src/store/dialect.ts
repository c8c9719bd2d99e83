import BetterSqlite3 from 'better-sqlite3';
import { PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../model/app-error.js';

/** The one dialect-aware module: turns a database URL into a Kysely dialect. */
export type DialectName = 'sqlite' | 'postgres';

// Epoch milliseconds and counts arrive as BIGINT / NUMERIC: read them as JS numbers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface DialectChoice {
  name: DialectName;
  dialect: Dialect;
  /** A human-readable location without credentials. */
  location: string;
}

export function dialectFor(url: string): DialectChoice {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    return {
      name: 'postgres',
      dialect: new PostgresDialect({ pool }),
      location: url.replace(/\/\/[^@/]*@/, '//'),
    };
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file === '') throw new AppError('USAGE', `database URL "${url}" names no file`);
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(file);
  } catch (e) {
    throw new AppError('BAD_INPUT', `cannot open SQLite database ${file}: ${(e as Error).message}`);
  }
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  return { name: 'sqlite', dialect: new SqliteDialect({ database }), location: file };
}
