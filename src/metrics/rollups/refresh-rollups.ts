import { createHash } from 'node:crypto';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { dataVersion } from '../../store/import-history.repository.js';
import {
  clearRollupMarks,
  countRollupMarks,
  readRollupMarks,
} from '../../store/rollup-marks.repository.js';
import {
  beginRollupRebuild,
  deletePresenceOf,
  deleteRollupDays,
  deleteRollupRowsOf,
  finishRollupRebuild,
  finishRollupRefresh,
  lockRollupState,
  rollupState,
} from '../../store/rollup.repository.js';
import { buildClientSpells } from './build-client-spells.js';
import { buildClocks } from './build-clocks.js';
import { buildDayParts, rolledParts } from './build-day-parts.js';
import { buildEpisodes } from './build-episodes.js';
import { buildPresence } from './build-presence.js';
import { buildTherapistDays } from './build-therapist-days.js';
import { byType, monthDays, scopeOfMarks, type RollupScope } from './rollup-scope.js';

/** Bumped whenever what the rollups hold or mean changes: older rollups are then rebuilt. */
const FORMAT = '5';

/**
 * The version rollups built now would carry: data version, the settings they depend on (zone,
 * active window, what makes a client new), format.
 */
export async function currentRollupVersion(db: Db, practice: Practice): Promise<string> {
  const parts = [...rolledParts().values()].flatMap((r) => r.map((p) => p.sig)).sort();
  const catalog = createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 12);
  return [
    FORMAT, // the data version must stay at index DATA_PART

    catalog,
    await dataVersion(db, practice.practice_id),
    practice.timezone,
    practice.active_window_days,
    practice.new_client_by,
  ].join('|');
}

/** Where the data version sits in a rollup version. */
const DATA_PART = 2;

/**
 * Whether rollups of version `built` differ from the `current` version only by the data they
 * were built from (same format, catalog, zone, active window, new-client rule): then the
 * marks of the writes since say what to rebuild.
 */
export function onlyDataChanged(built: string, current: string): boolean {
  const [a, b] = [built.split('|'), current.split('|')];
  return a.length === b.length && a.every((p, i) => i === DATA_PART || p === b[i]);
}

/** The time zone of the practice's rollups when they match its data now, else null. */
export async function freshRollupZone(db: Db, practice: Practice): Promise<string | null> {
  const [state, version] = await Promise.all([
    rollupState(db, practice.practice_id),
    currentRollupVersion(db, practice),
  ]);
  return state?.version === version ? state.timezone : null;
}

export type RollupStep =
  | 'changed records'
  | 'day parts'
  | 'therapist days'
  | 'clocks'
  | 'client spells'
  | 'episodes'
  | 'presence';

/** More marks than this: a full rebuild is the cheaper refresh. */
export const MAX_INCREMENTAL_MARKS = 20_000;

type Plan = { kind: 'fresh'; zone: string } | { kind: 'incremental' } | { kind: 'full' };

/** What the next refresh of the practice's rollups has to do (read outside any transaction). */
async function planRefresh(db: Db, practice: Practice): Promise<Plan> {
  const [state, version] = await Promise.all([
    rollupState(db, practice.practice_id),
    currentRollupVersion(db, practice),
  ]);
  if (state?.version === version) return { kind: 'fresh', zone: state.timezone };
  if (!state || !onlyDataChanged(state.version, version)) return { kind: 'full' };
  const marks = await countRollupMarks(db, practice.practice_id);
  // No mark at all: the data changed through a path that does not mark (or before marks).
  const usable = marks.n > 0 && !marks.all && marks.n <= MAX_INCREMENTAL_MARKS;
  return usable ? { kind: 'incremental' } : { kind: 'full' };
}

interface Running {
  job: Promise<string>;
  kind: 'incremental' | 'full';
}

const inFlight = new WeakMap<Db, Map<string, Running>>();
/** Per store and practice: when this process last finished a rebuild, and how long it took. */
const lastBuilt = new WeakMap<Db, Map<string, { at: number; ms: number }>>();

/** A read waits at least this long after a full rebuild before causing another one. */
export const REBUILD_COOLDOWN_MS = 5_000;
/** ...and at least this many times the last rebuild's duration (its share of the write lock). */
const COOLDOWN_FACTOR = 4;

/**
 * Brings the practice's rollups up to date unless they are already current, and returns their
 * time zone: incrementally (only what the marks of the writes since name, see `refreshMarked`)
 * when only the data changed and the marks are few, else by rebuilding them from the records.
 * Either runs in one transaction. Concurrent calls in this process share one refresh.
 */
export async function refreshRollups(
  db: Db,
  practice: Practice,
  onStep?: (step: RollupStep) => void,
): Promise<string> {
  const plan = await planRefresh(db, practice);
  if (plan.kind === 'fresh') return plan.zone;
  const running = inFlight.get(db) ?? new Map<string, Running>();
  inFlight.set(db, running);
  const pending = running.get(practice.practice_id);
  if (pending) return pending.job;
  const entry: Running = { job: Promise.resolve(''), kind: plan.kind };
  entry.job = (async () => {
    if (plan.kind === 'incremental') {
      onStep?.('changed records');
      if (await refreshMarked(db, practice)) return practice.timezone;
      entry.kind = 'full';
    }
    const started = Date.now();
    const zone = await rebuildRollups(db, practice, onStep);
    const built = lastBuilt.get(db) ?? new Map<string, { at: number; ms: number }>();
    lastBuilt.set(
      db,
      built.set(practice.practice_id, { at: Date.now(), ms: Date.now() - started }),
    );
    return zone;
  })().finally(() => running.delete(practice.practice_id));
  running.set(practice.practice_id, entry);
  return entry.job;
}

