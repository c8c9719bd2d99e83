import { createHash } from 'node:crypto';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { dataVersion } from '../../store/import-history.repository.js';
import {
  beginRollupRebuild,
  finishRollupRebuild,
  rollupState,
} from '../../store/rollup.repository.js';
import { buildClientSpells } from './build-client-spells.js';
import { buildClocks } from './build-clocks.js';
import { buildDayParts, rolledParts } from './build-day-parts.js';
import { buildPresence } from './build-presence.js';
import { buildTherapistDays } from './build-therapist-days.js';

/** Bumped whenever what the rollups hold or mean changes: older rollups are then rebuilt. */
const FORMAT = '2';

/**
 * The version rollups built now would carry: data version, the settings they depend on (zone,
 * active window, what makes a client new), format.
 */
export async function currentRollupVersion(db: Db, practice: Practice): Promise<string> {
  const parts = [...rolledParts().values()].flatMap((r) => r.map((p) => p.sig)).sort();
  const catalog = createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 12);
  return [
    FORMAT,
    catalog,
    await dataVersion(db, practice.practice_id),
    practice.timezone,
    practice.active_window_days,
    practice.new_client_by,
  ].join('|');
}

/** The time zone of the practice's rollups when they match its data now, else null. */
export async function freshRollupZone(db: Db, practice: Practice): Promise<string | null> {
  const [state, version] = await Promise.all([
    rollupState(db, practice.practice_id),
    currentRollupVersion(db, practice),
  ]);
  return state?.version === version ? state.timezone : null;
}

export type RollupStep = 'day parts' | 'therapist days' | 'clocks' | 'client spells' | 'presence';

const inFlight = new WeakMap<Db, Map<string, Promise<string>>>();
/** Per store and practice: when this process last finished a rebuild, and how long it took. */
const lastBuilt = new WeakMap<Db, Map<string, { at: number; ms: number }>>();

/** A read waits at least this long after a rebuild before causing another one. */
export const REBUILD_COOLDOWN_MS = 5_000;
/** ...and at least this many times the last rebuild's duration (its share of the write lock). */
const COOLDOWN_FACTOR = 4;

/**
 * Rebuilds the practice's rollups from its records in one transaction unless they are already
 * current, and returns their time zone. Concurrent calls in this process share one rebuild.
 */
export async function refreshRollups(
  db: Db,
  practice: Practice,
  onStep?: (step: RollupStep) => void,
): Promise<string> {
  const zone = await freshRollupZone(db, practice);
  if (zone !== null) return zone;
  const running = inFlight.get(db) ?? new Map<string, Promise<string>>();
  inFlight.set(db, running);
  const pending = running.get(practice.practice_id);
  if (pending) return pending;
  const started = Date.now();
  const job = rebuild(db, practice, onStep)
    .then((z) => {
      const built = lastBuilt.get(db) ?? new Map<string, { at: number; ms: number }>();
      lastBuilt.set(
        db,
        built.set(practice.practice_id, { at: Date.now(), ms: Date.now() - started }),
      );
      return z;
    })
    .finally(() => running.delete(practice.practice_id));
  running.set(practice.practice_id, job);
  return job;
}

/**
 * The rollups a KPI read may use: their zone when current, else null (read the records, which
 * are exact). While records keep arriving (pushes), rebuilding on every read would hold the
 * write lock most of the time and starve the writers, so a read rebuilds only when no rebuild
 * is running and the last one finished at least REBUILD_COOLDOWN_MS (and four of its own
 * durations) ago; every other read of stale rollups computes from the records. Stale figures
 * are never served.
 */
export async function rollupsForRead(db: Db, practice: Practice): Promise<string | null> {
  const zone = await freshRollupZone(db, practice);
  if (zone !== null) return zone;
  if (inFlight.get(db)?.has(practice.practice_id)) return null;
  const last = lastBuilt.get(db)?.get(practice.practice_id);
  if (last && Date.now() - last.at < Math.max(REBUILD_COOLDOWN_MS, COOLDOWN_FACTOR * last.ms)) {
    return null;
  }
  return refreshRollups(db, practice);
}

async function rebuild(db: Db, practice: Practice, onStep?: (step: RollupStep) => void) {
  const pid = practice.practice_id;
  await db.transaction().execute(async (trx) => {
    // The version is taken before the records are read: a write committed while the rollups
    // are built (PostgreSQL reads each statement afresh) then leaves them marked stale.
    const version = await currentRollupVersion(trx, practice);
    await beginRollupRebuild(trx, pid, practice.timezone);
    onStep?.('day parts');
    await buildDayParts(trx, practice);
    onStep?.('therapist days');
    await buildTherapistDays(trx, practice);
    onStep?.('clocks');
    await buildClocks(trx, pid);
    onStep?.('client spells');
    await buildClientSpells(trx, practice);
    onStep?.('presence');
    await buildPresence(trx, practice);
    await finishRollupRebuild(trx, pid, version);
  });
  return practice.timezone;
}
