import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { insertRollupRows } from '../../store/rollup.repository.js';
import type { AdditivePart } from '../catalog/catalog.types.js';
import { SOURCES, type SourceDef } from '../catalog/sources.js';
import { partSig } from '../engine/part-sig.js';
import { readSource, type PartRequest } from '../engine/source-query.js';
import { fragment } from '../engine/sql-fragments.js';
import { bucketsOf } from '../periods/buckets.js';
import { makePeriod } from '../periods/period.js';
import { dayNumber } from './local-day.js';
import { getCatalog } from '../catalog/catalog.js';

/** Every additive part of the catalog that rollups keep, per source (distinct counts are not). */
export function rolledParts(): Map<string, PartRequest[]> {
  const out = new Map<string, Map<string, AdditivePart>>();
  for (const entry of Object.values(getCatalog())) {
    for (const def of Object.values(entry.compute.parts)) {
      if ('special' in def || def.agg === 'countDistinct') continue;
      const m = out.get(def.source) ?? new Map<string, AdditivePart>();
      out.set(def.source, m.set(partSig(def), def));
    }
  }
  return new Map([...out].map(([s, m]) => [s, [...m].map(([sig, def]) => ({ sig, def }))]));
}

/** The first and last instant a source's rows are attributed by, or null when it has none. */
async function sourceRange(db: Db, pid: string, source: SourceDef) {
  const [a, b] =
    'interval' in source.time ? source.time.interval : [source.time.point, source.time.point];
  const { rows } = await sql<{ lo: number | null; hi: number | null }>`
    SELECT MIN(${sql.raw(a)}) AS lo, MAX(${sql.raw(b)}) AS hi FROM ${fragment(source.from, pid)}
    WHERE ${sql.raw(source.practiceColumn)} = ${pid}`.execute(db);
  const r = rows[0];
  return r?.lo === null || r?.lo === undefined ? null : { lo: Number(r.lo), hi: Number(r.hi) };
}

/**
 * Fills rollup_day_parts: each additive part of each source per local day of the practice,
 * read month by month through the engine's own grouped source query (so a rolled-up part is
 * exactly the sum the engine would compute over the same days).
 */
export async function buildDayParts(db: Db, practice: Practice): Promise<number> {
  const pid = practice.practice_id;
  const zone = practice.timezone;
  let written = 0;
  for (const [name, requests] of rolledParts()) {
    const source = SOURCES[name]!;
    const range = await sourceRange(db, pid, source);
    if (!range) continue;
    let month = DateTime.fromMillis(range.lo, { zone }).startOf('month');
    while (month.toMillis() <= range.hi) {
      const next = month.plus({ months: 1 });
      const period = makePeriod(
        month.toFormat('yyyy-MM-dd'),
        next.minus({ days: 1 }).toFormat('yyyy-MM-dd'),
        zone,
      );
      const days = bucketsOf(period, 'day');
      const values = await readSource(
        db,
        pid,
        source,
        requests,
        { kind: 'time', buckets: days },
        period,
      );
      const rows: (string | number)[][] = [];
      for (const d of days) {
        const day = dayNumber(d.start, zone);
        for (const [part, v] of values.get(d.key) ?? []) {
          if (v !== 0) rows.push([pid, day, part, v]);
        }
      }
      await insertRollupRows(db, 'rollup_day_parts', ['practice_id', 'day', 'part', 'value'], rows);
      written += rows.length;
      month = next;
    }
  }
  return written;
}
