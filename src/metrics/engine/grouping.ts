import type { Dimension } from '../catalog/catalog.types.js';
import type { Bucket } from '../periods/buckets.js';

/** How one computation splits its rows: not at all, by calendar bucket, or by a dimension. */
export type Grouping =
  | { kind: 'none'; buckets: Bucket[] }
  | { kind: 'time'; buckets: Bucket[] }
  | { kind: 'dim'; dim: Dimension; buckets: Bucket[] };

/** The key of the ungrouped total. */
export const TOTAL = '*';
/** The group key of rows whose dimension value is empty. */
export const NONE_KEY = '(none)';

export const dimKey = (v: unknown): string =>
  v === null || v === undefined || v === '' ? NONE_KEY : String(v);

/** The instants t_0 < … < t_n of consecutive buckets: each bucket's start, then the last end. */
export const boundariesOf = (buckets: readonly Bucket[]): number[] => [
  ...buckets.map((b) => b.start),
  buckets[buckets.length - 1]!.end,
];

/** Per group key (TOTAL for the whole period), the value of each part. */
export type PartValues = Map<string, Map<string, number>>;

export function addPart(values: PartValues, group: string, part: string, v: number): void {
  let g = values.get(group);
  if (!g) values.set(group, (g = new Map()));
  g.set(part, (g.get(part) ?? 0) + v);
}
