import { KPI_IDS, type KpiMeta } from '../kpi-meta/kpi-meta.types.js';
import type { Condition, KpiCompute, Measure, PartDef } from './catalog.types.js';
import { SOURCES } from './sources.js';
import { SPECIALS } from './specials.js';

/**
 * Checks the computing half of the catalog against the descriptive half and the sources.
 * Returns every problem, each with its path (`catalog.<id>.parts.<part>: ...`); empty = sound.
 */
export function validateCatalog(
  computations: readonly KpiCompute[],
  meta: Partial<Record<string, KpiMeta>>,
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of computations) {
    const at = `catalog.${c.id}`;
    if (seen.has(c.id)) problems.push(`${at}: declared twice`);
    seen.add(c.id);
    if (!(KPI_IDS as readonly string[]).includes(c.id)) problems.push(`${at}: unknown KPI id`);
    const m = meta[c.id];
    if (!m) problems.push(`${at}: no metadata (KPI_META) for this id`);
    else if (m.unit !== c.unit) {
      problems.push(`${at}.unit: is "${c.unit}" but KPI_META says "${m.unit}"`);
    }
    for (const [name, part] of Object.entries(c.parts)) {
      problems.push(...checkPart(part, `${at}.parts.${name}`));
    }
    problems.push(...checkFormula(c, at));
  }
  for (const id of KPI_IDS) {
    if (!seen.has(id)) problems.push(`catalog.${id}: no computation declared`);
    if (!meta[id]) problems.push(`catalog.${id}: no metadata (KPI_META) declared`);
  }
  return problems;
}

function checkFormula(c: KpiCompute, at: string): string[] {
  const out: string[] = [];
  const terms = [
    ...c.numerator.map((t, i) => [t, `numerator[${i}]`] as const),
    ...c.denominator.map((t, i) => [t, `denominator[${i}]`] as const),
  ];
  for (const [t, where] of terms) {
    if (!(t.part in c.parts)) out.push(`${at}.${where}: unknown part "${t.part}"`);
    if (t.factor !== undefined && !Number.isFinite(t.factor)) {
      out.push(`${at}.${where}.factor: not a finite number`);
    }
  }
  if (c.denominator.length === 0) out.push(`${at}.denominator: empty`);
  if (c.n !== undefined && !(c.n in c.parts)) out.push(`${at}.n: unknown part "${c.n}"`);
  if (c.maturingOf !== undefined && !(c.maturingOf in c.parts)) {
    out.push(`${at}.maturingOf: unknown part "${c.maturingOf}"`);
  }
  if (c.unit === 'percent' && c.scale !== 100) out.push(`${at}.scale: a percent needs 100`);
  if (c.unit !== 'percent' && c.scale !== 1) out.push(`${at}.scale: only a percent scales`);
  if (c.interval === 'wilson' && c.unit !== 'percent') {
    out.push(`${at}.interval: a Wilson interval needs a percent KPI`);
  }
  if (c.perCurrency && c.unit !== 'currency') out.push(`${at}.perCurrency: unit is not currency`);
  if (c.unit === 'currency' && !c.perCurrency) out.push(`${at}.unit: currency needs perCurrency`);
  if (!c.emptyReason.trim()) out.push(`${at}.emptyReason: empty`);
  return out;
}

function checkPart(part: PartDef, at: string): string[] {
  if ('special' in part) {
    const s = SPECIALS[part.special];
    if (!s) return [`${at}.special: unknown computation "${part.special}"`];
    return s.outputs.includes(part.output) ? [] : [`${at}.output: unknown output "${part.output}"`];
  }
  const source = SOURCES[part.source];
  if (!source) return [`${at}.source: unknown source "${part.source}"`];
  const out: string[] = [];
  if (part.filter) out.push(...checkCondition(part.filter, source.columns, `${at}.filter`));
  if (part.agg === 'count') {
    if (part.measure) out.push(`${at}.measure: a count takes no measure`);
  } else if (!part.measure) {
    out.push(`${at}.measure: missing for ${part.agg}`);
  } else {
    out.push(...checkMeasure(part.measure, source.columns, source.exprs, at));
  }
  return out;
}

function checkMeasure(
  m: Measure,
  columns: Record<string, string>,
  exprs: Record<string, string>,
  at: string,
): string[] {
  if ('column' in m)
    return m.column in columns ? [] : [`${at}.measure: unknown column "${m.column}"`];
  return m.expr in exprs ? [] : [`${at}.measure: unknown expression "${m.expr}"`];
}

function checkCondition(c: Condition, columns: Record<string, string>, at: string): string[] {
  if ('all' in c || 'any' in c) {
    const list = 'all' in c ? c.all : c.any;
    if (list.length === 0) return [`${at}: empty condition list`];
    return list.flatMap((x, i) => checkCondition(x, columns, `${at}[${i}]`));
  }
  const out = c.column in columns ? [] : [`${at}: unknown column "${c.column}"`];
  if ('in' in c && c.in.length === 0) out.push(`${at}: empty value list`);
  return out;
}
