import { PROFILES, type Profile } from '../../model/practice.js';
import {
  BAND_LABELS,
  KPI_IDS,
  type BandLabel,
  type BandRule,
  type KpiMeta,
} from './kpi-meta.types.js';

/**
 * The benchmark band of `value` for `profile`, or null when the KPI has no bands for that
 * profile (or the value is not a finite number). Rules are tried in order; a value that
 * matches none is `below_typical`.
 */
export function bandFor(value: number, meta: KpiMeta, profile: Profile): BandLabel | null {
  const bands = meta.bands[profile];
  if (!bands || bands.rules.length === 0 || !Number.isFinite(value)) return null;
  for (const rule of bands.rules) if (matches(value, rule)) return rule.label;
  return 'below_typical';
}

function matches(value: number, rule: BandRule): boolean {
  return (
    (rule.gte === undefined || value >= rule.gte) &&
    (rule.gt === undefined || value > rule.gt) &&
    (rule.lte === undefined || value <= rule.lte) &&
    (rule.lt === undefined || value < rule.lt)
  );
}

/** A rule as an interval on the number line; `index` is its position in the rule list. */
interface Interval {
  index: number;
  lo: number;
  loInc: boolean;
  hi: number;
  hiInc: boolean;
  rank: number;
}

const UNITS = ['percent', 'hours', 'minutes', 'score', 'currency'];
const DIRECTIONS = ['higher', 'lower', 'range'];
const HELP_TEXTS = ['oneLine', 'measures', 'formula', 'misses'] as const;

/**
 * Checks a whole KPI metadata catalog and returns every problem found, each prefixed with its
 * path (`kpi_meta.<id>.bands.<profile>.rules[<i>]: ...`). An empty list means the catalog is
 * sound. Nothing throws: the caller decides whether to fail once with the full list.
 */
export function validateKpiMeta(meta: Record<string, KpiMeta>): string[] {
  const problems: string[] = [];
  for (const id of KPI_IDS) if (!(id in meta)) problems.push(`kpi_meta.${id}: missing`);
  for (const [key, kpi] of Object.entries(meta)) {
    const at = `kpi_meta.${key}`;
    if (!(KPI_IDS as readonly string[]).includes(key)) problems.push(`${at}: unknown KPI id`);
    if (kpi.id !== key) problems.push(`${at}.id: is "${kpi.id}", expected "${key}"`);
    if (!kpi.name?.trim()) problems.push(`${at}.name: empty`);
    if (!UNITS.includes(kpi.unit)) problems.push(`${at}.unit: unknown unit "${kpi.unit}"`);
    if (!DIRECTIONS.includes(kpi.direction)) {
      problems.push(`${at}.direction: unknown direction "${kpi.direction}"`);
    }
    problems.push(...checkTarget(kpi, at), ...checkHelp(kpi, at), ...checkCounterparts(kpi, at));
    for (const [profile, bands] of Object.entries(kpi.bands ?? {})) {
      const bat = `${at}.bands.${profile}`;
      if (!(PROFILES as readonly string[]).includes(profile)) {
        problems.push(`${bat}: unknown profile`);
      }
      if (!bands.source?.trim()) problems.push(`${bat}.source: empty`);
      problems.push(...checkRules(bands.rules ?? [], kpi.direction, bat));
    }
  }
  return problems;
}

function checkTarget(kpi: KpiMeta, at: string): string[] {
  if (!kpi.target)
    return kpi.direction === 'range' ? [`${at}.target: missing for a range KPI`] : [];
  const { min, max } = kpi.target;
  const out: string[] = [];
  if (kpi.direction !== 'range') out.push(`${at}.target: only a range KPI has a target`);
  if (!Number.isFinite(min) || !Number.isFinite(max)) out.push(`${at}.target: not finite`);
  else if (min > max) out.push(`${at}.target: min > max`);
  return out;
}

