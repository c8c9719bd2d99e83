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
const FORMAT = '1';

/** The version rollups built now would carry: data version, settings they depend on, format. */
export async function currentRollupVersion(db: Db, practice: Practice): Promise<string> {
  const parts = [...rolledParts().values()].flatMap((r) => r.map((p) => p.sig)).sort();
  const catalog = createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 12);
  return [
    FORMAT,
    catalog,
    await dataVersion(db, practice.practice_id),
    practice.timezone,
    practice.active_window_days,
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
  const job = rebuild(db, practice, onStep).finally(() => running.delete(practice.practice_id));
  running.set(practice.practice_id, job);
  return job;
}

async function rebuild(db: Db, practice: Practice, onStep?: (step: RollupStep) => void) {
  const pid = practice.practice_id;
  await db.transaction().execute(async (trx) => {
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
    await finishRollupRebuild(trx, pid, await currentRollupVersion(trx, practice));
  });
  return practice.timezone;
}
