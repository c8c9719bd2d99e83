import type { KpiId, KpiMeta, Unit } from '../kpi-meta/kpi-meta.types.js';

/** The groupings a KPI report can be split by: calendar buckets, then dimensions. */
export const GROUP_BY = [
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'therapist',
  'service',
  'channel',
] as const;
export type GroupBy = (typeof GROUP_BY)[number];
export type Dimension = 'therapist' | 'service' | 'channel';

/** A declarative row filter over a source's columns. */
export type Condition =
  | { column: string; in: readonly (string | number)[] }
  | { column: string; isNull: boolean }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] };

/** What a sum adds up: a column of the source or one of its named expressions. */
export type Measure = { column: string } | { expr: string };

/** An additive (or distinct-count) part read from one source table in one grouped query. */
export interface AdditivePart {
  agg: 'count' | 'sum' | 'countDistinct';
  source: string;
  filter?: Condition;
  measure?: Measure;
}

/** A part produced by a named special computation (client sets, response times, ...). */
export interface SpecialPart {
  special: string;
  output: string;
}

export type PartDef = AdditivePart | SpecialPart;

/** One term of a formula: a part times a factor (unit conversion or −1). */
export interface Term {
  part: string;
  factor?: number;
}

/** The computing half of a KPI: its parts and the formula deriving the value from them. */
export interface KpiCompute {
  id: KpiId;
  unit: Unit;
  parts: Record<string, PartDef>;
  /** value = scale × Σ numerator terms / Σ denominator terms. */
  numerator: Term[];
  denominator: Term[];
  scale: number;
  /** The part giving the sample size n (default: the first denominator part). */
  n?: string;
  /** Wilson interval when the numerator counts a subset of the denominator's units. */
  interval: 'wilson' | 'none';
  /** Why the value is null when the denominator is zero. */
  emptyReason: string;
  /** Value in the practice currency (minor units converted), one figure per currency in details. */
  perCurrency?: boolean;
  /** Named extra figures (details) computed beside the value. */
  details?: string;
  /**
   * Dimensions whose groups (and filters) the formula is not meaningful for: clients move
   * between them, so the restricted formula can leave its range (kpi-spec, "Client-set KPIs
   * per group"). Such a group shows no figure, with the reason "not defined per <dim>".
   */
  undefinedPer?: readonly Dimension[];
  /**
   * A cohort KPI whose denominator counts only matured clients: the part counting every
   * client of the period, matured or not. The difference is reported as `maturing`.
   */
  maturingOf?: string;
  /**
   * Small-cell suppression: a group (or the whole) whose denominator is at least 1 and below
   * this shows no figure and no counts, status `suppressed` (outcome KPIs: 5 episodes).
   */
  suppressBelow?: number;
}

/** A catalog entry: the descriptive half (KPI_META) merged with the computing half. */
export type CatalogEntry = KpiMeta & { compute: KpiCompute };
export type Catalog = Record<KpiId, CatalogEntry>;