function checkHelp(kpi: KpiMeta, at: string): string[] {
  const out: string[] = [];
  for (const field of HELP_TEXTS) {
    if (!kpi.help?.[field]?.trim()) out.push(`${at}.help.${field}: empty`);
  }
  for (const half of ['numerator', 'denominator'] as const) {
    if (!kpi.help?.counts?.[half]?.trim()) out.push(`${at}.help.counts.${half}: empty`);
  }
  const differs = kpi.help?.differs;
  if (differs) {
    if (!(KPI_IDS as readonly string[]).includes(differs.from) || differs.from === kpi.id) {
      out.push(`${at}.help.differs.from: not another KPI id ("${differs.from}")`);
    }
    if (!differs.text?.trim()) out.push(`${at}.help.differs.text: empty`);
  }
  const levers = kpi.help?.levers ?? [];
  if (levers.length === 0) out.push(`${at}.help.levers: empty`);
  levers.forEach((lever, i) => {
    if (!lever.trim()) out.push(`${at}.help.levers[${i}]: empty`);
  });
  return out;
}

function checkCounterparts(kpi: KpiMeta, at: string): string[] {
  const out: string[] = [];
  (kpi.counterparts ?? []).forEach((other, i) => {
    if (!(KPI_IDS as readonly string[]).includes(other)) {
      out.push(`${at}.counterparts[${i}]: unknown KPI id "${other}"`);
    } else if (other === kpi.id) {
      out.push(`${at}.counterparts[${i}]: names the KPI itself`);
    }
  });
  return out;
}

function checkRules(rules: BandRule[], direction: string, at: string): string[] {
  const out: string[] = [];
  if (rules.length === 0) out.push(`${at}.rules: empty`);
  const intervals: Interval[] = [];
  rules.forEach((rule, index) => {
    const rat = `${at}.rules[${index}]`;
    const rank = (BAND_LABELS as readonly string[]).indexOf(rule.label);
    if (rank < 0) out.push(`${rat}.label: unknown band label "${rule.label}"`);
    const keys = (['gte', 'gt', 'lte', 'lt'] as const).filter((k) => rule[k] !== undefined);
    if (keys.length === 0) return void out.push(`${rat}: no bound`);
    const bad = keys.filter((k) => !Number.isFinite(rule[k]));
    if (bad.length > 0) return void out.push(...bad.map((k) => `${rat}.${k}: not a finite number`));
    if (keys.includes('gte') && keys.includes('gt'))
      return void out.push(`${rat}: both gte and gt`);
    if (keys.includes('lte') && keys.includes('lt'))
      return void out.push(`${rat}: both lte and lt`);
    const loKey = rule.gte !== undefined ? 'gte' : 'gt';
    const hiKey = rule.lte !== undefined ? 'lte' : 'lt';
    const lo = rule.gte ?? rule.gt ?? -Infinity;
    const hi = rule.lte ?? rule.lt ?? Infinity;
    const loInc = rule.gte !== undefined;
    const hiInc = rule.lte !== undefined;
    if (lo > hi) return void out.push(`${rat}: ${loKey} > ${hiKey}`);
    if (lo === hi && !(loInc && hiInc)) {
      return void out.push(`${rat}: ${loKey} ${lo} and ${hiKey} ${hi} leave no value`);
    }
    intervals.push({ index, lo, loInc, hi, hiInc, rank });
  });
  for (let j = 1; j < intervals.length; j++) {
    for (let i = 0; i < j; i++) {
      const [a, b] = [intervals[i]!, intervals[j]!];
      if (intersect(a, b)) out.push(`${at}.rules[${b.index}]: overlaps rules[${a.index}]`);
    }
  }
  const sorted = [...intervals].sort((a, b) => a.lo - b.lo || Number(b.loInc) - Number(a.loInc));
  for (let k = 1; k < sorted.length; k++) {
    const [a, b] = [sorted[k - 1]!, sorted[k]!];
    if (a.hi < b.lo || (a.hi === b.lo && !a.hiInc && !b.loInc)) {
      out.push(`${at}: gap between rules[${a.index}] and rules[${b.index}] (${a.hi} to ${b.lo})`);
    }
    const wrongWay =
      direction === 'higher' ? b.rank < a.rank : direction === 'lower' && b.rank > a.rank;
    if (wrongWay && a.rank >= 0 && b.rank >= 0) {
      out.push(`${at}.rules[${b.index}]: label order contradicts direction "${direction}"`);
    }
  }
  return out;
}

function intersect(a: Interval, b: Interval): boolean {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  if (lo !== hi) return lo < hi;
  const loInc = (a.lo !== lo || a.loInc) && (b.lo !== lo || b.loInc);
  const hiInc = (a.hi !== hi || a.hiInc) && (b.hi !== hi || b.hiInc);
  return loInc && hiInc;
}
