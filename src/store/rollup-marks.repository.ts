import { randomInt } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Cell } from '../ingest/table-batches.js';
import type { EntityName } from '../model/entities.js';
import type { Practice } from '../model/practice.js';
import type { Db } from './database.js';
import type { Row } from './entity.repository.js';

/**
 * What a mark says is out of date in the rollups:
 * - `day`: a local day of the practice zone (its day number, as rollup_day_parts keeps it);
 * - `slot` / `appt`: the day of that slot / appointment, looked up when the rollups are refreshed
 *   (a slot counts as used by its appointments, a rating lies on its appointment's day);
 * - `client`: everything kept per client (spells, firsts, days of care);
 * - `therapist`: the therapist's daily load (its daily maximum);
 * - `user`: one user's days of activity (`<user_type>\u001f<user_id>`); `known`: a user that now
 *   has a record, whose activity rows stop counting as unknown users' rows;
 * - `conv`: one conversation's response clocks;
 * - `all`: everything (the next refresh rebuilds the practice's rollups).
 */
export type MarkKind =
  'all' | 'none' | 'day' | 'slot' | 'appt' | 'client' | 'therapist' | 'user' | 'known' | 'conv';

export interface RollupMark {
  kind: MarkKind;
  key: string;
  stamp: number;
}

const DAY = 86_400_000;
/** An interval record spanning more days than this marks everything instead. */
const MAX_DAYS_PER_ROW = 1_000;
/** Marks per multi-row statement (4 parameters each). */
const CHUNK = 2_000;

/**
 * The local day number of an instant in `zone`: floor((instant + UTC offset) / 1 day), the
 * numbering of the rollup tables (metrics/rollups/local-day.ts `dayNumber`, which a test holds
 * this to; the store layer cannot import it).
 */
export function markDay(ms: number, zone: string): number {
  return Math.floor((ms + DateTime.fromMillis(ms, { zone }).offset * 60_000) / DAY);
}

type Get = (column: string) => Cell | undefined;
type Emit = (kind: MarkKind, key: Cell | undefined) => void;

const num = (v: Cell | undefined) => (v === null || v === undefined || v === '' ? null : Number(v));

/**
 * Per entity, the marks one stored position of a record makes (called for the row before and
 * after a write). `day` receives instants.
 */
const MARKERS: Record<
  EntityName,
  (get: Get, emit: Emit, day: (ms: number | null) => void) => void
