import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { spawnCli } from '../cli/spawn-cli.js';
import { openStore } from './database.js';
import { dumpTables, tableCounts } from './import-test-helpers.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

const SAMPLE = fileURLToPath(new URL('../../samples/small-practice', import.meta.url));
const SEED = Number(process.env.RAPPORT_FAULT_SEED ?? 16);
const KILLS = 3;

/** A small seeded generator (mulberry32): the kill points are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Snapshot {
  data: string;
  imports: number;
  inserted: number;
}

/** Opens the store afresh (as the next command would), checks it, and sums up its state. */
async function inspect(url: string, dialect: string): Promise<Snapshot> {
  const store = await openStore(url);
  try {
    if (dialect === 'sqlite') {
      const { rows } = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(
        store.db,
      );
      assert.deepEqual(rows, [{ integrity_check: 'ok' }]);
    }
    const data = createHash('sha256')
      .update(JSON.stringify(await dumpTables(store.db)))
      .digest('hex');
    const log = await store.db.selectFrom('imports').select(['inserted']).execute();
    return { data, imports: log.length, inserted: log.reduce((n, r) => n + Number(r.inserted), 0) };
  } finally {
    await store.close();
  }
}

for (const dialect of DIALECTS) {
  describe(`rapport import killed with SIGKILL on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(`leaves the state before or after, never between (seed ${SEED})`, { skip }, async () => {
      const report = join(mkdtempSync(join(tmpdir(), 'rapport-kill-')), 'r.csv');
      const next = random(SEED);
      /** A fresh store, and `rapport import` into it killed after `killAt` ms (none: run to the end). */
      const trial = async (killAt?: number) => {
        const store = await freshStore(dialect);
        await store.close();
        try {
          const args = ['import', SAMPLE, '--db', store.url, '--report', report];
          const started = Date.now();
          const run = spawnCli(args);
          const exited =
            killAt === undefined ||
            (await Promise.race([run.done.then(() => true), sleep(killAt).then(() => false)]));
          if (!exited) run.child.kill('SIGKILL');
          const ended = await run.done;
          const ms = Date.now() - started;
          const state = await inspect(store.url, dialect);
          const rows = Object.values(await rowCounts(store.url)).reduce((a, b) => a + b, 0);
          // The store is usable: a rerun completes.
          const rerun = await spawnCli(args).done;
          assert.equal(rerun.code, 0, rerun.err);
          return { ended, ms, state, rows, after: await inspect(store.url, dialect) };
        } finally {
          await store.drop();
        }
      };
      const calibration = await trial();
      assert.equal(calibration.ended.code, 0, calibration.ended.err);
      const full = calibration.state;
      assert.equal(full.imports, 1);
      assert.equal(full.inserted, calibration.rows, 'the log counts every stored row');
      const points: string[] = [];
      for (let k = 0; k < KILLS; k++) {
        // Anywhere from start-up to the end of a whole run (import, then rollup refresh).
        const at = Math.round((0.25 + 0.8 * next()) * calibration.ms);
        const t = await trial(at);
        const where = `killed at ${at} ms: ${JSON.stringify(t.state)}`;
        if (t.state.imports === 0) {
          // Exactly before: no row, no log entry.
          assert.equal(t.rows, 0, where);
          points.push(`${at} ms: before`);
        } else {
          // Exactly after: all of it, logged once, the log counting what is stored.
          assert.deepEqual(t.state, full, where);
          points.push(`${at} ms: after`);
        }
        assert.equal(t.after.data, full.data, 'the rerun loads everything');
      }
      console.log(`# ${dialect}: one run ${calibration.ms} ms; kills at ${points.join(', ')}`);
    });
  });
}

/** Row counts of the entity tables. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const store = await openStore(url);
  try {
    return await tableCounts(store.db);
  } finally {
    await store.close();
  }
}