/**
 * The rollups a KPI read may use: their zone when current, else null (read the records, which
 * are exact). Rollups that only the marked writes made stale are refreshed right away (cheap:
 * the marked months, clients, conversations and users only); a read during such a refresh
 * waits for it. A full rebuild, while records keep arriving (pushes), would hold the write lock
 * most of the time and starve the writers, so a read rebuilds only when no rebuild is running
 * and the last one finished at least REBUILD_COOLDOWN_MS (and four of its own durations) ago;
 * every other read of stale rollups computes from the records. Stale figures are never served.
 */
export async function rollupsForRead(db: Db, practice: Practice): Promise<string | null> {
  const plan = await planRefresh(db, practice);
  if (plan.kind === 'fresh') return plan.zone;
  const running = inFlight.get(db)?.get(practice.practice_id);
  if (running) {
    if (running.kind === 'full') return null;
    await running.job.catch(() => undefined);
    return freshRollupZone(db, practice);
  }
  if (plan.kind === 'incremental') return refreshRollups(db, practice);
  const last = lastBuilt.get(db)?.get(practice.practice_id);
  if (last && Date.now() - last.at < Math.max(REBUILD_COOLDOWN_MS, COOLDOWN_FACTOR * last.ms)) {
    return null;
  }
  return refreshRollups(db, practice);
}

/**
 * Refreshes only what the marks name, in one transaction: the state row is locked and read
 * again, the marks read (after the version, so a write committed meanwhile leaves the rollups
 * stale and its marks in place), the named rows deleted and rebuilt by the same builders,
 * scoped; the marks it worked from cleared; the version set. False when a full rebuild is
 * needed after all (settings changed, no mark, an `all` mark, too many marks).
 */
async function refreshMarked(db: Db, practice: Practice): Promise<boolean> {
  const pid = practice.practice_id;
  return db.transaction().execute(async (trx) => {
    const state = await lockRollupState(trx, pid);
    const version = await currentRollupVersion(trx, practice);
    if (state?.version === version) return true;
    if (!state || !onlyDataChanged(state.version, version)) return false;
    const marks = await readRollupMarks(trx, pid);
    if (marks.length === 0 || marks.length > MAX_INCREMENTAL_MARKS) return false;
    if (marks.some((m) => m.kind === 'all')) return false;
    await rebuildScope(trx, practice, await scopeOfMarks(trx, practice, marks));
    await clearRollupMarks(trx, pid, marks);
    await finishRollupRefresh(trx, pid, version);
    return true;
  });
}

/** Deletes the rollup rows the scope names and builds them again from the records. */
async function rebuildScope(db: Db, practice: Practice, scope: RollupScope) {
  const pid = practice.practice_id;
  const days = scope.months.map((m) => monthDays(m, practice.timezone));
  // Day parts (the unknown users' activity rows among them) and therapist days, per month.
  await deleteRollupDays(db, 'rollup_day_parts', pid, days);
  await deleteRollupDays(db, 'rollup_therapist_days', pid, days);
  await buildDayParts(db, practice, scope.months);
  await buildTherapistDays(db, practice, { months: scope.months });
  // A therapist's daily maximum reaches every day of its load.
  await deleteRollupRowsOf(db, ['rollup_therapist_days', 'therapist_id'], pid, scope.therapists);
  await buildTherapistDays(db, practice, { therapists: scope.therapists });
  await deleteRollupRowsOf(db, ['rollup_clocks', 'conversation_id'], pid, scope.conversations);
  await buildClocks(db, pid, scope.conversations);
  // A client's spells and firsts depend on all its sessions: rebuilt per client.
  await deleteRollupRowsOf(db, ['rollup_client_spells', 'client_id'], pid, scope.clients);
  await deleteRollupRowsOf(db, ['rollup_client_firsts', 'client_id'], pid, scope.clients);
  await buildClientSpells(db, practice, scope.clients);
  // A client's episodes depend on all its completed sessions and PHQ-9 / GAD-7 answers.
  await deleteRollupRowsOf(db, ['rollup_episodes', 'client_id'], pid, scope.clients);
  await deleteRollupRowsOf(db, ['rollup_episode_months', 'client_id'], pid, scope.clients);
  await buildEpisodes(db, practice, scope.clients);
  for (const [type, ids] of byType(scope.users)) await deletePresenceOf(db, pid, type, ids);
  await deletePresenceOf(db, pid, 'care', scope.clients);
  await buildPresence(db, practice, scope);
}

/** Rebuilds every rollup of the practice from its records, in one transaction. */
export async function rebuildRollups(
  db: Db,
  practice: Practice,
  onStep?: (step: RollupStep) => void,
): Promise<string> {
  const pid = practice.practice_id;
  await db.transaction().execute(async (trx) => {
    // The version is taken before the records are read: a write committed while the rollups
    // are built (PostgreSQL reads each statement afresh) then leaves them marked stale. The
    // marks are read after it: those of such a write stay for the next refresh.
    const version = await currentRollupVersion(trx, practice);
    await beginRollupRebuild(trx, pid, practice.timezone);
    const marks = await readRollupMarks(trx, pid);
    onStep?.('day parts');
    await buildDayParts(trx, practice);
    onStep?.('therapist days');
    await buildTherapistDays(trx, practice);
    onStep?.('clocks');
    await buildClocks(trx, pid);
    onStep?.('client spells');
    await buildClientSpells(trx, practice);
    onStep?.('episodes');
    await buildEpisodes(trx, practice);
    onStep?.('presence');
    await buildPresence(trx, practice);
    await clearRollupMarks(trx, pid, marks);
    await finishRollupRebuild(trx, pid, version);
  });
  return practice.timezone;
}