> = {
  therapists: (get, emit) => {
    emit('therapist', get('therapist_id'));
    emit('user', `therapist\u001f${String(get('therapist_id'))}`);
  },
  clients: (get, emit) => {
    emit('client', get('client_id'));
    emit('user', `client\u001f${String(get('client_id'))}`);
  },
  availability: () => {
    // Interval rows: marked by markInterval below.
  },
  slots: (get, _emit, day) => day(num(get('start_at'))),
  appointments: (get, emit, day) => {
    day(num(get('scheduled_start')));
    day(num(get('booked_at')));
    emit('client', get('client_id'));
    emit('slot', get('slot_id'));
  },
  session_ratings: (get, emit) => emit('appt', get('appointment_id')),
  surveys: (get, emit, day) => {
    day(num(get('responded_at')));
    emit('client', get('client_id'));
  },
  messages: (get, emit) => emit('conv', get('conversation_id')),
  payments: (get, _emit, day) => day(num(get('paid_at'))),
  activity: (get, emit, day) => {
    day(num(get('occurred_at')));
    emit('user', `${String(get('user_type'))}\u001f${String(get('user_id'))}`);
  },
};
/** Whether the practice's rollups were ever built, and whether a full rebuild is already due. */
async function markState(db: Db, practiceId: string) {
  const [state, all] = await Promise.all([
    db
      .selectFrom('rollup_state')
      .select('practice_id')
      .where('practice_id', '=', practiceId)
      .executeTakeFirst(),
    db
      .selectFrom('rollup_marks')
      .select('stamp')
      .where('practice_id', '=', practiceId)
      .where('kind', '=', 'all')
      // One is enough: an import adds an `all` mark per batch, thousands of them.
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { built: state !== undefined, whole: all !== undefined };
}

/**
 * Appends the marks under one new stamp. Insert only, never an upsert: a write then takes no
 * lock on a mark a refresh may be deleting (on PostgreSQL the two would wait on each other).
 */
async function insertMarks(db: Db, practiceId: string, marks: Iterable<[MarkKind, string]>) {
  const stamp = randomInt(2 ** 47);
  const rows = [...marks].map(([kind, key]) => ({
    practice_id: practiceId,
    kind,
    mark_key: key,
    stamp,
  }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('rollup_marks')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

/** Asks for a full rebuild of the practice's rollups on the next refresh (same transaction). */
export async function markAllRollups(db: Db, practiceId: string): Promise<void> {
  await insertMarks(db, practiceId, [['all', '']]);
}

/**
 * Marks what a batch of writes touches, inside the writer's transaction: for each written row
 * (values in the order of `columns`) its stored position before the write (`storedOf`, absent
 * for a new record) and after it (a column the write does not name keeps its stored value).
 * A batch that writes nothing leaves a `none` mark when there is no mark at all, so the refresh
 * knows the data version moved without a change. Before the rollups were ever built, or when a full rebuild is due anyway, one `all` mark is
 * added instead: a full rebuild reading concurrently must not take the write for seen.
 */
export async function markRollupWrites(
  db: Db,
  practice: Practice,
  entity: EntityName,
  columns: readonly string[],
  written: readonly Cell[][],
  storedOf: (values: Cell[]) => Row | undefined,
): Promise<void> {
  const pid = practice.practice_id;
  if (written.length === 0) {
    const any = await db
      .selectFrom('rollup_marks')
      .select('stamp')
      .where('practice_id', '=', pid)
      .limit(1)
      .executeTakeFirst();
    if (!any) await insertMarks(db, pid, [['none', '']]);
    return;
  }
  const { built, whole } = await markState(db, pid);
  if (!built || whole) return markAllRollups(db, pid);
  const zone = practice.timezone;
  const marks = new Map<string, [MarkKind, string]>();
  let all = false;
  const emit: Emit = (kind, key) => {
    if (key === null || key === undefined) return;
    const k = String(key);
    marks.set(`${kind}\u0000${k}`, [kind, k]);
  };
  const day = (ms: number | null) => {
    if (ms !== null && Number.isFinite(ms)) emit('day', markDay(ms, zone));
  };
  const mark = MARKERS[entity];
  const at = new Map(columns.map((c, i) => [c, i]));
  for (const v of written) {
    const s = storedOf(v);
    const now: Get = (c) => {
      const i = at.get(c);
      return i === undefined ? s?.[c] : v[i];
    };
    const positions: Get[] = s ? [(c) => s[c], now] : [now];
    if (!s && (entity === 'clients' || entity === 'therapists')) {
      const id = now(entity === 'clients' ? 'client_id' : 'therapist_id');
      emit('known', `${entity === 'clients' ? 'client' : 'therapist'}\u001f${String(id)}`);
    }
    for (const p of positions) {
      mark(p, emit, day);
      if (entity === 'availability') all ||= !markInterval(p, zone, emit);
    }
  }
  if (all) return markAllRollups(db, pid);
  await insertMarks(db, pid, marks.values());
}

/** Marks the local days an interval row overlaps; false when they are too many to mark. */
function markInterval(get: Get, zone: string, emit: Emit): boolean {
  const [a, b] = [num(get('start_at')), num(get('end_at'))];
  if (a === null || b === null || b <= a) return true;
  const [first, last] = [markDay(a, zone), markDay(b - 1, zone)];
  if (last - first > MAX_DAYS_PER_ROW) return false;
  for (let d = first; d <= last; d++) emit('day', d);
  return true;
}

/**
 * How many marks the practice has (a large number makes a full rebuild the cheaper refresh)
 * and whether one asks for a full rebuild.
 */
export async function countRollupMarks(db: Db, practiceId: string) {
  const row = await db
    .selectFrom('rollup_marks')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('kind', '=', 'all').then(1).else(0).end()).as('all'),
    ])
    .where('practice_id', '=', practiceId)
    .executeTakeFirst();
  return { n: Number(row?.n ?? 0), all: Number(row?.all ?? 0) > 0 };
}

/** The practice's marks. */
export async function readRollupMarks(db: Db, practiceId: string): Promise<RollupMark[]> {
  const rows = await db
    .selectFrom('rollup_marks')
    .select(['kind', 'mark_key', 'stamp'])
    .where('practice_id', '=', practiceId)
    .execute();
  return rows.map((r) => ({ kind: r.kind as MarkKind, key: r.mark_key, stamp: Number(r.stamp) }));
}

/**
 * Removes the marks a refresh read and worked from: every mark of a stamp it read (one marking
 * call's marks commit together, so it read them all). Marks written since carry other stamps.
 */
export async function clearRollupMarks(
  db: Db,
  practiceId: string,
  marks: readonly RollupMark[],
): Promise<void> {
  const stamps = [...new Set(marks.map((m) => m.stamp))];
  for (let i = 0; i < stamps.length; i += CHUNK) {
    await db
      .deleteFrom('rollup_marks')
      .where('practice_id', '=', practiceId)
      .where('stamp', 'in', stamps.slice(i, i + CHUNK))
      .execute();
  }
}
