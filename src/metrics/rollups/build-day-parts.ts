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
import type { MonthSpan } from './months-with-data.js';
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

/**
 * The earliest start among the source's rows that reach `from` or later (an interval source's
 * row reaches as far as its end), or null when none does. A row starting before `from` but
 * ending after it makes the month holding `from` one with data; otherwise the month of the
 * answer is the next one with data. One indexed MIN per month with data, so a lone record
 * decades before the rest costs one month, not every month in between.
 */
async function nextStart(db: Db, pid: string, source: SourceDef, from: number) {
  const [a, b] =
    'interval' in source.time ? source.time.interval : [source.time.point, source.time.point];
  const { rows } = await sql<{ lo: number | null }>`
    SELECT MIN(${sql.raw(a)}) AS lo FROM ${fragment(source.from, pid)}
    WHERE ${sql.raw(source.practiceColumn)} = ${pid} AND ${sql.raw(b)} >= ${from}`.execute(db);
  const lo = rows[0]?.lo;
  return lo === null || lo === undefined ? null : Number(lo);
}

/** What buildDayParts did: rows written and the source months it read. */
export interface DayPartsBuilt {
  rows: number;
  months: number;
}

/**
 * Fills rollup_day_parts: each additive part of each source per local day of the practice,
 * read month by month through the engine's own grouped source query (so a rolled-up part is
 * exactly the sum the engine would compute over the same days). Only months that hold rows of
 * the source are read: months without any would add nothing. With `months` (an incremental
 * refresh) only those local months are read, every source, by the same code.
 */
export async function buildDayParts(
  db: Db,
  practice: Practice,
  months?: readonly MonthSpan[],
): Promise<DayPartsBuilt> {
  const pid = practice.practice_id;
  const zone = practice.timezone;
  const built: DayPartsBuilt = { rows: 0, months: 0 };
  const fill = async (source: SourceDef, requests: PartRequest[], month: DateTime) => {
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
    built.rows += rows.length;
    built.months++;
    return period.end;
  };
  for (const [name, requests] of rolledParts()) {
    const source = SOURCES[name]!;
    if (months) {
      for (const m of months) await fill(source, requests, DateTime.fromMillis(m.start, { zone }));
      continue;
    }
    let from = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const lo = await nextStart(db, pid, source, from);
      if (lo === null) break;
      from = await fill(
        source,
        requests,
        DateTime.fromMillis(Math.max(lo, from), { zone }).startOf('month'),
      );
    }
  }
  return built;
}
