import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import type { AdditivePart, CatalogEntry, Dimension } from '../catalog/catalog.types.js';
import { SOURCES } from '../catalog/sources.js';
import { SPECIALS } from '../catalog/specials.js';
import type { Period } from '../periods/period.js';
import { clientSets } from './client-sets.js';
import { dataEnd } from './data-end.js';
import {
  clientSetGroupsFromRollups,
  clientSetGroupsServe,
} from '../rollups/client-set-groups-from-rollups.js';
import { clientSetsFromRollups } from '../rollups/client-sets-from-rollups.js';
import { readDayParts } from '../rollups/read-day-parts.js';
import { partSig } from './part-sig.js';
import { TOTAL, addPart, type Grouping, type PartValues } from './grouping.js';
import { platformUsage } from './platform-usage.js';
import { responseTimes, type WaitSummary } from './response-times.js';
import type { FilterTerm } from './kpi-filter.js';
import { readSource, sourceFilter, type PartRequest } from './source-query.js';
import { therapistLoad, type TherapistLoadRow } from './therapist-load.js';
import { outcomeSpecial } from '../outcomes/outcome-special.js';

/** Everything the queries returned: part values per group, and the non-additive extras. */
export interface CollectedParts {
  values: PartValues;
  /** Sources and specials that cannot split by the grouping's dimension. */
  unsplittable: Set<string>;
  /** Sources and specials that cannot honour the filter, with the dimension they fail on. */
  unfilterable: Map<string, FilterTerm['dim']>;
  waits: Map<string, WaitSummary>;
  load: Map<string, TherapistLoadRow[]>;
}

const splits = (dims: Partial<Record<Dimension, unknown>> | readonly Dimension[], g: Grouping) =>
  g.kind !== 'dim' || (Array.isArray(dims) ? dims.includes(g.dim) : g.dim in dims);

function merge(into: PartValues, from: PartValues): void {
  for (const [group, parts] of from) {
    for (const [k, v] of parts) addPart(into, group, k, v);
  }
}

/**
 * Runs the queries the entries need: one grouped query per source family for the additive
 * parts, and each named special computation once. A source that cannot split by the grouping's
 * dimension is read ungrouped (its parts then only exist for the total). With current rollups
 * (`rollupZone`: the zone they were built in) the parts they hold are read from them instead.
 * `now` caps the end of the data that cohorts mature against (data-end.ts).
 */
export async function collectParts(
  db: Db,
  practice: Practice,
  entries: CatalogEntry[],
  grouping: Grouping,
  period: Period,
  filters: FilterTerm[] = [],
  rollupZone: string | null = null,
  now = Date.now(),
): Promise<CollectedParts> {
  // Rollups serve a computation when current (rollupZone set); those kept per local day only
  // when the period's zone is the one they were built in, and only unfiltered, undivided.
  const dayZone = rollupZone !== null && rollupZone === period.timezone ? rollupZone : null;
  const byDay = (g: Grouping) => dayZone !== null && g.kind !== 'dim' && filters.length === 0;
  const bySource = new Map<string, Map<string, AdditivePart>>();
  const specials = new Map<string, Set<string>>();
  for (const e of entries) {
    for (const def of Object.values(e.compute.parts)) {
      if ('special' in def) {
        specials.set(def.special, (specials.get(def.special) ?? new Set()).add(def.output));
      } else {
        const m = bySource.get(def.source) ?? new Map<string, AdditivePart>();
        bySource.set(def.source, m.set(partSig(def), def));
      }
    }
  }
  const ungrouped: Grouping = {
    kind: 'none',
    buckets: [{ key: TOTAL, start: period.start, end: period.end }],
  };
  const collected: CollectedParts = {
    values: new Map([[TOTAL, new Map()]]),
    unsplittable: new Set(),
    unfilterable: new Map(),
    waits: new Map(),
    load: new Map(),
  };
  const jobs: Promise<void>[] = [];
  const pid = practice.practice_id;
  for (const [name, parts] of bySource) {
    const source = SOURCES[name]!;
    const unfit = filters.find((t) => !sourceFilter(source, t.dim));
    if (unfit) {
      collected.unfilterable.set(name, unfit.dim);
      continue;
    }
    const ok = splits(source.dims, grouping);
    if (!ok) collected.unsplittable.add(name);
    const g = ok ? grouping : ungrouped;
    const requests: PartRequest[] = [...parts].map(([sig, def]) => ({ sig, def }));
    if (byDay(g) && requests.every((r) => r.def.agg !== 'countDistinct')) {
      const sigs = requests.map((r) => r.sig);
      jobs.push(readDayParts(db, pid, sigs, g, dayZone!).then((v) => merge(collected.values, v)));
      continue;
    }
    jobs.push(
      readSource(db, pid, source, requests, g, period, filters).then((v) =>
        merge(collected.values, v),
      ),
    );
    const distinct = requests.filter((r) => r.def.agg === 'countDistinct');
    if (g.kind !== 'none' && distinct.length > 0) {
      // Distinct counts do not add up across groups: read the total on its own.
      jobs.push(
        readSource(db, pid, source, distinct, ungrouped, period, filters).then((v) => {
          const total = collected.values.get(TOTAL)!;
          for (const [k, val] of v.get(TOTAL) ?? []) total.set(k, val);
        }),
      );
    }
  }
  for (const [name, outputs] of specials) {
    const unfit = filters.find((t) => !SPECIALS[name]!.filters.includes(t.dim));
    if (unfit) {
      collected.unfilterable.set(name, unfit.dim);
      continue;
    }
    const ok = splits(SPECIALS[name]!.dims, grouping);
    if (!ok) collected.unsplittable.add(name);
    const g = ok ? grouping : ungrouped;
    const prefixed = (v: PartValues): PartValues =>
      new Map([...v].map(([k, m]) => [k, new Map([...m].map(([p, x]) => [`${name}.${p}`, x]))]));
    if (name === 'client_sets') {
      const cohorts = ['new_return_matured', 'new_rematch_matured', 'new_first_match_matured'].some(
        (o) => outputs.has(o),
      );
      const sets = (cohorts ? dataEnd(db, pid, now) : Promise.resolve(now)).then((end) =>
        byDay(g)
          ? clientSetsFromRollups(db, pid, g, dayZone!, end)
          : rollupZone !== null && clientSetGroupsServe(g, filters)
            ? clientSetGroupsFromRollups(db, pid, g, filters, outputs, end)
            : clientSets(db, practice, g, outputs, filters, end),
      );
      jobs.push(sets.then((v) => merge(collected.values, prefixed(v))));
    } else if (name === 'response_times') {
      jobs.push(
        responseTimes(db, pid, g, filters, rollupZone !== null).then((r) => {
          merge(collected.values, prefixed(r.parts));
          collected.waits = r.waits;
        }),
      );
    } else if (name === 'platform_usage') {
      jobs.push(
        platformUsage(db, pid, g, period.timezone, byDay(g)).then((v) =>
          merge(collected.values, prefixed(v)),
        ),
      );
    } else if (name === 'outcomes') {
      // Episode rollups serve whole local months, any grouping and filter (ARCHITECTURE, "Outcomes").
      jobs.push(
        outcomeSpecial(db, practice, g, filters, rollupZone).then((v) =>
          merge(collected.values, prefixed(v)),
        ),
      );
    } else if (name === 'therapist_load') {
      jobs.push(
        therapistLoad(db, practice, g, period.timezone, filters, rollupZone).then((r) => {
          merge(collected.values, prefixed(r.parts));
          collected.load = r.perTherapist;
        }),
      );
    }
  }
  await Promise.all(jobs);
  return collected;
}
